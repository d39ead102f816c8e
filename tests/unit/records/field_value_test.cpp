#include <doctest/doctest.h>

#include "common/datetime.h"
#include "core/records/field_value.h"

namespace {
using nlohmann::json;
using fastcms::core::collections::Field;
namespace records = fastcms::core::records;

Field fv_field(const std::string& type, json options = json::object(), bool required = false) {
  Field f;
  f.name = "f";
  f.type = type;
  f.required = required;
  f.options = std::move(options);
  return f;
}

json fv_ok(const Field& f, const json& in) {
  auto r = records::normalize_value(f, in);
  REQUIRE_MESSAGE(std::holds_alternative<json>(r), std::get<records::FieldError>(r).message);
  return std::get<json>(r);
}

std::string fv_code(const Field& f, const json& in) {
  auto r = records::normalize_value(f, in);
  REQUIRE_MESSAGE(std::holds_alternative<records::FieldError>(r), std::get<json>(r).dump());
  return std::get<records::FieldError>(r).code;
}
}  // namespace

TEST_SUITE("records field values") {
  TEST_CASE("text: length in characters, default max 5000, pattern, required") {
    auto f = fv_field("text", {{"min", 2}, {"max", 4}});
    CHECK(fv_ok(f, "äöü") == "äöü");
    CHECK(fv_code(f, "a") == "validation_min_text_constraint");
    CHECK(fv_code(f, "abcde") == "validation_max_text_constraint");
    CHECK(fv_ok(fv_field("text"), 42) == "42");
    CHECK(fv_code(fv_field("text"), std::string(5001, 'x')) == "validation_max_text_constraint");
    CHECK(fv_code(fv_field("text", {{"pattern", "^[a-z]+$"}}), "ABC") == "validation_invalid_format");
    CHECK(fv_code(fv_field("text", {}, true), "") == "validation_required");
    CHECK(fv_code(fv_field("text"), json::array()) == "validation_invalid_value");
  }

  TEST_CASE("number: form strings, onlyInt, bounds, non-finite refused") {
    auto f = fv_field("number", {{"min", 0}, {"max", 10}, {"onlyInt", true}});
    CHECK(fv_ok(f, "7") == 7);
    CHECK(fv_ok(fv_field("number"), 2.5) == 2.5);
    CHECK(fv_code(f, 2.5) == "validation_only_int_constraint");
    CHECK(fv_code(f, -1) == "validation_min_number_constraint");
    CHECK(fv_code(f, 11) == "validation_max_number_constraint");
    CHECK(fv_code(fv_field("number"), "12abc") == "validation_invalid_number");
    CHECK(fv_code(fv_field("number"), "inf") == "validation_invalid_number");
    CHECK(fv_code(fv_field("number", {}, true), 0) == "validation_required");
  }

  TEST_CASE("bool from JSON and forms") {
    CHECK(fv_ok(fv_field("bool"), "on") == true);
    CHECK(fv_ok(fv_field("bool"), "false") == false);
    CHECK(fv_ok(fv_field("bool"), 1) == true);
    CHECK(fv_code(fv_field("bool"), "maybe") == "validation_invalid_bool");
    CHECK(fv_code(fv_field("bool", {}, true), false) == "validation_required");
  }

  TEST_CASE("email and url with domain lists") {
    CHECK(fv_ok(fv_field("email"), "a.b+c@example.com") == "a.b+c@example.com");
    CHECK(fv_code(fv_field("email"), "not-an-email") == "validation_is_email");
    CHECK(fv_code(fv_field("email"), "a@b") == "validation_is_email");
    CHECK(fv_code(fv_field("email", {{"onlyDomains", {"example.com"}}}), "x@other.com") == "validation_email_domain_not_allowed");
    CHECK(fv_code(fv_field("email", {{"exceptDomains", {"spam.io"}}}), "x@SPAM.io") == "validation_email_domain_not_allowed");
    CHECK(fv_ok(fv_field("url"), "https://example.com/a?b=1") == "https://example.com/a?b=1");
    CHECK(fv_code(fv_field("url"), "example dot com") == "validation_is_url");
    CHECK(fv_code(fv_field("url", {{"onlyDomains", {"example.com"}}}), "https://evil.com/") == "validation_url_domain_not_allowed");
  }

  TEST_CASE("dates are normalized to UTC and bounded") {
    CHECK(fv_ok(fv_field("date"), "2024-02-29") == "2024-02-29 00:00:00.000Z");
    CHECK(fv_ok(fv_field("date"), "2024-01-02T03:04:05.6+02:00") == "2024-01-02 01:04:05.600Z");
    CHECK(fv_code(fv_field("date"), "2023-02-29") == "validation_invalid_date");
    CHECK(fv_code(fv_field("date"), "yesterday") == "validation_invalid_date");
    CHECK(fv_code(fv_field("date", {{"min", "2024-01-01"}}), "2023-12-31 23:59:59Z") == "validation_min_date_constraint");
  }

  TEST_CASE("select: single and multi, allowed values, maxSelect") {
    auto single = fv_field("select", {{"values", {"a", "b"}}, {"maxSelect", 1}});
    CHECK(fv_ok(single, "a") == "a");
    CHECK(fv_code(single, "c") == "validation_invalid_value");
    CHECK(fv_code(single, json{"a", "b"}) == "validation_too_many_values");
    auto multi = fv_field("select", {{"values", {"a", "b", "c"}}, {"maxSelect", 2}});
    CHECK(fv_ok(multi, json{"a", "b", "a"}) == json{"a", "b"});
    CHECK(fv_ok(multi, "b") == json{"b"});
    CHECK(fv_ok(multi, R"(["c"])") == json{"c"});
    CHECK(fv_ok(multi, nullptr) == json::array());
    CHECK(fv_code(multi, json{"a", "b", "c"}) == "validation_too_many_values");
  }

  TEST_CASE("relation ids are checked for syntax and count") {
    auto single = fv_field("relation", {{"collection", "users"}, {"maxSelect", 1}});
    CHECK(fv_ok(single, "abc123") == "abc123");
    CHECK(fv_code(single, "../etc") == "validation_invalid_value");
    auto multi = fv_field("relation", {{"collection", "tags"}, {"maxSelect", 3}, {"minSelect", 2}});
    CHECK(fv_ok(multi, json{"a1", "b2"}) == json{"a1", "b2"});
    CHECK(fv_code(multi, json{"a1"}) == "validation_not_enough_values");
    CHECK(fv_code(multi, json{"a", "b", "c", "d"}) == "validation_too_many_values");
  }

  TEST_CASE("json, editor size limits and geoPoint ranges") {
    CHECK(fv_ok(fv_field("json"), R"({"a":1})") == json{{"a", 1}});
    CHECK(fv_ok(fv_field("json"), "plain text") == "plain text");
    CHECK(fv_code(fv_field("json", {{"maxSize", 10}}), json{{"key", "a long value"}}) == "validation_json_size_limit");
    CHECK(fv_code(fv_field("editor", {{"maxSize", 4}}), "<p>hello</p>") == "validation_content_size_limit");
    CHECK(fv_ok(fv_field("geoPoint"), json{{"lon", 13.4}, {"lat", 52.5}}) == json{{"lon", 13.4}, {"lat", 52.5}});
    CHECK(fv_code(fv_field("geoPoint"), json{{"lon", 200}, {"lat", 0}}) == "validation_invalid_geo_point");
    CHECK(fv_ok(fv_field("geoPoint"), nullptr) == json{{"lon", 0}, {"lat", 0}});
  }

  TEST_CASE("zero values per type") {
    CHECK(records::zero_value(fv_field("number")) == 0);
    CHECK(records::zero_value(fv_field("select", {{"maxSelect", 3}})) == json::array());
    CHECK(records::zero_value(fv_field("relation", {{"maxSelect", 1}})) == "");
    CHECK(records::zero_value(fv_field("json")).is_null());
  }
}

TEST_SUITE("datetime") {
  TEST_CASE("format and parse round-trip in PocketBase's form") {
    auto t = fastcms::datetime::parse("2006-01-02 15:04:05.123Z");
    REQUIRE(t);
    CHECK(fastcms::datetime::format(*t) == "2006-01-02 15:04:05.123Z");
    CHECK(fastcms::datetime::normalize("2006-01-02T15:04:05Z") == "2006-01-02 15:04:05.000Z");
    CHECK_FALSE(fastcms::datetime::parse("2006-13-02").has_value());
    CHECK_FALSE(fastcms::datetime::parse("2006-01-02 25:00").has_value());
    CHECK(fastcms::datetime::now().size() == 24);
  }
}
