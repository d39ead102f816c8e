#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

#include "core/files/local_file_storage.h"
#include "core/files/orphan_sweep.h"
#include "core/files/orphan_sweeper.h"
#include "core/files/upload.h"
#include "core/records/record_write.h"
#include "support/app_test_env.h"

namespace {
using nlohmann::json;
namespace files = fastcms::core::files;
using namespace std::chrono_literals;

json os_collections() {
  return json::parse(R"J([
    {"name": "docs", "type": "base",
     "fields": [{"name": "avatar", "type": "file", "maxSelect": 1},
                {"name": "documents", "type": "file", "maxSelect": 5}]},
    {"name": "plain", "type": "base", "fields": [{"name": "title", "type": "text"}]}
  ])J");
}

bool os_has(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

TEST_SUITE("orphan file sweep") {
  TEST_CASE("removes files no record references and their thumbnails, keeps referenced, recent and foreign ones") {
    fastcms::test::AppTestEnv env(os_collections());
    auto storage = env.app().file_storage();
    std::vector<files::Upload> uploads = {{"avatar", "a.png", "", std::string("\x89PNG\r\n\x1a\n", 8) + "x"},
                                          {"documents", "d.txt", "", "D"}};
    auto rec = fastcms::core::records::create_record(env.db(), *env.schema(), env.collection("docs"),
                                                     fastcms::core::RequestContext::system(), json::object(),
                                                     {uploads, storage});
    if (!rec.ok()) FAIL(rec.error().describe());
    const std::string docs = env.collection("docs").id, id = (*rec)["id"];
    const std::string avatar = (*rec)["avatar"], document = (*rec)["documents"][0];
    const std::string folder = docs + "/" + id + "/";

    const std::vector<std::string> orphans = {
        folder + "stray_abcdefghij.txt",                          // a name the record does not hold
        folder + "thumbs_stray_abcdefghij.txt/100x100_stray.txt",  // thumbnail of an unreferenced name
        folder + "transforms_stray_abcdefghij.txt/w10_x.webp",      // transform of an unreferenced name
        docs + "/zzzzzzzzzzzzzzz/gone_abcdefghij.txt",            // a record that does not exist
        env.collection("plain").id + "/r/x_abcdefghij.txt",       // a collection without file fields
    };
    const std::vector<std::string> kept = {
        folder + avatar, folder + document,
        folder + "thumbs_" + avatar + "/100x100_" + avatar,  // thumbnail of a referenced file
        folder + "transforms_" + avatar + "/w10_" + avatar,  // transform of a referenced file
        "loose_file.txt", "some/folder",                     // not laid out as record files
        "backups/2024/db_abcdefghij.zip",                    // a folder that is no collection's
        "pbc_123456/abc/old_abcdefghij.txt",                 // no current collection's folder (copied in, or shared)
        folder + "README.txt",                               // a name fastcms would not store
    };
    for (const auto& key : orphans) REQUIRE(storage->put(key, "o").ok());
    for (size_t i = 2; i < kept.size(); ++i) REQUIRE(storage->put(kept[i], "k").ok());

    SUBCASE("within the grace period nothing is removed") {
      auto report = files::sweep_orphan_files(env.db(), *env.schema(), *storage, 1h);
      if (!report.ok()) FAIL(report.error().message);
      CHECK(report->removed.empty());
      CHECK(report->kept == orphans.size() + kept.size());
    }
    SUBCASE("after it, exactly the orphans go") {
      auto report = files::sweep_orphan_files(env.db(), *env.schema(), *storage, 1h,
                                              std::chrono::system_clock::now() + 2h);
      if (!report.ok()) FAIL(report.error().message);
      auto expected = orphans;
      std::sort(expected.begin(), expected.end());
      CHECK(report->removed == expected);
      CHECK(report->failures.empty());
      CHECK(report->kept == kept.size());
      auto left = storage->list_objects("");
      REQUIRE(left.ok());
      std::vector<std::string> keys;
      for (const auto& o : *left) keys.push_back(o.key);
      for (const auto& key : kept) CHECK_MESSAGE(os_has(keys, key), key);
      CHECK(keys.size() == kept.size());
    }
  }

  TEST_CASE("folders are matched to collections by id only, and a sweep stops when asked") {
    fastcms::test::AppTestEnv env(os_collections());
    auto storage = env.app().file_storage();
    const std::string docs = env.collection("docs").id;
    // A collection *named* like the docs collection's id must not make docs' folder look foreign.
    fastcms::test::AppTestEnv impostor(json::array({{{"name", docs}, {"type", "base"}, {"fields", json::array()}},
                                                    os_collections()[0]}));
    std::vector<files::Upload> uploads = {{"documents", "d.txt", "", "D"}};
    auto rec = fastcms::core::records::create_record(impostor.db(), *impostor.schema(), impostor.collection("docs"),
                                                     fastcms::core::RequestContext::system(), json::object(),
                                                     {uploads, impostor.app().file_storage()});
    if (!rec.ok()) FAIL(rec.error().describe());
    const std::string held = docs + "/" + (*rec)["id"].get<std::string>() + "/" + (*rec)["documents"][0].get<std::string>();
    const std::string key = docs + "/rec/orphan_abcdefghij.txt";
    REQUIRE(impostor.app().file_storage()->put(key, "o").ok());
    auto report = files::sweep_orphan_files(impostor.db(), *impostor.schema(), *impostor.app().file_storage(), 1h,
                                            std::chrono::system_clock::now() + 2h);
    REQUIRE(report.ok());
    CHECK(report->removed == std::vector<std::string>{key});
    CHECK(impostor.app().file_storage()->get(held)->has_value());

    REQUIRE(storage->put(docs + "/rec/orphan_abcdefghij.txt", "o").ok());
    std::atomic<bool> stop{true};
    auto stopped = files::sweep_orphan_files(env.db(), *env.schema(), *storage, 1h, std::chrono::system_clock::now() + 2h, &stop);
    REQUIRE(stopped.ok());
    CHECK(stopped->removed.empty());
    CHECK(storage->get(docs + "/rec/orphan_abcdefghij.txt")->has_value());
  }

  TEST_CASE("list_objects reports every file with its size and modification time") {
    fastcms::test::TempDir dir;
    files::LocalFileStorage storage(dir / "storage");
    REQUIRE(storage.put("c/r/a.txt", "abc").ok());
    REQUIRE(storage.put("c/r/thumbs_a.txt/1x1_a.txt", "t").ok());
    REQUIRE(storage.put("other.txt", "12345").ok());
    auto all = storage.list_objects("");
    REQUIRE(all.ok());
    REQUIRE(all->size() == 3);
    CHECK((*all)[0].key == "c/r/a.txt");
    CHECK((*all)[0].size == 3);
    CHECK((*all)[2].key == "other.txt");
    const auto now = std::chrono::system_clock::now();
    CHECK((*all)[0].modified <= now + 1s);
    CHECK((*all)[0].modified > now - 1min);
    auto under = storage.list_objects("c/r");
    REQUIRE(under.ok());
    CHECK(under->size() == 2);
    CHECK_FALSE(storage.list_objects("../x").ok());
  }

  TEST_CASE("the background sweeper sweeps the App's current storage and schema") {
    fastcms::test::AppTestEnv env(os_collections());
    auto storage = env.app().file_storage();
    const std::string orphan = env.collection("docs").id + "/nobody/x_abcdefghij.txt";
    const std::string foreign = "notes.txt";
    REQUIRE(storage->put(orphan, "o").ok());
    REQUIRE(storage->put(foreign, "f").ok());
    files::OrphanSweeper patient(env.app());  // the default grace (an hour) keeps a file written just now
    patient.sweep_once();
    CHECK(storage->get(orphan)->has_value());
    files::OrphanSweeper eager(env.app(), std::chrono::hours(24), std::chrono::seconds(0));
    eager.start();  // sweeps once at start, then waits a day
    eager.stop();
    eager.sweep_once();
    CHECK_FALSE(storage->get(orphan)->has_value());
    CHECK(storage->get(foreign)->has_value());
  }
}
