#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/filter/compiler.h"
#include "core/filter/sort.h"

namespace {
namespace fca = fastcms::core::filter;
namespace fcac = fastcms::core::collections;

fcac::Schema filter_api_schema() {
  auto s = fcac::schema_from_json(nlohmann::json::parse(R"([
    {"name": "users", "type": "auth"},
    {"name": "notes", "fields": [
      {"name": "title", "type": "text"},
      {"name": "owner", "type": "relation", "collection": "users", "maxSelect": 1},
      {"name": "labels", "type": "select", "values": ["a", "b"], "maxSelect": 2}
    ]}
  ])"));
  REQUIRE(s.ok());
  return std::move(*s);
}
}  // namespace

TEST_CASE("filter: compile numbers placeholders from first_param_number and binds each value once") {
  const auto schema = filter_api_schema();
  fca::RequestInfo req;
  req.auth = {{"id", "u1"}};
  req.auth_collection = schema.find("users");
  fca::CompileOptions options;
  options.first_param_number = 3;
  auto f = fca::compile_filter("owner = @request.auth.id || (title = 'x' && labels ?= 'a')", *schema.find("notes"),
                               schema, req, options);
  REQUIRE_MESSAGE(f.ok(), (f.ok() ? std::string() : f.error().message));
  CHECK(f->where_sql ==
        "EXISTS (SELECT 1 FROM (SELECT 1) AS j1 LEFT JOIN json_each(CASE WHEN iif(json_valid(r.\"labels\"), "
        "json_type(r.\"labels\") = 'array', FALSE) THEN r.\"labels\" ELSE json_array(r.\"labels\") END) AS j2 ON 1=1 "
        "WHERE (r.\"owner\" = ?3 OR (r.\"title\" = ?4 AND j2.value = ?5)))");
  REQUIRE(f->params.size() == 3);
  CHECK(f->params[0] == fca::SqlValue("u1"));
  CHECK(f->params[2] == fca::SqlValue("a"));
}

TEST_CASE("filter: values never reach the SQL text") {
  const auto schema = filter_api_schema();
  fca::RequestInfo req;
  req.query = {{"q", "x' OR 1=1 --"}};
  auto f = fca::compile_filter("title = \"'); DROP TABLE notes; --\" || title ~ @request.query.q",
                               *schema.find("notes"), schema, req);
  REQUIRE(f.ok());
  CHECK(f->where_sql == "(r.\"title\" = ?1 OR r.\"title\" LIKE ?2 ESCAPE '\\')");
  CHECK(f->params[0] == fca::SqlValue("'); DROP TABLE notes; --"));
  CHECK(f->params[1] == fca::SqlValue("%x' OR 1=1 --%"));
  // identifiers come from the schema only
  auto bad = fca::compile_filter("title\" = 1", *schema.find("notes"), schema, req);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == fastcms::ErrorKind::usage);
}

TEST_CASE("filter: known outcomes fold to constants") {
  const auto schema = filter_api_schema();
  fca::RequestInfo anonymous;
  auto f = fca::compile_filter("@request.auth.id != '' && owner = @request.auth.id", *schema.find("notes"), schema,
                               anonymous);
  REQUIRE(f.ok());
  CHECK(f->where_sql == "1=0");
  CHECK(f->params.empty());
  auto g = fca::compile_filter("@request.method = 'GET' || title = 'x'", *schema.find("notes"), schema, anonymous);
  REQUIRE(g.ok());
  CHECK(g->where_sql == "1=1");
}

TEST_CASE("filter: sort shares the resolver") {
  const auto schema = filter_api_schema();
  fca::RequestInfo req;
  fca::CompileOptions options;
  options.first_param_number = 2;
  auto s = fca::compile_sort("-owner.email,title", *schema.find("notes"), schema, req, options);
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? std::string() : s.error().message));
  CHECK(s->order_by_sql ==
        "(SELECT s2.\"email\" FROM (SELECT 1) AS s1 LEFT JOIN \"users\" AS s2 ON s2.\"id\" = r.\"owner\") DESC, "
        "r.\"title\" ASC");
  CHECK(s->params.empty());
  auto hidden = fca::compile_sort("owner.password", *schema.find("notes"), schema, req);
  CHECK(hidden.ok());  // rules/superusers may; a client sort sets allow_hidden_fields = false
  options.allow_hidden_fields = false;
  auto refused = fca::compile_sort("owner.password", *schema.find("notes"), schema, req, options);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "field \"password\" of collection \"users\" is hidden");
}
