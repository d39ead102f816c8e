#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// AWS Signature Version 4 for S3-compatible requests (header-based signing).
namespace fastcms::aws {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Credentials {
  std::string access_key;
  std::string secret_key;
  std::string region = "us-east-1";
  std::string service = "s3";
};

/// What is signed. `path` is the object path as it is (e.g. "/bucket/dir/a b.txt"); each
/// segment is percent-encoded for the canonical URI and the request line alike.
struct Request {
  std::string method;
  std::string host;  ///< with ":port" when not the scheme's default
  std::string path;
  HeaderList query;    ///< decoded names and values
  HeaderList headers;  ///< besides host, x-amz-date and x-amz-content-sha256
  std::string payload_sha256;  ///< hex SHA-256 of the body, or "UNSIGNED-PAYLOAD"
};

/// `path` with every segment percent-encoded (RFC 3986 unreserved kept, "/" kept).
std::string encode_path(std::string_view path);

/// The canonical request text (step 1 of SigV4), exposed for tests and debugging.
std::string canonical_request(const Request& request, std::string_view amz_date);

/// The headers to send with `request` at `amz_date` ("YYYYMMDDTHHMMSSZ", UTC): x-amz-date,
/// x-amz-content-sha256 and Authorization ("AWS4-HMAC-SHA256 Credential=…,
/// SignedHeaders=…, Signature=…"), every header of `request` and host being signed.
HeaderList sign(const Request& request, const Credentials& credentials, std::string_view amz_date);

/// The current UTC time as SigV4 wants it: "YYYYMMDDTHHMMSSZ".
std::string amz_date_now();

}  // namespace fastcms::aws
