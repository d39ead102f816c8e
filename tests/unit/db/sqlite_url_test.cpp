#include <doctest/doctest.h>

#include "db/open_database.h"
#include "db/sqlite/sqlite_url.h"

using fastcms::db::parse_sqlite_url;

TEST_CASE("db sqlite url: accepted forms") {
  const std::filesystem::path base = "/srv/app";
  auto rel = parse_sqlite_url("sqlite://data/app.db", base);
  REQUIRE(rel.ok());
  CHECK_FALSE(rel->in_memory);
  CHECK(rel->path == "/srv/app/data/app.db");

  CHECK(parse_sqlite_url("sqlite:data/app.db", base)->path == "/srv/app/data/app.db");
  CHECK(parse_sqlite_url("sqlite://./data/../x.db", base)->path == "/srv/app/x.db");
  CHECK(parse_sqlite_url("sqlite:///var/lib/app.db", base)->path == "/var/lib/app.db");
  CHECK(parse_sqlite_url("sqlite:/var/lib/app.db", base)->path == "/var/lib/app.db");
  CHECK(parse_sqlite_url("sqlite::memory:", base)->in_memory);
  CHECK(parse_sqlite_url("sqlite://:memory:", base)->in_memory);
  CHECK(fastcms::db::is_sqlite_url("sqlite://x"));
  CHECK_FALSE(fastcms::db::is_sqlite_url("postgres://x"));
}

TEST_CASE("db sqlite url: rejected forms say what was expected") {
  const std::filesystem::path base = "/srv/app";
  for (const char* bad : {"postgres://u:p@h/db", "sqlite://", "sqlite:", "sqlite://data/", "data/app.db"}) {
    CAPTURE(bad);
    auto r = parse_sqlite_url(bad, base);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == fastcms::ErrorKind::usage);
    CHECK(r.error().message.find("sqlite://data/app.db") != std::string::npos);
  }
}

TEST_CASE("db open_database dispatches on the scheme") {
  auto mem = fastcms::db::open_database("sqlite::memory:", "/nonexistent");
  REQUIRE(mem.ok());
  CHECK((*mem)->dialect().name() == "sqlite");
  CHECK((*mem)->query_value("SELECT 1 + 1")->to_int64() == 2);

  auto pg = fastcms::db::open_database("postgres://user:secret@host/db", "/x");
  REQUIRE_FALSE(pg.ok());
  CHECK(pg.error().message.find("not supported yet") != std::string::npos);
  CHECK(pg.error().message.find("secret") == std::string::npos);

  auto missing_dir = fastcms::db::open_database("sqlite://no/such/dir/app.db", "/nonexistent-fastcms-base");
  REQUIRE_FALSE(missing_dir.ok());
  CHECK(missing_dir.error().message.find("/nonexistent-fastcms-base/no/such/dir/app.db") != std::string::npos);
}
