#include <doctest/doctest.h>

#include <memory>

#include "db/sqlite/sqlite_database.h"
#include "db/sqlite/sqlite_dialect.h"

using fastcms::db::LogicalType;
using fastcms::db::SqlValue;

namespace {

std::unique_ptr<fastcms::db::SqliteDatabase> dialect_test_db() {
  auto db = fastcms::db::SqliteDatabase::open(fastcms::db::SqliteLocation::memory());
  REQUIRE(db.ok());
  return std::move(*db);
}

}  // namespace

TEST_CASE("db dialect: identifier quoting escapes quotes") {
  const auto& d = fastcms::db::sqlite_dialect();
  CHECK(d.name() == "sqlite");
  CHECK(d.quote_identifier("posts") == "\"posts\"");
  CHECK(d.quote_identifier("we\"ird") == "\"we\"\"ird\"");
  CHECK(d.quote_identifier("\"") == "\"\"\"\"");
  CHECK(d.quote_identifier(std::string("a\0b", 3)) == "\"ab\"");
  CHECK(d.quote_qualified("p", "ti\"tle") == "\"p\".\"ti\"\"tle\"");
  CHECK(d.quote_string_literal("it's") == "'it''s'");

  // The quoted names really work, also with quotes inside.
  auto db = dialect_test_db();
  std::string table = d.quote_identifier("my \"odd\" table");
  std::string col = d.quote_identifier("col\"umn");
  REQUIRE(db->exec("CREATE TABLE " + table + " (" + col + " TEXT)").ok());
  REQUIRE(db->exec("INSERT INTO " + table + " (" + col + ") VALUES (?)", {"v"}).ok());
  auto rows = db->query("SELECT " + col + " FROM " + table);
  REQUIRE(rows.ok());
  CHECK(rows->at(0)["col\"umn"] == SqlValue("v"));
}

TEST_CASE("db dialect: placeholders, types, upsert, order, now") {
  const auto& d = fastcms::db::sqlite_dialect();
  CHECK(d.placeholder(1) == "?1");
  CHECK(d.placeholder(12) == "?12");
  CHECK(d.column_type(LogicalType::text) == "TEXT");
  CHECK(d.column_type(LogicalType::integer) == "INTEGER");
  CHECK(d.column_type(LogicalType::real) == "NUMERIC");
  CHECK(d.column_type(LogicalType::boolean) == "BOOLEAN");
  CHECK(d.column_type(LogicalType::json) == "TEXT");
  CHECK(d.column_type(LogicalType::datetime) == "TEXT");
  CHECK(d.column_type(LogicalType::blob) == "BLOB");
  CHECK(d.upsert_clause({"id"}, {"title", "n"}) ==
        "ON CONFLICT (\"id\") DO UPDATE SET \"title\" = excluded.\"title\", \"n\" = excluded.\"n\"");
  CHECK(d.upsert_clause({"a", "b"}, {}) == "ON CONFLICT (\"a\", \"b\") DO NOTHING");
  CHECK(d.random_order() == "RANDOM()");

  auto db = dialect_test_db();
  // Numbered placeholders bind by number, in any order.
  auto v = db->query_value("SELECT " + d.placeholder(2) + " || " + d.placeholder(1), {"a", "b"});
  REQUIRE(v.ok());
  CHECK(*v == SqlValue("ba"));

  REQUIRE(db->exec("CREATE TABLE kv (k TEXT PRIMARY KEY, v " + d.column_type(LogicalType::real) + ")").ok());
  std::string upsert = "INSERT INTO kv (k, v) VALUES (?1, ?2) " + d.upsert_clause({"k"}, {"v"});
  REQUIRE(db->exec(upsert, {"x", 1.0}).ok());
  REQUIRE(db->exec(upsert, {"x", 2.5}).ok());
  CHECK(*db->query_value("SELECT count(*) FROM kv") == SqlValue(1));
  CHECK(*db->query_value("SELECT v FROM kv") == SqlValue(2.5));
  REQUIRE(db->exec(upsert, {"x", 3.0}).ok());
  CHECK(*db->query_value("SELECT v FROM kv") == SqlValue(3));  // NUMERIC: integral reads as integer

  auto now = db->query_value("SELECT " + d.now_utc());
  REQUIRE(now.ok());
  REQUIRE(now->is_text());
  const std::string& t = *now->if_text();
  REQUIRE(t.size() == 24);  // YYYY-MM-DD HH:MM:SS.mmmZ
  CHECK(t[4] == '-');
  CHECK(t[10] == ' ');
  CHECK(t[19] == '.');
  CHECK(t[23] == 'Z');
}

TEST_CASE("db dialect: JSON helpers tolerate non-array and non-JSON values") {
  const auto& d = fastcms::db::sqlite_dialect();
  auto db = dialect_test_db();
  auto count_each = [&](const SqlValue& v) {
    return db->query_value("SELECT count(*) FROM " + d.json_each("?1") + " AS je", {v})->to_int64();
  };
  CHECK(count_each(R"(["a","b","c"])") == 3);
  CHECK(count_each("single") == 1);
  CHECK(count_each(R"({"a":1})") == 1);
  auto found = db->query_value(
      "SELECT count(*) FROM " + d.json_each("?1") + " AS je WHERE je.value = ?2", {R"(["a","b"])", "b"});
  CHECK(found->to_int64() == 1);

  auto length = [&](const SqlValue& v) {
    return db->query_value("SELECT " + d.json_array_length("?1"), {v})->to_int64();
  };
  CHECK(length(R"([1,2,3,4])") == 4);
  CHECK(length("") == 0);
  CHECK(length(SqlValue()) == 0);
  CHECK(length("x") == 1);

  auto extract = [&](const SqlValue& v, std::vector<std::string> path) {
    auto r = db->query_value("SELECT " + d.json_extract("?1", path), {v});
    REQUIRE(r.ok());
    return *r;
  };
  std::string doc = R"({"a":{"b":[10,{"c":"deep"}]},"x.y":5,"it's":7})";
  CHECK(extract(doc, {"a", "b", "0"}) == SqlValue(10));
  CHECK(extract(doc, {"a", "b", "1", "c"}) == SqlValue("deep"));
  CHECK(extract(doc, {"x.y"}) == SqlValue(5));
  CHECK(extract(doc, {"it's"}) == SqlValue(7));
  CHECK(extract(doc, {"missing"}).is_null());
  CHECK(extract("not json", {"a"}).is_null());
  CHECK(d.json_extract("x", {"we\"ird"}) == "NULL");
}
