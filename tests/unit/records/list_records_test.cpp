#include <doctest/doctest.h>

#include "core/records/list_timing_guard.h"
#include "core/records/record_read.h"
#include "read_fixture.h"

namespace {
using nlohmann::json;
namespace fixture = fastcms::test::records_fixture;
namespace records = fastcms::core::records;

json lr_definitions() {
  return json::parse(R"J([
    {"name": "_superusers", "type": "auth"},
    {"name": "users", "type": "auth", "listRule": "", "viewRule": "",
     "manageRule": "@request.auth.role = 'admin'", "fields": [
      {"name": "name", "type": "text"},
      {"name": "role", "type": "text"},
      {"name": "diary", "type": "text", "hidden": true}
    ]},
    {"name": "posts",
     "listRule": "status = 'published' || author = @request.auth.id",
     "viewRule": "status = 'published' || author = @request.auth.id",
     "fields": [
      {"name": "title", "type": "text"},
      {"name": "status", "type": "select", "values": ["draft", "published"], "maxSelect": 1},
      {"name": "author", "type": "relation", "collection": "users", "maxSelect": 1},
      {"name": "tags", "type": "select", "values": ["a", "b", "c"], "maxSelect": 3},
      {"name": "views", "type": "number"},
      {"name": "internal", "type": "text", "hidden": true}
    ]},
    {"name": "vault", "listRule": null, "viewRule": null, "fields": [{"name": "title", "type": "text"}]},
    {"name": "open", "listRule": "", "viewRule": "", "fields": [{"name": "n", "type": "number"}]}
  ])J");
}

/// u1 (user), u2 (admin, email visible); p1..p5: p1-p3 published, p4 draft by u1, p5 draft by u2.
void lr_seed(fixture::ReadDb& rdb) {
  rdb.insert("users", {{"id", "u1"}, {"email", "u1@x.io"}, {"tokenKey", "k1"}, {"name", "Ann"}, {"role", "user"},
                       {"diary", "d1"}, {"password", "$2a$10$hash"}});
  rdb.insert("users", {{"id", "u2"}, {"email", "u2@x.io"}, {"tokenKey", "k2"}, {"name", "Bob"}, {"role", "admin"},
                       {"emailVisibility", true}});
  rdb.insert("users", {{"id", "u3"}, {"email", "u3@x.io"}, {"tokenKey", "k3"}, {"name", "Cy"}, {"role", "user"}});
  rdb.insert("posts", {{"id", "p1"}, {"title", "First"}, {"status", "published"}, {"author", "u1"},
                       {"tags", {"a"}}, {"views", 10}, {"internal", "i1"}});
  rdb.insert("posts", {{"id", "p2"}, {"title", "Second"}, {"status", "published"}, {"author", "u2"},
                       {"tags", {"a", "b"}}, {"views", 30}, {"internal", "i2"}});
  rdb.insert("posts", {{"id", "p3"}, {"title", "Third"}, {"status", "published"}, {"author", "u2"},
                       {"tags", json::array()}, {"views", 20}, {"internal", "i3"}});
  rdb.insert("posts", {{"id", "p4"}, {"title", "Draft of u1"}, {"status", "draft"}, {"author", "u1"}, {"views", 5}});
  rdb.insert("posts", {{"id", "p5"}, {"title", "Draft of u2"}, {"status", "draft"}, {"author", "u2"}, {"views", 1}});
}

std::vector<std::string> lr_ids(const records::ListPage& page) {
  std::vector<std::string> out;
  for (const auto& item : page.items) out.push_back(item["id"].get<std::string>());
  return out;
}

records::ListPage lr_ok(fixture::ReadDb& rdb, const std::string& collection, const fastcms::core::RequestContext& ctx,
                        const records::ListOptions& options = {}) {
  auto r = records::list_records(*rdb.db, rdb.schema, rdb.collection(collection), ctx, options);
  if (!r.ok()) FAIL(r.error().to_json().dump());
  return std::move(*r);
}

