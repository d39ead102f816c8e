// Unit tests for runtime/project/structured_file.h: parse_structured (JSON and YAML).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "project/structured_file.h"

namespace {

using sft_json = nlohmann::json;

sft_json sft_parse_ok(const std::string& text, const std::string& name) {
  auto r = fastcms::project::parse_structured(text, name);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  return *r;
}

std::string sft_parse_error(const std::string& text, const std::string& name) {
  auto r = fastcms::project::parse_structured(text, name);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == fastcms::ErrorKind::failure);
  return r.error().message;
}

}  // namespace

TEST_SUITE("unit structured_file") {
  TEST_CASE("structured_file: YAML plain scalars are typed") {
    sft_json v = sft_parse_ok(
        "t: true\n"
        "T: True\n"
        "f: false\n"
        "i: 123\n"
        "neg: -7\n"
        "plus: +5\n"
        "fl: 1.5\n"
        "half: .5\n"
        "exp: 1e3\n"
        "n1: null\n"
        "n2: ~\n"
        "n3:\n"
        "s: hello world\n"
        "yes_is_text: yes\n"
        "version: 1.2.3\n",
        "x.yaml");
    CHECK(v["t"] == sft_json(true));
    CHECK(v["T"] == sft_json(true));
    CHECK(v["f"] == sft_json(false));
    CHECK(v["i"].is_number_integer());
    CHECK(v["i"] == 123);
    CHECK(v["neg"] == -7);
    CHECK(v["plus"] == 5);
    CHECK(v["fl"].is_number_float());
    CHECK(v["fl"] == 1.5);
    CHECK(v["half"] == 0.5);
    CHECK(v["exp"] == 1000.0);
    CHECK(v["n1"].is_null());
    CHECK(v["n2"].is_null());
    CHECK(v["n3"].is_null());
    CHECK(v["s"] == "hello world");
    CHECK(v["yes_is_text"] == "yes");  // YAML 1.2: only true/false are booleans
    CHECK(v["version"] == "1.2.3");
  }

  TEST_CASE("structured_file: YAML quoted and block scalars stay strings") {
    sft_json v = sft_parse_ok(
        "a: \"123\"\n"
        "b: '1.5'\n"
        "c: \"true\"\n"
        "d: 'null'\n"
        "e: \"\"\n"
        "f: |\n"
        "  42\n"
        "g: >-\n"
        "  false\n",
        "x.yml");
    CHECK(v["a"] == "123");
    CHECK(v["b"] == "1.5");
    CHECK(v["c"] == "true");
    CHECK(v["d"] == "null");
    CHECK(v["e"] == "");
    CHECK(v["f"] == "42\n");
    CHECK(v["g"] == "false");
  }

  TEST_CASE("structured_file: YAML nested maps and lists") {
    sft_json v = sft_parse_ok(
        "name: posts\n"
        "fields:\n"
        "  - { name: title, type: text, required: true, max: 200 }\n"
        "  - name: tags\n"
        "    type: select\n"
        "    values: [a, \"b\", 3]\n"
        "server:\n"
        "  port: 8090\n"
        "  origins:\n"
        "    - http://a.example\n"
        "empty_list: []\n"
        "empty_map: {}\n",
        "posts.yaml");
    sft_json expected = sft_json::parse(R"({
      "name": "posts",
      "fields": [
        {"name": "title", "type": "text", "required": true, "max": 200},
        {"name": "tags", "type": "select", "values": ["a", "b", 3]}
      ],
      "server": {"port": 8090, "origins": ["http://a.example"]},
      "empty_list": [],
      "empty_map": {}
    })");
    CHECK(v == expected);
  }

  TEST_CASE("structured_file: an empty YAML document is null") {
    CHECK(sft_parse_ok("", "x.yaml").is_null());
    CHECK(sft_parse_ok("# only a comment\n", "x.yaml").is_null());
  }

  TEST_CASE("structured_file: JSON is parsed as JSON") {
    sft_json v = sft_parse_ok(R"({"a": [1, 2.5, "3", null, true], "b": {"c": "d"}})", "x.json");
    CHECK(v == sft_json::parse(R"({"a": [1, 2.5, "3", null, true], "b": {"c": "d"}})"));
    // The extension decides, case-insensitively.
    CHECK(sft_parse_ok(R"({"a": 1})", "X.JSON") == sft_json{{"a", 1}});
    CHECK(sft_parse_ok("a: 1\n", "X.YML") == sft_json{{"a", 1}});
  }

  TEST_CASE("structured_file: JSON syntax errors name the file and the line") {
    std::string m = sft_parse_error("{\n  \"a\": 1,\n}\n", "conf/fastcms.config.json");
    CHECK(m.rfind("conf/fastcms.config.json: line 3, column ", 0) == 0);
    CHECK(m.find("invalid JSON (syntax error") != std::string::npos);

    m = sft_parse_error("{\n  \"a\": 1\n", "x.json");
    CHECK(m.rfind("x.json: line 3", 0) == 0);
    CHECK(m.find("unexpected end of input") != std::string::npos);

    m = sft_parse_error("", "x.json");
    CHECK(m.rfind("x.json: line 1, column 1: invalid JSON (", 0) == 0);
  }

  TEST_CASE("structured_file: JSON error columns are 1-based and point at the offending character") {
    CHECK(sft_parse_error("{\n  \"a\": 1,\n}\n", "x.json").rfind("x.json: line 3, column 1: ", 0) == 0);
    CHECK(sft_parse_error("ab", "x.json").rfind("x.json: line 1, column 1: ", 0) == 0);
  }

  TEST_CASE("structured_file: YAML syntax errors name the file and the line") {
    std::string m = sft_parse_error("a: 1\nb: 2\n  c: 3\n", "app/collections/x.yaml");
    CHECK(m.rfind("app/collections/x.yaml: line 3, column ", 0) == 0);
    CHECK(m.find("invalid YAML (") != std::string::npos);

    m = sft_parse_error("a: [1, 2\nb: 3\n", "x.yml");
    CHECK(m.rfind("x.yml: line 2, column ", 0) == 0);
    CHECK(m.find("invalid YAML (") != std::string::npos);

    m = sft_parse_error("name: x\nfields:\n\t- a\n", "x.yaml");
    CHECK(m.rfind("x.yaml: line 3, column ", 0) == 0);
  }

  TEST_CASE("structured_file: other extensions are refused") {
    CHECK(sft_parse_error("a=1", "settings.toml") == "settings.toml: unsupported file type; use .json, .yaml or .yml");
    CHECK(sft_parse_error("{}", "noext") == "noext: unsupported file type; use .json, .yaml or .yml");
  }

  TEST_CASE("structured_file: is_structured_file") {
    CHECK(fastcms::project::is_structured_file("a/b.json"));
    CHECK(fastcms::project::is_structured_file("b.yaml"));
    CHECK(fastcms::project::is_structured_file("b.YML"));
    CHECK_FALSE(fastcms::project::is_structured_file("b.txt"));
    CHECK_FALSE(fastcms::project::is_structured_file("json"));
    CHECK_FALSE(fastcms::project::is_structured_file("b.yaml.bak"));
  }

  TEST_CASE("structured_file: an explicit !!str tag keeps a YAML scalar a string") {
    sft_json v = sft_parse_ok("a: !!str 123\nb: !!str true\n", "x.yaml");
    CHECK(v["a"] == "123");
    CHECK(v["b"] == "true");
  }
}
