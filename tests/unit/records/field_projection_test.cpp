#include <doctest/doctest.h>

#include "core/records/field_projection.h"
#include "core/records/record_read.h"
#include "read_fixture.h"

namespace {
using nlohmann::json;
using fastcms::core::records::project_fields;
}  // namespace

TEST_SUITE("records field projection") {
  TEST_CASE("keys kept, missing ones ignored, names trimmed") {
    json data = {{"a", 1}, {"b", 2}, {"c", "test"}};
    CHECK(project_fields(data, "") == data);
    CHECK(project_fields(data, "missing") == json::object());
    CHECK(project_fields(data, "a,  c  ,missing") == json({{"a", 1}, {"c", "test"}}));
    CHECK(project_fields("test", "a,b,test") == "test");
    CHECK(project_fields(json({"a", "b", "test"}), "a,test") == json({"a", "b", "test"}));
    CHECK(project_fields(json::array({{{"a", 11}, {"b", 11}}, {{"a", 22}, {"b", 22}}}), "a") ==
          json::array({{{"a", 11}}, {{"a", 22}}}));
  }

  TEST_CASE("nested paths through objects and lists of objects; a key listed whole stays whole") {
    json data = json::parse(R"J({
      "a": 1, "b": 2, "c": "test",
      "anySlice": [{"A": [1,2,3], "B": ["1","2",3], "C": "test", "D": {"DA": 1, "DB": 2}}, {"A": "test"}],
      "mapSlice": [{"A": [1,2,3], "B": ["1","2",3], "C": "test", "D": [{"DA": 1}]},
                   {"B": ["1","2",3], "D": [{"DA": 2}, {"DA": 3}, {"DB": 4}]}],
      "fullMap": [{"A": [1,2,3], "B": ["1","2",3], "C": "test"}, {"B": ["1","2",3], "D": [{"DA": 2}, {"DA": 3}]}]
    })J");
    CHECK(project_fields(data, "a, c, anySlice.A, mapSlice.C, mapSlice.D.DA, anySlice.D,fullMap") == json::parse(R"J({
      "a": 1, "c": "test",
      "anySlice": [{"A": [1,2,3], "D": {"DA": 1, "DB": 2}}, {"A": "test"}],
      "mapSlice": [{"C": "test", "D": [{"DA": 1}]}, {"D": [{"DA": 2}, {"DA": 3}, {}]}],
      "fullMap": [{"A": [1,2,3], "B": ["1","2",3], "C": "test"}, {"B": ["1","2",3], "D": [{"DA": 2}, {"DA": 3}]}]
    })J"));
    json record = {{"id", "1"}, {"expand", {{"author", {{"id", "u1"}, {"name", "Ann"}, {"email", "a@x"}}}}}};
    CHECK(project_fields(record, "expand.author.name") == json({{"expand", {{"author", {{"name", "Ann"}}}}}}));
    CHECK(project_fields(record, "expand,expand.author.name") == json({{"expand", record["expand"]}}));
  }

  TEST_CASE("wildcards with nested exceptions") {
    json data = json::parse(R"({"id":"123","title":"lorem","rel":{"id":"456","title":"rel_title",
                                "sub":{"id":"789","title":"sub_title"}}})");
    CHECK(project_fields(data, "*") == data);
    CHECK(project_fields(data, "*,rel.id") == json::parse(R"({"id":"123","rel":{"id":"456"},"title":"lorem"})"));
    CHECK(project_fields(data, "id,rel.*") ==
          json::parse(R"({"id":"123","rel":{"id":"456","sub":{"id":"789","title":"sub_title"},"title":"rel_title"}})"));
    CHECK(project_fields(data, "id,rel.*,rel.sub.id") ==
          json::parse(R"({"id":"123","rel":{"id":"456","sub":{"id":"789"},"title":"rel_title"}})"));
  }

  TEST_CASE("list pages: fields apply to each item, paging keys stay") {
    json page = json::parse(R"({"page":1,"perPage":10,"totalItems":20,"totalPages":30,
                                "items":[{"a":11,"b":11,"c":"test1"},{"a":22,"b":22,"c":"test2"}]})");
    CHECK(project_fields(page, "a,c,missing") ==
          json::parse(R"({"page":1,"perPage":10,"totalItems":20,"totalPages":30,
                          "items":[{"a":11,"c":"test1"},{"a":22,"c":"test2"}]})"));
    CHECK(project_fields(page, "*") == page);
    // an object that merely has an "items" key is not a page
    json other = {{"items", json::array({{{"a", 1}}})}, {"page", 1}};
    CHECK(project_fields(other, "page") == json({{"page", 1}}));
  }

  TEST_CASE(":excerpt on strings only, on wildcards too") {
    json data = json::parse(R"({"id":"123","title":"lorem","n":5,
                                "rel":{"id":"456","title":"<p>rel_title</p>","sub":{"id":"789","title":"sub_title"}}})");
    CHECK(project_fields(data, "*:excerpt(2),rel.title:excerpt(3, true)") ==
          json::parse(R"({"id":"12","n":5,"rel":{"title":"rel..."},"title":"lo"})"));
    CHECK(project_fields(data, "title:excerpt(10,1)") == json::parse(R"({"title":"lorem"})"));
    CHECK(project_fields(data, "title:excerpt(3,nope)") == json::parse(R"({"title":"lor"})"));
    CHECK(project_fields(data, "title:excerpt(3.0,t)") == json::parse(R"({"title":"lor..."})"));
    CHECK(project_fields(data, "missing:excerpt(3)") == json::object());
  }

  TEST_CASE("malformed fields leave the body untouched") {
    json data = {{"a", 1}, {"b", "text"}};
    for (const char* bad : {"*:excerpt", "a:excerpt()", "a:excerpt(0)", "a:excerpt(-3)", "a:excerpt(x)",
                            "a:excerpt(1,true,3)", "a:upper(3)", "a:", "a:excerpt(3", "a,'b"}) {
      CAPTURE(std::string(bad));
      CHECK(project_fields(data, bad) == data);
    }
    // a stray ")" is just part of a (missing) key name
    CHECK(project_fields(data, "a)") == json::object());
  }

  TEST_CASE("a real list page with expand, projected with an excerpt") {
    fastcms::test::records_fixture::ReadDb rdb(json::parse(R"J([
      {"name": "writers", "listRule": "", "viewRule": "", "fields": [{"name": "name", "type": "text"}]},
      {"name": "articles", "listRule": "", "viewRule": "", "fields": [
        {"name": "body", "type": "editor"},
        {"name": "writer", "type": "relation", "collection": "writers", "maxSelect": 1}
      ]}
    ])J"));
    rdb.insert("writers", {{"id", "w1"}, {"name", "Ann"}});
    rdb.insert("articles", {{"id", "a1"}, {"body", "<h2>Intro</h2><p>Once   upon a <b>time</b></p>"}, {"writer", "w1"}});
    fastcms::core::records::ListOptions o;
    o.expand = "writer";
    auto page = fastcms::core::records::list_records(*rdb.db, rdb.schema, rdb.collection("articles"), rdb.guest(), o);
    REQUIRE(page.ok());
    CHECK(project_fields(page->to_json(), "id,body:excerpt(15,true),expand.writer.name") == json::parse(R"({
      "page": 1, "perPage": 30, "totalItems": 1, "totalPages": 1,
      "items": [{"id": "a1", "body": "Intro Once upon...", "expand": {"writer": {"name": "Ann"}}}]})"));
  }
}
