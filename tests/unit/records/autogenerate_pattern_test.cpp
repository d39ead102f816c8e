#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "core/records/autogenerate_pattern.h"

namespace {
namespace records = fastcms::core::records;

std::string agp_generate(const std::string& pattern) {
  auto r = records::random_string_from_pattern(pattern);
  if (!r.ok()) FAIL(r.error().message);
  return *r;
}

/// Generates `times` values and checks each matches `pattern` as a regular expression.
void agp_check_matches(const std::string& pattern, int times = 50) {
  const std::regex re("^(?:" + pattern + ")$");
  for (int i = 0; i < times; ++i) {
    const std::string v = agp_generate(pattern);
    CHECK_MESSAGE(std::regex_match(v, re), pattern << " produced " << v);
  }
}
}  // namespace

TEST_SUITE("records autogenerate pattern") {
  TEST_CASE("PocketBase's id and token key patterns") {
    agp_check_matches("[a-z0-9]{15}");
    agp_check_matches("[a-zA-Z0-9]{50}");
    CHECK(agp_generate("[a-z0-9]{15}").size() == 15);
    CHECK(agp_generate("[a-zA-Z0-9]{50}").size() == 50);
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) seen.insert(agp_generate("[a-z0-9]{15}"));
    CHECK(seen.size() == 100);
  }

  TEST_CASE("literals, escapes, classes, groups, alternation and quantifiers") {
    agp_check_matches("post-[a-z0-9]{6}");
    agp_check_matches("\\d{4}-\\w{3}");
    agp_check_matches("[a-c_\\-]{2,5}");
    agp_check_matches("(ab|cd){2}x?");
    agp_check_matches("(?:id_)?[0-9]+z*");
    agp_check_matches("^INV\\.[0-9]{3,}$");
    agp_check_matches("...");
    CHECK(agp_generate("abc") == "abc");
    CHECK(agp_generate("é{3}") == "ééé");
    // every alternative is reachable
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) seen.insert(agp_generate("a|b|c"));
    CHECK(seen == std::set<std::string>{"a", "b", "c"});
  }

  TEST_CASE("unsupported or malformed patterns are errors") {
    for (const char* bad : {"[^a-z]{3}", "(abc", "abc)", "[a-z", "*a", "a{3", "a{5,2}", "\\p{L}", "a{2}{3}",
                            "(?=x)", "[z-a]", "a{100000}", "\\"}) {
      auto r = records::random_string_from_pattern(bad);
      CHECK_MESSAGE(!r.ok(), bad);
      if (!r.ok()) CHECK(r.error().message.find("autogenerate pattern") != std::string::npos);
    }
  }
}
