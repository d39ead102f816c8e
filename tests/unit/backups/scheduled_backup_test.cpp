#include <doctest/doctest.h>

#include "core/backups/active_backup.h"
#include "core/backups/app_backups.h"
#include "core/backups/backup_scheduler.h"
#include "core/backups/backup_store.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace fs = std::filesystem;
namespace backups = fastcms::core::backups;

namespace {

std::unique_ptr<fastcms::core::App> scheduled_test_app(const fastcms::test::TempDir& dir, const std::string& cron) {
  fs::create_directories(dir / "data");
  auto db = fastcms::test::open_test_sqlite(dir / "data/app.db");
  REQUIRE(db->exec("CREATE TABLE IF NOT EXISTS t (x)").ok());
  auto app = std::make_unique<fastcms::core::App>(std::move(db), fastcms::core::App::Options{dir.path(), "secret"});
  app->set_settings({{"meta", {{"appName", "Shop"}}}, {"backups", {{"cron", cron}, {"cronMaxKeep", 2}}}});
  return app;
}

std::chrono::system_clock::time_point scheduled_test_time(int hour, int minute) {
  using namespace std::chrono;
  return sys_days{year{2026} / 11 / 22} + hours{hour} + minutes{minute} + seconds{12};
}

}  // namespace

TEST_SUITE("backups") {
  TEST_CASE("scheduled backups follow settings backups.cron and keep cronMaxKeep") {
    fastcms::test::TempDir dir;
    auto app = scheduled_test_app(dir, "0 3 * * *");
    CHECK(backups::scheduled_backup_due(*app, scheduled_test_time(3, 0)));
    CHECK_FALSE(backups::scheduled_backup_due(*app, scheduled_test_time(3, 1)));
    app->set_settings({{"backups", {{"cron", ""}}}});
    CHECK_FALSE(backups::scheduled_backup_due(*app, scheduled_test_time(3, 0)));
    app->set_settings({{"backups", {{"cron", "not a cron"}}}});
    CHECK_FALSE(backups::scheduled_backup_due(*app, scheduled_test_time(3, 0)));

    app = scheduled_test_app(dir, "0 3 * * *");
    auto layout = backups::backup_layout(*app);
    REQUIRE(layout.ok());
    for (auto [name, age] : {std::pair{"@auto_pb_backup_shop_1.zip", 30}, std::pair{"@auto_pb_backup_shop_2.zip", 20},
                             std::pair{"manual.zip", 40}}) {
      fastcms::test::write_file(layout->backups_dir() / name, "old");
      fs::last_write_time(layout->backups_dir() / name, fs::file_time_type::clock::now() - std::chrono::minutes(age));
    }
    auto created = backups::create_scheduled_backup(*app);
    if (!created.ok()) FAIL(created.error().message);
    CHECK(created->file.filename().string().starts_with("@auto_pb_backup_shop_"));
    auto listed = backups::list_backups(*layout);
    REQUIRE(listed->size() == 3);
    CHECK((*listed)[0].key == created->file.filename().string());
    CHECK((*listed)[1].key == "@auto_pb_backup_shop_2.zip");
    CHECK((*listed)[2].key == "manual.zip");  // only scheduled backups are pruned
  }

  TEST_CASE("create_app_backup: names, duplicates and one backup at a time") {
    fastcms::test::TempDir dir;
    auto app = scheduled_test_app(dir, "");
    auto bad = backups::create_app_backup(*app, "Bad Name.zip");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().status == 400);
    CHECK(bad.error().message == "An error occurred while validating the submitted data.");
    CHECK(bad.error().data["name"]["code"] == "validation_match_invalid");

    auto first = backups::create_app_backup(*app, "first.zip");
    if (!first.ok()) FAIL(first.error().message);
    auto again = backups::create_app_backup(*app, "first.zip");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().data["name"]["code"] == "validation_backup_name_exists");

    auto defaulted = backups::create_app_backup(*app);
    if (!defaulted.ok()) FAIL(defaulted.error().message);
    CHECK(defaulted->file.filename().string().starts_with("pb_backup_shop_"));

    auto busy = backups::ActiveBackup::try_start("restore.zip");
    REQUIRE(busy.has_value());
    CHECK(backups::ActiveBackup::current() == "restore.zip");
    auto refused = backups::create_app_backup(*app, "second.zip");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message == backups::busy_message);
    CHECK_FALSE(backups::ActiveBackup::try_start("other.zip").has_value());
  }
}
