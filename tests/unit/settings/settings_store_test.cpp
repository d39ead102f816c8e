#include "core/settings/settings_store.h"

#include <doctest/doctest.h>

#include "core/settings/settings_defaults.h"
#include "core/settings/settings_patch.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
using nlohmann::json;
namespace settings = fastcms::core::settings;

void create_params_table(fastcms::db::Database& db) {
  auto r = db.exec(
      "CREATE TABLE IF NOT EXISTS _params (key TEXT PRIMARY KEY NOT NULL, value TEXT, created TEXT, updated TEXT)");
  if (!r.ok()) FAIL(r.error().message);
}

json loaded(fastcms::db::Database& db) {
  auto r = settings::load_settings(db);
  if (!r.ok()) FAIL(r.error().message);
  return *r;
}

void store_raw(fastcms::db::Database& db, const std::string& value) {
  auto r = db.exec("INSERT OR REPLACE INTO _params (key, value) VALUES ('settings', ?1)", {value});
  if (!r.ok()) FAIL(r.error().message);
}
}  // namespace

TEST_SUITE("settings store") {
  TEST_CASE("nothing stored: the defaults") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    create_params_table(*db);
    CHECK(loaded(*db) == settings::default_settings());
  }

  TEST_CASE("saved settings, secrets included, load back; saving again replaces them") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    create_params_table(*db);
    auto first = settings::apply_settings_patch(settings::default_settings(),
                                                {{"meta", {{"appName", "Shop"}}}, {"smtp", {{"password", "pw"}}}});
    REQUIRE(first.ok());
    REQUIRE(settings::save_settings(*db, *first).ok());
    CHECK(loaded(*db) == *first);
    auto row = db->query_one("SELECT key, value, created, updated FROM _params");
    REQUIRE(row.ok());
    REQUIRE(row->has_value());
    std::string created = (**row)["created"].to_text();
    CHECK(created.size() == 24);  // "YYYY-MM-DD HH:MM:SS.mmmZ"
    CHECK((**row)["updated"].to_text() == created);
    CHECK(json::parse((**row)["value"].to_text())["smtp"]["password"] == "pw");

    auto second = settings::apply_settings_patch(*first, {{"meta", {{"appName", "Shop 2"}}}});
    REQUIRE(second.ok());
    REQUIRE(settings::save_settings(*db, *second).ok());
    CHECK(loaded(*db)["meta"]["appName"] == "Shop 2");
    CHECK(loaded(*db)["smtp"]["password"] == "pw");
    auto count = db->query_value("SELECT count(*) FROM _params");
    REQUIRE(count.ok());
    CHECK(count->to_int64() == 1);
    auto again = db->query_one("SELECT created FROM _params WHERE key = 'settings'");
    REQUIRE(again.ok());
    CHECK((**again)["created"].to_text() == created);

    // A new connection (as after a restart) reads the same settings.
    db.reset();
    auto reopened = fastcms::test::open_test_sqlite(dir / "data.db");
    CHECK(loaded(*reopened) == *second);
  }

  TEST_CASE("older stored settings gain the keys added since") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    create_params_table(*db);
    store_raw(*db, R"({"meta":{"appName":"Old"},"legacyKey":true})");
    json expected = settings::default_settings();
    expected["meta"]["appName"] = "Old";
    CHECK(loaded(*db) == expected);
  }

  TEST_CASE("unreadable stored settings are an error") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    create_params_table(*db);
    store_raw(*db, "{not json");
    auto broken = settings::load_settings(*db);
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().message == "the stored settings (_params \"settings\") are not a JSON object");
    store_raw(*db, R"({"smtp":{"port":"25"}})");
    auto typed = settings::load_settings(*db);
    REQUIRE_FALSE(typed.ok());
    CHECK(typed.error().message.find("wrong type") != std::string::npos);
    CHECK(typed.error().message.find("port") != std::string::npos);
  }

  TEST_CASE("a missing table is reported") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    auto r = settings::load_settings(*db);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("_params") != std::string::npos);
  }
}
