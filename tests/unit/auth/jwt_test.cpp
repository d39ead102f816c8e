#include <doctest/doctest.h>

#include "common/base64.h"
#include "core/auth/jwt.h"

namespace {
using namespace std::chrono;
namespace auth = fastcms::core::auth;

// The example token published on jwt.io, signed with "your-256-bit-secret".
constexpr const char* jwtio_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
}  // namespace

TEST_SUITE("auth jwt") {
  TEST_CASE("verifies the jwt.io reference token and rejects a wrong secret") {
    auto ok = auth::verify_hs256(jwtio_token, "your-256-bit-secret");
    REQUIRE(ok.ok());
    CHECK((*ok)["name"] == "John Doe");
    CHECK_FALSE(auth::verify_hs256(jwtio_token, "another-secret").ok());
  }

  TEST_CASE("sign then verify round-trips and honours exp") {
    auto now = system_clock::now();
    long long exp = duration_cast<seconds>(now.time_since_epoch()).count() + 60;
    std::string token = auth::sign_hs256({{"id", "abc"}, {"exp", exp}, {"type", "auth"}}, "k1");
    auto claims = auth::verify_hs256(token, "k1", now);
    REQUIRE(claims.ok());
    CHECK((*claims)["id"] == "abc");
    auto late = auth::verify_hs256(token, "k1", now + seconds(61));
    REQUIRE_FALSE(late.ok());
    CHECK(late.error().message == "token has expired");
  }

  TEST_CASE("tampered payloads, alg=none and malformed tokens are refused") {
    std::string token = auth::sign_hs256({{"id", "abc"}}, "k1");
    std::string forged_payload = fastcms::base64::url_encode(R"({"id":"admin"})");
    size_t a = token.find('.'), b = token.rfind('.');
    std::string tampered = token.substr(0, a + 1) + forged_payload + token.substr(b);
    CHECK_FALSE(auth::verify_hs256(tampered, "k1").ok());

    std::string none = fastcms::base64::url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                       fastcms::base64::url_encode(R"({"id":"abc"})") + ".";
    auto r = auth::verify_hs256(none, "k1");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "token algorithm is not HS256");

    for (const char* bad : {"", "abc", "a.b", "a.b.c.d", "!!.??.**"}) {
      CAPTURE(bad);
      CHECK_FALSE(auth::verify_hs256(bad, "k1").ok());
    }
  }

  TEST_CASE("peek_claims reads without verifying") {
    auto claims = auth::peek_claims(jwtio_token);
    REQUIRE(claims.ok());
    CHECK((*claims)["sub"] == "1234567890");
  }

  TEST_CASE("base64url round-trips every length") {
    std::string bytes;
    for (int i = 0; i < 40; ++i) {
      CHECK(fastcms::base64::url_decode(fastcms::base64::url_encode(bytes)) == bytes);
      bytes.push_back(static_cast<char>(i * 37));
    }
    CHECK_FALSE(fastcms::base64::url_decode("a+b/").has_value());
  }
}
