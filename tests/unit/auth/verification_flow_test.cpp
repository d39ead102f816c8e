#include <doctest/doctest.h>

#include "core/auth/confirm_verification.h"
#include "core/auth/jwt.h"
#include "core/auth/record_token.h"
#include "core/auth/request_verification.h"
#include "support/mail_flow_fixture.h"

namespace {
using nlohmann::json;
namespace auth = fastcms::core::auth;
using fastcms::test::MailFlowFixture;
using fastcms::test::expect_status_error;

}  // namespace

TEST_CASE("request-verification mails an unverified record a verification token and nobody else") {
  MailFlowFixture f;
  json ann = f.user("users", "ann@x.com");
  f.user("users", "bob@x.com", /*verified=*/true);
  const auto& users = f.collection("users");

  REQUIRE(auth::request_verification(f.db().db(), users, {{"email", "ann@x.com"}}, f.mail()).ok());
  REQUIRE(f.mailer().count() == 1);
  auto mail = f.mailer().last();
  CHECK(mail.to == std::vector<std::string>{"ann@x.com"});
  CHECK(mail.subject == "Verify your Acme email");
  CHECK(mail.from_name == "Acme Support");
  CHECK(mail.from_address == "support@acme.test");
  CHECK(mail.html.find("https://acme.test/_/#/auth/confirm-verification/eyJ") != std::string::npos);
  std::string token = MailFlowFixture::token_in(mail);
  auto claims = auth::verify_token(token, users, ann, auth::TokenKind::verification, MailFlowFixture::secret);
  if (!claims.ok()) FAIL(claims.error().message);
  CHECK((*claims)["email"] == "ann@x.com");

  SUBCASE("verified records, unknown addresses and other collections get the same answer and no mail") {
    f.mailer().clear();
    CHECK(auth::request_verification(f.db().db(), users, {{"email", "bob@x.com"}}, f.mail()).ok());
    CHECK(auth::request_verification(f.db().db(), users, {{"email", "nobody@x.com"}}, f.mail()).ok());
    CHECK(auth::request_verification(f.db().db(), f.collection("nopass"), {{"email", "ann@x.com"}}, f.mail()).ok());
    CHECK(f.mailer().count() == 0);
  }
  SUBCASE("a failing transport is not reported to the client") {
    f.mailer().fail_with("SMTP server down");
    CHECK(auth::request_verification(f.db().db(), users, {{"email", "ann@x.com"}}, f.mail()).ok());
  }
}

TEST_CASE("request-verification refuses bad input with PocketBase's errors") {
  MailFlowFixture f;
  const auto& users = f.collection("users");
  auto db = [&]() -> fastcms::db::Connection& { return f.db().db(); };
  expect_status_error(auth::request_verification(db(), f.collection("posts"), {{"email", "a@x.com"}}, f.mail()), 404,
                     "Missing or invalid auth collection context.");
  expect_status_error(auth::request_verification(db(), f.collection("_superusers"), {{"email", "a@x.com"}}, f.mail()),
                     400, "All superusers are verified by default.");
  expect_status_error(auth::request_verification(db(), users, json::array(), f.mail()), 400,
                     "An error occurred while loading the submitted data.");
  expect_status_error(auth::request_verification(db(), users, {{"email", 12}}, f.mail()), 400,
                     "An error occurred while loading the submitted data.");
  expect_status_error(auth::request_verification(db(), users, json::object(), f.mail()), 400,
                     "An error occurred while validating the submitted data.",
                     {{"email", {{"code", "validation_required"}, {"message", "Cannot be blank."}}}});
  expect_status_error(auth::request_verification(db(), users, {{"email", "not-an-email"}}, f.mail()), 400,
                     "An error occurred while validating the submitted data.",
                     {{"email", {{"code", "validation_is_email"}, {"message", "Must be a valid email address."}}}});
  CHECK(f.mailer().count() == 0);
}

