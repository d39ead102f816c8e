// Unit tests for runtime/project/dotenv.h: parse_dotenv.
#include <doctest/doctest.h>

#include <string>

#include "project/dotenv.h"

namespace {

fastcms::project::EnvMap denv_parse_ok(const std::string& text) {
  auto r = fastcms::project::parse_dotenv(text, ".env");
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  return *r;
}

std::string denv_parse_error(const std::string& text, const std::string& source = ".env") {
  auto r = fastcms::project::parse_dotenv(text, source);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == fastcms::ErrorKind::failure);
  return r.error().message;
}

}  // namespace

TEST_SUITE("unit dotenv") {
  TEST_CASE("dotenv: plain KEY=value lines, blank lines and comments") {
    auto env = denv_parse_ok(
        "# a comment\n"
        "\n"
        "   # an indented comment\n"
        "A=1\n"
        "  B = two words  \n"
        "C=a=b=c\n"
        "_under_score9=x\n"
        "\t\n");
    CHECK(env == fastcms::project::EnvMap{{"A", "1"}, {"B", "two words"}, {"C", "a=b=c"}, {"_under_score9", "x"}});
  }

  TEST_CASE("dotenv: empty input and empty values") {
    CHECK(denv_parse_ok("").empty());
    CHECK(denv_parse_ok("\n\n# only comments\n").empty());
    auto env = denv_parse_ok("EMPTY=\nSPACES=   \nDQ=\"\"\nSQ=''\n");
    CHECK(env == fastcms::project::EnvMap{{"EMPTY", ""}, {"SPACES", ""}, {"DQ", ""}, {"SQ", ""}});
  }

  TEST_CASE("dotenv: export prefix") {
    auto env = denv_parse_ok("export A=1\nexport   B=\"two\"\n  export C='3'\nexporter=4\n");
    CHECK(env == fastcms::project::EnvMap{{"A", "1"}, {"B", "two"}, {"C", "3"}, {"exporter", "4"}});
  }

  TEST_CASE("dotenv: later lines override earlier ones") {
    CHECK(denv_parse_ok("A=1\nA=2\n").at("A") == "2");
  }

  TEST_CASE("dotenv: unquoted values end at \" #\"") {
    auto env = denv_parse_ok(
        "A=value # comment\n"
        "B=value#not-a-comment\n"
        "C=http://x.example/#frag\n"
        "D=a  # two spaces\n");
    CHECK(env.at("A") == "value");
    CHECK(env.at("B") == "value#not-a-comment");
    CHECK(env.at("C") == "http://x.example/#frag");
    CHECK(env.at("D") == "a");
  }

  TEST_CASE("dotenv: single quotes are literal") {
    auto env = denv_parse_ok(
        "A='a b # c'\n"
        "B='back\\nslash'\n"
        "C='say \"hi\"' # trailing comment\n"
        "D='  padded  '\n");
    CHECK(env.at("A") == "a b # c");
    CHECK(env.at("B") == "back\\nslash");
    CHECK(env.at("C") == "say \"hi\"");
    CHECK(env.at("D") == "  padded  ");
  }

  TEST_CASE("dotenv: double quotes understand escapes") {
    auto env = denv_parse_ok(
        "A=\"line1\\nline2\"\n"
        "B=\"tab\\there\"\n"
        "C=\"cr\\r\"\n"
        "D=\"quote \\\" inside\"\n"
        "E=\"back\\\\slash\"\n"
        "F=\"hash # inside\" # outside\n"
        "G=\"ends with backslash\\\\\"\n"
        "H=\"it's\"\n");
    CHECK(env.at("A") == "line1\nline2");
    CHECK(env.at("B") == "tab\there");
    CHECK(env.at("C") == "cr\r");
    CHECK(env.at("D") == "quote \" inside");
    CHECK(env.at("E") == "back\\slash");
    CHECK(env.at("F") == "hash # inside");
    CHECK(env.at("G") == "ends with backslash\\");
    CHECK(env.at("H") == "it's");
  }

  TEST_CASE("dotenv: CRLF line endings") {
    auto env = denv_parse_ok("A=1\r\nB=\"two\"\r\n# c\r\nC='3'\r\n");
    CHECK(env == fastcms::project::EnvMap{{"A", "1"}, {"B", "two"}, {"C", "3"}});
  }

  TEST_CASE("dotenv: a line without '=' is an error with its line number") {
    CHECK(denv_parse_error("A=1\n# comment\n\nJUSTAKEY\n") == ".env: line 4: expected KEY=value, got \"JUSTAKEY\"");
    CHECK(denv_parse_error("export\n") == ".env: line 1: expected KEY=value, got \"export\"");
    CHECK(denv_parse_error("ok=1\nnot ok\n", "app/.env") == "app/.env: line 2: expected KEY=value, got \"not ok\"");
  }

  TEST_CASE("dotenv: a bad variable name is an error with its line number") {
    const std::string suffix = " is not a valid variable name (letters, digits, '_')";
    CHECK(denv_parse_error("1ABC=x\n") == ".env: line 1: \"1ABC\"" + suffix);
    CHECK(denv_parse_error("A=1\nMY-VAR=x\n") == ".env: line 2: \"MY-VAR\"" + suffix);
    CHECK(denv_parse_error("A=1\nB=2\n=value\n") == ".env: line 3: \"\"" + suffix);
    CHECK(denv_parse_error("MY VAR=x\n") == ".env: line 1: \"MY VAR\"" + suffix);
  }

  TEST_CASE("dotenv: an unclosed quote is an error with its line number") {
    CHECK(denv_parse_error("A=1\nB=\"open\n") == ".env: line 2: missing closing \" quote");
    CHECK(denv_parse_error("A='open\n") == ".env: line 1: missing closing ' quote");
    CHECK(denv_parse_error("A=\"escaped at end\\\"\n") == ".env: line 1: missing closing \" quote");
  }

  TEST_CASE("dotenv: text after the closing quote is an error") {
    CHECK(denv_parse_error("A=\"x\"y\n") == ".env: line 1: unexpected text after the closing quote");
    CHECK(denv_parse_error("\nA='x' y\n") == ".env: line 2: unexpected text after the closing quote");
  }

  TEST_CASE("dotenv: process_environment sees the process environment") {
    auto env = fastcms::project::process_environment();
    // PATH is set in every sane test environment; the value has no '=' prefix left on it.
    REQUIRE(env.count("PATH") == 1);
    CHECK(env.at("PATH") == std::string(std::getenv("PATH")));
  }
}
