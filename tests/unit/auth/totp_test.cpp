#include "core/auth/totp.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {
namespace totp = fastcms::core::auth::totp;

// RFC 6238 Appendix B: the seed is "1234567890" repeated to the hash's key length.
const std::string rfc6238_sha1_key = "12345678901234567890";
const std::string rfc6238_sha256_key = "12345678901234567890123456789012";
const std::string rfc6238_sha512_key = "1234567890123456789012345678901234567890123456789012345678901234";

struct Rfc6238Vector {
  long long time;
  const char* sha1;
  const char* sha256;
  const char* sha512;
};

const std::vector<Rfc6238Vector> rfc6238_vectors = {
    {59, "94287082", "46119246", "90693936"},
    {1111111109, "07081804", "68084774", "25091201"},
    {1111111111, "14050471", "67062674", "99943326"},
    {1234567890, "89005924", "91819424", "93441116"},
    {2000000000, "69279037", "90698825", "38618901"},
    {20000000000, "65353130", "77737706", "47863826"},
};
}  // namespace

TEST_SUITE("totp") {
  TEST_CASE("RFC 4226 Appendix D: HOTP values of counters 0 to 9") {
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (unsigned counter = 0; counter < 10; ++counter) {
      CAPTURE(counter);
      CHECK(totp::hotp(rfc6238_sha1_key, counter, totp::Algorithm::sha1, 6) == expected[counter]);
    }
  }

  TEST_CASE("RFC 6238 Appendix B: every test vector, SHA1, SHA256 and SHA512, 8 digits") {
    for (const auto& v : rfc6238_vectors) {
      CAPTURE(v.time);
      CHECK(totp::code_at(rfc6238_sha1_key, v.time, {totp::Algorithm::sha1, 8, 30}) == v.sha1);
      CHECK(totp::code_at(rfc6238_sha256_key, v.time, {totp::Algorithm::sha256, 8, 30}) == v.sha256);
      CHECK(totp::code_at(rfc6238_sha512_key, v.time, {totp::Algorithm::sha512, 8, 30}) == v.sha512);
    }
  }

  TEST_CASE("time steps: floor(t / period), the period and the digits are honoured") {
    CHECK(totp::time_step(59, 30) == 1);
    CHECK(totp::time_step(60, 30) == 2);
    CHECK(totp::time_step(0, 30) == 0);
    CHECK(totp::time_step(59, 60) == 0);
    // 6 digits are the last 6 of the 8-digit code (same truncated value, smaller modulus).
    CHECK(totp::code_at(rfc6238_sha1_key, 59, {}) == "287082");
    // A 60-second period at t=119 is counter 1, as a 30-second period at t=59.
    CHECK(totp::code_at(rfc6238_sha1_key, 119, {totp::Algorithm::sha1, 8, 60}) == "94287082");
    CHECK(totp::algorithm_name(totp::Algorithm::sha1) == "SHA1");
    CHECK(totp::algorithm_name(totp::Algorithm::sha256) == "SHA256");
    CHECK(totp::algorithm_name(totp::Algorithm::sha512) == "SHA512");
  }

  TEST_CASE("matching_step: one step of skew either side, never a step already used") {
    const totp::Params p{};
    const long long now = 1111111111;  // step 37037037
    const long long step = totp::time_step(now, 30);
    std::string current = totp::code_at(rfc6238_sha1_key, now, p);
    std::string previous = totp::code_at(rfc6238_sha1_key, now - 30, p);
    std::string next = totp::code_at(rfc6238_sha1_key, now + 30, p);
    std::string too_old = totp::code_at(rfc6238_sha1_key, now - 60, p);
    std::string too_new = totp::code_at(rfc6238_sha1_key, now + 60, p);

    CHECK(totp::matching_step(rfc6238_sha1_key, current, now, p, 0) == step);
    CHECK(totp::matching_step(rfc6238_sha1_key, previous, now, p, 0) == step - 1);
    CHECK(totp::matching_step(rfc6238_sha1_key, next, now, p, 0) == step + 1);
    CHECK_FALSE(totp::matching_step(rfc6238_sha1_key, too_old, now, p, 0));
    CHECK_FALSE(totp::matching_step(rfc6238_sha1_key, too_new, now, p, 0));
    CHECK(totp::matching_step(rfc6238_sha1_key, too_old, now, p, 0, 2) == step - 2);
    // Replays: the step used last, and any earlier one, are refused.
    CHECK_FALSE(totp::matching_step(rfc6238_sha1_key, current, now, p, step));
    CHECK_FALSE(totp::matching_step(rfc6238_sha1_key, previous, now, p, step));
    CHECK(totp::matching_step(rfc6238_sha1_key, next, now, p, step) == step + 1);
    // Wrong codes, other lengths, another key.
    std::string wrong = current;
    while (wrong == current || wrong == previous || wrong == next) wrong.back() = wrong.back() == '9' ? '0' : wrong.back() + 1;
    CHECK_FALSE(totp::matching_step(rfc6238_sha1_key, wrong, now, p, 0));
    CHECK_FALSE(totp::matching_step(rfc6238_sha1_key, current + "0", now, p, 0));
    CHECK_FALSE(totp::matching_step(rfc6238_sha1_key, "", now, p, 0));
    CHECK_FALSE(totp::matching_step("another key", current, now, p, 0));
  }
}
