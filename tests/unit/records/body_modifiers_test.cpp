#include <doctest/doctest.h>

#include "core/records/body_modifiers.h"
#include "core/records/record_draft.h"

namespace {
using nlohmann::json;
namespace records = fastcms::core::records;
namespace collections = fastcms::core::collections;

collections::Collection bm_collection() {
  auto c = collections::collection_from_json(json::parse(R"J({
    "name": "items",
    "fields": [
      {"name": "title", "type": "text"},
      {"name": "code", "type": "text", "autogeneratePattern": "[A-Z]{4}"},
      {"name": "count", "type": "number"},
      {"name": "done", "type": "bool"},
      {"name": "tags", "type": "select", "values": ["a", "b", "c", "d"], "maxSelect": 4},
      {"name": "state", "type": "select", "values": ["a", "b"], "maxSelect": 1},
      {"name": "refs", "type": "relation", "collection": "items", "maxSelect": 9},
      {"name": "files", "type": "file", "maxSelect": 9}
    ]})J"));
  if (!c.ok()) FAIL(c.error().message);
  return std::move(*c);
}

json bm_current() {
  return {{"title", "hello"}, {"code", ""}, {"count", 10}, {"done", false}, {"tags", {"a", "b"}},
          {"state", "a"}, {"refs", {"r1"}}, {"files", {"f1.png", "f2.png"}}};
}
}  // namespace

TEST_SUITE("records body modifiers") {
  TEST_CASE("append, prepend and remove on multi-value fields, deduplicated") {
    auto c = bm_collection();
    auto r = records::resolve_body(c, {{"tags+", "c"}, {"+refs", {"r0", "r1"}}, {"files-", "f1.png"}}, bm_current());
    CHECK(r.errors.empty());
    CHECK(r.fields["tags"] == json({"a", "b", "c"}));
    CHECK(r.fields["refs"] == json({"r0", "r1"}));
    CHECK(r.fields["files"] == json({"f2.png"}));
    CHECK(r.extra.empty());

    // several values at once, duplicates of stored values dropped, a JSON-array string (forms)
    r = records::resolve_body(c, {{"tags+", R"(["b","d","d"])"}}, bm_current());
    CHECK(r.fields["tags"] == json({"a", "b", "d"}));
    r = records::resolve_body(c, {{"tags-", {"a", "b", "zz"}}}, bm_current());
    CHECK(r.fields["tags"] == json::array());
  }

  TEST_CASE("a plain key applies before its modifiers; several modifiers combine") {
    auto c = bm_collection();
    auto r = records::resolve_body(c, {{"tags", {"d"}}, {"tags+", "a"}, {"+tags", "c"}}, bm_current());
    CHECK(r.fields["tags"] == json({"c", "d", "a"}));
    r = records::resolve_body(c, {{"count", 1}, {"count+", 5}, {"count-", 2}}, bm_current());
    CHECK(r.fields["count"] == 4);
  }

  TEST_CASE("single-value fields keep the last item") {
    auto c = bm_collection();
    auto r = records::resolve_body(c, {{"state+", "b"}}, bm_current());
    CHECK(r.fields["state"] == "b");
    r = records::resolve_body(c, {{"state-", "a"}}, bm_current());
    CHECK(r.fields["state"] == "");
  }

  TEST_CASE("number increment and decrement of the stored value") {
    auto c = bm_collection();
    auto r = records::resolve_body(c, {{"count+", 2.5}}, bm_current());
    CHECK(r.fields["count"] == 12.5);
    r = records::resolve_body(c, {{"count-", "4"}}, bm_current());
    CHECK(r.fields["count"] == 6);
    r = records::resolve_body(c, {{"count+", "abc"}}, bm_current());
    CHECK_FALSE(r.fields.contains("count"));
    REQUIRE(r.errors.has("count+"));
    CHECK(r.errors.items().at("count+").code == "validation_invalid_number");
  }

  TEST_CASE("autogenerate on text fields") {
    auto c = bm_collection();
    auto r = records::resolve_body(c, {{"code:autogenerate", "X-"}}, bm_current());
    REQUIRE(r.fields["code"].is_string());
    const std::string code = r.fields["code"];
    CHECK(code.size() == 6);
    CHECK(code.rfind("X-", 0) == 0);
    // a text field without a pattern keeps just the given value
    r = records::resolve_body(c, {{"title:autogenerate", "plain"}}, bm_current());
    CHECK(r.fields["title"] == "plain");
  }

  TEST_CASE("unsupported modifiers are errors on their key; unknown keys are kept aside") {
    auto c = bm_collection();
    auto r = records::resolve_body(
        c, {{"title+", "x"}, {"+count", 1}, {"done-", true}, {"count:autogenerate", ""}, {"nope+", 1}, {"other", 2}},
        bm_current());
    for (const char* key : {"title+", "+count", "done-", "count:autogenerate"}) {
      REQUIRE_MESSAGE(r.errors.has(key), key);
      CHECK(r.errors.items().at(key).code == "validation_unsupported_modifier");
    }
    CHECK(r.fields.empty());
    CHECK(r.extra == json({{"nope+", 1}, {"other", 2}}));
    CHECK(r.errors.to_json()["title+"]["message"] == "The modifier of \"title+\" is not supported by text fields.");
  }

  TEST_CASE("unique_strings accepts the shapes clients send") {
    CHECK(records::unique_strings(json(nullptr)).empty());
    CHECK(records::unique_strings("").empty());
    CHECK(records::unique_strings("a") == std::vector<std::string>{"a"});
    CHECK(records::unique_strings(R"(["a","b","a"])") == std::vector<std::string>{"a", "b"});
    CHECK(records::unique_strings(json({"x", "", "x", 1})) == std::vector<std::string>{"x", "1"});
    CHECK(records::unique_strings(json({"c", "a", "c", "b", "a"})) == std::vector<std::string>{"c", "a", "b"});
  }
}
