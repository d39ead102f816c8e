#include <doctest/doctest.h>

#include "core/records/expand.h"
#include "core/records/record_read.h"
#include "read_fixture.h"

namespace {
using nlohmann::json;
namespace fixture = fastcms::test::records_fixture;
namespace records = fastcms::core::records;

json ex_definitions() {
  return json::parse(R"J([
    {"name": "_superusers", "type": "auth"},
    {"name": "countries", "viewRule": "", "fields": [{"name": "name", "type": "text"}]},
    {"name": "orgs", "viewRule": "", "fields": [
      {"name": "name", "type": "text"},
      {"name": "country", "type": "relation", "collection": "countries", "maxSelect": 1}
    ]},
    {"name": "secrets", "viewRule": null, "listRule": null, "fields": [{"name": "code", "type": "text"}]},
    {"name": "users", "type": "auth", "listRule": "", "viewRule": "", "fields": [
      {"name": "name", "type": "text"},
      {"name": "org", "type": "relation", "collection": "orgs", "maxSelect": 1},
      {"name": "stash", "type": "relation", "collection": "secrets", "maxSelect": 1},
      {"name": "diary", "type": "text", "hidden": true}
    ]},
    {"name": "extras", "viewRule": "@request.context = 'expand'", "fields": [{"name": "note", "type": "text"}]},
    {"name": "posts", "listRule": "", "viewRule": "", "fields": [
      {"name": "title", "type": "text"},
      {"name": "author", "type": "relation", "collection": "users", "maxSelect": 1},
      {"name": "editors", "type": "relation", "collection": "users", "maxSelect": 5},
      {"name": "secret", "type": "relation", "collection": "secrets", "maxSelect": 1},
      {"name": "extra", "type": "relation", "collection": "extras", "maxSelect": 1},
      {"name": "reviewer", "type": "relation", "collection": "users", "maxSelect": 1, "hidden": true}
    ]},
    {"name": "comments", "listRule": "", "viewRule": "approved = true", "fields": [
      {"name": "post", "type": "relation", "collection": "posts", "maxSelect": 1},
      {"name": "text", "type": "text"},
      {"name": "approved", "type": "bool"}
    ]},
    {"name": "profiles", "viewRule": "", "indexes": ["CREATE UNIQUE INDEX idx_profiles_user ON profiles (user)"],
     "fields": [
      {"name": "user", "type": "relation", "collection": "users", "maxSelect": 1},
      {"name": "bio", "type": "text"}
    ]},
    {"name": "nodes", "listRule": "", "viewRule": "", "fields": [
      {"name": "label", "type": "text"},
      {"name": "next", "type": "relation", "collection": "nodes", "maxSelect": 1}
    ]}
  ])J");
}

void ex_seed(fixture::ReadDb& rdb) {
  rdb.insert("countries", {{"id", "c1"}, {"name", "Norway"}});
  rdb.insert("orgs", {{"id", "o1"}, {"name", "Acme"}, {"country", "c1"}});
  rdb.insert("secrets", {{"id", "s1"}, {"code", "42"}});
  rdb.insert("users", {{"id", "u1"}, {"email", "u1@x.io"}, {"tokenKey", "k1"}, {"name", "Ann"}, {"org", "o1"},
                       {"stash", "s1"}, {"diary", "dear"}});
  rdb.insert("users", {{"id", "u2"}, {"email", "u2@x.io"}, {"tokenKey", "k2"}, {"name", "Bob"}});
  rdb.insert("users", {{"id", "u3"}, {"email", "u3@x.io"}, {"tokenKey", "k3"}, {"name", "Cy"},
                       {"emailVisibility", true}});
  rdb.insert("extras", {{"id", "e1"}, {"note", "only via expand"}});
  rdb.insert("posts", {{"id", "p1"}, {"title", "One"}, {"author", "u1"}, {"editors", {"u3", "u1"}},
                       {"secret", "s1"}, {"extra", "e1"}, {"reviewer", "u2"}});
  rdb.insert("posts", {{"id", "p2"}, {"title", "Two"}, {"author", "u2"}, {"editors", {"u1", "missing", "u2"}}});
  rdb.insert("posts", {{"id", "p3"}, {"title", "Three"}});
  rdb.insert("comments", {{"id", "m1"}, {"post", "p1"}, {"text", "first"}, {"approved", true}});
  rdb.insert("comments", {{"id", "m2"}, {"post", "p1"}, {"text", "pending"}, {"approved", false}});
  rdb.insert("comments", {{"id", "m3"}, {"post", "p2"}, {"text", "other"}, {"approved", true}});
  rdb.insert("comments", {{"id", "m4"}, {"post", "p1"}, {"text", "third"}, {"approved", true}});
  rdb.insert("profiles", {{"id", "f1"}, {"user", "u1"}, {"bio", "hi"}});
  for (int i = 1; i <= 9; ++i)
    rdb.insert("nodes", {{"id", "n" + std::to_string(i)}, {"label", "L" + std::to_string(i)},
                         {"next", i < 9 ? "n" + std::to_string(i + 1) : ""}});
}

