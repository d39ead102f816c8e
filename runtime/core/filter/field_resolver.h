#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/filter/ast.h"
#include "core/filter/compiler.h"

namespace fastcms::core::filter {

/// Resolves operands (field paths, @request.*, @collection.*, macros, literals, functions)
/// into SQL for the compiler and compile_sort.
///
/// The SQL it returns is a *template*: table aliases are not chosen yet but written as
/// markers naming a source key (alias_marker), and values as markers naming a bound
/// parameter (param_marker). A source is one row source a path needs (a joined table, the
/// elements of a JSON array, an @collection alias), keyed by the path that reaches it, so
/// the same path always means the same source. The caller decides where each source is
/// joined (the shared EXISTS of the filter, a NOT EXISTS of one match-all comparison, a
/// scalar subquery of a sort term), gives it an alias (substitute) and finally numbers the
/// parameters in order of appearance (finalize).
class FieldResolver {
 public:
  /// A resolved operand.
  struct Value {
    std::string sql;                   ///< template SQL
    std::optional<SqlValue> constant;  ///< set when known at compile time (then `sql` is its parameter)
    bool condition = false;            ///< a boolean condition rather than a column value (:changed)
    bool never_empty = false;          ///< never NULL nor "" (the root record's id)
  };
  /// A row source.
  struct Source {
    std::string key;
    std::string join;  ///< template join clause (" LEFT JOIN … AS <self> ON …")
    bool multi = false;  ///< may give several rows per parent row
  };

  FieldResolver(const collections::Collection& root, const collections::Schema& schema, const RequestInfo& request,
                const CompileOptions& options);

  /// Resolves one operand; errors name the problem (unknown field, misplaced modifier, …).
  Result<Value> resolve(const Operand& operand);

  /// A new parameter marker bound to `value`.
  std::string bind(SqlValue value);
  const SqlDialect& dialect() const { return *dialect_; }

  /// The sources `sql` needs (directly or through the joins of other sources), in the order
  /// they must be joined.
  std::vector<size_t> sources_needed(const std::string& sql) const;
  const Source& source(size_t index) const { return sources_[index]; }
  /// Whether any of `sources` gives several rows per record.
  bool any_multi(const std::vector<size_t>& sources) const;
  /// A fresh alias with `prefix` (unique within one compilation).
  std::string fresh_alias(const char* prefix);
  /// Joins of `sources` with a fresh alias (prefix) each, recorded in `aliases` (key → alias).
  std::string join_fresh(const std::vector<size_t>& sources, const char* prefix,
                         std::map<std::string, std::string>& aliases);
  /// `tmpl` with every alias marker replaced from `aliases` (the root key "" maps to root_alias).
  std::string substitute(const std::string& tmpl, const std::map<std::string, std::string>& aliases) const;
  /// `sql` with parameter markers replaced by the dialect's placeholders, numbered from
  /// options.first_param_number in order of first appearance (a value used twice is bound
  /// once); the bound values are appended to `params` in that order.
  std::string finalize(const std::string& sql, std::vector<SqlValue>& params) const;

  /// The marker of the alias of source `key` ("" is the root table).
  static std::string alias_marker(const std::string& key);

 private:
  const collections::Collection& root_;
  const collections::Schema& schema_;
  const RequestInfo& request_;
  const CompileOptions& options_;
  const SqlDialect* dialect_;
  std::chrono::system_clock::time_point now_;
  std::vector<SqlValue> params_;
  std::vector<Source> sources_;
  std::map<std::string, size_t> source_index_;
  std::map<std::string, std::string> collection_aliases_;  // alias → collection name
  size_t alias_counter_ = 0;

  struct Path {
    std::vector<std::string> segments;
    std::string modifier;
    std::string text;  // as written, for messages
  };

  Value constant(SqlValue v);
  Value column(std::string sql) const { return Value{std::move(sql), std::nullopt, false, false}; }
  Value lowered(Value v);
  void add_source(const std::string& key, std::string join, bool multi);
  std::string elements_source(const std::string& key, const std::string& array_sql);

  Result<Value> resolve_identifier(const std::string& text, size_t position);
  Result<Value> resolve_function(const Operand& f);
  Result<Value> resolve_request(const Path& p);
  Result<Value> resolve_collection(const Path& p);
  Result<Value> walk(const collections::Collection* c, std::string key, const Path& p, size_t i, size_t hops);
  Result<Value> leaf(const collections::Field& f, const std::string& column_sql, const std::string& key,
                     const Path& p);
  Result<Value> constant_value(const nlohmann::json& v, const collections::Field* f, const std::string& key,
                               const collections::Collection* owner, const Path& p, size_t i);
  Result<Value> changed_value(const collections::Field& f, bool present, const nlohmann::json& v, const Path& p);
  Error unknown_field(const collections::Collection& c, const std::string& name) const;
  Result<const collections::Collection*> relation_target(const collections::Collection& c,
                                                         const collections::Field& f) const;
};

}  // namespace fastcms::core::filter
