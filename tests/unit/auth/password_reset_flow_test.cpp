#include <doctest/doctest.h>

#include "core/auth/authenticate.h"
#include "core/auth/confirm_password_reset.h"
#include "core/auth/password_hash.h"
#include "core/auth/record_token.h"
#include "core/auth/request_password_reset.h"
#include "support/mail_flow_fixture.h"

namespace {
using nlohmann::json;
namespace auth = fastcms::core::auth;
using fastcms::test::expect_status_error;
using fastcms::test::MailFlowFixture;

json reset_item(const char* code, const char* message) { return {{"code", code}, {"message", message}}; }

}  // namespace

TEST_CASE("request-password-reset answers the same for every address and mails only existing records") {
  MailFlowFixture f;
  json ann = f.user("users", "ann@x.com", /*verified=*/true);
  const auto& users = f.collection("users");

  REQUIRE(auth::request_password_reset(f.db().db(), users, {{"email", "ann@x.com"}}, f.mail()).ok());
  REQUIRE(f.mailer().count() == 1);
  auto mail = f.mailer().last();
  CHECK(mail.to == std::vector<std::string>{"ann@x.com"});
  CHECK(mail.subject == "Reset your Acme password");
  CHECK(mail.html.find("https://acme.test/_/#/auth/confirm-password-reset/eyJ") != std::string::npos);
  auto claims = auth::verify_token(MailFlowFixture::token_in(mail), users, ann, auth::TokenKind::password_reset,
                                   MailFlowFixture::secret);
  if (!claims.ok()) FAIL(claims.error().message);

  f.mailer().clear();
  CHECK(auth::request_password_reset(f.db().db(), users, {{"email", "nobody@x.com"}}, f.mail()).ok());
  CHECK(f.mailer().count() == 0);
  f.mailer().fail_with("SMTP server down");
  CHECK(auth::request_password_reset(f.db().db(), users, {{"email", "ann@x.com"}}, f.mail()).ok());

  expect_status_error(auth::request_password_reset(f.db().db(), f.collection("nopass"), {{"email", "a@x.com"}}, f.mail()),
                      400, "The collection is not configured to allow password authentication.");
  expect_status_error(auth::request_password_reset(f.db().db(), f.collection("posts"), {{"email", "a@x.com"}}, f.mail()),
                      404, "Missing or invalid auth collection context.");
  expect_status_error(auth::request_password_reset(f.db().db(), users, {{"email", std::string(250, 'a') + "@x.com"}},
                                                   f.mail()),
                      400, "An error occurred while validating the submitted data.",
                      {{"email", {{"code", "validation_length_out_of_range"},
                                  {"message", "The length must be between 1 and 255."},
                                  {"params", {{"min", 1}, {"max", 255}}}}}});
}

TEST_CASE("confirm-password-reset sets the new password and ends every earlier token") {
  MailFlowFixture f;
  json ann = f.user("users", "ann@x.com");
  const auto& users = f.collection("users");
  const auto& schema = f.db().schema();
  auto reset = auth::issue_token(users, ann, auth::TokenKind::password_reset, MailFlowFixture::secret);
  auto session = auth::issue_token(users, ann, auth::TokenKind::auth, MailFlowFixture::secret);
  REQUIRE(reset.ok());
  REQUIRE(session.ok());

  auto confirmed = auth::confirm_password_reset(
      f.db().db(), schema, users, {{"token", *reset}, {"password", "new-password-1"}, {"passwordConfirm", "new-password-1"}},
      MailFlowFixture::secret);
  if (!confirmed.ok()) FAIL(confirmed.error().describe());

  json stored = f.db().load("users", ann["id"].get<std::string>());
  CHECK(auth::verify_password("new-password-1", stored["password"].get<std::string>()));
  CHECK(stored["tokenKey"] != ann["tokenKey"]);
  CHECK(stored["verified"] == true);  // the mail reached the address the token names
  CHECK_FALSE(auth::authenticate(f.db().db(), schema, *session, MailFlowFixture::secret).ok());

  // The same reset token cannot be used twice: the new tokenKey invalidated it.
  expect_status_error(auth::confirm_password_reset(f.db().db(), schema, users,
                                                   {{"token", *reset}, {"password", "other-password"}, {"passwordConfirm", "other-password"}},
                                                   MailFlowFixture::secret),
                      400, "An error occurred while validating the submitted data.",
                      {{"token", reset_item("validation_invalid_token", "Invalid or expired token.")}});
}

TEST_CASE("confirm-password-reset reports every invalid field at once") {
  MailFlowFixture f;
  json ann = f.user("users", "ann@x.com");
  const auto& users = f.collection("users");
  const auto& schema = f.db().schema();
  auto confirm = [&](const json& body) {
    return auth::confirm_password_reset(f.db().db(), schema, users, body, MailFlowFixture::secret);
  };
  const char* invalid = "An error occurred while validating the submitted data.";

  expect_status_error(confirm(json::object()), 400, invalid,
                      {{"token", reset_item("validation_required", "Cannot be blank.")},
                       {"password", reset_item("validation_required", "Cannot be blank.")},
                       {"passwordConfirm", reset_item("validation_required", "Cannot be blank.")}});
  expect_status_error(confirm({{"token", "x.y.z"}, {"password", "abcdefgh1"}, {"passwordConfirm", "abcdefgh2"}}), 400,
                      invalid,
                      {{"token", reset_item("validation_invalid_token", "Invalid or expired token.")},
                       {"passwordConfirm", reset_item("validation_values_mismatch", "Values don't match.")}});
  expect_status_error(confirm({{"password", true}}), 400, "An error occurred while loading the submitted data.");

  auto verification = auth::issue_token(users, ann, auth::TokenKind::verification, MailFlowFixture::secret);
  REQUIRE(verification.ok());
  expect_status_error(confirm({{"token", *verification}, {"password", "abcdefgh1"}, {"passwordConfirm", "abcdefgh1"}}),
                      400, invalid, {{"token", reset_item("validation_invalid_token", "Invalid or expired token.")}});

  SUBCASE("the password field's own rules apply when saving") {
    auto reset = auth::issue_token(users, ann, auth::TokenKind::password_reset, MailFlowFixture::secret);
    REQUIRE(reset.ok());
    // The form bound is the field's min (8 here) up to 255 characters…
    expect_status_error(confirm({{"token", *reset}, {"password", "short"}, {"passwordConfirm", "short"}}), 400, invalid,
                        {{"password", {{"code", "validation_length_out_of_range"},
                                       {"message", "The length must be between 8 and 255."},
                                       {"params", {{"min", 8}, {"max", 255}}}}}});
    // …and the field itself allows at most 71 characters.
    std::string long_password(80, 'p');
    auto saved = confirm({{"token", *reset}, {"password", long_password}, {"passwordConfirm", long_password}});
    REQUIRE_FALSE(saved.ok());
    CHECK(saved.error().status == 400);
    CHECK(saved.error().message == "Failed to set new password.");
    CHECK(saved.error().data.at("password").at("code") == "validation_max_text_constraint");
    CHECK(f.db().load("users", ann["id"].get<std::string>())["tokenKey"] == ann["tokenKey"]);
  }
}
