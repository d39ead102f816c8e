#include "core/filter/sort.h"

#include "common/strings.h"
#include "core/filter/field_resolver.h"

namespace fastcms::core::filter {

Result<CompiledSort> compile_sort(std::string_view sort, const collections::Collection& root,
                                  const collections::Schema& schema, const RequestInfo& request,
                                  const CompileOptions& options, const SortLimits& limits) {
  FieldResolver resolver(root, schema, request, options);
  const SqlDialect& d = resolver.dialect();
  const auto terms = strings::split_trimmed(sort, ',');
  if (terms.size() > limits.max_fields)
    return Error::usage("invalid sort: too many fields (" + std::to_string(terms.size()) + "; at most " +
                        std::to_string(limits.max_fields) + ")");
  std::string sql;
  for (const auto& term : terms) {
    if (term.size() > limits.max_field_length)
      return Error::usage("invalid sort: the field \"" + term.substr(0, 40) + "…\" is too long (at most " +
                          std::to_string(limits.max_field_length) + " characters)");
    std::string name = term;
    const char* direction = " ASC";
    if (name[0] == '-' || name[0] == '+') {
      if (name[0] == '-') direction = " DESC";
      name = strings::trim(name.substr(1));
    }
    bool valid = !name.empty();
    for (char c : name)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
            c == ':' || c == '@'))
        valid = false;
    if (!valid || (name[0] >= '0' && name[0] <= '9'))
      return Error::usage("invalid sort field \"" + term + "\" (expected a field name, optionally prefixed with -)");
    std::string expr;
    if (name == "@random") {
      expr = d.random();
    } else if (name == "@rowid") {
      expr = d.rowid(std::string(root_alias));
    } else {
      Operand o;
      o.kind = Operand::Kind::identifier;
      o.text = name;
      auto v = resolver.resolve(o);
      if (!v) return v.error();
      const auto sources = resolver.sources_needed(v->sql);
      if (resolver.any_multi(sources))
        return Error::usage("cannot sort by \"" + name + "\": it has several values per record");
      if (sources.empty()) {
        expr = resolver.substitute(v->sql, {});
      } else {
        std::map<std::string, std::string> aliases;
        const std::string dummy = resolver.fresh_alias("s");
        const std::string joins = resolver.join_fresh(sources, "s", aliases);
        expr = "(SELECT " + resolver.substitute(v->sql, aliases) + " FROM " + d.one_row(dummy) + joins + ")";
      }
    }
    if (!sql.empty()) sql += ", ";
    sql += expr + direction;
  }
  CompiledSort out;
  out.order_by_sql = resolver.finalize(sql, out.params);
  return out;
}

}  // namespace fastcms::core::filter
