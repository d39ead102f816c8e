#include <doctest/doctest.h>

#include "core/collections/collection_service.h"
#include "core/collections/system_tables.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
using nlohmann::json;
namespace cols = fastcms::core::collections;

std::unique_ptr<fastcms::db::SqliteDatabase> list_db(const fastcms::test::TempDir& dir) {
  auto db = fastcms::test::open_test_sqlite(dir / "data.db");
  REQUIRE(cols::ensure_system_tables(*db).ok());
  for (const json& body : {json{{"name", "posts"}}, json{{"name", "comments"}}, json{{"name", "users"}, {"type", "auth"}}}) {
    auto r = cols::create_collection(*db, body);
    if (!r.ok()) FAIL(r.error().to_json().dump());
  }
  return db;
}

json list_ok(fastcms::db::Connection& db, const std::map<std::string, std::string>& query) {
  auto r = cols::list_collections(db, query);
  if (!r.ok()) FAIL(r.error().to_json().dump());
  return *r;
}

/// The system collections every database has, in creation order (_superusers first).
std::vector<std::string> list_system_names() {
  std::vector<std::string> out;
  for (const auto& definition : cols::system_collection_definitions()) out.push_back(definition["name"]);
  return out;
}

/// The system collections followed by `names`.
std::vector<std::string> list_after_system(std::vector<std::string> names) {
  auto out = list_system_names();
  out.insert(out.end(), names.begin(), names.end());
  return out;
}

std::vector<std::string> list_names(const json& page) {
  std::vector<std::string> out;
  for (const auto& item : page["items"]) out.push_back(item["name"]);
  return out;
}
}  // namespace

TEST_SUITE("collections service: list") {
  TEST_CASE("PocketBase pagination, insertion order by default") {
    fastcms::test::TempDir dir;
    auto db = list_db(dir);
    json page = list_ok(*db, {});
    CHECK(page["page"] == 1);
    CHECK(page["perPage"] == 30);
    const size_t system_count = list_system_names().size();
    CHECK(page["totalItems"] == system_count + 3);
    CHECK(page["totalPages"] == 1);
    CHECK(list_names(page) == list_after_system({"posts", "comments", "users"}));
    CHECK(page["items"][0]["id"] == "pbc_3142635823");
    CHECK(page["items"][system_count + 2].contains("passwordAuth"));

    const std::string per_page = std::to_string(system_count + 1);
    json second = list_ok(*db, {{"page", "2"}, {"perPage", per_page}});
    CHECK(second["page"] == 2);
    CHECK(second["perPage"] == system_count + 1);
    CHECK(second["totalPages"] == 2);
    CHECK(list_names(second) == std::vector<std::string>{"comments", "users"});

    json skipped = list_ok(*db, {{"skipTotal", "true"}, {"perPage", "0"}, {"page", "-4"}});
    CHECK(skipped["totalItems"] == -1);
    CHECK(skipped["totalPages"] == -1);
    CHECK(skipped["perPage"] == 30);
    CHECK(skipped["page"] == 1);
    CHECK(list_ok(*db, {{"perPage", "5000"}})["perPage"] == 1000);
  }

  TEST_CASE("filter and sort on id, created, updated, name, system, type") {
    fastcms::test::TempDir dir;
    auto db = list_db(dir);
    CHECK(list_names(list_ok(*db, {{"filter", "system = true"}})) == list_system_names());
    CHECK(list_names(list_ok(*db, {{"filter", "type = 'auth' && system = false"}})) == std::vector<std::string>{"users"});
    CHECK(list_names(list_ok(*db, {{"filter", "name ~ 'o' && system = false"}, {"sort", "-name"}})) ==
          std::vector<std::string>{"posts", "comments"});
    CHECK(list_names(list_ok(*db, {{"filter", "id = 'pbc_3142635823'"}})) == std::vector<std::string>{"_superusers"});
    CHECK(list_ok(*db, {{"filter", "created != '' && updated != ''"}})["totalItems"] == list_system_names().size() + 3);
    CHECK(list_names(list_ok(*db, {{"filter", "system = false || name = '_superusers'"}, {"sort", "type,name"}})) ==
          std::vector<std::string>{"_superusers", "users", "comments", "posts"});
    CHECK(list_ok(*db, {{"filter", "name = 'posts'"}})["totalItems"] == 1);
  }

  TEST_CASE("a filter or sort that does not compile is a 400 with PocketBase's default message") {
    fastcms::test::TempDir dir;
    auto db = list_db(dir);
    for (auto query : std::vector<std::map<std::string, std::string>>{
             {{"filter", "definition ~ 'x'"}}, {{"filter", "name ="}}, {{"sort", "nosuch"}}}) {
      auto r = cols::list_collections(*db, query);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().status == 400);
      CHECK(r.error().to_json() == json{{"status", 400},
                                        {"message", "Something went wrong while processing your request."},
                                        {"data", json::object()}});
    }
  }
}
