#include <doctest/doctest.h>

#include "core/auth/authenticate.h"
#include "core/auth/confirm_email_change.h"
#include "core/auth/record_token.h"
#include "core/auth/request_email_change.h"
#include "support/mail_flow_fixture.h"

namespace {
using nlohmann::json;
namespace auth = fastcms::core::auth;
using fastcms::core::RequestContext;
using fastcms::test::expect_status_error;
using fastcms::test::MailFlowFixture;

json change_item(const char* code, const char* message) { return {{"code", code}, {"message", message}}; }

RequestContext signed_in_as(const json& record, const fastcms::core::collections::Collection& collection) {
  RequestContext ctx;
  auth::attach_auth(ctx, record, collection);
  return ctx;
}

}  // namespace

TEST_CASE("request-email-change mails a confirmation token to the new address") {
  MailFlowFixture f;
  json ann = f.user("users", "ann@x.com", /*verified=*/true);
  const auto& users = f.collection("users");
  auto ctx = signed_in_as(ann, users);

  auto requested = auth::request_email_change(f.db().db(), users, ctx, {{"newEmail", "ann@new.com"}}, f.mail());
  if (!requested.ok()) FAIL(requested.error().describe());
  REQUIRE(f.mailer().count() == 1);
  auto mail = f.mailer().last();
  CHECK(mail.to == std::vector<std::string>{"ann@new.com"});
  CHECK(mail.subject == "Confirm your Acme new email address");
  auto claims = auth::verify_token(MailFlowFixture::token_in(mail), users, ann, auth::TokenKind::email_change,
                                   MailFlowFixture::secret);
  if (!claims.ok()) FAIL(claims.error().message);
  CHECK((*claims)["email"] == "ann@x.com");
  CHECK((*claims)["newEmail"] == "ann@new.com");

  SUBCASE("a failing transport is reported") {
    f.mailer().fail_with("SMTP server down");
    expect_status_error(auth::request_email_change(f.db().db(), users, ctx, {{"newEmail", "ann@new.com"}}, f.mail()),
                        400, "Failed to request email change.");
  }
}

TEST_CASE("request-email-change needs a signed-in record of the collection and a free, valid address") {
  MailFlowFixture f;
  json ann = f.user("users", "ann@x.com");
  f.user("users", "bob@x.com");
  json nina = f.user("nopass", "nina@x.com");
  const auto& users = f.collection("users");
  auto ctx = signed_in_as(ann, users);
  auto request = [&](const json& body, const RequestContext& who) {
    return auth::request_email_change(f.db().db(), users, who, body, f.mail());
  };
  const char* invalid = "An error occurred while validating the submitted data.";

  expect_status_error(request({{"newEmail", "a@new.com"}}, RequestContext{}), 401,
                      "The request requires valid record authorization token.");
  expect_status_error(request({{"newEmail", "a@new.com"}}, signed_in_as(nina, f.collection("nopass"))), 403,
                      "The request requires auth record from nopass collection.");
  expect_status_error(auth::request_email_change(f.db().db(), f.collection("_superusers"), ctx,
                                                 {{"newEmail", "a@new.com"}}, f.mail()),
                      400, "All superusers can change their emails directly.");
  expect_status_error(request({{"newEmail", 1}}, ctx), 400, "An error occurred while loading the submitted data.");
  expect_status_error(request(json::object(), ctx), 400, invalid,
                      {{"newEmail", change_item("validation_required", "Cannot be blank.")}});
  expect_status_error(request({{"newEmail", "nope"}}, ctx), 400, invalid,
                      {{"newEmail", change_item("validation_is_email", "Must be a valid email address.")}});
  expect_status_error(request({{"newEmail", "ann@x.com"}}, ctx), 400, invalid,
                      {{"newEmail", change_item("validation_not_in_invalid", "Must not be in list.")}});
  expect_status_error(request({{"newEmail", "bob@x.com"}}, ctx), 400, invalid,
                      {{"newEmail", change_item("validation_invalid_new_email", "Invalid new email address.")}});
  CHECK(f.mailer().count() == 0);
}

