#pragma once
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/filter/ast.h"
#include "core/filter/parser.h"
#include "core/filter/request_info.h"
#include "core/filter/sql_dialect.h"
#include "core/filter/sql_value.h"

namespace fastcms::core::filter {

/// The alias of the root collection's table in every compiled filter and sort: callers
/// write `SELECT … FROM "posts" AS r WHERE <where_sql>`.
inline constexpr std::string_view root_alias = "r";

/// How to compile.
struct CompileOptions {
  /// SQL dialect; nullptr means sqlite_dialect().
  const SqlDialect* dialect = nullptr;
  /// The clock for the datetime macros (@now, @todayStart, …); empty means the system clock.
  std::function<std::chrono::system_clock::time_point()> clock;
  /// Whether hidden fields may be referenced: true for collection rules and superusers,
  /// false for client filters of everyone else (a reference is then an error).
  bool allow_hidden_fields = true;
  /// Relations (incl. back-relations) one field path may traverse.
  size_t max_relation_depth = 6;
  /// The number of the first placeholder (?N / $N); raise it to append the filter to a
  /// statement that already has parameters.
  size_t first_param_number = 1;
};

/// A filter as SQL: `where_sql` is one boolean expression over the root table aliased
/// `root_alias` (safe to combine with AND/OR without extra parentheses). Its numbered
/// placeholders start at options.first_param_number; params[i] binds to number
/// first_param_number + i.
struct CompiledFilter {
  std::string where_sql;
  std::vector<SqlValue> params;
};

/// Compiles a parsed filter against `root` (the collection being queried).
///
/// Semantics (PocketBase's):
/// - Field paths follow relations (`author.name`), back-relations (`comments_via_post.body`),
///   and `@collection.name[:alias].field`; json fields take a JSON path (`meta.a.b`),
///   geoPoint fields `.lon`/`.lat`. Unknown names are errors naming the collection and the
///   nearest valid name.
/// - A side with several values per record (a multi select/file/relation, a path through
///   one, a back-relation, an @collection) is match-all: every value must satisfy the
///   comparison (a NOT EXISTS subquery over the values). `?op` makes it any-match: within
///   the whole filter each distinct path and each @collection alias is joined ONCE, inside a
///   single EXISTS around the filter, so all any-match conditions on the same path or alias
///   constrain the same joined row (e.g. one membership row with both user and role).
///   An empty set of values behaves as one NULL value.
/// - `=`/`!=` treat NULL and "" alike; `!=` against a value is NULL-safe (IS NOT).
/// - `~`/`!~` are (case-insensitive) LIKE/NOT LIKE, see like_contains_pattern().
/// - Every value (literals, @request.*, macros) is a bound parameter. Comparisons between
///   values known at compile time (e.g. `@request.auth.id != ""`) are decided here, and
///   `&&`/`||` simplified accordingly, so a filter may compile to just "1=1" or "1=0".
/// Errors are ErrorKind::usage with a message for the user.
Result<CompiledFilter> compile(const Expr& expr, const collections::Collection& root,
                               const collections::Schema& schema, const RequestInfo& request,
                               const CompileOptions& options = {});

/// parse() then compile().
Result<CompiledFilter> compile_filter(std::string_view filter, const collections::Collection& root,
                                      const collections::Schema& schema, const RequestInfo& request,
                                      const CompileOptions& options = {}, const Limits& limits = {});

}  // namespace fastcms::core::filter
