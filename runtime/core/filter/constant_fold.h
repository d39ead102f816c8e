#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/filter/ast.h"
#include "core/filter/sql_value.h"

namespace fastcms::core::filter {

/// The outcome of `left op right` when both values are known at compile time, with the
/// same semantics as the SQL the compiler would generate (SQLite's comparison rules:
/// NULL < numbers < text; `=`/`!=` treat NULL and "" alike; `~`/`!~` use
/// like_contains_pattern on `right`). nullopt when it cannot be decided exactly here
/// (e.g. LIKE on a real number), in which case the SQL decides.
std::optional<bool> fold_comparison(CompareOp op, const SqlValue& left, const SqlValue& right);

/// SQLite's LIKE: ASCII case-insensitive, '%' any run, '_' one UTF-8 character,
/// '\' escapes the next pattern character.
bool like_matches(std::string_view text, std::string_view pattern);

/// ASCII letters lowered (what SQLite's LOWER() does without ICU).
std::string ascii_lower(std::string_view text);

/// The text SQL would compare for a value in LIKE: NULL → "", numbers as digits;
/// nullopt for reals (their text form is SQLite's to decide).
std::optional<std::string> like_text(const SqlValue& value);

}  // namespace fastcms::core::filter
