#include <doctest/doctest.h>

#include "core/auth/password_hash.h"
#include "core/records/record_write.h"
#include "support/api_result_checks.h"
#include "support/records_test_db.h"
#include "support/records_test_schema.h"

namespace {
using nlohmann::json;
namespace records = fastcms::core::records;
namespace test = fastcms::test;
using fastcms::core::ApiError;
using fastcms::core::ApiResult;
using fastcms::core::RequestContext;

const std::string ru_post_id = "post00000000001";
const std::string ru_stamp = "2024-01-01 00:00:00.000Z";

struct UpdateFixture {
  test::RecordsTestDb t{test::records_test_collections()};
  UpdateFixture() {
    test::seed_records_test_accounts(t);
    t.insert("posts", {{"id", ru_post_id},
                       {"title", "First"},
                       {"views", 3},
                       {"tags", json({"a", "b"})},
                       {"status", "draft"},
                       {"author", test::alice_id},
                       {"editors", json({test::bob_id, test::admin_id})},
                       {"secret", "kept"},
                       {"cover", "c.png"},
                       {"attachments", json({"a.png", "b.png"})},
                       {"created", ru_stamp},
                       {"updated", ru_stamp}});
    t.insert("posts", {{"id", "post00000000002"}, {"title", "Second"}, {"author", test::bob_id},
                       {"created", ru_stamp}, {"updated", ru_stamp}});
    t.insert("tickets", {{"id", "tick00000000001"}, {"title", "Printer"}, {"priority", 1}});
  }

  ApiResult<json> update(const std::string& collection, const RequestContext& ctx, const std::string& id,
                         const json& body) {
    return records::update_record(t.db(), t.schema(), t.collection(collection), ctx, id, body);
  }
  RequestContext root() { return t.as("_superusers", test::root_id); }
  RequestContext user(const std::string& id) { return t.as("users", id); }
};

}  // namespace

