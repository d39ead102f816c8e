#include "common/base32.h"

#include <doctest/doctest.h>

#include "common/percent_encoding.h"

TEST_SUITE("base32") {
  TEST_CASE("RFC 4648 §10 test vectors, without padding") {
    CHECK(fastcms::base32::encode("") == "");
    CHECK(fastcms::base32::encode("f") == "MY");
    CHECK(fastcms::base32::encode("fo") == "MZXQ");
    CHECK(fastcms::base32::encode("foo") == "MZXW6");
    CHECK(fastcms::base32::encode("foob") == "MZXW6YQ");
    CHECK(fastcms::base32::encode("fooba") == "MZXW6YTB");
    CHECK(fastcms::base32::encode("foobar") == "MZXW6YTBOI");
    CHECK(fastcms::base32::encode("12345678901234567890") == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  }

  TEST_CASE("decoding: case-insensitive, padding, spaces and dashes ignored") {
    CHECK(fastcms::base32::decode("MZXW6YTBOI") == "foobar");
    CHECK(fastcms::base32::decode("mzxw6ytboi") == "foobar");
    CHECK(fastcms::base32::decode("MZXW6YQ=") == "foob");
    CHECK(fastcms::base32::decode("MZXW 6YTB-OI") == "foobar");
    CHECK(fastcms::base32::decode("") == "");
  }

  TEST_CASE("decoding refuses foreign characters and non-zero left-over bits") {
    CHECK_FALSE(fastcms::base32::decode("MZXW1"));  // '1' is not in the alphabet
    CHECK_FALSE(fastcms::base32::decode("MZ!W"));
    CHECK_FALSE(fastcms::base32::decode("MZ"));  // "MY" is "f"; "MZ" leaves a set bit over
  }
}

TEST_SUITE("percent encoding") {
  TEST_CASE("only RFC 3986 unreserved characters stay as they are") {
    CHECK(fastcms::percent_encode("Az09-._~") == "Az09-._~");
    CHECK(fastcms::percent_encode("My App") == "My%20App");
    CHECK(fastcms::percent_encode("a+b@example.com") == "a%2Bb%40example.com");
    CHECK(fastcms::percent_encode("x:y/z?&=") == "x%3Ay%2Fz%3F%26%3D");
    CHECK(fastcms::percent_encode("é") == "%C3%A9");
  }
}
