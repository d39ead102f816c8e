#pragma once
#include <string_view>

#include "common/error.h"
#include "core/filter/ast.h"

namespace fastcms::core::filter {

/// Bounds on what a filter may be (PocketBase's defaults).
struct Limits {
  size_t max_length = 3500;      ///< characters in the filter text
  size_t max_expressions = 200;  ///< comparisons in the filter
  size_t max_depth = 100;        ///< nested parentheses (bounds recursion in parse and compile)
};

/// Parses a filter (PocketBase's grammar: `OPERAND OP OPERAND` joined with `&&`/`||`,
/// parentheses, `// comments`; functions geoDistance(4 args) and strftime(1 to 10 args)).
/// A filter of only blanks and comments gives an Expr of kind `empty`.
/// Errors (ErrorKind::usage) read "invalid filter at N: <what was expected>", or
/// "invalid filter: too long …"/"invalid filter: too many expressions …" for the limits.
Result<Expr> parse(std::string_view filter, const Limits& limits = {});

}  // namespace fastcms::core::filter
