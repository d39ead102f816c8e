#include "core/filter/compiler.h"

#include "core/filter/constant_fold.h"
#include "core/filter/field_resolver.h"
#include "core/filter/like_pattern.h"

namespace fastcms::core::filter {

namespace {

using Value = FieldResolver::Value;

bool compiler_is_empty(const Value& v) {
  if (!v.constant) return false;
  return v.constant->is_null() || (v.constant->is_text() && v.constant->if_text()->empty());
}

/// SQL for part of a filter, with its truth when known at compile time.
struct CompiledPart {
  std::string sql;
  std::optional<bool> known;
};

CompiledPart compiler_known(bool value) { return {value ? "1=1" : "1=0", value}; }

class Compiler {
 public:
  explicit Compiler(FieldResolver& r) : r_(r), d_(r.dialect()) {}

  Result<CompiledPart> expr(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::empty: return compiler_known(true);
      case Expr::Kind::comparison: return comparison(e.comparison);
      default: break;
    }
    const bool all = e.kind == Expr::Kind::all_of;
    std::vector<std::string> parts;
    for (const auto& c : e.children) {
      auto child = expr(c);
      if (!child) return child;
      if (child->known) {
        if (*child->known != all) return compiler_known(!all);  // false in &&, true in ||
        continue;                                               // true in &&, false in ||
      }
      parts.push_back(std::move(child->sql));
    }
    if (parts.empty()) return compiler_known(all);
    if (parts.size() == 1) return CompiledPart{parts[0], std::nullopt};
    std::string out = "(";
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? (all ? " AND " : " OR ") : "") + parts[i];
    return CompiledPart{out + ")", std::nullopt};
  }

  /// The filter: the expression, wrapped in one EXISTS joining every source it still
  /// names (the paths and @collection aliases shared by its any-match comparisons).
  std::string wrap(const std::string& body) {
    const std::vector<size_t> shared = r_.sources_needed(body);
    if (shared.empty()) return body;
    std::map<std::string, std::string> aliases;
    const std::string dummy = r_.fresh_alias("j");
    const std::string joins = r_.join_fresh(shared, "j", aliases);
    return "EXISTS (SELECT 1 FROM " + d_.one_row(dummy) + joins + " WHERE " + r_.substitute(body, aliases) + ")";
  }

 private:
  FieldResolver& r_;
  const SqlDialect& d_;

  Result<CompiledPart> comparison(const Comparison& c) {
    auto left = r_.resolve(c.left);
    if (!left) return left.error();
    auto right = r_.resolve(c.right);
    if (!right) return right.error();
    if (left->constant && right->constant) {
      if (auto known = fold_comparison(c.op, *left->constant, *right->constant)) return compiler_known(*known);
    }
    const std::string cond = condition(c.op, *left, *right);
    const std::vector<size_t> sources = r_.sources_needed(cond);
    if (!c.any && r_.any_multi(sources)) {
      // match-all: no value (or combination of values) may fail the condition
      std::map<std::string, std::string> aliases;
      const std::string dummy = r_.fresh_alias("m");
      const std::string joins = r_.join_fresh(sources, "m", aliases);
      return CompiledPart{"NOT EXISTS (SELECT 1 FROM " + d_.one_row(dummy) + joins + " WHERE " +
                              d_.is_not_true(r_.substitute(cond, aliases)) + ")",
                          std::nullopt};
    }
    return CompiledPart{cond, std::nullopt};
  }

  std::string condition(CompareOp op, const Value& l, const Value& r) {
    switch (op) {
      case CompareOp::eq:
      case CompareOp::neq: {
        // a condition (:changed) against true/false: the condition itself or its negation
        for (auto [a, b] : {std::pair{&l, &r}, std::pair{&r, &l}}) {
          if (!a->condition || !b->constant || !b->constant->is_integer()) continue;
          const int64_t want = *b->constant->if_integer();
          if (want != 0 && want != 1) continue;
          return ((want == 1) == (op == CompareOp::eq)) ? a->sql : "NOT " + a->sql;
        }
        const char* o = op == CompareOp::eq ? " = " : " != ";
        if (compiler_is_empty(r)) return d_.coalesce_empty(l.sql) + o + "''";
        if (compiler_is_empty(l)) return d_.coalesce_empty(r.sql) + o + "''";
        // one side is never NULL nor "": plain comparison (index-friendly), IS NOT for !=
        if (l.constant || r.constant || l.never_empty || r.never_empty)
          return l.sql + (op == CompareOp::eq ? " = " : " IS NOT ") + r.sql;
        return d_.coalesce_empty(l.sql) + o + d_.coalesce_empty(r.sql);
      }
      case CompareOp::gt: return l.sql + " > " + r.sql;
      case CompareOp::gte: return l.sql + " >= " + r.sql;
      case CompareOp::lt: return l.sql + " < " + r.sql;
      case CompareOp::lte: return l.sql + " <= " + r.sql;
      case CompareOp::like:
      case CompareOp::not_like: {
        std::string pattern;
        std::optional<std::string> text = r.constant ? like_text(*r.constant) : std::nullopt;
        if (text) {
          pattern = r_.bind(like_contains_pattern(*text));
        } else {
          const std::string escaped = "REPLACE(REPLACE(REPLACE(" + r.sql + ", '\\', '\\\\'), '%', '\\%'), '_', '\\_')";
          pattern = d_.concat({"'%'", escaped, "'%'"});
        }
        if (op == CompareOp::like) return d_.like(l.sql, pattern, false);
        return d_.like(d_.coalesce_empty(l.sql), pattern, true);
      }
    }
    return "1=0";
  }
};

}  // namespace

Result<CompiledFilter> compile(const Expr& expr, const collections::Collection& root, const collections::Schema& schema,
                               const RequestInfo& request, const CompileOptions& options) {
  FieldResolver resolver(root, schema, request, options);
  Compiler compiler(resolver);
  auto body = compiler.expr(expr);
  if (!body) return body.error();
  CompiledFilter out;
  const std::string sql = body->known ? body->sql : compiler.wrap(body->sql);
  out.where_sql = resolver.finalize(resolver.substitute(sql, {}), out.params);
  if (out.where_sql.find('\x1e') != std::string::npos)  // a source left without a join: a bug, never user input
    return Error::failure("internal error: the filter could not be compiled");
  return out;
}

Result<CompiledFilter> compile_filter(std::string_view filter, const collections::Collection& root,
                                      const collections::Schema& schema, const RequestInfo& request,
                                      const CompileOptions& options, const Limits& limits) {
  auto expr = parse(filter, limits);
  if (!expr) return expr.error();
  return compile(*expr, root, schema, request, options);
}

}  // namespace fastcms::core::filter
