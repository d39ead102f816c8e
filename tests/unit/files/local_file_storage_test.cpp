// Local storage: round trips, atomic replace, prefixes, and keys that would escape the root.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "core/files/local_file_storage.h"
#include "support/temp_dir.h"

using fastcms::core::files::is_safe_storage_key;
using fastcms::core::files::LocalFileStorage;

TEST_SUITE("files local storage") {
  TEST_CASE("put, get, list, replace and remove") {
    fastcms::test::TempDir dir;
    LocalFileStorage storage(dir / "storage");
    REQUIRE(storage.put("pbc_1/rec1/a_0123456789.txt", "first").ok());
    REQUIRE(storage.put("pbc_1/rec1/b_0123456789.bin", std::string("\0\1\2", 3)).ok());
    REQUIRE(storage.put("pbc_1/rec2/c_0123456789.txt", "other").ok());
    auto got = storage.get("pbc_1/rec1/a_0123456789.txt");
    REQUIRE(got.ok());
    CHECK(**got == "first");
    CHECK((*storage.get("pbc_1/rec1/b_0123456789.bin"))->size() == 3);
    CHECK_FALSE(storage.get("pbc_1/rec1/missing.txt")->has_value());

    REQUIRE(storage.put("pbc_1/rec1/a_0123456789.txt", "second").ok());
    CHECK(**storage.get("pbc_1/rec1/a_0123456789.txt") == "second");

    auto keys = storage.list("pbc_1");
    REQUIRE(keys.ok());
    CHECK(*keys == std::vector<std::string>{"pbc_1/rec1/a_0123456789.txt", "pbc_1/rec1/b_0123456789.bin",
                                            "pbc_1/rec2/c_0123456789.txt"});
    REQUIRE(storage.remove("pbc_1/rec1/a_0123456789.txt").ok());
    REQUIRE(storage.remove("pbc_1/rec1/a_0123456789.txt").ok());  // already gone: fine
    REQUIRE(storage.remove_prefix("pbc_1/rec1").ok());
    CHECK(*storage.list("pbc_1") == std::vector<std::string>{"pbc_1/rec2/c_0123456789.txt"});
    CHECK(storage.list("nothing")->empty());
  }

  TEST_CASE("keys that could leave the root are refused before touching the disk") {
    fastcms::test::TempDir dir;
    LocalFileStorage storage(dir / "storage");
    for (const char* bad : {"../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "", "a/b/c/d/e", "a\\b", "a b",
                            "pbc/rec/..", "."}) {
      CAPTURE(bad);
      CHECK_FALSE(is_safe_storage_key(bad));
      CHECK_FALSE(storage.put(bad, "x").ok());
      CHECK_FALSE(storage.get(bad).ok());
      CHECK_FALSE(storage.remove_prefix(bad).ok());
    }
    CHECK_FALSE(std::filesystem::exists(dir / "x"));
    CHECK(is_safe_storage_key("pbc_1/rec/thumbs_name.png/100x100_name.png"));
  }

  TEST_CASE("listings skip record folders removed while they walk, instead of failing") {
    fastcms::test::TempDir dir;
    LocalFileStorage storage(dir / "storage");
    constexpr int records = 300;
    auto folder = [](int i) { return "pbc_1/rec" + std::to_string(i); };
    for (int i = 0; i < records; ++i)
      for (const char* name : {"a.txt", "thumbs_a.txt/10x10_a.txt"}) REQUIRE(storage.put(folder(i) + "/" + name, "x").ok());
    std::atomic<bool> done{false};
    std::thread remover([&] {
      for (int i = 0; i < records; ++i) (void)storage.remove_prefix(folder(i));
      done = true;
    });
    int listings = 0, failures = 0;
    std::string failure;
    try {
      while (!done || listings < 2) {
        auto objects = storage.list_objects("");
        auto keys = storage.list("pbc_1");
        ++listings;
        if (!objects.ok()) ++failures, failure = objects.error().message;
        if (!keys.ok()) ++failures, failure = keys.error().message;
      }
    } catch (const std::exception& e) {  // a listing that throws fails here, after the join
      ++failures, failure = e.what();
    }
    remover.join();
    CHECK_MESSAGE(failures == 0, failure);
    CHECK(storage.list("pbc_1")->empty());
  }
}
