#include "core/filter/sql_dialect.h"

namespace fastcms::core::filter {

namespace {

std::string sqlite_as_array(const std::string& a) {
  return "CASE WHEN json_valid(" + a + ") THEN " + a + " ELSE json_array(" + a + ") END";
}

bool sqlite_all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

class SqliteDialect final : public SqlDialect {
 public:
  std::string quote(std::string_view identifier) const override {
    std::string out = "\"";
    for (char c : identifier) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  }
  std::string placeholder(size_t) const override { return "?"; }

  std::string left_join_json_elements(const std::string& array_sql, const std::string& alias) const override {
    return " LEFT JOIN json_each(" + sqlite_as_array(array_sql) + ") AS " + alias + " ON 1=1";
  }
  std::string json_element(const std::string& alias) const override { return alias + ".value"; }
  std::string json_array_contains(const std::string& array_sql, const std::string& value_sql,
                                  const std::string& alias) const override {
    return "EXISTS (SELECT 1 FROM json_each(" + sqlite_as_array(array_sql) + ") AS " + alias + " WHERE " + alias +
           ".value = " + value_sql + ")";
  }
  std::string json_array_length(const std::string& a) const override {
    return "(CASE WHEN json_valid(" + a + ") THEN json_array_length(" + a + ") ELSE 0 END)";
  }
  std::string json_extract(const std::string& j, const std::string& path_sql) const override {
    return "(CASE WHEN json_valid(" + j + ") THEN json_extract(" + j + ", " + path_sql + ") END)";
  }
  std::string json_path(const std::vector<std::string>& segments) const override {
    std::string p = "$";
    for (const auto& s : segments) p += sqlite_all_digits(s) ? "[" + s + "]" : "." + s;
    return p;
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
  std::string random() const override { return "RANDOM()"; }
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
  static const SqliteDialect d;
  return d;
}

}  // namespace fastcms::core::filter
