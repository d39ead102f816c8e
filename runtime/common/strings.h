#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace fastcms::strings {

/// Edit distance (insertions, deletions, substitutions, adjacent transpositions).
size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `input` if it is close enough to be a plausible typo
/// (distance ≤ max(1, len/3), or `input` is a prefix of exactly one candidate); else "".
std::string nearest(std::string_view input, const std::vector<std::string>& candidates);

/// Items joined with `sep`.
std::string join(const std::vector<std::string>& items, std::string_view sep);

/// Splits on `sep`, trimming spaces around each part; empty parts are dropped.
std::vector<std::string> split_trimmed(std::string_view text, char sep);

/// Leading/trailing ASCII whitespace removed.
std::string trim(std::string_view text);

/// Every occurrence of `from` replaced by `to`.
std::string replace_all(std::string text, std::string_view from, std::string_view to);

bool starts_with(std::string_view text, std::string_view prefix);
/// True when `a` and `b` are equal up to ASCII letter case.
bool equals_ignore_case(std::string_view a, std::string_view b);
bool ends_with(std::string_view text, std::string_view suffix);
/// `text` with ASCII letters lower-cased (other bytes unchanged).
std::string to_lower(std::string_view text);

}  // namespace fastcms::strings
