#pragma once
#include <regex>
#include <string>

namespace fastcms {

/// `pattern` compiled as an ECMAScript std::regex once per thread and reused: validation
/// checks the same few schema patterns on every record, and compiling a std::regex costs far
/// more than matching it. Throws std::regex_error for an invalid pattern, as std::regex does.
/// At most 256 patterns are kept per thread (the oldest dropped first).
const std::regex& cached_regex(const std::string& pattern);

}  // namespace fastcms
