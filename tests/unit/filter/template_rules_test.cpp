// Every rule of every bundled template compiles and runs: the templates' collections are
// loaded into a Schema, each table is created in an in-memory SQLite database, and each
// rule (collection rules and field readRule/writeRule) is compiled for a signed-in user
// with a request body and executed.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/collections/collection.h"
#include "core/filter/compiler.h"
#include "project/structured_file.h"

namespace {
namespace ftr = fastcms::core::filter;
namespace ftrc = fastcms::core::collections;

std::string template_rules_run(sqlite3* db, const std::string& sql, const std::vector<ftr::SqlValue>& params) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return sqlite3_errmsg(db);
  for (size_t i = 0; i < params.size(); ++i) {
    const auto& p = params[i];
    const int k = static_cast<int>(i + 1);
    if (p.is_null()) sqlite3_bind_null(st, k);
    else if (p.is_integer()) sqlite3_bind_int64(st, k, *p.if_integer());
    else if (p.is_real()) sqlite3_bind_double(st, k, *p.if_real());
    else sqlite3_bind_text(st, k, p.to_text().c_str(), -1, SQLITE_TRANSIENT);
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
  }
  std::string err = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db);
  sqlite3_finalize(st);
  return err;
}
}  // namespace

TEST_CASE("filter: every rule of the bundled templates compiles and runs") {
  const auto templates = std::filesystem::path(FASTCMS_SOURCE_DIR) / "templates";
  size_t rules = 0;
  for (const auto& t : std::filesystem::directory_iterator(templates)) {
    const auto dir = t.path() / "collections";
    if (!std::filesystem::is_directory(dir)) continue;
    INFO("template " << t.path().filename().string());
    nlohmann::json defs = nlohmann::json::array();
    for (const auto& f : std::filesystem::directory_iterator(dir)) {
      auto j = fastcms::project::load_structured_file(f.path());
      REQUIRE_MESSAGE(j.ok(), (j.ok() ? std::string() : j.error().message));
      defs.push_back(*j);
    }
    if (defs.empty()) continue;
    auto schema = ftrc::schema_from_json(defs);
    REQUIRE_MESSAGE(schema.ok(), (schema.ok() ? std::string() : schema.error().message));

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    for (const auto& c : schema->collections()) {
      std::string ddl = "CREATE TABLE \"" + c->name + "\" (";
      for (size_t i = 0; i < c->fields.size(); ++i) ddl += (i ? ", \"" : "\"") + c->fields[i].name + "\"";
      REQUIRE(template_rules_run(db, ddl + ")", {}).empty());
    }

    ftr::RequestInfo req;
    req.method = "POST";
    if (const auto* users = schema->find("users")) {
      req.auth = {{"id", "u1"}, {"email", "a@example.com"}, {"verified", true}};
      req.auth_collection = users;
    }
    for (const auto& c : schema->collections()) {
      req.body = nlohmann::json::object();
      for (const auto& f : c->fields)
        if (!f.system) req.body[f.name] = f.is_multi() ? nlohmann::json::array({"x"}) : nlohmann::json("x");
      std::vector<std::pair<std::string, std::string>> all;
      for (const char* key : {"listRule", "viewRule", "createRule", "updateRule", "deleteRule", "authRule", "manageRule"})
        if (c->definition.contains(key) && c->definition[key].is_string()) all.emplace_back(key, c->definition[key]);
      for (const auto& f : c->definition.value("fields", nlohmann::json::array()))
        for (const char* key : {"readRule", "writeRule"})
          if (f.contains(key) && f[key].is_string()) all.emplace_back(f["name"].get<std::string>() + "." + key, f[key]);
      for (const auto& [name, rule] : all) {
        INFO(c->name << " " << name << ": " << rule);
        ++rules;
        auto compiled = ftr::compile_filter(rule, *c, *schema, req);
        REQUIRE_MESSAGE(compiled.ok(), (compiled.ok() ? std::string() : compiled.error().message));
        CHECK(template_rules_run(db, "SELECT r.id FROM \"" + c->name + "\" AS r WHERE " + compiled->where_sql,
                                 compiled->params) == "");
      }
    }
    sqlite3_close(db);
  }
  CHECK(rules > 20);
}