TEST_CASE("confirm-email-change with the password switches the email, verifies it and ends earlier tokens") {
  MailFlowFixture f;
  json ann = f.user("users", "ann@x.com");
  const auto& users = f.collection("users");
  const auto& schema = f.db().schema();
  auth::TokenOptions options;
  options.new_email = "ann@new.com";
  auto token = auth::issue_token(users, ann, auth::TokenKind::email_change, MailFlowFixture::secret, options);
  auto session = auth::issue_token(users, ann, auth::TokenKind::auth, MailFlowFixture::secret);
  REQUIRE(token.ok());
  REQUIRE(session.ok());
  auto confirm = [&](const json& body) {
    return auth::confirm_email_change(f.db().db(), schema, users, body, MailFlowFixture::secret);
  };
  const char* invalid = "An error occurred while validating the submitted data.";

  expect_status_error(confirm({{"token", *token}, {"password", "wrong-password"}}), 400, invalid,
                      {{"password", change_item("validation_invalid_password", "Missing or invalid auth record password.")}});
  expect_status_error(confirm(json::object()), 400, invalid,
                      {{"token", change_item("validation_required", "Cannot be blank.")},
                       {"password", change_item("validation_required", "Cannot be blank.")}});
  auto reset = auth::issue_token(users, ann, auth::TokenKind::password_reset, MailFlowFixture::secret);
  REQUIRE(reset.ok());
  expect_status_error(confirm({{"token", *reset}, {"password", "password123"}}), 400, invalid,
                      {{"token", change_item("validation_invalid_token_payload",
                                             "Invalid token payload - newEmail must be set.")},
                       {"password", change_item("validation_invalid_password",
                                                "Missing or invalid auth record password.")}});

  auto confirmed = confirm({{"token", *token}, {"password", "password123"}});
  if (!confirmed.ok()) FAIL(confirmed.error().describe());
  json stored = f.db().load("users", ann["id"].get<std::string>());
  CHECK(stored["email"] == "ann@new.com");
  CHECK(stored["verified"] == true);
  CHECK(stored["tokenKey"] != ann["tokenKey"]);
  CHECK_FALSE(auth::authenticate(f.db().db(), schema, *session, MailFlowFixture::secret).ok());
  expect_status_error(confirm({{"token", *token}, {"password", "password123"}}), 400, invalid,
                      {{"token", change_item("validation_invalid_token", "Invalid or expired token.")},
                       {"password", change_item("validation_invalid_password",
                                                "Missing or invalid auth record password.")}});
}

TEST_CASE("confirm-email-change refuses an address taken since the request") {
  MailFlowFixture f;
  json ann = f.user("users", "ann@x.com");
  const auto& users = f.collection("users");
  auth::TokenOptions options;
  options.new_email = "taken@x.com";
  auto token = auth::issue_token(users, ann, auth::TokenKind::email_change, MailFlowFixture::secret, options);
  REQUIRE(token.ok());
  f.user("users", "taken@x.com");
  expect_status_error(auth::confirm_email_change(f.db().db(), f.db().schema(), users,
                                                 {{"token", *token}, {"password", "password123"}},
                                                 MailFlowFixture::secret),
                      400, "An error occurred while validating the submitted data.",
                      {{"token", change_item("validation_invalid_token_email", "The new email address is invalid.")},
                       {"password", change_item("validation_invalid_password",
                                                "Missing or invalid auth record password.")}});
  expect_status_error(auth::confirm_email_change(f.db().db(), f.db().schema(), f.collection("_superusers"),
                                                 {{"token", *token}, {"password", "password123"}},
                                                 MailFlowFixture::secret),
                      400, "All superusers can change their emails directly.");
  CHECK(f.db().load("users", ann["id"].get<std::string>())["email"] == "ann@x.com");
}
