#include <doctest/doctest.h>

#include <vector>

#include "core/events/record_event.h"
#include "core/records/record_write.h"
#include "support/api_result_checks.h"
#include "support/records_test_db.h"
#include "support/records_test_schema.h"

namespace {
using nlohmann::json;
namespace records = fastcms::core::records;
namespace events = fastcms::core::events;
namespace test = fastcms::test;
using fastcms::core::RequestContext;

struct WriteEventsFixture {
  test::RecordsTestDb t{test::records_test_collections()};
  WriteEventsFixture() { test::seed_records_test_accounts(t); }
  RequestContext root() { return t.as("_superusers", test::root_id); }
};

}  // namespace

TEST_SUITE("records write events") {
  TEST_CASE("record listeners: none, one, none again after unlisten") {
    WriteEventsFixture f;
    CHECK_FALSE(events::has_record_listeners(f.t.db()));
    auto id = events::listen_record_events(f.t.db(), [](const events::RecordEvent&) {});
    CHECK(events::has_record_listeners(f.t.db()));
    auto in_tx = f.t.db().transaction([&](fastcms::db::Connection& tx) -> fastcms::Status {
      CHECK(events::has_record_listeners(tx));  // the transaction's connection sees them too
      return fastcms::Ok{};
    });
    CHECK(in_tx.ok());
    f.t.db().unlisten(id);
    CHECK_FALSE(events::has_record_listeners(f.t.db()));
  }

  TEST_CASE("create and update publish the stored record (as read back) and the previous one") {
    WriteEventsFixture f;
    std::vector<events::RecordEvent> seen;
    auto id = events::listen_record_events(f.t.db(), [&](const events::RecordEvent& e) { seen.push_back(e); });
    json created = test::expect_ok(records::create_record(f.t.db(), f.t.schema(), f.t.collection("posts"), f.root(),
                                                          {{"title", "First"}, {"views", 2}, {"tags", {"a"}}}));
    const std::string rid = created["id"].get<std::string>();
    json stored_after_create = f.t.stored("posts", rid);
    CHECK(created == stored_after_create);
    json updated = test::expect_ok(records::update_record(f.t.db(), f.t.schema(), f.t.collection("posts"), f.root(), rid,
                                                          {{"title", "Second"}, {"rating", 2.5}}));
    CHECK(updated == f.t.stored("posts", rid));
    f.t.db().unlisten(id);

    REQUIRE(seen.size() == 2);
    CHECK(seen[0].action == events::RecordAction::create);
    CHECK(seen[0].collection_name == "posts");
    CHECK(seen[0].before.is_null());
    CHECK(seen[0].after == stored_after_create);
    CHECK(seen[1].action == events::RecordAction::update);
    CHECK(seen[1].before == stored_after_create);
    CHECK(seen[1].after == f.t.stored("posts", rid));
    CHECK(seen[1].after["rating"] == 2.5);
  }

  TEST_CASE("without listeners a write publishes nothing and still returns the stored record") {
    WriteEventsFixture f;
    json created = test::expect_ok(
        records::create_record(f.t.db(), f.t.schema(), f.t.collection("posts"), f.root(), {{"title", "Quiet"}}));
    CHECK(created == f.t.stored("posts", created["id"].get<std::string>()));
    // a listener registered afterwards sees later writes only
    std::vector<std::string> seen;
    auto id = events::listen_record_events(f.t.db(), [&](const events::RecordEvent& e) {
      seen.push_back(e.record().value("title", ""));
    });
    (void)test::expect_ok(
        records::create_record(f.t.db(), f.t.schema(), f.t.collection("posts"), f.root(), {{"title", "Heard"}}));
    f.t.db().unlisten(id);
    CHECK(seen == std::vector<std::string>{"Heard"});
  }
}
