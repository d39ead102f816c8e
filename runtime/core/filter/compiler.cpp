#include "core/filter/compiler.h"

#include <set>

#include "core/filter/field_resolver.h"
#include "core/filter/like_pattern.h"

namespace fastcms::core::filter {

namespace {

using Value = FieldResolver::Value;

bool compiler_is_empty(const Value& v) {
  if (!v.constant) return false;
  if (std::holds_alternative<std::monostate>(*v.constant)) return true;
  const auto* s = std::get_if<std::string>(&*v.constant);
  return s && s->empty();
}

std::string compiler_text_of(const SqlValue& v) {
  if (std::holds_alternative<std::monostate>(v)) return "";
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return to_json_text(v);
}

class Compiler {
 public:
  explicit Compiler(FieldResolver& r) : r_(r), d_(r.dialect()) {}

  Result<std::string> expr(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::empty: return std::string("1=1");
      case Expr::Kind::comparison: return comparison(e.comparison);
      default: break;
    }
    std::string out = "(";
    for (size_t i = 0; i < e.children.size(); ++i) {
      auto child = expr(e.children[i]);
      if (!child) return child;
      if (i) out += e.kind == Expr::Kind::all_of ? " AND " : " OR ";
      out += *child;
    }
    return out + ")";
  }

  /// The filter: the expression, wrapped in one EXISTS joining every shared source.
  std::string wrap(const std::string& body) {
    if (shared_.empty()) return body;
    std::map<std::string, std::string> aliases;
    std::vector<size_t> order(shared_.begin(), shared_.end());
    const std::string joins = r_.join_fresh(order, "j", aliases);
    return "EXISTS (SELECT 1 FROM " + d_.one_row(r_.fresh_alias("j")) + joins + " WHERE " +
           r_.substitute(body, aliases) + ")";
  }

 private:
  FieldResolver& r_;
  const SqlDialect& d_;
  std::set<size_t> shared_;

  Result<std::string> comparison(const Comparison& c) {
    auto left = r_.resolve(c.left);
    if (!left) return left.error();
    auto right = r_.resolve(c.right);
    if (!right) return right.error();
    const std::string cond = condition(c.op, *left, *right);
    const std::vector<size_t> sources = r_.sources_needed(cond);
    if (!c.any && r_.any_multi(sources)) {
      // match-all: no value (or combination of values) may fail the condition
      std::map<std::string, std::string> aliases;
      const std::string dummy = r_.fresh_alias("m");
      const std::string joins = r_.join_fresh(sources, "m", aliases);
      return "NOT EXISTS (SELECT 1 FROM " + d_.one_row(dummy) + joins + " WHERE " +
             d_.is_not_true(r_.substitute(cond, aliases)) + ")";
    }
    shared_.insert(sources.begin(), sources.end());
    return cond;
  }

  std::string condition(CompareOp op, const Value& l, Value& r) {
    switch (op) {
      case CompareOp::eq:
      case CompareOp::neq: {
        const char* o = op == CompareOp::eq ? " = " : " != ";
        if (compiler_is_empty(r)) return d_.coalesce_empty(l.sql) + o + "''";
        if (compiler_is_empty(l)) return d_.coalesce_empty(r.sql) + o + "''";
        if (l.constant || r.constant) return l.sql + (op == CompareOp::eq ? " = " : " IS NOT ") + r.sql;
        return d_.coalesce_empty(l.sql) + o + d_.coalesce_empty(r.sql);
      }
      case CompareOp::gt: return l.sql + " > " + r.sql;
      case CompareOp::gte: return l.sql + " >= " + r.sql;
      case CompareOp::lt: return l.sql + " < " + r.sql;
      case CompareOp::lte: return l.sql + " <= " + r.sql;
      case CompareOp::like:
      case CompareOp::not_like: {
        std::string pattern;
        if (r.constant) {
          pattern = r_.bind(like_contains_pattern(compiler_text_of(*r.constant)));
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
  out.where_sql = resolver.finalize(resolver.substitute(compiler.wrap(*body), {}), out.params);
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
