#include "core/filter/sql_dialect.h"

#include "db/sqlite/sqlite_dialect.h"

namespace fastcms::core::filter {

namespace {

class SqliteFilterDialect final : public SqlDialect {
 public:
  const db::Dialect& database() const override { return db::sqlite_dialect(); }

  std::string left_join_json_elements(const std::string& array_sql, const std::string& alias) const override {
    return " LEFT JOIN " + database().json_each(array_sql) + " AS " + alias + " ON 1=1";
  }
  std::string json_element(const std::string& alias) const override { return alias + ".value"; }
  std::string json_array_contains(const std::string& array_sql, const std::string& value_sql,
                                  const std::string& alias) const override {
    return "EXISTS (SELECT 1 FROM " + database().json_each(array_sql) + " AS " + alias + " WHERE " + alias +
           ".value = " + value_sql + ")";
  }
  std::string json_canonical(const std::string& j) const override {
    return "(CASE WHEN json_valid(" + j + ") THEN json(" + j + ") ELSE '[]' END)";
  }

  std::string coalesce_empty(const std::string& v) const override { return "COALESCE(" + v + ", '')"; }
  std::string like(const std::string& v, const std::string& p, bool negate) const override {
    return v + (negate ? " NOT LIKE " : " LIKE ") + p + " ESCAPE '\\'";
  }
  std::string is_not_true(const std::string& c) const override { return "(" + c + ") IS NOT TRUE"; }
  std::string concat(const std::vector<std::string>& parts) const override {
    std::string out = "(";
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? " || " : "") + parts[i];
    return out + ")";
  }
  std::string lower(const std::string& v) const override { return "LOWER(" + v + ")"; }
  std::string rowid(const std::string& alias) const override { return alias + "._rowid_"; }
  std::string strftime(const std::vector<std::string>& args) const override {
    std::string out = "strftime(";
    for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
    return out + ")";
  }
  std::string geo_distance(const std::string& lon_a, const std::string& lat_a, const std::string& lon_b,
                           const std::string& lat_b) const override {
    const std::string dlat = "sin((radians(" + lat_b + ") - radians(" + lat_a + ")) / 2)";
    const std::string dlon = "sin((radians(" + lon_b + ") - radians(" + lon_a + ")) / 2)";
    return "(12742 * asin(min(1, sqrt(" + dlat + " * " + dlat + " + cos(radians(" + lat_a + ")) * cos(radians(" +
           lat_b + ")) * " + dlon + " * " + dlon + "))))";
  }
  std::string one_row(const std::string& alias) const override { return "(SELECT 1) AS " + alias; }
};

}  // namespace

const SqlDialect& sqlite_dialect() {
  static const SqliteFilterDialect d;
  return d;
}

}  // namespace fastcms::core::filter
