#include <doctest/doctest.h>

#include "core/records/record_draft.h"
#include "core/records/rule_subject.h"
#include "support/records_test_db.h"
#include "support/records_test_schema.h"

namespace {
using nlohmann::json;
namespace records = fastcms::core::records;
namespace test = fastcms::test;

struct RuleSubjectFixture {
  test::RecordsTestDb t{test::records_test_collections()};
  RuleSubjectFixture() {
    test::seed_records_test_accounts(t);
    t.insert("posts", {{"id", "post00000000001"}, {"title", "Stored"}, {"author", test::admin_id}, {"tags", json({"b"})}});
  }

  bool holds(const fastcms::core::RequestContext& ctx, const std::string& rule, const records::RuleSubject& subject) {
    auto r = records::rule_holds(t.db(), t.schema(), t.collection("posts"), ctx, rule, subject);
    if (!r.ok()) FAIL(r.error().message);
    return *r;
  }
};
}  // namespace

TEST_SUITE("records rule subjects") {
  TEST_CASE("an unsaved record is checked with its own values, following relations into real tables") {
    RuleSubjectFixture f;
    json values = records::blank_record(f.t.collection("posts"));
    values["id"] = "new000000000001";
    values["title"] = "Draft";
    values["author"] = test::admin_id;
    values["tags"] = json({"a", "b"});
    const auto subject = records::RuleSubject::new_record(values);
    const auto guest = f.t.guest();
    CHECK(f.holds(guest, "author.role = 'admin'", subject));
    CHECK(f.holds(guest, "tags:length = 2 && tags ?= 'b' && title = 'Draft'", subject));
    CHECK(f.holds(guest, "", subject));
    CHECK_FALSE(f.holds(guest, "title = 'Stored'", subject));  // the stored post is not the subject
    // the real table stays visible to @collection lookups
    CHECK(f.holds(guest, "@collection.posts.title ?= 'Stored'", subject));
    values["author"] = test::alice_id;
    CHECK_FALSE(f.holds(guest, "author.role = 'admin'", records::RuleSubject::new_record(values)));
    CHECK(f.holds(f.t.as("users", test::alice_id), "author = @request.auth.id", records::RuleSubject::new_record(values)));
  }

  TEST_CASE("a stored record must exist and satisfy the rule; a rule that does not compile is a 400") {
    RuleSubjectFixture f;
    const auto guest = f.t.guest();
    CHECK(f.holds(guest, "author.role = 'admin'", records::RuleSubject::stored("post00000000001")));
    CHECK_FALSE(f.holds(guest, "title = 'Other'", records::RuleSubject::stored("post00000000001")));
    CHECK_FALSE(f.holds(guest, "", records::RuleSubject::stored("missing00000000")));
    auto bad = records::rule_holds(f.t.db(), f.t.schema(), f.t.collection("posts"), guest, "nosuchfield = 1",
                                   records::RuleSubject::stored("post00000000001"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().status == 400);
  }

  TEST_CASE("manage access: superusers, managers by the manageRule; never guests or plain members") {
    RuleSubjectFixture f;
    const auto& users = f.t.collection("users");
    const auto bob = records::RuleSubject::stored(test::bob_id);
    auto manage = [&](const fastcms::core::RequestContext& ctx, const fastcms::core::collections::Collection& c) {
      return records::has_manage_access(f.t.db(), f.t.schema(), c, ctx, bob);
    };
    CHECK(manage(f.t.as("_superusers", test::root_id), users));
    CHECK(manage(fastcms::core::RequestContext::system(), users));
    CHECK(manage(f.t.as("users", test::admin_id), users));
    CHECK_FALSE(manage(f.t.as("users", test::alice_id), users));
    CHECK_FALSE(manage(f.t.as("users", test::bob_id), users));  // not even for oneself
    CHECK_FALSE(manage(f.t.guest(), users));
    CHECK_FALSE(manage(f.t.as("users", test::admin_id), f.t.collection("posts")));  // not an auth collection

    auto open_rule = fastcms::core::collections::collection_from_json(
        {{"name", "members"}, {"type", "auth"}, {"manageRule", ""}});
    REQUIRE(open_rule.ok());
    CHECK_FALSE(manage(f.t.as("users", test::admin_id), *open_rule));  // "" means superusers only here
  }
}
