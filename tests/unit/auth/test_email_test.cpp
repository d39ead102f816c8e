#include "core/auth/test_email.h"

#include <doctest/doctest.h>

#include "support/mail_flow_fixture.h"

namespace {
using nlohmann::json;
namespace auth = fastcms::core::auth;
using fastcms::test::expect_status_error;
using fastcms::test::MailFlowFixture;

json test_email_item(const char* code, const char* message) { return {{"code", code}, {"message", message}}; }

}  // namespace

TEST_CASE("the test email sends each template of a collection to the given address") {
  MailFlowFixture f;
  const auto& schema = f.db().schema();
  struct Case {
    const char* name;
    const char* subject;
    const char* marker;
  };
  for (const Case& c : {Case{"verification", "Verify your Acme email", "confirm-verification/eyJ"},
                        Case{"password-reset", "Reset your Acme password", "confirm-password-reset/eyJ"},
                        Case{"email-change", "Confirm your Acme new email address", "confirm-email-change/eyJ"},
                        Case{"otp", "OTP for Acme", "<strong>123456</strong>"},
                        Case{"login-alert", "Login from a new location", "127.0.0.1 TEST_USER_AGENT"}}) {
    CAPTURE(c.name);
    auto sent = auth::send_test_email(schema, {{"email", "ann@x.com"}, {"template", c.name}, {"collection", "users"}},
                                      f.mail());
    if (!sent.ok()) FAIL(sent.error().describe());
    auto mail = f.mailer().last();
    CHECK(mail.to == std::vector<std::string>{"ann@x.com"});
    CHECK(mail.subject == c.subject);
    CHECK(mail.html.find(c.marker) != std::string::npos);
  }
  // Without a collection the _superusers templates are used.
  REQUIRE(auth::send_test_email(schema, {{"email", "root@x.com"}, {"template", "verification"}}, f.mail()).ok());
  CHECK(f.mailer().count() == 6);
}

TEST_CASE("the test email validates its form and reports the transport's error") {
  MailFlowFixture f;
  const auto& schema = f.db().schema();
  expect_status_error(auth::send_test_email(schema, json::object(), f.mail()), 400, "Failed to send the test email.",
                      {{"email", test_email_item("validation_required", "Cannot be blank.")},
                       {"template", test_email_item("validation_required", "Cannot be blank.")}});
  expect_status_error(
      auth::send_test_email(schema, {{"email", "a@x.com"}, {"template", "welcome"}, {"collection", "posts"}}, f.mail()),
      400, "Failed to send the test email.",
      {{"template", test_email_item("validation_in_invalid", "Must be a valid value.")},
       {"collection", test_email_item("validation_invalid_auth_collection", "Must be a valid auth collection id or name.")}});
  expect_status_error(auth::send_test_email(schema, {{"email", 3}}, f.mail()), 400,
                      "An error occurred while loading the submitted data.");
  f.mailer().fail_with("SMTP server smtp.x:587 refused the sender support@acme.test: 553 no");
  expect_status_error(auth::send_test_email(schema, {{"email", "a@x.com"}, {"template", "otp"}}, f.mail()), 400,
                      "Failed to send the test email. Raw error: \nSMTP server smtp.x:587 refused the sender "
                      "support@acme.test: 553 no");
}
