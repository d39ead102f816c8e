#include <doctest/doctest.h>

#include "core/records/list_options.h"

namespace {
namespace records = fastcms::core::records;
using nlohmann::json;
}  // namespace

TEST_SUITE("records list options") {
  TEST_CASE("query parameters parse like PocketBase's search provider") {
    auto o = records::parse_list_options({{"page", "2"}, {"perPage", "-7"}, {"sort", "-created"},
                                          {"filter", "a = 1"}, {"expand", "author"}, {"skipTotal", "1"},
                                          {"fields", "id"}});
    REQUIRE(o.ok());
    CHECK(o->page == 2);
    CHECK(o->per_page == -7);
    CHECK(o->sort == "-created");
    CHECK(o->filter == "a = 1");
    CHECK(o->expand == "author");
    CHECK(o->skip_total);
    auto defaults = records::parse_list_options({{"page", ""}, {"skipTotal", ""}});
    REQUIRE(defaults.ok());
    CHECK(defaults->page == 1);
    CHECK(defaults->per_page == 30);
    CHECK_FALSE(defaults->skip_total);
    for (const char* t : {"t", "T", "TRUE", "true", "True"}) CHECK(records::parse_list_options({{"skipTotal", t}})->skip_total);
    for (const char* f : {"0", "f", "F", "FALSE", "false", "False"})
      CHECK_FALSE(records::parse_list_options({{"skipTotal", f}})->skip_total);
    CHECK(records::parse_list_options({{"page", "+3"}})->page == 3);
  }

  TEST_CASE("malformed numbers and booleans are 400 naming the parameter") {
    for (auto [name, value] : {std::pair{"page", "1.5"}, std::pair{"page", "x"}, std::pair{"perPage", " 3"},
                               std::pair{"perPage", "99999999999999999999"}, std::pair{"skipTotal", "yes"},
                               std::pair{"page", "-"}}) {
      auto r = records::parse_list_options({{name, value}});
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().status == 400);
      CHECK(r.error().to_json()["message"] == "Something went wrong while processing your request.");
      CHECK(r.error().data.contains(name));
    }
  }

  TEST_CASE("a page serialises with PocketBase's keys") {
    records::ListPage page;
    page.page = 2;
    page.per_page = 10;
    page.total_items = 11;
    page.total_pages = 2;
    page.items = json::array({{{"id", "a"}}});
    CHECK(page.to_json() ==
          json::parse(R"({"page":2,"perPage":10,"totalItems":11,"totalPages":2,"items":[{"id":"a"}]})"));
  }
}
