#include <doctest/doctest.h>

#include "core/records/record_delete.h"
#include "support/records_test_db.h"
#include "support/records_test_schema.h"

namespace {
using nlohmann::json;
namespace records = fastcms::core::records;
namespace test = fastcms::test;
using fastcms::core::ApiStatus;
using fastcms::core::RequestContext;

const std::string rd_stamp = "2024-01-01 00:00:00.000Z";
const std::string rd_p1 = "post00000000001";  // author alice, editors bob + admin
const std::string rd_p2 = "post00000000002";  // author bob

struct DeleteFixture {
  test::RecordsTestDb t{test::records_test_collections()};
  DeleteFixture() {
    test::seed_records_test_accounts(t);
    t.insert("posts", {{"id", rd_p1}, {"title", "P1"}, {"author", test::alice_id},
                       {"editors", json({test::bob_id, test::admin_id})}, {"created", rd_stamp}, {"updated", rd_stamp}});
    t.insert("posts", {{"id", rd_p2}, {"title", "P2"}, {"author", test::bob_id}, {"created", rd_stamp}, {"updated", rd_stamp}});
    t.insert("comments", {{"id", "comm00000000001"}, {"post", rd_p1}, {"author", test::bob_id}});
    t.insert("comments", {{"id", "comm00000000002"}, {"post", rd_p1}, {"author", test::alice_id}});
    t.insert("comments", {{"id", "comm00000000003"}, {"post", rd_p2}, {"author", test::bob_id}});
    t.insert("replies", {{"id", "repl00000000001"}, {"comment", "comm00000000001"}});
    t.insert("bundles", {{"id", "bund00000000001"}, {"items", json({rd_p1, rd_p2})}, {"created", rd_stamp}, {"updated", rd_stamp}});
    t.insert("bundles", {{"id", "bund00000000002"}, {"items", json({rd_p1})}});
  }

  ApiStatus remove(const std::string& collection, const RequestContext& ctx, const std::string& id) {
    return records::delete_record(t.db(), t.schema(), t.collection(collection), ctx, id);
  }
  RequestContext root() { return t.as("_superusers", test::root_id); }
  RequestContext user(const std::string& id) { return t.as("users", id); }

  /// Row counts of every table the fixture fills, to compare before/after.
  json counts() {
    json out;
    for (const char* c : {"users", "posts", "comments", "replies", "bundles", "pins"}) out[c] = t.count(c);
    return out;
  }
};

void rd_ok(const ApiStatus& r) {
  if (!r.ok()) FAIL(r.error().to_json().dump());
}
}  // namespace

TEST_SUITE("records delete") {
  TEST_CASE("cascades recursively and removes the id from multi relations") {
    DeleteFixture f;
    rd_ok(f.remove("posts", f.user(test::alice_id), rd_p1));
    CHECK(f.t.stored("posts", rd_p1).is_null());
    CHECK(f.t.stored("comments", "comm00000000001").is_null());
    CHECK(f.t.stored("comments", "comm00000000002").is_null());
    CHECK(f.t.stored("replies", "repl00000000001").is_null());  // cascaded from the cascaded comment
    CHECK_FALSE(f.t.stored("comments", "comm00000000003").is_null());
    json b1 = f.t.stored("bundles", "bund00000000001");
    CHECK(b1["items"] == json({rd_p2}));
    CHECK(b1["updated"] != rd_stamp);
    CHECK(f.t.stored("bundles", "bund00000000002").is_null());  // no ids left in a cascadeDelete field
    CHECK(f.counts() == json({{"users", 3}, {"posts", 1}, {"comments", 1}, {"replies", 0}, {"bundles", 1}, {"pins", 0}}));
  }

  TEST_CASE("deleteRule: owner, other user, guest, superuser, missing record, null rule, views") {
    DeleteFixture f;
    for (const auto& ctx : {f.user(test::bob_id), f.t.guest()}) {
      ApiStatus denied = f.remove("posts", ctx, rd_p1);
      REQUIRE_FALSE(denied.ok());
      CHECK(denied.error().status == 404);
    }
    CHECK(f.remove("posts", f.root(), "missing00000000").error().status == 404);
    CHECK(f.remove("posts", f.user(test::alice_id), "missing00000000").error().status == 404);
    rd_ok(f.remove("posts", f.root(), rd_p2));
    CHECK(f.t.stored("posts", rd_p2).is_null());
    rd_ok(f.remove("posts", f.user(test::alice_id), rd_p1));

    f.t.insert("locked", {{"id", "lock00000000001"}, {"note", "n"}});
    ApiStatus locked = f.remove("locked", f.user(test::alice_id), "lock00000000001");
    REQUIRE_FALSE(locked.ok());
    CHECK(locked.error().status == 403);
    CHECK(locked.error().message == "Only superusers can perform this action.");
    rd_ok(f.remove("locked", f.root(), "lock00000000001"));
    f.t.insert("locked", {{"id", "lock00000000002"}, {"note", "n"}});
    rd_ok(f.remove("locked", RequestContext::system(), "lock00000000002"));
    CHECK(f.t.count("locked") == 0);

    ApiStatus view = f.remove("post_titles", f.root(), rd_p1);
    REQUIRE_FALSE(view.ok());
    CHECK(view.error().status == 400);
    CHECK(view.error().message == "Unsupported collection type.");
  }

  TEST_CASE("a required reference without cascade blocks the delete; nothing changes") {
    DeleteFixture f;
    json before = f.counts();
    json p1 = f.t.stored("posts", rd_p1);
    ApiStatus blocked = f.remove("users", f.user(test::bob_id), test::bob_id);  // comments.author is required
    REQUIRE_FALSE(blocked.ok());
    CHECK(blocked.error().status == 400);
    CHECK(blocked.error().message ==
          "Failed to delete record. Make sure that the record is not part of a required relation reference.");
    CHECK(f.counts() == before);
    CHECK(f.t.stored("posts", rd_p1) == p1);
  }

  TEST_CASE("a failure deep in a cascade undoes the work already done") {
    DeleteFixture f;
    f.t.insert("pins", {{"id", "pin000000000001"}, {"comment", "comm00000000001"}});  // required, no cascade
    json before = f.counts();
    json b1 = f.t.stored("bundles", "bund00000000001");
    ApiStatus blocked = f.remove("posts", f.root(), rd_p1);
    REQUIRE_FALSE(blocked.ok());
    CHECK(blocked.error().status == 400);
    CHECK(f.counts() == before);
    CHECK(f.t.stored("bundles", "bund00000000001") == b1);  // changed before the failure, restored
  }

  TEST_CASE("references that are not required are cleared") {
    DeleteFixture f;
    f.t.insert("users", {{"id", "carol0000000001"}, {"email", "carol@example.com"}, {"password", "x"},
                         {"tokenKey", "carol-token-key-0123456789abcdefghij"}});
    f.t.insert("posts", {{"id", "post00000000003"}, {"title", "P3"}, {"author", "carol0000000001"}});
    rd_ok(f.remove("users", f.root(), "carol0000000001"));
    CHECK(f.t.stored("posts", "post00000000003")["author"] == "");

    rd_ok(f.remove("users", f.root(), test::admin_id));
    json p1 = f.t.stored("posts", rd_p1);
    CHECK(p1["editors"] == json({test::bob_id}));
    CHECK(p1["updated"] != rd_stamp);
  }
}
