// Data-driven filter/sort tests: every case in tests/data/filter/*.txt is parsed and
// compiled against the schema in tests/data/filter/schema.json, checked against its
// expected SQL, parameters or error, and executed on an in-memory SQLite database seeded
// from tests/data/filter/seed.json (the matching ids are checked when the case lists them).
//
// Case file format: a case starts with "## name"; then "key: value" lines. A line starting
// with "|" continues the previous value on a new line. Lines starting with "#" (and not
// "##") are comments. Keys:
//   filter | sort           the input (exactly one)
//   collection              root collection (default posts)
//   auth                    "collection/id" of a seeded record to authenticate as
//   body, query, headers    JSON objects for @request.body / .query / .headers
//   method, context         @request.method / @request.context
//   hidden                  "false" to forbid hidden fields (client filter of a non-superuser)
//   limits                  "max_length max_expressions [max_depth]" for parse()
//   sql, params             expected SQL (WHERE or ORDER BY) and JSON array of parameters
//                           (no params: line with a sql: line means no parameters)
//   ids                     expected matching ids ("-" for none); ordered for sort cases
//   error                   expected error message (exact)
// Set FASTCMS_FILTER_CASES_PRINT=1 to print the actual SQL, parameters and ids of each case.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/collections/collection.h"
#include "core/filter/compiler.h"
#include "core/filter/sort.h"

namespace {
namespace fcf = fastcms::core::filter;
namespace fcc = fastcms::core::collections;
using nlohmann::json;

struct FilterCaseSpec {
  std::string where;  // file:line
  std::string name;
  std::map<std::string, std::string> fields;
  bool has(const std::string& k) const { return fields.count(k) > 0; }
  std::string get(const std::string& k) const {
    auto it = fields.find(k);
    return it == fields.end() ? "" : it->second;
  }
};

std::filesystem::path filter_cases_dir() { return std::filesystem::path(FASTCMS_SOURCE_DIR) / "tests/data/filter"; }

json filter_cases_read_json(const std::string& file) {
  std::ifstream in(filter_cases_dir() / file);
  return json::parse(in);
}

std::vector<FilterCaseSpec> filter_cases_load() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(filter_cases_dir()))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<FilterCaseSpec> out;
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line, last_key;
    size_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.rfind("## ", 0) == 0) {
        out.push_back({path.filename().string() + ":" + std::to_string(n), line.substr(3), {}});
        last_key.clear();
        continue;
      }
      if (line.empty() || line[0] == '#') continue;
      REQUIRE_MESSAGE(!out.empty(), std::string(path.string() + ":" + std::to_string(n) + ": text before the first case"));
      if (line[0] == '|') {
        REQUIRE_MESSAGE(!last_key.empty(), std::string(out.back().where + ": continuation without a key"));
        std::string rest = line.substr(1);
        if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
        out.back().fields[last_key] += "\n" + rest;
        continue;
      }
      const size_t colon = line.find(':');
      REQUIRE_MESSAGE(colon != std::string::npos, std::string(path.string() + ":" + std::to_string(n) + ": expected key: value"));
      last_key = line.substr(0, colon);
      std::string value = line.substr(colon + 1);
      if (!value.empty() && value[0] == ' ') value.erase(0, 1);
      out.back().fields[last_key] = value;
    }
  }
  return out;
}

class FilterCaseDb {
 public:
  FilterCaseDb(const fcc::Schema& schema, const json& seed) : seed_(seed) {
    REQUIRE(sqlite3_open(":memory:", &db_) == SQLITE_OK);
    for (const auto& c : schema.collections()) {
      std::string ddl = "CREATE TABLE \"" + c->name + "\" (";
      for (size_t i = 0; i < c->fields.size(); ++i) {
        const auto& f = c->fields[i];
        std::string type = f.type == "number" ? "NUMERIC" : f.type == "bool" ? "BOOLEAN" : "TEXT";
        ddl += (i ? ", \"" : "\"") + f.name + "\" " + type + (f.name == "id" ? " PRIMARY KEY" : "");
      }
      exec(ddl + ")");
      if (!seed.contains(c->name)) continue;
      for (const auto& row : seed[c->name]) {
        std::string cols, marks;
        std::vector<json> values;
        for (auto it = row.begin(); it != row.end(); ++it) {
          REQUIRE_MESSAGE(c->field(it.key()) != nullptr, std::string("seed: unknown field " + c->name + "." + it.key()));
          cols += (cols.empty() ? "\"" : ", \"") + it.key() + "\"";
          marks += marks.empty() ? "?" : ", ?";
          values.push_back(it.value());
        }
        sqlite3_stmt* st = nullptr;
        const std::string sql = "INSERT INTO \"" + c->name + "\" (" + cols + ") VALUES (" + marks + ")";
        REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        for (size_t i = 0; i < values.size(); ++i) {
          const json& v = values[i];
          const int k = static_cast<int>(i + 1);
          if (v.is_null()) sqlite3_bind_null(st, k);
          else if (v.is_boolean()) sqlite3_bind_int64(st, k, v.get<bool>() ? 1 : 0);
          else if (v.is_number_integer()) sqlite3_bind_int64(st, k, v.get<int64_t>());
          else if (v.is_number()) sqlite3_bind_double(st, k, v.get<double>());
          else sqlite3_bind_text(st, k, v.get<std::string>().c_str(), -1, SQLITE_TRANSIENT);
        }
        REQUIRE(sqlite3_step(st) == SQLITE_DONE);
        sqlite3_finalize(st);
      }
    }
  }
  ~FilterCaseDb() { sqlite3_close(db_); }

