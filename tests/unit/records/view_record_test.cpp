#include <doctest/doctest.h>

#include "core/records/record_read.h"
#include "read_fixture.h"

namespace {
using nlohmann::json;
namespace fixture = fastcms::test::records_fixture;
namespace records = fastcms::core::records;

json vr_definitions() {
  return json::parse(R"J([
    {"name": "_superusers", "type": "auth"},
    {"name": "users", "type": "auth", "listRule": "", "viewRule": "id = @request.auth.id"},
    {"name": "docs", "viewRule": "owner = @request.auth.id || public = true", "fields": [
      {"name": "owner", "type": "relation", "collection": "users", "maxSelect": 1},
      {"name": "public", "type": "bool"},
      {"name": "hush", "type": "text", "hidden": true}
    ]},
    {"name": "vault", "viewRule": null, "fields": [{"name": "title", "type": "text"}]},
    {"name": "broken", "viewRule": "no_such_field = 1", "fields": [{"name": "title", "type": "text"}]}
  ])J");
}

void vr_seed(fixture::ReadDb& rdb) {
  rdb.insert("users", {{"id", "u1"}, {"email", "u1@x.io"}, {"tokenKey", "k1"}});
  rdb.insert("users", {{"id", "u2"}, {"email", "u2@x.io"}, {"tokenKey", "k2"}});
  rdb.insert("docs", {{"id", "d1"}, {"owner", "u1"}, {"public", false}, {"hush", "h"}});
  rdb.insert("docs", {{"id", "d2"}, {"owner", "u2"}, {"public", true}});
  rdb.insert("vault", {{"id", "v1"}, {"title", "gold"}});
  rdb.insert("broken", {{"id", "b1"}, {"title", "x"}});
}

fastcms::core::ApiResult<json> vr_view(fixture::ReadDb& rdb, const std::string& collection, std::string_view id,
                                       const fastcms::core::RequestContext& ctx) {
  return records::view_record(*rdb.db, rdb.schema, rdb.collection(collection), ctx, id, "");
}
}  // namespace

TEST_SUITE("records view") {
  TEST_CASE("viewRule satisfied: the record as the requester may see it") {
    fixture::ReadDb rdb(vr_definitions());
    vr_seed(rdb);
    auto own = vr_view(rdb, "docs", "d1", rdb.as("users", {{"id", "u1"}}));
    if (!own.ok()) FAIL(own.error().to_json().dump());
    CHECK((*own)["id"] == "d1");
    CHECK((*own)["public"] == false);
    CHECK_FALSE(own->contains("hush"));
    auto pub = vr_view(rdb, "docs", "d2", rdb.guest());
    REQUIRE(pub.ok());
    CHECK((*pub)["owner"] == "u2");
    auto me = vr_view(rdb, "users", "u1", rdb.as("users", {{"id", "u1"}}));
    REQUIRE(me.ok());
    CHECK((*me)["email"] == "u1@x.io");
    CHECK_FALSE(me->contains("tokenKey"));
  }

  TEST_CASE("unsatisfied or missing: 404; null rule: 403; superusers see everything") {
    fixture::ReadDb rdb(vr_definitions());
    vr_seed(rdb);
    for (auto [collection, id] : {std::pair{"docs", "d1"}, std::pair{"docs", "nope"}, std::pair{"users", "u2"},
                                  std::pair{"docs", ""}}) {
      auto r = vr_view(rdb, collection, id, rdb.guest());
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().status == 404);
      CHECK(r.error().to_json()["message"] == "The requested resource wasn't found.");
    }
    auto vault = vr_view(rdb, "vault", "v1", rdb.as("users", {{"id", "u1"}}));
    REQUIRE_FALSE(vault.ok());
    CHECK(vault.error().status == 403);
    CHECK(vault.error().message == "Only superusers can perform this action.");
    // the null rule answers 403 even for a record that does not exist
    CHECK(vr_view(rdb, "vault", "zzz", rdb.guest()).error().status == 403);

    auto su = vr_view(rdb, "docs", "d1", rdb.superuser());
    REQUIRE(su.ok());
    CHECK((*su)["hush"] == "h");
    CHECK(vr_view(rdb, "vault", "v1", rdb.superuser()).ok());
    CHECK(vr_view(rdb, "users", "u2", rdb.superuser())->at("email") == "u2@x.io");
    CHECK(vr_view(rdb, "vault", "zzz", rdb.superuser()).error().status == 404);
  }

  TEST_CASE("a viewRule that no longer compiles hides the record (404) from non-superusers") {
    fixture::ReadDb rdb(vr_definitions());
    vr_seed(rdb);
    CHECK(vr_view(rdb, "broken", "b1", rdb.guest()).error().status == 404);
    CHECK(vr_view(rdb, "broken", "b1", rdb.superuser()).ok());
  }

  TEST_CASE("one query for a view") {
    fixture::ReadDb rdb(vr_definitions());
    vr_seed(rdb);
    fixture::CountingConnection counting(*rdb.db);
    REQUIRE(records::view_record(counting, rdb.schema, rdb.collection("docs"), rdb.guest(), "d2", "").ok());
    CHECK(counting.reads == 1);
  }
}
