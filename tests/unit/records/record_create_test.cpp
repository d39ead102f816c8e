#include <doctest/doctest.h>

#include <regex>

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

struct CreateFixture {
  test::RecordsTestDb t{test::records_test_collections()};
  CreateFixture() { test::seed_records_test_accounts(t); }

  ApiResult<json> create(const std::string& collection, const RequestContext& ctx, const json& body) {
    return records::create_record(t.db(), t.schema(), t.collection(collection), ctx, body);
  }
  RequestContext root() { return t.as("_superusers", test::root_id); }
  RequestContext alice() { return t.as("users", test::alice_id); }
};

json rc_valid_post() {
  return {{"title", "Hello"},
          {"views", 3},
          {"rating", 4.5},
          {"published", true},
          {"contact", "me@example.com"},
          {"site", "https://example.com/x"},
          {"body", "<p>hi</p>"},
          {"due", "2024-05-01 10:00:00Z"},
          {"status", "draft"},
          {"tags", {"a", "b"}},
          {"author", test::alice_id},
          {"editors", {test::bob_id, test::admin_id}},
          {"meta", {{"k", 1}}},
          {"location", {{"lon", 10.5}, {"lat", -3}}},
          {"secret", "s3"}};
}
}  // namespace

TEST_SUITE("records create") {
  TEST_CASE("a superuser creates a record with every field type; the full record comes back") {
    CreateFixture f;
    json rec = test::expect_ok(f.create("posts", f.root(), rc_valid_post()));
    CHECK(rec["collectionName"] == "posts");
    CHECK(std::regex_match(rec["id"].get<std::string>(), std::regex("^[a-z0-9]{15}$")));
    CHECK(std::regex_match(rec["slug"].get<std::string>(), std::regex("^post-[a-z0-9]{6}$")));
    CHECK(rec["title"] == "Hello");
    CHECK(rec["views"] == 3);
    CHECK(rec["rating"] == 4.5);
    CHECK(rec["published"] == true);
    CHECK(rec["contact"] == "me@example.com");
    CHECK(rec["due"] == "2024-05-01 10:00:00.000Z");
    CHECK(rec["status"] == "draft");
    CHECK(rec["tags"] == json({"a", "b"}));
    CHECK(rec["author"] == test::alice_id);
    CHECK(rec["editors"] == json({test::bob_id, test::admin_id}));
    CHECK(rec["meta"] == json({{"k", 1}}));
    CHECK(rec["location"] == json({{"lon", 10.5}, {"lat", -3}}));
    CHECK(rec["cover"] == "");
    CHECK(rec["attachments"] == json::array());
    CHECK(rec["secret"] == "s3");  // superusers may set hidden fields
    CHECK(rec["created"].get<std::string>().size() == 24);
    CHECK(rec["created"] == rec["updated"]);
    CHECK(f.t.stored("posts", rec["id"]) == rec);
  }

  TEST_CASE("every field type rejects bad input with its code, all reported at once, nothing stored") {
    CreateFixture f;
    json body = {{"id", "short"},
                 {"slug", "bad slug"},
                 {"views", 1.5},
                 {"rating", 6},
                 {"published", "maybe"},
                 {"contact", "x@other.com"},
                 {"site", "not a url"},
                 {"body", std::string(60, 'x')},
                 {"due", "2019-05-01"},
                 {"status", "gone"},
                 {"tags", {"a", "b", "c", "d"}},
                 {"author", "nosuchuser00000"},
                 {"editors", {"../x"}},
                 {"meta", {{"long", std::string(50, 'x')}}},
                 {"location", {{"lon", 200}, {"lat", 0}}},
                 {"cover", "evil.png"}};
    ApiError e = test::expect_error(f.create("posts", f.root(), body));
    CHECK(e.status == 400);
    CHECK(e.message == "Failed to create record.");
    CHECK(test::error_codes(e) == json({{"id", "validation_min_text_constraint"},
                               {"slug", "validation_invalid_format"},
                               {"title", "validation_required"},
                               {"views", "validation_only_int_constraint"},
                               {"rating", "validation_max_number_constraint"},
                               {"published", "validation_invalid_bool"},
                               {"contact", "validation_email_domain_not_allowed"},
                               {"site", "validation_is_url"},
                               {"body", "validation_content_size_limit"},
                               {"due", "validation_min_date_constraint"},
                               {"status", "validation_invalid_value"},
                               {"tags", "validation_too_many_values"},
                               {"author", "validation_missing_rel_records"},
                               {"editors", "validation_invalid_value"},
                               {"meta", "validation_json_size_limit"},
                               {"location", "validation_invalid_geo_point"},
                               {"cover", "validation_invalid_file"}}));
    CHECK(e.data["title"]["message"] == "Missing required value.");
    CHECK(e.data["cover"]["params"]["invalidFiles"] == json({"evil.png"}));
    CHECK(f.t.count("posts") == 0);
  }

  TEST_CASE("client ids: the id field's format, uniqueness; unique indexes name their field") {
    CreateFixture f;
    json body = {{"id", "abcdefghij12345"}, {"title", "One"}};
    CHECK(test::expect_ok(f.create("posts", f.root(), body))["id"] == "abcdefghij12345");

    ApiError dup = test::expect_error(f.create("posts", f.root(), {{"id", "abcdefghij12345"}, {"title", "Two"}}));
    CHECK(dup.message == "Failed to create record.");
    CHECK(test::error_codes(dup) == json({{"id", "validation_not_unique"}}));
    CHECK(dup.data["id"]["message"] == "Value must be unique.");

    CHECK(test::error_codes(test::expect_error(f.create("posts", f.root(), {{"id", "ABCDEFGHIJ12345"}, {"title", "Two"}}))) ==
          json({{"id", "validation_invalid_format"}}));
    CHECK(test::error_codes(test::expect_error(f.create("posts", f.root(), {{"id", "abcdefghij123456"}, {"title", "Two"}}))) ==
          json({{"id", "validation_max_text_constraint"}}));
    CHECK(test::error_codes(test::expect_error(f.create("posts", f.root(), {{"title", "One"}}))) == json({{"title", "validation_not_unique"}}));
    CHECK(f.t.count("posts") == 1);
  }

  TEST_CASE("modifiers apply to the new record's zero values") {
    CreateFixture f;
    json rec = test::expect_ok(f.create("posts", f.root(),
                              {{"title", "M"}, {"tags+", "c"}, {"+tags", "a"}, {"views+", 4}, {"editors+", test::bob_id},
                               {"slug:autogenerate", ""}}));
    CHECK(rec["tags"] == json({"a", "c"}));
    CHECK(rec["views"] == 4);
    CHECK(rec["editors"] == json({test::bob_id}));
    CHECK(std::regex_match(rec["slug"].get<std::string>(), std::regex("^post-[a-z0-9]{6}$")));

    ApiError e = test::expect_error(f.create("posts", f.root(), {{"title", "N"}, {"title+", "x"}, {"published-", true}}));
    CHECK(test::error_codes(e) == json({{"title+", "validation_unsupported_modifier"},
                               {"published-", "validation_unsupported_modifier"}}));
    // unknown keys are ignored
    CHECK(test::expect_ok(f.create("posts", f.root(), {{"title", "O"}, {"nonsense", 1}, {"whatever+", 2}}))["title"] == "O");
  }

  TEST_CASE("createRule: null, unmet, met; views refused; bodies that are not objects refused") {
    CreateFixture f;
    ApiError locked = test::expect_error(f.create("locked", f.t.guest(), {{"note", "x"}}));
    CHECK(locked.status == 403);
    CHECK(locked.message == "Only superusers can perform this action.");
    CHECK(test::expect_error(f.create("locked", f.alice(), {{"note", "x"}})).status == 403);
    CHECK(test::expect_ok(f.create("locked", f.root(), {{"note", "x"}}))["note"] == "x");
    CHECK(test::expect_ok(f.create("locked", RequestContext::system(), {{"note", "y"}}))["note"] == "y");

    // posts: authenticated, and only as the author; the rule runs before validation
    ApiError guest = test::expect_error(f.create("posts", f.t.guest(), {{"title", "G"}, {"author", test::alice_id}}));
    CHECK(guest.status == 400);
    CHECK(guest.message == "Failed to create record.");
    CHECK(guest.data == json::object());
    ApiError other = test::expect_error(f.create("posts", f.alice(), {{"title", "G"}, {"author", test::bob_id}}));
    CHECK(other.status == 400);
    CHECK(other.data == json::object());
    ApiError invalid_and_denied = test::expect_error(f.create("posts", f.t.guest(), {{"views", "x"}, {"title", "G"}}));
    CHECK(invalid_and_denied.data == json::object());
    CHECK(f.t.count("posts") == 0);

    json own = test::expect_ok(f.create("posts", f.alice(), {{"title", "Mine"}, {"author", test::alice_id}, {"secret", "no"}}));
    CHECK(own["author"] == test::alice_id);
    CHECK(own["secret"] == "");  // hidden fields are not writable by users

    ApiError view = test::expect_error(f.create("post_titles", f.root(), {{"title", "x"}}));
    CHECK(view.status == 400);
    CHECK(view.message == "Unsupported collection type.");
    ApiError not_object = test::expect_error(f.create("posts", f.root(), json::array({1})));
    CHECK(not_object.status == 400);
    CHECK(not_object.message == "Failed to read the submitted data.");
  }

  TEST_CASE("@request.body in the createRule is the body after modifiers") {
    CreateFixture f;
    // createRule: @request.body.priority:isset && @request.body.priority <= 3 && @request.body.labels:length <= 2
    CHECK(test::expect_ok(f.create("tickets", f.t.guest(), {{"priority", 2}, {"labels", {"x"}}}))["priority"] == 2);
    CHECK(test::expect_ok(f.create("tickets", f.t.guest(), {{"priority", "3"}}))["priority"] == 3);  // normalized form
    CHECK(test::expect_error(f.create("tickets", f.t.guest(), {{"priority", 5}})).data == json::object());
    CHECK(test::expect_error(f.create("tickets", f.t.guest(), {{"title", "no priority"}})).status == 400);
    CHECK(test::expect_error(f.create("tickets", f.t.guest(), {{"priority", 1}, {"labels+", {"x", "y", "z"}}})).status == 400);
    CHECK(test::expect_ok(f.create("tickets", f.t.guest(), {{"priority", 1}, {"labels+", {"x", "y"}}}))["labels"] ==
          json({"x", "y"}));
    CHECK(f.t.count("tickets") == 3);
  }

  TEST_CASE("auth records: password rules, hashing, token key, unique email, verified") {
    CreateFixture f;
    auto guest = f.t.guest();
    ApiError missing = test::expect_error(f.create("users", guest, {{"email", "new@example.com"}}));
    CHECK(test::error_codes(missing) == json({{"password", "validation_required"}, {"passwordConfirm", "validation_required"}}));

    ApiError mismatch = test::expect_error(
        f.create("users", guest, {{"email", "new@example.com"}, {"password", "longenough1"}, {"passwordConfirm", "other123"}}));
    CHECK(test::error_codes(mismatch) == json({{"passwordConfirm", "validation_values_mismatch"}}));
    CHECK(mismatch.to_json().dump().find("longenough1") == std::string::npos);

    ApiError short_pw =
        test::expect_error(f.create("users", guest, {{"email", "new@example.com"}, {"password", "short"}, {"passwordConfirm", "short"}}));
    CHECK(test::error_codes(short_pw) == json({{"password", "validation_min_text_constraint"}}));
    CHECK(short_pw.to_json().dump().find("short\"") == std::string::npos);

    ApiError no_email = test::expect_error(f.create("users", guest, {{"password", "longenough1"}, {"passwordConfirm", "longenough1"}}));
    CHECK(test::error_codes(no_email) == json({{"email", "validation_required"}}));

    json user = test::expect_ok(f.create("users", guest,
                               {{"email", "new@example.com"}, {"password", "longenough1"}, {"passwordConfirm", "longenough1"},
                                {"name", "New"}, {"emailVisibility", true}}));
    CHECK(user["email"] == "new@example.com");
    CHECK(user["emailVisibility"] == true);
    CHECK(user["verified"] == false);
    CHECK(fastcms::core::auth::verify_password("longenough1", user["password"]));
    CHECK(std::regex_match(user["tokenKey"].get<std::string>(), std::regex("^[a-zA-Z0-9]{50}$")));

    ApiError taken = test::expect_error(f.create("users", guest,
                                     {{"email", "new@example.com"}, {"password", "longenough1"}, {"passwordConfirm", "longenough1"}}));
    CHECK(test::error_codes(taken) == json({{"email", "validation_not_unique"}}));

    json body = {{"email", "v@example.com"}, {"password", "longenough1"}, {"passwordConfirm", "longenough1"}, {"verified", true}};
    CHECK(test::error_codes(test::expect_error(f.create("users", guest, body))) == json({{"verified", "validation_values_mismatch"}}));
    CHECK(test::error_codes(test::expect_error(f.create("users", f.alice(), body))) == json({{"verified", "validation_values_mismatch"}}));
    CHECK(test::expect_ok(f.create("users", f.t.as("users", test::admin_id), body))["verified"] == true);  // manageRule
    body["email"] = "w@example.com";
    CHECK(test::expect_ok(f.create("users", f.root(), body))["verified"] == true);
    // hidden tokenKey: ignored for users, settable by superusers
    json key_body = {{"email", "k@example.com"}, {"password", "longenough1"}, {"passwordConfirm", "longenough1"},
                     {"tokenKey", std::string(40, 'k')}};
    CHECK(test::expect_ok(f.create("users", guest, key_body))["tokenKey"] != std::string(40, 'k'));
    key_body["email"] = "k2@example.com";
    CHECK(test::expect_ok(f.create("users", f.root(), key_body))["tokenKey"] == std::string(40, 'k'));
    CHECK(f.t.count("users") == 8);
  }

  TEST_CASE("inside an outer transaction a create is undone with it") {
    CreateFixture f;
    auto status = f.t.db().transaction([&](fastcms::db::Connection& tx) -> fastcms::Status {
      auto r = records::create_record(tx, f.t.schema(), f.t.collection("posts"), f.root(), {{"title", "Tx"}});
      if (!r.ok()) FAIL(r.error().message);
      return fastcms::Error::failure("roll back");
    });
    CHECK_FALSE(status.ok());
    CHECK(f.t.count("posts") == 0);
  }
}
