#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace fastcms {

/// A plain-text excerpt of an HTML (or plain) string, as PocketBase's `:excerpt` field
/// modifier makes it: tags are stripped (the content of script, style, head, svg, img, form
/// controls and similar non-text elements too), entities decoded, block elements separated
/// by a space, whitespace runs collapsed to one space, the result trimmed; when longer than
/// `max_chars` characters (UTF-8 code points) it is cut there, trimmed again and, with
/// `ellipsis`, "..." appended.
std::string html_excerpt(std::string_view html, size_t max_chars, bool ellipsis);

}  // namespace fastcms
