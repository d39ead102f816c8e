#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace fastcms::core::filter {

/// A comparison operator of the filter language (without the `?` any-of prefix).
enum class CompareOp { eq, neq, gt, gte, lt, lte, like, not_like };

/// The operator as written: "=", "!=", ">", ">=", "<", "<=", "~", "!~".
const char* to_string(CompareOp op);

/// One side of a comparison.
struct Operand {
  enum class Kind {
    identifier,  ///< a field path, @request.*, @collection.*, or a macro; `text` holds it as written
    string,      ///< a quoted literal; `text` holds the value with the delimiter escapes removed
    number,      ///< `text` holds the literal (e.g. "-1.5")
    null,        ///< `null`
    boolean,     ///< `true` / `false`; see `boolean`
    function,    ///< `text` is the function name, `args` its arguments
  };
  Kind kind = Kind::null;
  std::string text;
  bool boolean = false;
  std::vector<Operand> args;
  size_t position = 1;  ///< 1-based column where the operand starts
};

/// `left op right`, with `any` set for the `?`-prefixed variants.
struct Comparison {
  Operand left;
  CompareOp op = CompareOp::eq;
  bool any = false;
  Operand right;
  size_t position = 1;  ///< 1-based column of the operator
};

/// A parsed filter. `&&` binds tighter than `||`; parentheses group.
struct Expr {
  enum class Kind {
    empty,       ///< the filter had nothing but blanks/comments: matches everything
    comparison,  ///< see `comparison`
    all_of,      ///< children joined with &&
    any_of,      ///< children joined with ||
  };
  Kind kind = Kind::empty;
  Comparison comparison;
  std::vector<Expr> children;
  size_t position = 1;
};

/// A canonical text form (fully parenthesised groups, double-quoted strings), for debugging
/// and tests; parsing it again gives the same tree.
std::string to_string(const Expr& expr);
std::string to_string(const Operand& operand);

}  // namespace fastcms::core::filter
