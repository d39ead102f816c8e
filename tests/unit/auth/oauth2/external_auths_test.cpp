#include "core/auth/external_auths_collection.h"

#include <doctest/doctest.h>

#include "core/collections/schema_store.h"
#include "core/collections/system_tables.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
namespace auth = fastcms::core::auth;
}  // namespace

TEST_SUITE("_externalAuths") {
  TEST_CASE("every database has the system collection with PocketBase's rules and indexes") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    REQUIRE(fastcms::core::collections::ensure_system_tables(*db).ok());
    auto stored = fastcms::core::collections::find_stored_collection(*db, "_externalAuths");
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    const auto& definition = (*stored)->definition;
    CHECK((*stored)->id == "pbc_2281828961");
    CHECK(definition["system"] == true);
    const std::string owner =
        "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";
    CHECK(definition["listRule"] == owner);
    CHECK(definition["viewRule"] == owner);
    CHECK(definition["deleteRule"] == owner);
    CHECK(definition["createRule"].is_null());
    CHECK(definition["updateRule"].is_null());

    auto link = auth::create_external_auth(*db, {"", "_pb_users_auth_", "rec1", "google", "g-1"});
    if (!link.ok()) FAIL(link.error().message);
    CHECK(link->id.size() == 15);
    // One account links to one record per collection; one record has one account per provider.
    CHECK_FALSE(auth::create_external_auth(*db, {"", "_pb_users_auth_", "rec2", "google", "g-1"}).ok());
    CHECK_FALSE(auth::create_external_auth(*db, {"", "_pb_users_auth_", "rec1", "google", "g-2"}).ok());
    REQUIRE(auth::create_external_auth(*db, {"", "_pb_users_auth_", "rec1", "github", "h-1"}).ok());
    REQUIRE(auth::create_external_auth(*db, {"", "other", "rec2", "google", "g-1"}).ok());

    auto found = auth::find_external_auth(*db, "_pb_users_auth_", "google", "g-1");
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->record_ref == "rec1");
    CHECK_FALSE(auth::find_external_auth(*db, "_pb_users_auth_", "google", "g-9")->has_value());
    CHECK(auth::external_auths_of(*db, "_pb_users_auth_", "rec1")->size() == 2);
    CHECK(*auth::delete_external_auths_of(*db, "_pb_users_auth_", "rec1") == 2);
    CHECK(auth::external_auths_of(*db, "_pb_users_auth_", "rec1")->empty());
    CHECK(auth::find_external_auth(*db, "other", "google", "g-1")->has_value());
  }
}
