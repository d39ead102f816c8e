#include <doctest/doctest.h>

#include "core/records/record_json.h"
#include "read_fixture.h"

namespace {
using nlohmann::json;
namespace fixture = fastcms::test::records_fixture;
namespace records = fastcms::core::records;

json rj_definitions() {
  return json::parse(R"J([
    {"name": "_superusers", "type": "auth"},
    {"name": "members", "type": "auth", "manageRule": "@request.auth.role = 'admin'", "fields": [
      {"name": "role", "type": "text"},
      {"name": "notes", "type": "text", "hidden": true}
    ]},
    {"name": "things", "fields": [
      {"name": "title", "type": "text"},
      {"name": "qty", "type": "number"},
      {"name": "ratio", "type": "number"},
      {"name": "on", "type": "bool"},
      {"name": "tags", "type": "select", "values": ["a", "b", "c"], "maxSelect": 3},
      {"name": "one", "type": "select", "values": ["a", "b"], "maxSelect": 1},
      {"name": "meta", "type": "json"},
      {"name": "spot", "type": "geoPoint"},
      {"name": "secret", "type": "text", "hidden": true}
    ]}
  ])J");
}
}  // namespace

TEST_SUITE("records json") {
  TEST_CASE("record_from_row types every field and fills what the row lacks") {
    fixture::ReadDb rdb(rj_definitions());
    rdb.insert("things", {{"id", "t1"}, {"title", "T"}, {"qty", 3}, {"ratio", 1.5}, {"on", true},
                          {"tags", {"a", "c"}}, {"one", "b"}, {"meta", {{"k", 1}}},
                          {"spot", {{"lon", 1.5}, {"lat", 2}}}, {"secret", "s"}});
    auto row = rdb.db->query_one("SELECT * FROM things");
    REQUIRE(row.ok());
    REQUIRE(row->has_value());
    json r = records::record_from_row(rdb.collection("things"), **row);
    CHECK(r["collectionName"] == "things");
    CHECK(r["collectionId"] == rdb.collection("things").id);
    CHECK(r["qty"] == 3);
    CHECK(r["qty"].is_number_integer());
    CHECK(r["ratio"] == 1.5);
    CHECK(r["on"] == true);
    CHECK(r["tags"] == json({"a", "c"}));
    CHECK(r["one"] == "b");
    CHECK(r["meta"] == json({{"k", 1}}));
    CHECK(r["spot"] == json({{"lon", 1.5}, {"lat", 2}}));
    CHECK(r["secret"] == "s");

    auto partial = rdb.db->query_one("SELECT id FROM things");
    REQUIRE(partial.ok());
    json p = records::record_from_row(rdb.collection("things"), **partial);
    CHECK(p["id"] == "t1");
    CHECK(p["title"] == "");
    CHECK(p["tags"] == json::array());
    CHECK(p["meta"].is_null());
  }

  TEST_CASE("a select that changed between single and multi still reads") {
    fixture::ReadDb rdb(rj_definitions());
    REQUIRE(rdb.db->exec(R"(INSERT INTO things (id, tags, one) VALUES ('t1', 'a', '["b","a"]'))").ok());
    auto row = rdb.db->query_one("SELECT * FROM things");
    REQUIRE(row.ok());
    json r = records::record_from_row(rdb.collection("things"), **row);
    CHECK(r["tags"] == json({"a"}));
    CHECK(r["one"] == "b");
    REQUIRE(rdb.db->exec(R"(INSERT INTO things (id, tags, one) VALUES ('t2', '"b"', '[]'), ('t3', '', ''))").ok());
    auto rows = rdb.db->query("SELECT * FROM things WHERE id != 't1' ORDER BY id");
    REQUIRE(rows.ok());
    json t2 = records::record_from_row(rdb.collection("things"), (*rows)[0]);
    CHECK(t2["tags"] == json({"b"}));
    CHECK(t2["one"] == "");
    json t3 = records::record_from_row(rdb.collection("things"), (*rows)[1]);
    CHECK(t3["tags"] == json::array());
  }

  TEST_CASE("present_record: secrets never, hidden for superusers only, email by visibility, owner or manager") {
    fixture::ReadDb rdb(rj_definitions());
    const auto& members = rdb.collection("members");
    json full = {{"id", "m1"}, {"email", "m1@x.io"}, {"emailVisibility", false}, {"verified", true},
                 {"password", "$2a$hash"}, {"tokenKey", "tk"}, {"role", "user"}, {"notes", "n"}};

    json guest = records::present_record(members, full, rdb.guest());
    CHECK_FALSE(guest.contains("password"));
    CHECK_FALSE(guest.contains("tokenKey"));
    CHECK_FALSE(guest.contains("notes"));
    CHECK_FALSE(guest.contains("email"));
    CHECK(guest["verified"] == true);

    json visible = full;
    visible["emailVisibility"] = true;
    CHECK(records::present_record(members, visible, rdb.guest())["email"] == "m1@x.io");

    json owner = records::present_record(members, full, rdb.as("members", {{"id", "m1"}}));
    CHECK(owner["email"] == "m1@x.io");
    CHECK_FALSE(owner.contains("notes"));

    // the same id in another auth collection is not the owner
    CHECK_FALSE(records::present_record(members, full, rdb.as("_superusers", {{"id", "m1"}}))
                    .contains("password"));
    json other = records::present_record(members, full, rdb.as("members", {{"id", "m2"}}));
    CHECK_FALSE(other.contains("email"));
    CHECK(records::present_record(members, full, rdb.as("members", {{"id", "m2"}}), true)["email"] == "m1@x.io");

    json su = records::present_record(members, full, rdb.superuser());
    CHECK(su["email"] == "m1@x.io");
    CHECK(su["notes"] == "n");
    CHECK_FALSE(su.contains("password"));
    CHECK_FALSE(su.contains("tokenKey"));
    CHECK(records::present_record(members, full, fastcms::core::RequestContext::system())["notes"] == "n");
  }

  TEST_CASE("to_sql_value stores what record_from_row reads back") {
    fixture::ReadDb rdb(rj_definitions());
    const auto& things = rdb.collection("things");
    CHECK(records::to_sql_value(*things.field("on"), true) == fastcms::db::SqlValue(1));
    CHECK(records::to_sql_value(*things.field("qty"), 2) == fastcms::db::SqlValue(2.0));
    CHECK(records::to_sql_value(*things.field("tags"), json({"a", "b"})) == fastcms::db::SqlValue(R"(["a","b"])"));
    CHECK(records::to_sql_value(*things.field("meta"), nullptr).is_null());
    CHECK(records::to_sql_value(*things.field("meta"), "x") == fastcms::db::SqlValue(R"("x")"));
    CHECK(records::to_sql_value(*things.field("title"), nullptr) == fastcms::db::SqlValue(""));
    CHECK(records::to_sql_value(*things.field("qty"), nullptr) == fastcms::db::SqlValue(0.0));
  }
}
