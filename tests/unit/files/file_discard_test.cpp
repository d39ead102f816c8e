// Committed file discards are removed off the committing thread.
#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>

#include "common/background_tasks.h"
#include "core/files/file_discard.h"
#include "core/files/local_file_storage.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
namespace files = fastcms::core::files;

/// Local storage whose removals wait (at most two seconds) for the test to open the gate,
/// as a slow S3 bucket would, and note the thread they ran on.
class GatedStorage final : public files::FileStorage {
 public:
  explicit GatedStorage(std::filesystem::path root) : inner_(std::move(root)), gate_(opened_.get_future().share()) {}
  void open_gate() { opened_.set_value(); }
  std::vector<std::thread::id> removal_threads() {
    std::lock_guard lock(mutex_);
    return threads_;
  }

  fastcms::Status put(std::string_view key, std::string_view content) override { return inner_.put(key, content); }
  fastcms::Result<std::optional<std::string>> get(std::string_view key) const override { return inner_.get(key); }
  fastcms::Status remove(std::string_view key) override {
    passing();
    return inner_.remove(key);
  }
  fastcms::Status remove_prefix(std::string_view prefix) override {
    passing();
    return inner_.remove_prefix(prefix);
  }
  fastcms::Result<std::vector<std::string>> list(std::string_view prefix) const override { return inner_.list(prefix); }
  fastcms::Result<std::vector<files::StoredObject>> list_objects(std::string_view prefix) const override {
    return inner_.list_objects(prefix);
  }

 private:
  void passing() {
    gate_.wait_for(std::chrono::seconds(2));
    std::lock_guard lock(mutex_);
    threads_.push_back(std::this_thread::get_id());
  }

  files::LocalFileStorage inner_;
  std::promise<void> opened_;
  std::shared_future<void> gate_;
  std::mutex mutex_;
  std::vector<std::thread::id> threads_;
};

}  // namespace

TEST_SUITE("files discard") {
  TEST_CASE("a committed discard is removed by the background worker: the COMMIT does not wait for the storage") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    auto storage = std::make_shared<GatedStorage>(dir / "storage");
    REQUIRE(storage->put("c1/r1/a.txt", "A").ok());
    REQUIRE(storage->put("c1/r1/thumbs_a.txt/10x10_a.txt", "T").ok());
    const auto listener = files::remove_discarded_files(*db, [storage] { return storage; });

    const auto started = std::chrono::steady_clock::now();
    auto committed = db->transaction([](fastcms::db::Connection& tx) -> fastcms::Status {
      files::FileDiscard discard;
      discard.add_file("c1", "r1", "a.txt");
      files::discard_after_commit(tx, std::move(discard));
      return fastcms::Ok{};
    });
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE(committed.ok());
    CHECK(took < std::chrono::seconds(1));
    CHECK(storage->list("c1")->size() == 2);  // not removed yet: the gate is closed

    storage->open_gate();
    fastcms::background::wait_idle();
    CHECK(storage->list("c1")->empty());
    const auto threads = storage->removal_threads();
    REQUIRE_FALSE(threads.empty());
    for (const auto& id : threads) CHECK(id != std::this_thread::get_id());
    db->unlisten(listener);
  }
}
