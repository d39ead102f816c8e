// Unit tests for runtime/project/json_schema.h: each supported keyword, its path and message.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "project/json_schema.h"

namespace {

using jst_json = nlohmann::json;

/// "path: expected" for every violation, in order.
std::vector<std::string> jst_check(const std::string& schema, const std::string& doc) {
  fastcms::project::JsonSchema s(jst_json::parse(schema));
  std::vector<std::string> out;
  for (const auto& v : s.validate(jst_json::parse(doc))) out.push_back(v.path + ": " + v.expected);
  return out;
}

using jst_lines = std::vector<std::string>;

}  // namespace

TEST_SUITE("unit json_schema") {
  TEST_CASE("json_schema: type") {
    CHECK(jst_check(R"({"type": "string"})", R"("x")").empty());
    CHECK(jst_check(R"({"type": "string"})", "12") == jst_lines{": must be string, got integer 12"});
    CHECK(jst_check(R"({"type": "integer"})", "1.5") == jst_lines{": must be integer, got number 1.5"});
    CHECK(jst_check(R"({"type": "integer"})", "2.0").empty());  // a whole number is an integer
    CHECK(jst_check(R"({"type": "number"})", "2").empty());
    CHECK(jst_check(R"({"type": "object"})", "null") == jst_lines{": must be object, got null"});
    CHECK(jst_check(R"({"type": "array"})", R"({"a":1})") == jst_lines{": must be array, got object {\"a\":1}"});
    CHECK(jst_check(R"({"type": "boolean"})", R"("true")") == jst_lines{": must be boolean, got string \"true\""});
    CHECK(jst_check(R"({"type": ["string", "null"]})", "null").empty());
    CHECK(jst_check(R"({"type": ["string", "null"]})", "false") ==
          jst_lines{": must be string or null, got boolean false"});
    // A type mismatch stops further keywords at that place (no duplicate noise).
    CHECK(jst_check(R"({"type": "string", "minLength": 3, "enum": ["abc"]})", "1") ==
          jst_lines{": must be string, got integer 1"});
  }

  TEST_CASE("json_schema: long values are shortened in messages") {
    std::string long_text(100, 'a');
    auto v = jst_check(R"({"type": "integer"})", "\"" + long_text + "\"");
    REQUIRE(v.size() == 1);
    CHECK(v[0] == ": must be integer, got string \"" + std::string(56, 'a') + "...");
  }

  TEST_CASE("json_schema: enum and const") {
    const char* schema = R"({"properties": {"kind": {"enum": ["base", "auth", "view"]}, "n": {"enum": [1, 2, null]},
                            "v": {"const": "view"}}})";
    CHECK(jst_check(schema, R"({"kind": "auth", "n": null, "v": "view"})").empty());
    CHECK(jst_check(schema, R"({"kind": "bass"})") == jst_lines{"kind: must be one of base, auth, view, got \"bass\""});
    CHECK(jst_check(schema, R"({"n": 3})") == jst_lines{"n: must be one of 1, 2, null, got 3"});
    CHECK(jst_check(schema, R"({"v": "base"})") == jst_lines{"v: must be \"view\", got \"base\""});
  }

  TEST_CASE("json_schema: required") {
    const char* schema = R"({"type": "object", "required": ["name", "type"],
                            "properties": {"server": {"type": "object", "required": ["port"]}}})";
    CHECK(jst_check(schema, R"({"name": "a", "type": "b"})").empty());
    CHECK(jst_check(schema, R"({})") == jst_lines{"name: is required", "type: is required"});
    CHECK(jst_check(schema, R"({"name": "a", "type": "b", "server": {}})") == jst_lines{"server.port: is required"});
  }

  TEST_CASE("json_schema: additionalProperties false suggests the nearest known key") {
    const char* schema = R"({"type": "object", "additionalProperties": false,
                            "properties": {"name": {}, "fields": {}, "indexes": {}}})";
    CHECK(jst_check(schema, R"({"name": "a"})").empty());
    CHECK(jst_check(schema, R"({"feilds": []})") == jst_lines{"feilds: is not a known key (did you mean \"fields\"?)"});
    CHECK(jst_check(schema, R"({"nam": 1})") == jst_lines{"nam: is not a known key (did you mean \"name\"?)"});
    CHECK(jst_check(schema, R"({"qqqqqqqq": 1})") == jst_lines{"qqqqqqqq: is not a known key"});
  }

  TEST_CASE("json_schema: additionalProperties as a schema, and patternProperties") {
    const char* schema = R"({"type": "object", "properties": {"a": {"type": "string"}},
                            "patternProperties": {"^x-": {"type": "integer"}},
                            "additionalProperties": {"type": "boolean"}})";
    CHECK(jst_check(schema, R"({"a": "s", "x-1": 5, "other": true})").empty());
    CHECK(jst_check(schema, R"({"x-1": "five", "other": 1})") ==
          jst_lines{"other: must be boolean, got integer 1", "x-1: must be integer, got string \"five\""});
    // With additionalProperties false, a key matched by a pattern is known.
    CHECK(jst_check(R"({"additionalProperties": false, "patternProperties": {"^x-": {}}})", R"({"x-y": 1})").empty());
  }

  TEST_CASE("json_schema: items give index paths") {
    const char* schema = R"({"type": "object", "properties": {"fields": {"type": "array", "items": {
        "type": "object", "required": ["name"],
        "properties": {"type": {"enum": ["text", "number"]}, "name": {"type": "string"}}}}}})";
    CHECK(jst_check(schema, R"({"fields": [{"name": "a", "type": "text"}]})").empty());
    CHECK(jst_check(schema, R"({"fields": [{"name": "a", "type": "text"}, {"name": "b"}, {"name": "c", "type": "txt"}]})") ==
          jst_lines{"fields[2].type: must be one of text, number, got \"txt\""});
    CHECK(jst_check(schema, R"({"fields": [{"type": "text"}, 7]})") ==
          jst_lines{"fields[0].name: is required", "fields[1]: must be object, got integer 7"});
    CHECK(jst_check(R"({"items": {"items": {"type": "string"}}})", R"([["a"], ["b", 2]])") ==
          jst_lines{"[1][1]: must be string, got integer 2"});
  }

  TEST_CASE("json_schema: minItems, maxItems and uniqueItems") {
    const char* schema = R"({"properties": {"tags": {"type": "array", "minItems": 1, "maxItems": 3, "uniqueItems": true}}})";
    CHECK(jst_check(schema, R"({"tags": ["a", "b"]})").empty());
    CHECK(jst_check(schema, R"({"tags": []})") == jst_lines{"tags: must have at least 1 item(s)"});
    CHECK(jst_check(schema, R"({"tags": [1, 2, 3, 4]})") == jst_lines{"tags: must have at most 3 item(s)"});
    CHECK(jst_check(schema, R"({"tags": ["a", "b", "a"]})") == jst_lines{"tags[2]: duplicates an earlier item \"a\""});
    CHECK(jst_check(schema, R"({"tags": [{"x": 1}, {"x": 1}]})") ==
          jst_lines{"tags[1]: duplicates an earlier item {\"x\":1}"});
  }

  TEST_CASE("json_schema: minLength and maxLength count characters") {
    const char* schema = R"({"properties": {"a": {"minLength": 1}, "b": {"minLength": 3, "maxLength": 5}}})";
    CHECK(jst_check(schema, R"({"a": "x", "b": "abc"})").empty());
    CHECK(jst_check(schema, R"({"a": ""})") == jst_lines{"a: must not be empty"});
    CHECK(jst_check(schema, R"({"b": "ab"})") == jst_lines{"b: must be at least 3 characters long"});
    CHECK(jst_check(schema, R"({"b": "abcdef"})") == jst_lines{"b: must be at most 5 characters long"});
    // Code points, not bytes: five two-byte characters are five characters.
    CHECK(jst_check(schema, R"({"b": "ééééé"})").empty());
    CHECK(jst_check(schema, R"({"b": "éé"})") == jst_lines{"b: must be at least 3 characters long"});
    // Length keywords apply to strings only.
    CHECK(jst_check(schema, R"({"b": 12})").empty());
  }

  TEST_CASE("json_schema: pattern, with and without patternDescription") {
    const char* schema = R"({"properties": {
        "id": {"pattern": "^[a-z]+$", "patternDescription": "must contain only lowercase letters"},
        "raw": {"pattern": "^v[0-9]"}}})";
    CHECK(jst_check(schema, R"({"id": "abc", "raw": "v1.2"})").empty());
    CHECK(jst_check(schema, R"({"id": "Abc"})") == jst_lines{"id: must contain only lowercase letters, got \"Abc\""});
    CHECK(jst_check(schema, R"({"raw": "1.2"})") == jst_lines{"raw: must match ^v[0-9], got \"1.2\""});
    // pattern is a search, not a full match.
    CHECK(jst_check(R"({"pattern": "b"})", R"("abc")").empty());
  }

  TEST_CASE("json_schema: minimum and maximum") {
    const char* schema = R"({"properties": {"port": {"type": "integer", "minimum": 1, "maximum": 65535},
                                            "ratio": {"minimum": 0.5, "maximum": 1.5}}})";
    CHECK(jst_check(schema, R"({"port": 1, "ratio": 1.5})").empty());
    CHECK(jst_check(schema, R"({"port": 65535, "ratio": 0.5})").empty());
    CHECK(jst_check(schema, R"({"port": 0})") == jst_lines{"port: must be ≥ 1, got 0"});
    CHECK(jst_check(schema, R"({"port": 70000})") == jst_lines{"port: must be ≤ 65535, got 70000"});
    CHECK(jst_check(schema, R"({"ratio": 0.25})") == jst_lines{"ratio: must be ≥ 0.5, got 0.25"});
    CHECK(jst_check(schema, R"({"ratio": 2})") == jst_lines{"ratio: must be ≤ 1.5, got 2"});
    CHECK(jst_check(schema, R"({"ratio": "2"})").empty());  // numbers only
  }

  TEST_CASE("json_schema: if / then / else") {
    const char* schema = R"({
      "if": {"properties": {"type": {"const": "view"}}, "required": ["type"]},
      "then": {"required": ["viewQuery"]},
      "else": {"not": {"required": ["viewQuery"]}, "errorMessage": "viewQuery is only allowed on view collections"}})";
    CHECK(jst_check(schema, R"({"type": "view", "viewQuery": "SELECT 1"})").empty());
    CHECK(jst_check(schema, R"({"type": "base"})").empty());
    CHECK(jst_check(schema, R"({"type": "view"})") == jst_lines{"viewQuery: is required"});
    CHECK(jst_check(schema, R"({"type": "base", "viewQuery": "x"})") ==
          jst_lines{": viewQuery is only allowed on view collections"});
    CHECK(jst_check(schema, R"({"viewQuery": "x"})") == jst_lines{": viewQuery is only allowed on view collections"});
    // if without else: nothing when the condition fails.
    CHECK(jst_check(R"({"if": {"const": 1}, "then": {"const": 2}})", "3").empty());
    CHECK(jst_check(R"({"if": {"const": 1}, "then": {"const": 2}})", "1") == jst_lines{": must be 2, got 1"});
  }

  TEST_CASE("json_schema: not") {
    CHECK(jst_check(R"({"not": {"type": "string"}})", "1").empty());
    CHECK(jst_check(R"({"not": {"type": "string"}})", R"("s")") == jst_lines{": is not allowed here"});
    CHECK(jst_check(R"({"not": {"type": "string"}, "errorMessage": "no strings"})", R"("s")") ==
          jst_lines{": no strings"});
  }

  TEST_CASE("json_schema: anyOf, with and without errorMessage") {
    const char* plain = R"({"properties": {"f": {"anyOf": [{"required": ["collection"]}, {"required": ["collectionId"]}]}}})";
    CHECK(jst_check(plain, R"({"f": {"collectionId": "x"}})").empty());
    // Without errorMessage the first alternative's violations are reported.
    CHECK(jst_check(plain, R"({"f": {}})") == jst_lines{"f.collection: is required"});
    const char* with_message = R"({"properties": {"f": {
        "anyOf": [{"required": ["collection"]}, {"required": ["collectionId"]}],
        "errorMessage": "a relation field needs collection or collectionId"}}})";
    CHECK(jst_check(with_message, R"({"f": {"collection": "x"}})").empty());
    CHECK(jst_check(with_message, R"({"f": {}})") == jst_lines{"f: a relation field needs collection or collectionId"});
  }

  TEST_CASE("json_schema: oneOf, with and without errorMessage") {
    const char* plain = R"({"oneOf": [{"type": "integer"}, {"minimum": 10}]})";
    CHECK(jst_check(plain, "5").empty());      // integer only... and below 10
    CHECK(jst_check(plain, "10.5").empty());   // minimum only
    CHECK(jst_check(plain, "12") == jst_lines{": matches more than one allowed form"});
    CHECK(jst_check(plain, R"("s")").size() == 0);  // minimum ignores strings: exactly one form passes
    CHECK(jst_check(R"({"oneOf": [{"type": "integer"}, {"type": "boolean"}]})", R"("s")") ==
          jst_lines{": does not match any allowed form"});
    CHECK(jst_check(R"({"oneOf": [{"type": "integer"}, {"type": "boolean"}], "errorMessage": "must be a count or a flag"})",
                    R"("s")") == jst_lines{": must be a count or a flag"});
  }

  TEST_CASE("json_schema: allOf collects every violation") {
    CHECK(jst_check(R"({"allOf": [{"minLength": 5}, {"pattern": "^x"}]})", R"("abc")") ==
          jst_lines{": must be at least 5 characters long", ": must match ^x, got \"abc\""});
  }

  TEST_CASE("json_schema: $ref to $defs, also nested and inside items") {
    const char* schema = R"({
      "type": "object",
      "properties": {"name": {"$ref": "#/$defs/identifier"}, "list": {"type": "array", "items": {"$ref": "#/$defs/alias"}}},
      "$defs": {
        "identifier": {"type": "string", "pattern": "^[a-z]+$", "patternDescription": "must be lowercase letters"},
        "alias": {"$ref": "#/$defs/identifier"}}})";
    CHECK(jst_check(schema, R"({"name": "abc", "list": ["x", "y"]})").empty());
    CHECK(jst_check(schema, R"({"name": "ABC"})") == jst_lines{"name: must be lowercase letters, got \"ABC\""});
    CHECK(jst_check(schema, R"({"list": ["ok", 3, "No"]})") ==
          jst_lines{"list[1]: must be string, got integer 3", "list[2]: must be lowercase letters, got \"No\""});
  }

  TEST_CASE("json_schema: boolean schemas") {
    CHECK(jst_check("true", R"({"anything": 1})").empty());
    CHECK(jst_check("false", "1") == jst_lines{": is not allowed here"});
    CHECK(jst_check(R"({"properties": {"gone": false}})", R"({"gone": 1})") == jst_lines{"gone: is not allowed here"});
  }

  TEST_CASE("json_schema: unknown keywords and description are ignored") {
    CHECK(jst_check(R"({"description": "d", "title": "t", "x-custom": 1, "format": "email"})", R"("not-an-email")").empty());
  }

  TEST_CASE("json_schema: violations come in document order with nested paths") {
    const char* schema = R"({"type": "object", "properties": {
        "a": {"type": "object", "properties": {"b": {"type": "array", "items": {"type": "object",
              "properties": {"c": {"type": "integer"}}}}}},
        "z": {"type": "string"}}})";
    CHECK(jst_check(schema, R"({"z": 1, "a": {"b": [{"c": 1}, {"c": "x"}]}})") ==
          jst_lines{"a.b[1].c: must be integer, got string \"x\"", "z: must be string, got integer 1"});
  }
}
