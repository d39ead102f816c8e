#pragma once
#include <memory>

#include "common/http_client.h"
#include "core/files/file_storage.h"

namespace fastcms::core::files {

/// Where an S3-compatible bucket is and how to sign for it (PocketBase's settings `s3`).
struct S3Options {
  std::string endpoint;  ///< "https://s3.eu-central-1.amazonaws.com", "http://127.0.0.1:9000"
  std::string bucket;
  std::string region = "us-east-1";
  std::string access_key;
  std::string secret;
  /// Path-style URLs ({endpoint}/{bucket}/{key}, MinIO and most self-hosted servers) instead of
  /// virtual-host style ({scheme}://{bucket}.{host}/{key}, AWS's default).
  bool force_path_style = false;
};

/// Files in an S3-compatible bucket over HTTP with SigV4-signed requests (PUT, GET, DELETE
/// and ListObjectsV2). Errors name the operation, the key and S3's own code and message.
class S3FileStorage final : public FileStorage {
 public:
  S3FileStorage(S3Options options, std::shared_ptr<HttpClient> http);

  Status put(std::string_view key, std::string_view content) override;
  Result<std::optional<std::string>> get(std::string_view key) const override;
  Status remove(std::string_view key) override;
  Status remove_prefix(std::string_view prefix) override;
  Result<std::vector<std::string>> list(std::string_view prefix) const override;
  Result<std::vector<StoredObject>> list_objects(std::string_view prefix) const override;

  /// The URL of `key` ("" for the bucket itself) in the configured addressing style.
  std::string url_of(std::string_view key) const;

 private:
  Result<OutgoingResponse> send(const std::string& method, std::string_view key,
                                const std::vector<std::pair<std::string, std::string>>& query,
                                std::string_view body) const;

  S3Options options_;
  std::shared_ptr<HttpClient> http_;
};

}  // namespace fastcms::core::files