/// All posts (in insertion order) as ctx sees them, expanded.
json ex_posts(fixture::ReadDb& rdb, const fastcms::core::RequestContext& ctx, const std::string& expand,
              const std::string& collection = "posts") {
  records::ListOptions o;
  o.expand = expand;
  auto r = records::list_records(*rdb.db, rdb.schema, rdb.collection(collection), ctx, o);
  if (!r.ok()) FAIL(r.error().to_json().dump());
  return r->items;
}

std::vector<std::string> ex_ids(const json& list) {
  std::vector<std::string> out;
  for (const auto& r : list) out.push_back(r["id"].get<std::string>());
  return out;
}
}  // namespace

TEST_SUITE("records expand") {
  TEST_CASE("parse_expand normalises like PocketBase and builds one tree") {
    auto paths = records::parse_expand(" author . org , author,, .x., editors.org.country,author.org");
    REQUIRE(paths.size() == 3);
    CHECK(paths[0].name == "author");
    REQUIRE(paths[0].children.size() == 1);
    CHECK(paths[0].children[0].name == "org");
    CHECK(paths[0].children[0].children.empty());
    CHECK(paths[1].name == "x");
    CHECK(paths[2].name == "editors");
    CHECK(paths[2].children[0].children[0].name == "country");
    CHECK(records::parse_expand("").empty());
    CHECK(records::parse_expand(" , ..").empty());
    auto deep = records::parse_expand("a.b.c.d.e.f.g.h");
    size_t depth = 0;
    for (const auto* node = &deep; !node->empty(); node = &node->front().children) ++depth;
    CHECK(depth == records::max_expand_depth);
  }

  TEST_CASE("single relations become objects, multiple ones arrays in the field's order; nesting") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    json posts = ex_posts(rdb, rdb.guest(), "author.org.country,editors");
    const json& p1 = posts[0];
    CHECK(p1["expand"]["author"]["id"] == "u1");
    CHECK(p1["expand"]["author"]["collectionName"] == "users");
    CHECK(p1["expand"]["author"]["expand"]["org"]["name"] == "Acme");
    CHECK(p1["expand"]["author"]["expand"]["org"]["expand"]["country"]["name"] == "Norway");
    CHECK(ex_ids(p1["expand"]["editors"]) == std::vector<std::string>{"u3", "u1"});
    // missing ids are skipped
    CHECK(ex_ids(posts[1]["expand"]["editors"]) == std::vector<std::string>{"u1", "u2"});
    // the relation value itself is untouched
    CHECK(p1["author"] == "u1");
    // a record whose relations are empty still gets an (empty) expand object
    CHECK(posts[2]["expand"] == json::object());
    // u2 has no org: its expand is empty too
    CHECK(posts[1]["expand"]["author"]["expand"] == json::object());
  }

  TEST_CASE("expanded records are presented for the requester") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    json guest = ex_posts(rdb, rdb.guest(), "author,editors");
    const json& author = guest[0]["expand"]["author"];
    CHECK_FALSE(author.contains("diary"));
    CHECK_FALSE(author.contains("email"));
    CHECK_FALSE(author.contains("tokenKey"));
    CHECK_FALSE(author.contains("password"));
    CHECK(guest[0]["expand"]["editors"][0]["email"] == "u3@x.io");  // emailVisibility
    json owner = ex_posts(rdb, rdb.as("users", {{"id", "u1"}}), "author");
    CHECK(owner[0]["expand"]["author"]["email"] == "u1@x.io");
    json su = ex_posts(rdb, rdb.superuser(), "author");
    CHECK(su[0]["expand"]["author"]["diary"] == "dear");
    CHECK(su[0]["expand"]["author"]["email"] == "u1@x.io");
    CHECK_FALSE(su[0]["expand"]["author"].contains("tokenKey"));
  }

  TEST_CASE("back-relations: arrays in insertion order, filtered by the viewRule; unique index → object") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    json guest = ex_posts(rdb, rdb.guest(), "comments_via_post");
    CHECK(ex_ids(guest[0]["expand"]["comments_via_post"]) == std::vector<std::string>{"m1", "m4"});
    CHECK(ex_ids(guest[1]["expand"]["comments_via_post"]) == std::vector<std::string>{"m3"});
    CHECK_FALSE(guest[2]["expand"].contains("comments_via_post"));
    json su = ex_posts(rdb, rdb.superuser(), "comments_via_post");
    CHECK(ex_ids(su[0]["expand"]["comments_via_post"]) == std::vector<std::string>{"m1", "m2", "m4"});

    json users = ex_posts(rdb, rdb.guest(), "profiles_via_user,posts_via_editors,posts_via_author", "users");
    CHECK(users[0]["expand"]["profiles_via_user"]["bio"] == "hi");
    CHECK(users[0]["expand"]["profiles_via_user"].is_object());
    CHECK(ex_ids(users[0]["expand"]["posts_via_editors"]) == std::vector<std::string>{"p1", "p2"});
    CHECK(ex_ids(users[2]["expand"]["posts_via_editors"]) == std::vector<std::string>{"p1"});
    CHECK(ex_ids(users[0]["expand"]["posts_via_author"]) == std::vector<std::string>{"p1"});
    CHECK(users[0]["expand"]["posts_via_author"].is_array());
  }

  TEST_CASE("back-relations nest both ways") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    json posts = ex_posts(rdb, rdb.guest(), "comments_via_post.post.author");
    const json& first_comment = posts[0]["expand"]["comments_via_post"][0];
    CHECK(first_comment["expand"]["post"]["expand"]["author"]["name"] == "Ann");
  }

  TEST_CASE("what the requester may not view is left out, whole paths at a time") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    json guest = ex_posts(rdb, rdb.guest(), "secret,author.stash");
    // secrets has a null viewRule: no path reached the posts, so no expand at all
    CHECK_FALSE(guest[0].contains("expand"));
    // like PocketBase, a failing nested level drops the whole path, but other paths stay
    json mixed = ex_posts(rdb, rdb.guest(), "author.stash,author.org,secret");
    CHECK(mixed[0]["expand"]["author"]["expand"]["org"]["id"] == "o1");
    CHECK_FALSE(mixed[0]["expand"]["author"]["expand"].contains("stash"));
    CHECK_FALSE(mixed[0]["expand"].contains("secret"));
    json su = ex_posts(rdb, rdb.superuser(), "secret,author.stash");
    CHECK(su[0]["expand"]["secret"]["code"] == "42");
    CHECK(su[0]["expand"]["author"]["expand"]["stash"]["id"] == "s1");
  }

  TEST_CASE("the viewRule sees @request.context = 'expand'") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    json posts = ex_posts(rdb, rdb.guest(), "extra");
    CHECK(posts[0]["expand"]["extra"]["note"] == "only via expand");
    auto direct = records::view_record(*rdb.db, rdb.schema, rdb.collection("extras"), rdb.guest(), "e1", "");
    REQUIRE_FALSE(direct.ok());
    CHECK(direct.error().status == 404);
  }

  TEST_CASE("unknown paths and non-relations are ignored silently") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    json posts = ex_posts(rdb, rdb.guest(), "nope,title,author.nope,users_via_nothing,comments_via_text,x_via_");
    CHECK_FALSE(posts[0].contains("expand"));
    json some = ex_posts(rdb, rdb.guest(), "nope,author");
    CHECK(some[0]["expand"]["author"]["id"] == "u1");
    CHECK(some[0]["expand"].size() == 1);
  }

  TEST_CASE("hidden relation fields expand for superusers only") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    CHECK_FALSE(ex_posts(rdb, rdb.guest(), "reviewer")[0]["expand"].contains("reviewer"));
    CHECK(ex_posts(rdb, rdb.superuser(), "reviewer")[0]["expand"]["reviewer"]["id"] == "u2");
  }

  TEST_CASE("at most 6 levels") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    auto view = records::view_record(*rdb.db, rdb.schema, rdb.collection("nodes"), rdb.guest(), "n1",
                                     "next.next.next.next.next.next.next.next");
    REQUIRE(view.ok());
    const json* node = &*view;
    int depth = 0;
    while (node->contains("expand") && (*node)["expand"].contains("next")) {
      node = &(*node)["expand"]["next"];
      ++depth;
    }
    CHECK(depth == 6);
    CHECK((*node)["id"] == "n7");
  }

  TEST_CASE("one query per relation path and level, however many records") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    for (int i = 0; i < 40; ++i)
      rdb.insert("posts", {{"id", "q" + std::to_string(100 + i)}, {"author", i % 2 ? "u1" : "u2"},
                           {"editors", {"u1", "u2", "u3"}}});
    fixture::CountingConnection counting(*rdb.db);
    records::ListOptions o;
    o.per_page = 100;
    o.expand = "author.org.country,editors,comments_via_post";
    auto r = records::list_records(counting, rdb.schema, rdb.collection("posts"), rdb.guest(), o);
    REQUIRE(r.ok());
    CHECK(r->items.size() == 43);
    // page + count + author + org + country + editors + comments
    CHECK(counting.reads == 7);
  }

  TEST_CASE("expand_records takes a single record object too, and an empty expand changes nothing") {
    fixture::ReadDb rdb(ex_definitions());
    ex_seed(rdb);
    json record = {{"id", "p1"}, {"author", "u1"}};
    REQUIRE(records::expand_records(*rdb.db, rdb.schema, rdb.collection("posts"), rdb.guest(), record, "author").ok());
    CHECK(record["expand"]["author"]["name"] == "Ann");
    json untouched = {{"id", "p1"}, {"author", "u1"}};
    REQUIRE(records::expand_records(*rdb.db, rdb.schema, rdb.collection("posts"), rdb.guest(), untouched, " ").ok());
    CHECK_FALSE(untouched.contains("expand"));
    auto viewed = records::view_record(*rdb.db, rdb.schema, rdb.collection("posts"), rdb.guest(), "p1",
                                       "comments_via_post");
    REQUIRE(viewed.ok());
    CHECK((*viewed)["expand"]["comments_via_post"].size() == 2);
  }
}
