#include <doctest/doctest.h>

#include "common/strings.h"

using namespace fastcms;

TEST_CASE("edit_distance counts edits and transpositions") {
  CHECK(strings::edit_distance("init", "init") == 0);
  CHECK(strings::edit_distance("inti", "init") == 1);
  CHECK(strings::edit_distance("colections", "collections") == 1);
  CHECK(strings::edit_distance("", "abc") == 3);
}

TEST_CASE("nearest suggests close candidates only") {
  std::vector<std::string> commands{"init", "collections", "version"};
  CHECK(strings::nearest("inti", commands) == "init");
  CHECK(strings::nearest("colections", commands) == "collections");
  CHECK(strings::nearest("vers", commands) == "version");
  CHECK(strings::nearest("zzzzzz", commands).empty());
}

TEST_CASE("split_trimmed drops empty parts") {
  CHECK(strings::split_trimmed(" a, b ,,c ", ',') == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("equals_ignore_case compares ASCII letters without case") {
  CHECK(strings::equals_ignore_case("Bearer ", "bEARER "));
  CHECK(strings::equals_ignore_case("", ""));
  CHECK_FALSE(strings::equals_ignore_case("nocase", "nocases"));
  CHECK_FALSE(strings::equals_ignore_case("a-b", "a_b"));
}
