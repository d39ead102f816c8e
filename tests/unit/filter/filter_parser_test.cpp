#include <doctest/doctest.h>

#include <string>

#include "core/filter/constant_fold.h"
#include "core/filter/datetime_macros.h"
#include "core/filter/like_pattern.h"
#include "core/filter/parser.h"

namespace {
namespace fpt = fastcms::core::filter;

std::string filter_parser_roundtrip(const std::string& text) {
  auto e = fpt::parse(text);
  REQUIRE_MESSAGE(e.ok(), (e.ok() ? std::string() : e.error().message));
  return fpt::to_string(*e);
}
}  // namespace

TEST_CASE("filter: parser builds the tree with && above ||") {
  CHECK(filter_parser_roundtrip("a = 1 || b = 2 && c = 3") == "(a = 1 || (b = 2 && c = 3))");
  CHECK(filter_parser_roundtrip("(a = 1 || b = 2) && c ?!~ 'x'") == "((a = 1 || b = 2) && c ?!~ \"x\")");
  CHECK(filter_parser_roundtrip("a=null&&b!=true||c>=-1.5") == "((a = null && b != true) || c >= -1.5)");
  CHECK(filter_parser_roundtrip("geoDistance(a.lon, a.lat, 1, 2) < 3") == "geoDistance(a.lon, a.lat, 1, 2) < 3");
  CHECK(filter_parser_roundtrip("x = \"say \\\"hi\\\"\"") == "x = \"say \\\"hi\\\"\"");
  CHECK(filter_parser_roundtrip("  // nothing\n") == "");
  // the canonical form parses back to itself
  const std::string canon = filter_parser_roundtrip("a ?= 1 && (b ~ 'x' || c:lower != @now) // c");
  CHECK(filter_parser_roundtrip(canon) == canon);
}

TEST_CASE("filter: parser records operators, any-of and positions") {
  auto e = fpt::parse("title ?>= 5");
  REQUIRE(e.ok());
  CHECK(e->kind == fpt::Expr::Kind::comparison);
  CHECK(e->comparison.any);
  CHECK(e->comparison.op == fpt::CompareOp::gte);
  CHECK(e->comparison.position == 7);
  CHECK(e->comparison.left.kind == fpt::Operand::Kind::identifier);
  CHECK(e->comparison.right.kind == fpt::Operand::Kind::number);
  CHECK(e->comparison.right.position == 11);
}

TEST_CASE("filter: parser default limits are PocketBase's") {
  std::string ok_filter;
  for (int i = 0; i < 200; ++i) ok_filter += (i ? "&&" : "") + std::string("a=1");
  CHECK(fpt::parse(ok_filter).ok());
  CHECK(fpt::parse(ok_filter + "&&a=1").error().message == "invalid filter: too many expressions (at most 200)");
  std::string long_filter = "a = \"" + std::string(3494, 'x') + "\"";
  CHECK(long_filter.size() == 3500);
  CHECK(fpt::parse(long_filter).ok());
  CHECK(fpt::parse(long_filter + " ").error().message == "invalid filter: too long (3501 characters; at most 3500)");
  const std::string deep_ok = std::string(100, '(') + "a=1" + std::string(100, ')');
  CHECK(fpt::parse(deep_ok).ok());
  CHECK(fpt::parse("(" + deep_ok + ")").error().message ==
        "invalid filter at 101: parentheses nested too deeply (at most 100 levels)");
}

TEST_CASE("filter: like patterns") {
  CHECK(fpt::like_contains_pattern("abc") == "%abc%");
  CHECK(fpt::like_contains_pattern("a_b") == "%a\\_b%");
  CHECK(fpt::like_contains_pattern("a\\b") == "%a\\\\b%");
  CHECK(fpt::like_contains_pattern("50\\%") == "%50\\%%");
  CHECK(fpt::like_contains_pattern("a%") == "a%");
  CHECK(fpt::like_contains_pattern("") == "%%");
  CHECK(fpt::like_matches("Hello World", "%hello%"));
  CHECK(fpt::like_matches("under_score", "%r\\_s%"));
  CHECK_FALSE(fpt::like_matches("rest", "%r\\_s%"));
  CHECK(fpt::like_matches("abc", "a_c"));
  CHECK(fpt::like_matches("aéc", "a_c"));
  CHECK_FALSE(fpt::like_matches("abcd", "a_c"));
  CHECK(fpt::like_matches("", "%%"));
}

TEST_CASE("filter: constant comparisons fold with SQL semantics") {
  using fpt::CompareOp;
  using V = fpt::SqlValue;
  CHECK(fpt::fold_comparison(CompareOp::eq, V(), V("")) == true);
  CHECK(fpt::fold_comparison(CompareOp::neq, V("a"), V()) == true);
  CHECK(fpt::fold_comparison(CompareOp::eq, V(1), V(1.0)) == true);
  CHECK(fpt::fold_comparison(CompareOp::eq, V(1), V("1")) == false);
  CHECK(fpt::fold_comparison(CompareOp::lt, V(5), V("a")) == true);
  CHECK(fpt::fold_comparison(CompareOp::gt, V(), V(1)) == false);
  CHECK(fpt::fold_comparison(CompareOp::like, V("Hello"), V("ELL")) == true);
  CHECK(fpt::fold_comparison(CompareOp::not_like, V(), V("x")) == true);
  CHECK(fpt::fold_comparison(CompareOp::like, V(), V("")) == false);
  CHECK_FALSE(fpt::fold_comparison(CompareOp::like, V(1.5), V("1")).has_value());
}

TEST_CASE("filter: datetime macros in UTC") {
  using namespace std::chrono;
  const auto now = sys_days(year{2024} / February / 29) + hours(23) + minutes(59) + seconds(59) + milliseconds(7);
  auto text = [&](const char* m) { return fpt::datetime_macro(m, now)->to_text(); };
  CHECK(text("@now") == "2024-02-29 23:59:59.007Z");
  CHECK(text("@yesterday") == "2024-02-28 23:59:59.007Z");
  CHECK(text("@tomorrow") == "2024-03-01 23:59:59.007Z");
  CHECK(text("@todayStart") == "2024-02-29 00:00:00.000Z");
  CHECK(text("@todayEnd") == "2024-02-29 23:59:59.999Z");
  CHECK(text("@monthStart") == "2024-02-01 00:00:00.000Z");
  CHECK(text("@monthEnd") == "2024-02-29 23:59:59.999Z");
  CHECK(text("@yearStart") == "2024-01-01 00:00:00.000Z");
  CHECK(text("@yearEnd") == "2024-12-31 23:59:59.999Z");
  CHECK(*fpt::datetime_macro("@weekday", now)->if_integer() == 4);  // a Thursday
  CHECK(*fpt::datetime_macro("@day", now)->if_integer() == 29);
  CHECK(*fpt::datetime_macro("@month", now)->if_integer() == 2);
  CHECK(*fpt::datetime_macro("@year", now)->if_integer() == 2024);
  CHECK(*fpt::datetime_macro("@hour", now)->if_integer() == 23);
  CHECK(*fpt::datetime_macro("@minute", now)->if_integer() == 59);
  CHECK(*fpt::datetime_macro("@second", now)->if_integer() == 59);
  CHECK_FALSE(fpt::datetime_macro("@nope", now).has_value());
  CHECK(fpt::datetime_macro_names().size() == 16);
}