TEST_SUITE("records update") {
  TEST_CASE("only the given fields change; updated is refreshed, created kept") {
    UpdateFixture f;
    json before = f.t.stored("posts", ru_post_id);
    json after = test::expect_ok(f.update("posts", f.root(), ru_post_id, {{"title", "Renamed"}}));
    CHECK(after["title"] == "Renamed");
    CHECK(after["created"] == ru_stamp);
    CHECK(after["updated"] != ru_stamp);
    for (const char* unchanged : {"views", "tags", "status", "author", "editors", "secret", "slug"})
      CHECK_MESSAGE(after[unchanged] == before[unchanged], unchanged);
    CHECK(f.t.stored("posts", ru_post_id) == after);
  }

  TEST_CASE("modifiers apply to the stored values, and the result is validated") {
    UpdateFixture f;
    json r = test::expect_ok(f.update("posts", f.root(), ru_post_id,
                            {{"tags+", "c"}, {"tags-", "a"}, {"views+", 2}, {"editors-", test::bob_id}}));
    CHECK(r["tags"] == json({"b", "c"}));
    CHECK(r["views"] == 5);
    CHECK(r["editors"] == json({test::admin_id}));
    r = test::expect_ok(f.update("posts", f.root(), ru_post_id, {{"views-", 5}, {"+tags", "a"}}));
    CHECK(r["views"] == 0);
    CHECK(r["tags"] == json({"a", "b", "c"}));

    ApiError e = test::expect_error(f.update("posts", f.root(), ru_post_id, {{"views-", 1}, {"tags+", "d"}, {"editors+", "nosuchuser00000"}}));
    CHECK(e.message == "Failed to update record.");
    CHECK(test::error_codes(e) == json({{"views", "validation_min_number_constraint"},
                               {"tags", "validation_too_many_values"},
                               {"editors", "validation_missing_rel_records"}}));
    CHECK(f.t.stored("posts", ru_post_id) == r);
  }

  TEST_CASE("validation failures, unique violations and id changes leave the row as it was") {
    UpdateFixture f;
    json before = f.t.stored("posts", ru_post_id);
    ApiError e = test::expect_error(f.update("posts", f.root(), ru_post_id, {{"title", ""}, {"status", "nope"}, {"cover", "x.png"}}));
    CHECK(test::error_codes(e) == json({{"title", "validation_required"},
                               {"status", "validation_invalid_value"},
                               {"cover", "validation_invalid_file"}}));
    CHECK(test::error_codes(test::expect_error(f.update("posts", f.root(), ru_post_id, {{"title", "Second"}}))) ==
          json({{"title", "validation_not_unique"}}));
    ApiError pk = test::expect_error(f.update("posts", f.root(), ru_post_id, {{"id", "other0000000001"}}));
    CHECK(test::error_codes(pk) == json({{"id", "validation_pk_change"}}));
    CHECK(pk.data["id"]["message"] == "The record primary key cannot be changed.");
    CHECK(f.t.stored("posts", ru_post_id) == before);
    CHECK(test::expect_ok(f.update("posts", f.root(), ru_post_id, {{"id", ru_post_id}, {"title", "Same id"}}))["id"] == ru_post_id);
  }

  TEST_CASE("file fields keep, reorder and drop existing names; new names are refused; autodates ignore the body") {
    UpdateFixture f;
    json r = test::expect_ok(f.update("posts", f.root(), ru_post_id,
                            {{"attachments", {"b.png", "a.png"}}, {"created", "2000-01-01 00:00:00.000Z"}, {"updated", ""}}));
    CHECK(r["attachments"] == json({"b.png", "a.png"}));
    CHECK(r["created"] == ru_stamp);
    CHECK(r["updated"] != ru_stamp);
    CHECK(r["updated"] != "");
    r = test::expect_ok(f.update("posts", f.root(), ru_post_id, {{"attachments-", "b.png"}, {"cover", ""}}));
    CHECK(r["attachments"] == json({"a.png"}));
    CHECK(r["cover"] == "");
    ApiError e = test::expect_error(f.update("posts", f.root(), ru_post_id, {{"attachments+", {"new.png", "a.png"}}, {"cover", "c.png"}}));
    CHECK(test::error_codes(e) == json({{"attachments", "validation_invalid_file"}, {"cover", "validation_invalid_file"}}));
    CHECK(e.data["attachments"]["message"] == "Invalid new files: [new.png].");
    CHECK(e.data["attachments"]["params"]["invalidFiles"] == json({"new.png"}));
  }

  TEST_CASE("updateRule: owner, other user, guest, superuser, missing record, null rule, views") {
    UpdateFixture f;
    CHECK(test::expect_ok(f.update("posts", f.user(test::alice_id), ru_post_id, {{"title", "By owner"}}))["title"] == "By owner");
    for (const auto& ctx : {f.user(test::bob_id), f.t.guest()}) {
      ApiError e = test::expect_error(f.update("posts", ctx, ru_post_id, {{"title", "Hijack"}}));
      CHECK(e.status == 404);
      CHECK(e.data == json::object());
    }
    CHECK(test::expect_ok(f.update("posts", f.root(), ru_post_id, {{"title", "By root"}}))["title"] == "By root");
    CHECK(test::expect_error(f.update("posts", f.root(), "missing00000000", {{"title", "x"}})).status == 404);
    CHECK(test::expect_error(f.update("posts", f.user(test::alice_id), "missing00000000", {{"title", "x"}})).status == 404);
    // an invalid body does not reveal the record to someone the rule refuses
    CHECK(test::expect_error(f.update("posts", f.user(test::bob_id), ru_post_id, {{"views", "x"}})).status == 404);
    // hidden fields are not writable by users
    CHECK(test::expect_ok(f.update("posts", f.user(test::alice_id), ru_post_id, {{"secret", "changed"}}))["secret"] == "kept");

    f.t.insert("locked", {{"id", "lock00000000001"}, {"note", "n"}});
    ApiError locked = test::expect_error(f.update("locked", f.user(test::alice_id), "lock00000000001", {{"note", "m"}}));
    CHECK(locked.status == 403);
    CHECK(locked.message == "Only superusers can perform this action.");
    CHECK(test::expect_ok(f.update("locked", f.root(), "lock00000000001", {{"note", "m"}}))["note"] == "m");
    CHECK(test::expect_error(f.update("post_titles", f.root(), ru_post_id, {{"title", "v"}})).message == "Unsupported collection type.");
  }

  TEST_CASE("@request.body and :changed are checked against the stored record") {
    UpdateFixture f;
    // tickets updateRule: @request.body.title:changed = false
    CHECK(test::expect_ok(f.update("tickets", f.t.guest(), "tick00000000001", {{"priority+", 2}}))["priority"] == 3);
    CHECK(test::expect_ok(f.update("tickets", f.t.guest(), "tick00000000001", {{"title", "Printer"}}))["title"] == "Printer");
    CHECK(test::expect_error(f.update("tickets", f.t.guest(), "tick00000000001", {{"title", "Scanner"}})).status == 404);
    CHECK(f.t.stored("tickets", "tick00000000001")["title"] == "Printer");
  }

  TEST_CASE("auth records: oldPassword, email and verified locks, token key regeneration") {
    UpdateFixture f;
    auto alice = f.user(test::alice_id);
    const std::string key0 = f.t.stored("users", test::alice_id)["tokenKey"];

    json named = test::expect_ok(f.update("users", alice, test::alice_id, {{"name", "Alice"}}));
    CHECK(named["name"] == "Alice");
    CHECK(named["tokenKey"] == key0);

    json change = {{"password", "newpassword1"}, {"passwordConfirm", "newpassword1"}};
    CHECK(test::error_codes(test::expect_error(f.update("users", alice, test::alice_id, change))) == json({{"oldPassword", "validation_required"}}));
    change["oldPassword"] = "wrongpassword";
    ApiError wrong = test::expect_error(f.update("users", alice, test::alice_id, change));
    CHECK(test::error_codes(wrong) == json({{"oldPassword", "validation_invalid_old_password"}}));
    CHECK(wrong.data["oldPassword"]["message"] == "Missing or invalid old password.");
    CHECK(wrong.to_json().dump().find("newpassword1") == std::string::npos);
    change["oldPassword"] = test::seeded_password;
    change["passwordConfirm"] = "different1";
    CHECK(test::error_codes(test::expect_error(f.update("users", alice, test::alice_id, change))) ==
          json({{"passwordConfirm", "validation_values_mismatch"}}));
    change["passwordConfirm"] = "newpassword1";
    json changed = test::expect_ok(f.update("users", alice, test::alice_id, change));
    CHECK(fastcms::core::auth::verify_password("newpassword1", changed["password"]));
    CHECK(changed["tokenKey"] != key0);
    CHECK(changed["tokenKey"].get<std::string>().size() == 50);

    ApiError email = test::expect_error(f.update("users", alice, test::alice_id, {{"email", "alice2@example.com"}}));
    CHECK(test::error_codes(email) == json({{"email", "validation_values_mismatch"}}));
    CHECK(test::error_codes(test::expect_error(f.update("users", alice, test::alice_id, {{"verified", false}}))) ==
          json({{"verified", "validation_values_mismatch"}}));
    CHECK(test::expect_ok(f.update("users", alice, test::alice_id, {{"email", "alice@example.com"}, {"verified", true}}))["email"] ==
          "alice@example.com");  // unchanged values are fine

    // a manager (manageRule) changes another user's email and password without oldPassword
    const std::string bob_key = f.t.stored("users", test::bob_id)["tokenKey"];
    json managed = test::expect_ok(f.update("users", f.user(test::admin_id), test::bob_id,
                                  {{"email", "robert@example.com"}, {"verified", false},
                                   {"password", "managedpw1"}, {"passwordConfirm", "managedpw1"}}));
    CHECK(managed["email"] == "robert@example.com");
    CHECK(managed["verified"] == false);
    CHECK(fastcms::core::auth::verify_password("managedpw1", managed["password"]));
    CHECK(managed["tokenKey"] != bob_key);

    // an email change alone also regenerates the key; a superuser may set it explicitly
    const std::string key1 = f.t.stored("users", test::alice_id)["tokenKey"];
    json moved = test::expect_ok(f.update("users", f.root(), test::alice_id, {{"email", "alice3@example.com"}}));
    CHECK(moved["tokenKey"] != key1);
    json explicit_key = test::expect_ok(f.update("users", f.root(), test::alice_id,
                                       {{"email", "alice4@example.com"}, {"tokenKey", std::string(40, 'z')}}));
    CHECK(explicit_key["tokenKey"] == std::string(40, 'z'));

    ApiError taken = test::expect_error(f.update("users", f.root(), test::alice_id, {{"email", "admin@example.com"}}));
    CHECK(test::error_codes(taken) == json({{"email", "validation_not_unique"}}));
    // another member is not allowed by the updateRule at all
    CHECK(test::expect_error(f.update("users", f.user(test::bob_id), test::admin_id, {{"name", "x"}})).status == 404);
  }
}