TEST_CASE("confirm-verification marks the record verified once, for a valid token only") {
  MailFlowFixture f;
  json ann = f.user("users", "ann@x.com");
  const auto& users = f.collection("users");
  auto token = auth::issue_token(users, ann, auth::TokenKind::verification, MailFlowFixture::secret);
  REQUIRE(token.ok());

  auto confirmed = auth::confirm_verification(f.db().db(), f.db().schema(), users, {{"token", *token}},
                                              MailFlowFixture::secret);
  if (!confirmed.ok()) FAIL(confirmed.error().describe());
  json stored = f.db().load("users", ann["id"].get<std::string>());
  CHECK(stored["verified"] == true);
  CHECK(stored["tokenKey"] == ann["tokenKey"]);  // verifying does not sign the record out
  // Confirming again is harmless.
  CHECK(auth::confirm_verification(f.db().db(), f.db().schema(), users, {{"token", *token}}, MailFlowFixture::secret)
            .ok());

  SUBCASE("a collection without password sign-in gets a random password on verification") {
    json nina = f.user("nopass", "nina@x.com");
    const auto& nopass = f.collection("nopass");
    auto nina_token = auth::issue_token(nopass, nina, auth::TokenKind::verification, MailFlowFixture::secret);
    REQUIRE(nina_token.ok());
    REQUIRE(auth::confirm_verification(f.db().db(), f.db().schema(), nopass, {{"token", *nina_token}},
                                       MailFlowFixture::secret)
                .ok());
    json after = f.db().load("nopass", nina["id"].get<std::string>());
    CHECK(after["verified"] == true);
    CHECK(after["password"] != nina["password"]);
  }
}

TEST_CASE("confirm-verification names what is wrong with a token") {
  MailFlowFixture f;
  json ann = f.user("users", "ann@x.com");
  json nina = f.user("nopass", "nina@x.com");
  const auto& users = f.collection("users");
  const auto& schema = f.db().schema();
  auto confirm = [&](const json& body) {
    return auth::confirm_verification(f.db().db(), schema, users, body, MailFlowFixture::secret);
  };
  auto token_error = [](const char* code, const char* message) {
    return json{{"token", {{"code", code}, {"message", message}}}};
  };
  const char* invalid = "An error occurred while validating the submitted data.";

  expect_status_error(confirm(json::object()), 400, invalid, {{"token", {{"code", "validation_required"}, {"message", "Cannot be blank."}}}});
  expect_status_error(confirm({{"token", 5}}), 400, "An error occurred while loading the submitted data.");
  expect_status_error(confirm({{"token", "garbage"}}), 400, invalid,
                     token_error("validation_invalid_token_claims", "Missing email token claim."));

  auto reset = auth::issue_token(users, ann, auth::TokenKind::password_reset, MailFlowFixture::secret);
  REQUIRE(reset.ok());
  expect_status_error(confirm({{"token", *reset}}), 400, invalid,
                     token_error("validation_invalid_token", "Invalid or expired token."));

  auto expired_options = auth::TokenOptions{};
  expired_options.now = std::chrono::system_clock::now() - std::chrono::hours(48);
  auto expired = auth::issue_token(users, ann, auth::TokenKind::verification, MailFlowFixture::secret, expired_options);
  REQUIRE(expired.ok());
  expect_status_error(confirm({{"token", *expired}}), 400, invalid,
                     token_error("validation_invalid_token", "Invalid or expired token."));

  auto other = auth::issue_token(f.collection("nopass"), nina, auth::TokenKind::verification, MailFlowFixture::secret);
  REQUIRE(other.ok());
  expect_status_error(confirm({{"token", *other}}), 400, invalid,
                     token_error("validation_token_collection_mismatch",
                                 "The provided token is for different auth collection."));

  auto before_change = auth::issue_token(users, ann, auth::TokenKind::verification, MailFlowFixture::secret);
  REQUIRE(before_change.ok());
  f.db().set("users", ann["id"].get<std::string>(), "email", "ann2@x.com");
  expect_status_error(confirm({{"token", *before_change}}), 400, invalid,
                     token_error("validation_token_email_mismatch",
                                 "The record email doesn't match with the requested token claims."));

  expect_status_error(auth::confirm_verification(f.db().db(), schema, f.collection("_superusers"), {{"token", "x"}},
                                                MailFlowFixture::secret),
                     400, "All superusers are verified by default.");
  expect_status_error(auth::confirm_verification(f.db().db(), schema, f.collection("posts"), {{"token", "x"}},
                                                MailFlowFixture::secret),
                     404, "Missing or invalid auth collection context.");
  CHECK(f.db().load("users", ann["id"].get<std::string>())["verified"] == false);
}
