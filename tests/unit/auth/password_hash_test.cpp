#include <doctest/doctest.h>

#include "core/auth/password_hash.h"

namespace auth = fastcms::core::auth;

TEST_SUITE("auth password hash") {
  TEST_CASE("hashes from another bcrypt implementation verify (PocketBase import)") {
    // Produced by the npm package bcryptjs, independently of libxcrypt.
    CHECK(auth::verify_password("correct horse 123", "$2a$10$Rf2k0t/qPa4IvfIBYDcSZOi6K.vb3HSVGeQaijevJRsrIZwuDKura"));
    CHECK_FALSE(auth::verify_password("correct horse 124", "$2a$10$Rf2k0t/qPa4IvfIBYDcSZOi6K.vb3HSVGeQaijevJRsrIZwuDKura"));
    CHECK(auth::verify_password("pässwörd", "$2a$04$/PwO7B8j.5LbK3kjxr5ROe283AVgPUM27tLZW4I6YpwoEaRx3FQPm"));
  }

  TEST_CASE("hash_password salts and verifies") {
    auto a = auth::hash_password("s3cret-pass", 4);
    auto b = auth::hash_password("s3cret-pass", 4);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->starts_with("$2b$04$"));
    CHECK(*a != *b);
    CHECK(auth::verify_password("s3cret-pass", *a));
    CHECK_FALSE(auth::verify_password("s3cret-pasS", *a));
  }

  TEST_CASE("refuses what bcrypt cannot hash faithfully, and non-bcrypt hashes") {
    CHECK_FALSE(auth::hash_password(std::string(73, 'x')).ok());
    CHECK_FALSE(auth::hash_password(std::string("a\0b", 3)).ok());
    CHECK_FALSE(auth::verify_password("x", "plaintext"));
    CHECK_FALSE(auth::verify_password("x", ""));
    CHECK_FALSE(auth::verify_password("x", "$1$abc$def"));
  }
}
