#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace fastcms::http {

/// The bytes [first, last] of a representation (both inclusive).
struct ByteRange {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t length() const { return last - first + 1; }
  /// "bytes first-last/size", the Content-Range of a 206.
  std::string content_range(std::size_t size) const;
};

/// What a Range header asks of a representation of `size` bytes (RFC 9110 §14).
struct RangeRequest {
  enum class Kind {
    whole,          ///< no usable Range header (absent, not "bytes=", several ranges): answer 200
    partial,        ///< one satisfiable range: answer 206 with `range`
    unsatisfiable,  ///< a well-formed range that starts past the end: answer 416
  } kind = Kind::whole;
  ByteRange range;
};

/// Reads a Range header value ("bytes=0-99", "bytes=100-", "bytes=-100") against `size`. A
/// last byte past the end is clamped; a header this server does not honour (malformed, a
/// unit other than bytes, several ranges) means the whole representation, as RFC 9110
/// allows.
RangeRequest parse_range_header(std::string_view header, std::size_t size);

/// "bytes */size", the Content-Range of a 416.
std::string unsatisfied_content_range(std::size_t size);

}  // namespace fastcms::http
