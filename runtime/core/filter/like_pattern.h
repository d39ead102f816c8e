#pragma once
#include <string>
#include <string_view>

namespace fastcms::core::filter {

/// The LIKE pattern for `value ~ text` (escape character '\'): `text` itself when it
/// already holds an unescaped '%' (the user wrote a pattern), else `%text%` with every
/// unescaped '\', '%' and '_' escaped, so the match is "contains text". A backslash
/// already escaping '\', '%' or '_' is kept as written.
std::string like_contains_pattern(std::string_view text);

/// True when `text` holds a '%' not preceded by an escaping backslash.
bool has_unescaped_percent(std::string_view text);

}  // namespace fastcms::core::filter
