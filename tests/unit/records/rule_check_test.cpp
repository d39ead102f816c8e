#include <doctest/doctest.h>

#include "core/records/rule_check.h"
#include "read_fixture.h"

namespace {
using nlohmann::json;
namespace fixture = fastcms::test::records_fixture;
namespace records = fastcms::core::records;

json rc_definitions() {
  return json::parse(R"J([
    {"name": "_superusers", "type": "auth"},
    {"name": "users", "type": "auth"},
    {"name": "notes", "listRule": null, "viewRule": "", "updateRule": "owner = @request.auth.id",
     "deleteRule": "owner = @request.auth.id && missing_field = 1", "fields": [
      {"name": "owner", "type": "relation", "collection": "users", "maxSelect": 1},
      {"name": "hush", "type": "text", "hidden": true}
    ]}
  ])J");
}
}  // namespace

TEST_SUITE("records rule check") {
  TEST_CASE("null rule: 403 for users and guests, nothing for superusers and system callers") {
    fixture::ReadDb rdb(rc_definitions());
    const auto& notes = rdb.collection("notes");
    auto guest = records::rule_condition(notes.list_rule, notes, rdb.schema, rdb.guest());
    REQUIRE_FALSE(guest.ok());
    CHECK(guest.error().status == 403);
    CHECK(guest.error().message == "Only superusers can perform this action.");
    auto user = records::rule_condition(notes.list_rule, notes, rdb.schema, rdb.as("users", {{"id", "u1"}}));
    REQUIRE_FALSE(user.ok());
    CHECK(user.error().status == 403);
    auto su = records::rule_condition(notes.list_rule, notes, rdb.schema, rdb.superuser());
    REQUIRE(su.ok());
    CHECK(su->where_sql == "1=1");
    auto sys = records::rule_condition(notes.list_rule, notes, rdb.schema, fastcms::core::RequestContext::system());
    REQUIRE(sys.ok());
    CHECK(sys->where_sql == "1=1");
  }

  TEST_CASE("empty rule is everyone; a filter rule binds @request values from the context") {
    fixture::ReadDb rdb(rc_definitions());
    const auto& notes = rdb.collection("notes");
    auto open = records::rule_condition(notes.view_rule, notes, rdb.schema, rdb.guest());
    REQUIRE(open.ok());
    CHECK(open->where_sql == "1=1");
    auto owner = records::rule_condition(notes.update_rule, notes, rdb.schema, rdb.as("users", {{"id", "u1"}}), 4);
    REQUIRE(owner.ok());
    CHECK(owner->where_sql.find("?4") != std::string::npos);
    REQUIRE(owner->params.size() == 1);
    CHECK(owner->params[0] == fastcms::db::SqlValue("u1"));
  }

  TEST_CASE("a rule that no longer compiles denies with a message naming the collection") {
    fixture::ReadDb rdb(rc_definitions());
    const auto& notes = rdb.collection("notes");
    auto broken = records::rule_condition(notes.delete_rule, notes, rdb.schema, rdb.as("users", {{"id", "u1"}}));
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().status == 400);
    CHECK(broken.error().message.find("notes") != std::string::npos);
  }

  TEST_CASE("record_satisfies checks one record against a condition") {
    fixture::ReadDb rdb(rc_definitions());
    rdb.insert("users", {{"id", "u1"}, {"email", "u1@x.io"}, {"tokenKey", "k1"}});
    rdb.insert("notes", {{"id", "n1"}, {"owner", "u1"}});
    rdb.insert("notes", {{"id", "n2"}, {"owner", ""}});
    const auto& notes = rdb.collection("notes");
    auto cond = records::rule_condition(notes.update_rule, notes, rdb.schema, rdb.as("users", {{"id", "u1"}}), 2);
    REQUIRE(cond.ok());
    auto yes = records::record_satisfies(*rdb.db, notes, "n1", *cond);
    REQUIRE(yes.ok());
    CHECK(*yes);
    auto no = records::record_satisfies(*rdb.db, notes, "n2", *cond);
    REQUIRE(no.ok());
    CHECK_FALSE(*no);
    auto missing = records::record_satisfies(*rdb.db, notes, "zz", *cond);
    REQUIRE(missing.ok());
    CHECK_FALSE(*missing);
    // PocketBase semantics: for a guest @request.auth.id is "", so records without an owner match
    auto as_guest = records::rule_condition(notes.update_rule, notes, rdb.schema, rdb.guest(), 2);
    REQUIRE(as_guest.ok());
    CHECK(*records::record_satisfies(*rdb.db, notes, "n2", *as_guest));
    CHECK_FALSE(*records::record_satisfies(*rdb.db, notes, "n1", *as_guest));
  }
}