fastcms::core::ApiError lr_err(fixture::ReadDb& rdb, const std::string& collection,
                               const fastcms::core::RequestContext& ctx, const records::ListOptions& options = {}) {
  auto r = records::list_records(*rdb.db, rdb.schema, rdb.collection(collection), ctx, options);
  if (r.ok()) FAIL((std::string("expected an error, got ") + r->to_json().dump()));
  return r.error();
}

records::ListOptions lr_filter(std::string filter) {
  records::ListOptions o;
  o.filter = std::move(filter);
  return o;
}
records::ListOptions lr_sort(std::string sort) {
  records::ListOptions o;
  o.sort = std::move(sort);
  return o;
}
}  // namespace

TEST_SUITE("records list") {
  TEST_CASE("superuser: every record in insertion order, hidden fields included, secrets never") {
    fixture::ReadDb rdb(lr_definitions());
    lr_seed(rdb);
    auto page = lr_ok(rdb, "posts", rdb.superuser());
    CHECK(lr_ids(page) == std::vector<std::string>{"p1", "p2", "p3", "p4", "p5"});
    CHECK(page.page == 1);
    CHECK(page.per_page == 30);
    CHECK(page.total_items == 5);
    CHECK(page.total_pages == 1);
    CHECK(page.items[0]["internal"] == "i1");
    CHECK(page.items[0]["collectionName"] == "posts");
    CHECK(page.items[0]["tags"] == json({"a"}));
    CHECK(page.items[0]["views"] == 10);

    auto users = lr_ok(rdb, "users", rdb.superuser());
    CHECK(users.items[0]["diary"] == "d1");
    CHECK(users.items[0]["email"] == "u1@x.io");
    CHECK_FALSE(users.items[0].contains("password"));
    CHECK_FALSE(users.items[0].contains("tokenKey"));
  }

  TEST_CASE("listRule acts as a WHERE: guests see published, authors also their drafts; hidden fields gone") {
    fixture::ReadDb rdb(lr_definitions());
    lr_seed(rdb);
    auto guest = lr_ok(rdb, "posts", rdb.guest());
    CHECK(lr_ids(guest) == std::vector<std::string>{"p1", "p2", "p3"});
    CHECK(guest.total_items == 3);
    CHECK_FALSE(guest.items[0].contains("internal"));
    auto u1 = lr_ok(rdb, "posts", rdb.as("users", {{"id", "u1"}, {"role", "user"}}));
    CHECK(lr_ids(u1) == std::vector<std::string>{"p1", "p2", "p3", "p4"});
    CHECK(u1.total_items == 4);
  }

  TEST_CASE("null listRule: 403 for guests and users, superusers list; empty listRule: everyone") {
    fixture::ReadDb rdb(lr_definitions());
    rdb.insert("vault", {{"id", "v1"}, {"title", "gold"}});
    rdb.insert("open", {{"id", "o1"}, {"n", 1}});
    for (const auto& ctx : {rdb.guest(), rdb.as("users", {{"id", "u1"}})}) {
      auto e = lr_err(rdb, "vault", ctx);
      CHECK(e.status == 403);
      CHECK(e.message == "Only superusers can perform this action.");
      CHECK(lr_ids(lr_ok(rdb, "open", ctx)) == std::vector<std::string>{"o1"});
    }
    CHECK(lr_ids(lr_ok(rdb, "vault", rdb.superuser())) == std::vector<std::string>{"v1"});
    CHECK(lr_ids(lr_ok(rdb, "vault", fastcms::core::RequestContext::system())) == std::vector<std::string>{"v1"});
  }

  TEST_CASE("emails: visible by emailVisibility, to the owner, to managers (manageRule) and superusers") {
    fixture::ReadDb rdb(lr_definitions());
    lr_seed(rdb);
    auto emails = [](const records::ListPage& p) {
      std::vector<std::string> out;
      for (const auto& u : p.items) out.push_back(u.value("email", "-"));
      return out;
    };
    CHECK(emails(lr_ok(rdb, "users", rdb.guest())) == std::vector<std::string>{"-", "u2@x.io", "-"});
    CHECK(emails(lr_ok(rdb, "users", rdb.as("users", {{"id", "u1"}, {"role", "user"}}))) ==
          std::vector<std::string>{"u1@x.io", "u2@x.io", "-"});
    CHECK(emails(lr_ok(rdb, "users", rdb.as("users", {{"id", "u2"}, {"role", "admin"}}))) ==
          std::vector<std::string>{"u1@x.io", "u2@x.io", "u3@x.io"});
    auto guest = lr_ok(rdb, "users", rdb.guest());
    CHECK_FALSE(guest.items[0].contains("diary"));
    CHECK(guest.items[0]["verified"] == false);
    CHECK(guest.items[0]["emailVisibility"] == false);
  }

  TEST_CASE("client filter joins the listRule in one statement") {
    fixture::ReadDb rdb(lr_definitions());
    lr_seed(rdb);
    auto guest = lr_ok(rdb, "posts", rdb.guest(), lr_filter("views >= 10 && tags ?= 'a'"));
    CHECK(lr_ids(guest) == std::vector<std::string>{"p1", "p2"});
    CHECK(guest.total_items == 2);
    // the filter cannot widen the rule
    CHECK(lr_ok(rdb, "posts", rdb.guest(), lr_filter("status = 'draft'")).items.empty());
    CHECK(lr_ids(lr_ok(rdb, "posts", rdb.as("users", {{"id", "u1"}}), lr_filter("status = 'draft'"))) ==
          std::vector<std::string>{"p4"});
    CHECK(lr_ids(lr_ok(rdb, "posts", rdb.guest(), lr_filter("author.name = 'Bob'"))) ==
          std::vector<std::string>{"p2", "p3"});
    CHECK(lr_ok(rdb, "posts", rdb.guest(), lr_filter("   ")).items.size() == 3);
  }

  TEST_CASE("hidden fields are filterable and sortable by superusers only") {
    fixture::ReadDb rdb(lr_definitions());
    lr_seed(rdb);
    auto e = lr_err(rdb, "posts", rdb.guest(), lr_filter("internal = 'i1'"));
    CHECK(e.status == 400);
    CHECK(e.to_json()["message"] == "Something went wrong while processing your request.");
    CHECK(e.data["filter"]["code"] == "validation_invalid_filter");
    CHECK(e.data["filter"]["message"].get<std::string>().find("internal") != std::string::npos);
    CHECK(lr_err(rdb, "posts", rdb.guest(), lr_sort("internal")).status == 400);
    CHECK(lr_ids(lr_ok(rdb, "posts", rdb.superuser(), lr_filter("internal = 'i1'"))) ==
          std::vector<std::string>{"p1"});
    CHECK(lr_ok(rdb, "posts", rdb.superuser(), lr_sort("-internal")).items[0]["id"] == "p3");
  }

  TEST_CASE("bad filters: syntax, length and expression limits give 400 with the reason in data.filter") {
    fixture::ReadDb rdb(lr_definitions());
    lr_seed(rdb);
    auto syntax = lr_err(rdb, "posts", rdb.guest(), lr_filter("title = "));
    CHECK(syntax.status == 400);
    CHECK(syntax.to_json()["message"] == "Something went wrong while processing your request.");
    CHECK(syntax.data["filter"]["code"] == "validation_invalid_filter");
    CHECK_FALSE(syntax.data["filter"]["message"].get<std::string>().empty());

    auto unknown = lr_err(rdb, "posts", rdb.guest(), lr_filter("nope = 1"));
    CHECK(unknown.data["filter"]["message"].get<std::string>().find("nope") != std::string::npos);

    std::string long_filter = "title = '" + std::string(3500, 'x') + "'";
    auto too_long = lr_err(rdb, "posts", rdb.superuser(), lr_filter(long_filter));
    CHECK(too_long.data["filter"]["message"].get<std::string>().find("too long") != std::string::npos);

    std::string many = "views = 0";
    for (int i = 1; i <= 200; ++i) many += " || views = " + std::to_string(i);
    auto too_many = lr_err(rdb, "posts", rdb.superuser(), lr_filter(many));
    CHECK(too_many.data["filter"]["message"].get<std::string>().find("too many") != std::string::npos);
    std::string enough = "views = 0";
    for (int i = 1; i < 200; ++i) enough += " || views = " + std::to_string(i);
    CHECK(lr_ok(rdb, "posts", rdb.superuser(), lr_filter(enough)).total_items == 5);
  }

  TEST_CASE("@collection. and @request. in filter or sort are for superusers only") {
    fixture::ReadDb rdb(lr_definitions());
    lr_seed(rdb);
    auto c = lr_err(rdb, "posts", rdb.guest(), lr_filter("@collection.users.name = 'Bob'"));
    CHECK(c.status == 403);
    CHECK(c.message == "Only superusers can filter by @collection.");
    auto r = lr_err(rdb, "posts", rdb.as("users", {{"id", "u1"}}), lr_filter("author = @request.auth.id"));
    CHECK(r.status == 403);
    CHECK(r.message == "Only superusers can filter by @request.");
    auto s = lr_err(rdb, "posts", rdb.guest(), lr_sort("@request.auth.id"));
    CHECK(s.message == "Only superusers can filter by @request.");
    // the null rule is reported first
    CHECK(lr_err(rdb, "vault", rdb.guest(), lr_filter("@request.auth.id = ''")).message ==
          "Only superusers can perform this action.");
    auto su = lr_ok(rdb, "posts", rdb.superuser(), lr_filter("@request.auth.id = 'su1' && @collection.users.id ?= author"));
    CHECK(su.total_items == 5);
  }

  TEST_CASE("sort: directions, several terms, relations, @rowid, @random, limits, unknown fields") {
    fixture::ReadDb rdb(lr_definitions());
    lr_seed(rdb);
    auto su = rdb.superuser();
    CHECK(lr_ids(lr_ok(rdb, "posts", su, lr_sort("-views"))) == std::vector<std::string>{"p2", "p3", "p1", "p4", "p5"});
    CHECK(lr_ids(lr_ok(rdb, "posts", su, lr_sort("+views"))) == std::vector<std::string>{"p5", "p4", "p1", "p3", "p2"});
    CHECK(lr_ids(lr_ok(rdb, "posts", su, lr_sort("status, -title"))) ==
          std::vector<std::string>{"p5", "p4", "p3", "p2", "p1"});
    CHECK(lr_ids(lr_ok(rdb, "posts", su, lr_sort("-@rowid"))) == std::vector<std::string>{"p5", "p4", "p3", "p2", "p1"});
    CHECK(lr_ids(lr_ok(rdb, "posts", su, lr_sort("author.name,-views"))) ==
          std::vector<std::string>{"p1", "p4", "p2", "p3", "p5"});
    auto random = lr_ok(rdb, "posts", su, lr_sort("@random"));
    CHECK(random.items.size() == 5);

    auto unknown = lr_err(rdb, "posts", su, lr_sort("-nope"));
    CHECK(unknown.status == 400);
    CHECK(unknown.data["sort"]["code"] == "validation_invalid_sort");
    CHECK(unknown.data["sort"]["message"].get<std::string>().find("nope") != std::string::npos);
    CHECK(lr_ok(rdb, "posts", su, lr_sort("id,id,id,id,id,id,id,id")).items.size() == 5);
    auto nine = lr_err(rdb, "posts", su, lr_sort("id,id,id,id,id,id,id,id,id"));
    CHECK(nine.data["sort"]["message"].get<std::string>().find("too many") != std::string::npos);
    CHECK(lr_err(rdb, "posts", su, lr_sort(std::string(256, 'a'))).status == 400);
  }

  TEST_CASE("paging: PocketBase's normalisation, totals, pages past the end, skipTotal") {
    fixture::ReadDb rdb(lr_definitions());
    for (int i = 0; i < 25; ++i) rdb.insert("open", {{"id", "o" + std::to_string(100 + i)}, {"n", i}});
    auto su = rdb.superuser();
    records::ListOptions o;
    o.page = 3;
    o.per_page = 10;
    auto third = lr_ok(rdb, "open", su, o);
    CHECK(third.page == 3);
    CHECK(third.total_items == 25);
    CHECK(third.total_pages == 3);
    CHECK(lr_ids(third) == std::vector<std::string>{"o120", "o121", "o122", "o123", "o124"});

    o.page = 4;
    auto past = lr_ok(rdb, "open", su, o);
    CHECK(past.page == 4);
    CHECK(past.items.empty());
    CHECK(past.total_items == 25);

    o.page = 0;
    o.per_page = 0;
    auto normal = lr_ok(rdb, "open", su, o);
    CHECK(normal.page == 1);
    CHECK(normal.per_page == 30);
    CHECK(normal.items.size() == 25);

    o.page = -5;
    o.per_page = 5000;
    auto clamped = lr_ok(rdb, "open", su, o);
    CHECK(clamped.page == 1);
    CHECK(clamped.per_page == 1000);

    o.page = 2;
    o.per_page = 10;
    o.skip_total = true;
    auto skipped = lr_ok(rdb, "open", su, o);
    CHECK(skipped.total_items == -1);
    CHECK(skipped.total_pages == -1);
    CHECK(skipped.items.size() == 10);

    o.skip_total = false;
    o.page = std::numeric_limits<long long>::max();
    CHECK(lr_ok(rdb, "open", su, o).items.empty());

    auto empty = lr_ok(rdb, "vault", su);
    CHECK(empty.total_items == 0);
    CHECK(empty.total_pages == 0);
    CHECK(empty.to_json() == json::parse(R"({"page":1,"perPage":30,"totalItems":0,"totalPages":0,"items":[]})"));
  }

  TEST_CASE("one SELECT for the page and one COUNT; skipTotal drops the COUNT; managers add one query") {
    fixture::ReadDb rdb(lr_definitions());
    lr_seed(rdb);
    fixture::CountingConnection counting(*rdb.db);
    auto r = records::list_records(counting, rdb.schema, rdb.collection("posts"), rdb.guest(), lr_filter("views > 0"));
    REQUIRE(r.ok());
    CHECK(counting.reads == 2);
    counting.reads = 0;
    records::ListOptions skip;
    skip.skip_total = true;
    REQUIRE(records::list_records(counting, rdb.schema, rdb.collection("posts"), rdb.guest(), skip).ok());
    CHECK(counting.reads == 1);
    counting.reads = 0;
    REQUIRE(records::list_records(counting, rdb.schema, rdb.collection("users"),
                                  rdb.as("users", {{"id", "u2"}, {"role", "admin"}}), skip)
                .ok());
    CHECK(counting.reads == 2);
  }

  TEST_CASE("empty filtered pages of a ruled list are counted per collection and requester") {
    fixture::ReadDb rdb(lr_definitions());
    lr_seed(rdb);
    auto& guard = records::list_timing_guard();
    const std::string key = rdb.collection("posts").id + "\nu9";
    auto u9 = rdb.as("users", {{"id", "u9"}});
    // three empty pages are free; the fourth within 3 s is throttled (and still answers)
    for (int i = 0; i < 4; ++i) REQUIRE(lr_ok(rdb, "posts", u9, lr_filter("title = 'none'")).items.empty());
    CHECK(guard.record_empty_page(key));
  }

  TEST_CASE("the timing guard: more than 3 empty pages in 3 s, per key, bounded memory") {
    auto now = std::chrono::steady_clock::time_point{};
    records::ListTimingGuard guard(3, std::chrono::seconds(3), [&] { return now; });
    CHECK_FALSE(guard.record_empty_page("a"));
    CHECK_FALSE(guard.record_empty_page("a"));
    CHECK_FALSE(guard.record_empty_page("a"));
    CHECK_FALSE(guard.record_empty_page("b"));
    CHECK(guard.record_empty_page("a"));
    now += std::chrono::milliseconds(3001);
    CHECK_FALSE(guard.record_empty_page("a"));
    for (int i = 0; i < 3000; ++i) guard.record_empty_page("k" + std::to_string(i));
    now += std::chrono::seconds(4);
    guard.record_empty_page("fresh");
    CHECK(guard.tracked_keys() < 1100);
  }
}
