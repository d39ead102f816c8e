#pragma once
#include <string_view>

/// Syntax checks for the text formats PocketBase's forms and settings validate
/// (ozzo-validation's is.EmailFormat, is.URL and is.Host).
namespace fastcms::text_formats {

/// local@domain with a dotted domain, at most 254 characters.
bool is_email_address(std::string_view text);

/// A URL as is.URL accepts it: an optional scheme ("http://"), optional user info, a host
/// (DNS name, IPv4, or [IPv6]), an optional port and an optional path/query/fragment; no
/// whitespace; at most 2083 characters.
bool is_url(std::string_view text);

/// An IPv4 or IPv6 address or a DNS name (labels of letters, digits, '-' and '_', at most
/// 63 characters each, 253 in all).
bool is_host(std::string_view text);

}  // namespace fastcms::text_formats
