#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace fastcms::core::filter {

/// A token of the filter language.
struct Token {
  enum class Kind {
    identifier,  ///< [A-Za-z_@][A-Za-z0-9_.:@]*  (field paths, macros, null/true/false, function names)
    string,      ///< '…' or "…"; `text` is the value
    number,      ///< -?digits(.digits)?
    op,          ///< = != > >= < <= ~ !~ and the ?-prefixed variants; `text` as written
    and_,        ///< &&
    or_,         ///< ||
    lparen,
    rparen,
    comma,
    end,
  };
  Kind kind = Kind::end;
  std::string text;
  size_t position = 1;  ///< 1-based column of the first character
};

/// Splits a filter into tokens. Blanks and `//` comments (to the end of the line) are
/// skipped. In string literals a backslash before the delimiting quote escapes it; any other
/// backslash is kept as written (so LIKE escapes such as `\%` reach the pattern).
/// Errors read "invalid filter at N: …" (N is the 1-based column).
Result<std::vector<Token>> tokenize(std::string_view filter);

/// "invalid filter at N: <what>" — the one format of every syntax error.
std::string syntax_error(size_t position, const std::string& what);

}  // namespace fastcms::core::filter
