#include "http/file_response.h"

#include <array>

#include "common/sha256.h"
#include "core/files/content_type.h"
#include "http/byte_range.h"

namespace fastcms::http {

namespace {

/// PocketBase's list of types served inline; everything else is an attachment.
bool shown_inline(const std::string& content_type) {
  static const std::array<std::string_view, 14> inline_types = {
      "image/png",  "image/jpeg", "image/gif",  "image/webp", "image/avif", "image/bmp",  "image/x-icon",
      "video/mp4",  "video/webm", "audio/mpeg", "audio/wav",  "audio/ogg",  "audio/aac",  "application/pdf"};
  std::string base = core::files::base_mime(content_type);
  for (auto type : inline_types)
    if (base == type) return true;
  return false;
}

/// A quoted filename for Content-Disposition; stored names are [a-z0-9_.] already, but
/// never let a quote or a control character through.
std::string quoted_filename(const std::string& name) {
  std::string out = "\"";
  for (char c : name)
    if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) out += c;
  return out + "\"";
}

bool etag_listed(const std::string& header, const std::string& etag) {
  if (header == "*") return true;
  std::size_t start = 0;
  while (start < header.size()) {
    auto comma = header.find(',', start);
    std::string item = header.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto first = item.find_first_not_of(" \t"), last = item.find_last_not_of(" \t");
    if (first != std::string::npos) {
      item = item.substr(first, last - first + 1);
      if (item.rfind("W/", 0) == 0) item = item.substr(2);
      if (item == etag) return true;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace

ApiResponse file_response(const ApiRequest& request, std::string bytes, const FilePresentation& presentation) {
  std::string identity = presentation.etag_source.empty()
                             ? bytes
                             : presentation.etag_source + "\n" + std::to_string(bytes.size());
  std::string etag = "\"" + sha256_hex(identity).substr(0, 32) + "\"";
  auto with_common_headers = [&](ApiResponse response) {
    return std::move(response)
        .with_header("ETag", etag)
        .with_header("Cache-Control", presentation.cache_control)
        .with_header("Accept-Ranges", "bytes")
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Content-Security-Policy",
                     "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox");
  };

  if (std::string match = request.header("if-none-match"); !match.empty() && etag_listed(match, etag))
    return with_common_headers(ApiResponse::raw(304, presentation.content_type, ""));

  bool attachment = presentation.download || !shown_inline(presentation.content_type);
  std::string disposition = std::string(attachment ? "attachment" : "inline") + "; filename=" +
                            quoted_filename(presentation.name);

  RangeRequest range;
  std::string if_range = request.header("if-range");
  if (if_range.empty() || if_range == etag) range = parse_range_header(request.header("range"), bytes.size());
  if (range.kind == RangeRequest::Kind::unsatisfiable)
    return with_common_headers(ApiResponse::raw(416, "text/plain; charset=utf-8", ""))
        .with_header("Content-Range", unsatisfied_content_range(bytes.size()));
  if (range.kind == RangeRequest::Kind::partial) {
    std::string part = bytes.substr(range.range.first, range.range.length());
    return with_common_headers(ApiResponse::raw(206, presentation.content_type, std::move(part)))
        .with_header("Content-Range", range.range.content_range(bytes.size()))
        .with_header("Content-Disposition", disposition);
  }
  return with_common_headers(ApiResponse::raw(200, presentation.content_type, std::move(bytes)))
      .with_header("Content-Disposition", disposition);
}

}  // namespace fastcms::http
