#include <doctest/doctest.h>

#include <limits>

#include <nlohmann/json.hpp>

#include "db/value.h"

using fastcms::db::Blob;
using fastcms::db::ColumnSet;
using fastcms::db::Row;
using fastcms::db::SqlType;
using fastcms::db::SqlValue;

TEST_CASE("db value: constructors pick the storage class") {
  CHECK(SqlValue().is_null());
  CHECK(SqlValue(nullptr).is_null());
  CHECK(SqlValue(42).type() == SqlType::integer);
  CHECK(SqlValue(true).if_integer() != nullptr);
  CHECK(*SqlValue(true).if_integer() == 1);
  CHECK(*SqlValue(std::numeric_limits<std::int64_t>::max()).if_integer() == std::numeric_limits<std::int64_t>::max());
  CHECK(SqlValue(1.5).type() == SqlType::real);
  CHECK(SqlValue("12").type() == SqlType::text);  // text is never reinterpreted
  CHECK(SqlValue(std::string_view("x")).type() == SqlType::text);
  CHECK(SqlValue(Blob{std::string("\0a", 2)}).type() == SqlType::blob);
  CHECK(SqlValue(std::optional<int>{}).is_null());
  CHECK(*SqlValue(std::optional<int>{7}).if_integer() == 7);
}

TEST_CASE("db value: lenient conversions") {
  CHECK(SqlValue().to_int64() == 0);
  CHECK(SqlValue("42").to_int64() == 42);
  CHECK(SqlValue(" 7 ").to_int64() == 7);
  CHECK(SqlValue("3.9").to_int64() == 3);
  CHECK(SqlValue("abc").to_int64() == 0);
  CHECK(SqlValue(2.75).to_int64() == 2);
  CHECK(SqlValue(3).to_double() == doctest::Approx(3.0));
  CHECK(SqlValue(1.5).to_text() == "1.5");
  CHECK(SqlValue(100.0).to_text() == "100.0");
  CHECK(SqlValue(-5).to_text() == "-5");
  CHECK(SqlValue().to_text().empty());
  CHECK(SqlValue("TRUE").to_bool());
  CHECK(SqlValue("1").to_bool());
  CHECK_FALSE(SqlValue("false").to_bool());
  CHECK_FALSE(SqlValue().to_bool());
  CHECK(SqlValue(2).to_bool());
}

TEST_CASE("db value: rows share column names and look up by name") {
  auto cols = std::make_shared<const ColumnSet>(std::vector<std::string>{"id", "title", "id"});
  Row a(cols, {SqlValue(1), SqlValue("first"), SqlValue(99)});
  Row b(cols, {SqlValue(2), SqlValue("second"), SqlValue(98)});
  CHECK(&a.columns() == &b.columns());
  CHECK(a.size() == 3);
  CHECK(a[1] == SqlValue("first"));
  CHECK(a["title"] == SqlValue("first"));
  CHECK(a["id"] == SqlValue(1));  // first of two same-named columns wins
  CHECK(a.find("nope") == nullptr);
  CHECK(a["nope"].is_null());
  CHECK_FALSE(a.has("nope"));
  CHECK(b.column_name(1) == "title");
}

TEST_CASE("db value: JSON conversion") {
  auto cols = std::make_shared<const ColumnSet>(
      std::vector<std::string>{"n", "i", "r", "t", "b", "inf"});
  Row row(cols, {SqlValue(), SqlValue(-3), SqlValue(2.5), SqlValue("héllo"), SqlValue(Blob{"hi!"}),
                 SqlValue(std::numeric_limits<double>::infinity())});
  auto j = fastcms::db::to_json(row);
  CHECK(j.dump() == R"({"b":"aGkh","i":-3,"inf":null,"n":null,"r":2.5,"t":"héllo"})");
  CHECK(fastcms::db::to_json(SqlValue(Blob{std::string("\0\xff", 2)})) == "AP8=");
  CHECK(fastcms::db::to_json(SqlValue(Blob{"a"})) == "YQ==");
  CHECK(fastcms::db::to_json(std::vector<Row>{row, row}).size() == 2);

  using fastcms::db::from_json;
  CHECK(from_json(nlohmann::json(nullptr)).is_null());
  CHECK(from_json(nlohmann::json(true)) == SqlValue(1));
  CHECK(from_json(nlohmann::json(12)) == SqlValue(12));
  CHECK(from_json(nlohmann::json(0.25)) == SqlValue(0.25));
  CHECK(from_json(nlohmann::json("s")) == SqlValue("s"));
  CHECK(from_json(nlohmann::json::parse(R"([1,"a"])")) == SqlValue(R"([1,"a"])"));
}

TEST_CASE("db value: describe for messages") {
  using fastcms::db::describe;
  CHECK(describe(SqlValue()) == "NULL");
  CHECK(describe(SqlValue("it")) == "'it'");
  CHECK(describe(SqlValue(Blob{"\x01\xab"})) == "x'01ab'");
}