  void exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    REQUIRE_MESSAGE(rc == SQLITE_OK, std::string(sql + ": " + msg));
  }

  /// The ids the statement returns, or an error message prefixed with "ERROR: ".
  std::vector<std::string> ids(const std::string& sql, const std::vector<fcf::SqlValue>& params) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      return {"ERROR: " + std::string(sqlite3_errmsg(db_))};
    if (static_cast<size_t>(sqlite3_bind_parameter_count(st)) != params.size()) {
      sqlite3_finalize(st);
      return {"ERROR: placeholder count " + std::to_string(sqlite3_bind_parameter_count(st)) + " != params " +
              std::to_string(params.size())};
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int k = static_cast<int>(i + 1);
      const auto& p = params[i];
      if (p.is_null()) sqlite3_bind_null(st, k);
      else if (auto n = p.if_integer()) sqlite3_bind_int64(st, k, *n);
      else if (auto d = p.if_real()) sqlite3_bind_double(st, k, *d);
      else sqlite3_bind_text(st, k, p.if_text()->c_str(), -1, SQLITE_TRANSIENT);
    }
    std::vector<std::string> out;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    if (rc != SQLITE_DONE) out = {"ERROR: " + std::string(sqlite3_errmsg(db_))};
    sqlite3_finalize(st);
    return out;
  }

  /// The seeded record `collection/id` as an auth record: JSON arrays decoded, bools as bools.
  json record(const fcc::Collection& c, const std::string& id) const {
    for (const auto& row : seed_[c.name]) {
      if (row["id"] != id) continue;
      json out = json::object();
      for (auto it = row.begin(); it != row.end(); ++it) {
        const fcc::Field* f = c.field(it.key());
        json v = it.value();
        if (f && f->is_multi() && v.is_string()) v = v.get<std::string>().empty() ? json::array() : json::parse(v.get<std::string>());
        out[it.key()] = v;
      }
      out["collectionId"] = c.id;
      out["collectionName"] = c.name;
      return out;
    }
    FAIL("no seeded record " << c.name << "/" << id);
    return nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
  const json& seed_;
};

std::string filter_cases_params_text(const std::vector<fcf::SqlValue>& params) {
  std::string out = "[";
  for (size_t i = 0; i < params.size(); ++i) out += (i ? ", " : "") + fcf::to_json_text(params[i]);
  return out + "]";
}

std::string filter_cases_normalize_params(const std::string& text) {
  json j = json::parse(text);
  std::string out = "[";
  for (size_t i = 0; i < j.size(); ++i) out += (i ? ", " : "") + j[i].dump();
  return out + "]";
}

std::vector<std::string> filter_cases_split_ids(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string id;
  while (in >> id)
    if (id != "-") out.push_back(id);
  return out;
}

std::chrono::system_clock::time_point filter_cases_clock() {
  using namespace std::chrono;
  return sys_days(year{2024} / May / 15) + hours(10) + minutes(30) + seconds(45) + milliseconds(123);
}

}  // namespace

