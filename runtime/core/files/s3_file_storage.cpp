#include "core/files/s3_file_storage.h"

#include <algorithm>
#include <chrono>

#include "common/aws_sigv4.h"
#include "common/sha256.h"
#include "core/files/s3_xml.h"

namespace fastcms::core::files {

namespace {

struct Endpoint {
  std::string scheme;  ///< "http" or "https"
  std::string host;    ///< with ":port" when given
};

Endpoint split_endpoint(const std::string& endpoint) {
  auto scheme_end = endpoint.find("://");
  std::string scheme = scheme_end == std::string::npos ? "https" : endpoint.substr(0, scheme_end);
  std::string rest = scheme_end == std::string::npos ? endpoint : endpoint.substr(scheme_end + 3);
  if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  return {scheme, rest};
}

Error s3_error(const std::string& operation, std::string_view key, const OutgoingResponse& response) {
  auto codes = xml_values(response.body, "Code");
  auto messages = xml_values(response.body, "Message");
  std::string detail = codes.empty() ? "HTTP " + std::to_string(response.status)
                                     : codes[0] + (messages.empty() ? "" : ": " + messages[0]);
  return Error::failure("S3 " + operation + " " + std::string(key) + " failed (" + detail +
                        "); check the s3 settings (endpoint, bucket, region, access key, secret)");
}

}  // namespace

S3FileStorage::S3FileStorage(S3Options options, std::shared_ptr<HttpClient> http)
    : options_(std::move(options)), http_(std::move(http)) {
  while (!options_.endpoint.empty() && options_.endpoint.back() == '/') options_.endpoint.pop_back();
}

std::string S3FileStorage::url_of(std::string_view key) const {
  Endpoint e = split_endpoint(options_.endpoint);
  std::string path = options_.force_path_style ? "/" + options_.bucket + "/" + std::string(key) : "/" + std::string(key);
  std::string host = options_.force_path_style ? e.host : options_.bucket + "." + e.host;
  return e.scheme + "://" + host + aws::encode_path(path);
}

Result<OutgoingResponse> S3FileStorage::send(const std::string& method, std::string_view key,
                                             const std::vector<std::pair<std::string, std::string>>& query,
                                             std::string_view body) const {
  Endpoint e = split_endpoint(options_.endpoint);
  aws::Request request;
  request.method = method;
  request.host = options_.force_path_style ? e.host : options_.bucket + "." + e.host;
  request.path = options_.force_path_style ? "/" + options_.bucket + "/" + std::string(key) : "/" + std::string(key);
  if (key.empty() && options_.force_path_style) request.path = "/" + options_.bucket;
  request.query = query;
  request.payload_sha256 = sha256_hex(body);
  if (method == "PUT") request.headers = {{"content-type", "application/octet-stream"}};

  OutgoingRequest out;
  out.method = method;
  out.url = e.scheme + "://" + request.host + aws::encode_path(request.path);
  if (!query.empty()) out.url += "?" + form_encode(query);
  out.headers = request.headers;
  for (auto& header : aws::sign(request, {options_.access_key, options_.secret, options_.region, "s3"}, aws::amz_date_now()))
    out.headers.push_back(std::move(header));
  out.body = std::string(body);
  return http_->send(out);
}

Status S3FileStorage::put(std::string_view key, std::string_view content) {
  if (!is_safe_storage_key(key)) return Error::usage("invalid storage key \"" + std::string(key) + "\"");
  auto response = send("PUT", key, {}, content);
  if (!response) return response.error();
  if (response->status != 200) return s3_error("upload of", key, *response);
  return Ok{};
}

Result<std::optional<std::string>> S3FileStorage::get(std::string_view key) const {
  if (!is_safe_storage_key(key)) return Error::usage("invalid storage key \"" + std::string(key) + "\"");
  auto response = send("GET", key, {}, "");
  if (!response) return response.error();
  // A missing object is not an error; a missing bucket is.
  if (response->status == 404 && response->body.find("<Code>NoSuchBucket</Code>") == std::string::npos)
    return std::optional<std::string>();
  if (response->status != 200) return s3_error("download of", key, *response);
  return std::optional<std::string>(std::move(response->body));
}

Status S3FileStorage::remove(std::string_view key) {
  if (!is_safe_storage_key(key)) return Error::usage("invalid storage key \"" + std::string(key) + "\"");
  auto response = send("DELETE", key, {}, "");
  if (!response) return response.error();
  bool missing_object = response->status == 404 && response->body.find("<Code>NoSuchBucket</Code>") == std::string::npos;
  if (response->status != 204 && response->status != 200 && !missing_object) return s3_error("delete of", key, *response);
  return Ok{};
}

Result<std::vector<std::string>> S3FileStorage::list(std::string_view prefix) const {
  if (!is_safe_storage_key(prefix)) return Error::usage("invalid storage key \"" + std::string(prefix) + "\"");
  auto objects = list_objects(prefix);
  if (!objects) return objects.error();
  std::vector<std::string> keys;
  for (auto& object : *objects) keys.push_back(std::move(object.key));
  return keys;
}

Result<std::vector<StoredObject>> S3FileStorage::list_objects(std::string_view prefix) const {
  if (!prefix.empty() && !is_safe_storage_key(prefix))
    return Error::usage("invalid storage key \"" + std::string(prefix) + "\"");
  std::vector<StoredObject> objects;
  std::string token;
  do {
    std::vector<std::pair<std::string, std::string>> query = {{"list-type", "2"}};
    if (!prefix.empty()) query.emplace_back("prefix", std::string(prefix) + "/");
    if (!token.empty()) query.emplace_back("continuation-token", token);
    auto response = send("GET", "", query, "");
    if (!response) return response.error();
    if (response->status != 200) return s3_error("listing of", prefix.empty() ? "the bucket" : prefix, *response);
    auto page = parse_s3_list_page(response->body, std::chrono::system_clock::now());
    for (auto& object : page.objects) objects.push_back(std::move(object));
    token = std::move(page.next_token);
  } while (!token.empty());
  std::sort(objects.begin(), objects.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return objects;
}

Status S3FileStorage::remove_prefix(std::string_view prefix) {
  auto keys = list(prefix);
  if (!keys) return keys.error();
  for (const auto& key : *keys)
    if (auto removed = remove(key); !removed) return removed;
  return Ok{};
}

}  // namespace fastcms::core::files
