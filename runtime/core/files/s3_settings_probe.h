#pragma once
#include <memory>
#include <nlohmann/json.hpp>

#include "common/http_client.h"
#include "core/api_error.h"

namespace fastcms::core::files {

/// POST /api/settings/test/s3 with {"filesystem": "storage"|"backups"} (the caller checks
/// that the requester is a superuser): for "storage", writes, reads back and removes a
/// probe file under a random prefix in the bucket the settings `s3` describe. 400 "Failed
/// to test the S3 filesystem." with data.filesystem saying why: a missing or unknown
/// `filesystem`, S3 not enabled in the settings, S3's own error, or "backups" (S3 backups
/// are not supported yet).
ApiStatus probe_s3_settings(const nlohmann::json& settings, const nlohmann::json& body,
                           std::shared_ptr<HttpClient> http);

}  // namespace fastcms::core::files
