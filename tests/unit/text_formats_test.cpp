#include "common/text_formats.h"

#include <doctest/doctest.h>
#include <string>

namespace tf = fastcms::text_formats;

TEST_SUITE("text formats") {
  TEST_CASE("email addresses") {
    CHECK(tf::is_email_address("a@example.com"));
    CHECK(tf::is_email_address("first.last+tag@sub.example.co"));
    CHECK_FALSE(tf::is_email_address("a@localhost"));
    CHECK_FALSE(tf::is_email_address("a.example.com"));
    CHECK_FALSE(tf::is_email_address("a b@example.com"));
    CHECK_FALSE(tf::is_email_address(""));
    CHECK_FALSE(tf::is_email_address(std::string(250, 'a') + "@example.com"));
  }

  TEST_CASE("urls") {
    CHECK(tf::is_url("http://127.0.0.1:8090"));
    CHECK(tf::is_url("https://example.com/path?q=1#x"));
    CHECK(tf::is_url("http://localhost:8090"));
    CHECK(tf::is_url("example.com"));
    CHECK(tf::is_url("http://[::1]:8090/"));
    CHECK(tf::is_url("https://user:pw@example.com"));
    CHECK_FALSE(tf::is_url(""));
    CHECK_FALSE(tf::is_url("not a url"));
    CHECK_FALSE(tf::is_url("http://exa mple.com"));
    CHECK_FALSE(tf::is_url(".example.com"));
    CHECK_FALSE(tf::is_url("http://"));
    CHECK_FALSE(tf::is_url("http://[zz]"));
  }

  TEST_CASE("hosts") {
    CHECK(tf::is_host("smtp.example.com"));
    CHECK(tf::is_host("localhost"));
    CHECK(tf::is_host("10.0.0.1"));
    CHECK(tf::is_host("::1"));
    CHECK(tf::is_host("2001:db8::8a2e:370:7334"));
    CHECK_FALSE(tf::is_host(""));
    CHECK_FALSE(tf::is_host("smtp example.com"));
    CHECK_FALSE(tf::is_host("http://example.com"));
    CHECK_FALSE(tf::is_host("-bad.example.com"));
  }
}