TEST_CASE("filter: data-driven cases (tests/data/filter/*.txt)") {
  auto schema = fcc::schema_from_json(filter_cases_read_json("schema.json"));
  REQUIRE_MESSAGE(schema.ok(), std::string((schema.ok() ? "" : schema.error().message)));
  const json seed = filter_cases_read_json("seed.json");
  FilterCaseDb db(*schema, seed);
  const auto cases = filter_cases_load();
  size_t executed_with_ids = 0, filters = 0, errors = 0;

  for (const auto& tc : cases) {
    INFO(tc.where << " " << tc.name);
    const bool is_sort = tc.has("sort");
    REQUIRE_MESSAGE(is_sort != tc.has("filter"), std::string(tc.where + ": a case needs exactly one of filter: or sort:"));
    const std::string coll_name = tc.has("collection") ? tc.get("collection") : "posts";
    const fcc::Collection* root = schema->find(coll_name);
    REQUIRE_MESSAGE(root, std::string(tc.where + ": unknown collection " + coll_name));

    fcf::RequestInfo req;
    if (tc.has("auth")) {
      const std::string spec = tc.get("auth");
      const auto slash = spec.find('/');
      const fcc::Collection* ac = schema->find(spec.substr(0, slash));
      REQUIRE(ac);
      req.auth = db.record(*ac, spec.substr(slash + 1));
      req.auth_collection = ac;
    }
    if (tc.has("body")) req.body = json::parse(tc.get("body"));
    if (tc.has("query")) req.query = json::parse(tc.get("query")).get<std::map<std::string, std::string>>();
    if (tc.has("headers")) req.headers = json::parse(tc.get("headers")).get<std::map<std::string, std::string>>();
    if (tc.has("method")) req.method = tc.get("method");
    if (tc.has("context")) req.context = tc.get("context");

    fcf::CompileOptions options;
    options.clock = filter_cases_clock;
    options.allow_hidden_fields = tc.get("hidden") != "false";
    fcf::Limits limits;
    if (tc.has("limits")) {
      std::istringstream in(tc.get("limits"));
      in >> limits.max_length >> limits.max_expressions;
      if (!(in >> limits.max_depth)) limits.max_depth = fcf::Limits{}.max_depth;
    }

    std::string sql, error, statement;
    std::vector<fcf::SqlValue> params;
    if (is_sort) {
      auto compiled = fcf::compile_sort(tc.get("sort"), *root, *schema, req, options);
      if (compiled) {
        sql = compiled->order_by_sql;
        params = compiled->params;
        statement = "SELECT r.id FROM \"" + root->name + "\" AS r" + (sql.empty() ? "" : " ORDER BY " + sql);
      } else {
        error = compiled.error().message;
      }
    } else {
      auto compiled = fcf::compile_filter(tc.get("filter"), *root, *schema, req, options, limits);
      if (compiled) {
        sql = compiled->where_sql;
        params = compiled->params;
        statement = "SELECT r.id FROM \"" + root->name + "\" AS r WHERE " + sql + " ORDER BY r.id";
      } else {
        error = compiled.error().message;
      }
    }

    if (tc.has("error")) {
      ++errors;
      CHECK_MESSAGE(error == tc.get("error"), tc.where << ": expected error\n  " << tc.get("error") << "\ngot "
                                                       << (error.empty() ? "SQL " + sql : "error\n  " + error));
      continue;
    }
    ++filters;
    if (!error.empty()) {
      CHECK_MESSAGE(false, tc.where << ": unexpected error: " << error);
      continue;
    }
    if (tc.has("sql"))
      CHECK_MESSAGE(sql == tc.get("sql"), tc.where << ": SQL differs\nexpected: " << tc.get("sql") << "\nactual:   " << sql);
    if (tc.has("params") || tc.has("sql"))
      CHECK_MESSAGE(filter_cases_params_text(params) ==
                        filter_cases_normalize_params(tc.has("params") ? tc.get("params") : "[]"),
                    tc.where << ": params differ\nexpected: " << tc.get("params")
                             << "\nactual:   " << filter_cases_params_text(params));
    std::vector<std::string> got = db.ids(statement, params);
    if (std::getenv("FASTCMS_FILTER_CASES_PRINT")) {
      std::string ids;
      for (auto& g : got) ids += (ids.empty() ? "" : " ") + g;
      std::cout << "## " << tc.name << "  (" << tc.where << ")\nsql: " << sql
                << "\nparams: " << filter_cases_params_text(params) << "\nids: " << (ids.empty() ? "-" : ids) << "\n\n";
    }
    const bool failed = !got.empty() && got[0].rfind("ERROR: ", 0) == 0;
    CHECK_MESSAGE(!failed, tc.where << ": the SQL does not run: " << (failed ? got[0] : "") << "\n" << statement);
    if (tc.has("ids") && !failed) {
      ++executed_with_ids;
      auto want = filter_cases_split_ids(tc.get("ids"));
      if (!is_sort) std::sort(want.begin(), want.end());
      CHECK_MESSAGE(got == want, tc.where << ": ids differ\nexpected: " << tc.get("ids") << "\nactual:   "
                                          << [&] {
                                               std::string s;
                                               for (auto& g : got) s += g + " ";
                                               return s.empty() ? std::string("-") : s;
                                             }());
    }
  }
  MESSAGE("filter cases: " << cases.size() << " (" << filters << " compiled, " << errors << " errors, "
                           << executed_with_ids << " checked against SQLite)");
  CHECK(cases.size() >= 80);
  CHECK(executed_with_ids >= 25);
}
