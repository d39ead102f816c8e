#pragma once
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/http_client.h"
#include "core/files/file_storage.h"
#include "core/files/s3_file_storage.h"

namespace fastcms::core::files {

/// The storage the settings choose for uploaded files: an S3-compatible bucket when
/// settings `s3.enabled` is true (PocketBase's `s3` object: bucket, region, endpoint,
/// accessKey, secret, forcePathStyle), otherwise the project's `data/storage` folder.
std::shared_ptr<FileStorage> storage_from_settings(const nlohmann::json& settings,
                                                   const std::filesystem::path& project_root,
                                                   std::shared_ptr<HttpClient> http);

/// The S3Options of a PocketBase `s3` settings object (bucket, region, endpoint,
/// accessKey, secret, forcePathStyle; region defaults to us-east-1).
S3Options s3_options_from_settings(const nlohmann::json& s3);

/// Where local storage keeps a project's files: `{root}/data/storage`.
std::filesystem::path local_storage_root(const std::filesystem::path& project_root);

}  // namespace fastcms::core::files
