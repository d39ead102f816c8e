#include "common/aws_sigv4.h"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "common/hmac.h"
#include "common/percent_encoding.h"
#include "common/sha256.h"
#include "common/strings.h"

namespace fastcms::aws {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

/// Header values with leading/trailing spaces removed and inner runs of spaces made one.
std::string trimmed_value(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : strings::trim(std::string(value))) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

/// Every header to sign, lower-cased names, sorted.
HeaderList signed_headers(const Request& request, std::string_view amz_date) {
  HeaderList all = {{"host", request.host},
                    {"x-amz-content-sha256", request.payload_sha256},
                    {"x-amz-date", std::string(amz_date)}};
  for (const auto& [name, value] : request.headers) all.emplace_back(lower(name), trimmed_value(value));
  std::sort(all.begin(), all.end());
  return all;
}

std::string signed_header_names(const HeaderList& headers) {
  std::vector<std::string> names;
  for (const auto& h : headers) names.push_back(h.first);
  return strings::join(names, ";");
}

}  // namespace

std::string encode_path(std::string_view path) {
  std::string out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out += percent_encode(path.substr(start, slash - start));
    if (slash < path.size()) out.push_back('/');
    start = slash + 1;
  }
  return out.empty() ? "/" : out;
}

std::string canonical_request(const Request& request, std::string_view amz_date) {
  HeaderList query;
  for (const auto& [name, value] : request.query) query.emplace_back(percent_encode(name), percent_encode(value));
  std::sort(query.begin(), query.end());
  std::vector<std::string> query_parts;
  for (const auto& [name, value] : query) query_parts.push_back(name + "=" + value);

  HeaderList headers = signed_headers(request, amz_date);
  std::string header_block;
  for (const auto& [name, value] : headers) header_block += name + ":" + value + "\n";
  return request.method + "\n" + encode_path(request.path) + "\n" + strings::join(query_parts, "&") + "\n" +
         header_block + "\n" + signed_header_names(headers) + "\n" + request.payload_sha256;
}

HeaderList sign(const Request& request, const Credentials& credentials, std::string_view amz_date) {
  std::string date(amz_date.substr(0, 8));
  std::string scope = date + "/" + credentials.region + "/" + credentials.service + "/aws4_request";
  std::string to_sign = "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + scope + "\n" +
                        sha256_hex(canonical_request(request, amz_date));
  std::string key = hmac_sha256("AWS4" + credentials.secret_key, date);
  key = hmac_sha256(key, credentials.region);
  key = hmac_sha256(key, credentials.service);
  key = hmac_sha256(key, "aws4_request");
  std::string signature = hmac_sha256_hex(key, to_sign);
  return {{"x-amz-date", std::string(amz_date)},
          {"x-amz-content-sha256", request.payload_sha256},
          {"Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.access_key + "/" + scope +
                                ",SignedHeaders=" + signed_header_names(signed_headers(request, amz_date)) +
                                ",Signature=" + signature}};
}

std::string amz_date_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[20];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

}  // namespace fastcms::aws
