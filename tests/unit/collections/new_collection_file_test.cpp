#include <doctest/doctest.h>

#include <string>

#include "core/collections/new_collection_file.h"
#include "support/temp_dir.h"

namespace {
namespace cols = fastcms::core::collections;
}

TEST_SUITE("collections create --schema") {
  TEST_CASE("a YAML schema is written as app/collections/NAME.yaml; a JSON one without a name gets it") {
    fastcms::test::TempDir dir;
    fastcms::test::write_file(dir / "in/notes.yaml", "name: notes\n# mine\nfields:\n  - { name: title, type: text }\n");
    auto written = cols::add_collection_file(dir.path(), "notes", dir / "in/notes.yaml");
    if (!written.ok()) FAIL(written.error().message);
    CHECK(*written == "app/collections/notes.yaml");
    CHECK(fastcms::test::read_file(dir / "app/collections/notes.yaml") == fastcms::test::read_file(dir / "in/notes.yaml"));

    fastcms::test::write_file(dir / "in/tags.json", R"({"fields": [{"name": "label", "type": "text"}]})");
    written = cols::add_collection_file(dir.path(), "tags", dir / "in/tags.json");
    if (!written.ok()) FAIL(written.error().message);
    CHECK(*written == "app/collections/tags.json");
    auto content = nlohmann::json::parse(fastcms::test::read_file(dir / "app/collections/tags.json"));
    CHECK(content["name"] == "tags");
  }

  TEST_CASE("an existing file, a name mismatch, an invalid field or a rule that does not compile is refused") {
    fastcms::test::TempDir dir;
    fastcms::test::write_file(dir / "app/collections/notes.yaml", "name: notes\nfields: []\n");
    struct Case {
      const char* name;
      const char* content;
      const char* expected;
    };
    for (const auto& c : {Case{"notes", "fields: []\n", "app/collections/notes.yaml already exists"},
                          Case{"posts", "name: other\nfields: []\n", "names the collection \"other\""},
                          Case{"posts", "fields:\n  - { name: title, type: txt }\n", "in.yaml"},
                          Case{"posts", "fields:\n  - { name: title, type: text }\nlistRule: \"nope = 1\"\n", "nope"}}) {
      CAPTURE(c.content);
      fastcms::test::write_file(dir / "in.yaml", c.content);
      auto r = cols::add_collection_file(dir.path(), c.name, dir / "in.yaml");
      REQUIRE_FALSE(r.ok());
      CHECK_MESSAGE(r.error().message.find(c.expected) != std::string::npos, r.error().message);
    }
    CHECK_FALSE(std::filesystem::exists(dir / "app/collections/posts.yaml"));
  }
}
