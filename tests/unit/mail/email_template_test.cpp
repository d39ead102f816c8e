#include <doctest/doctest.h>

#include "core/mail/email_template.h"

namespace fastcms::core::mail {

TEST_CASE("email templates take the app name and URL from settings and escape values in HTML") {
  nlohmann::json settings = {{"meta",
                              {{"appName", "Acme & Co"},
                               {"appURL", "https://acme.test/"},
                               {"senderName", "Support"},
                               {"senderAddress", "support@acme.test"}}}};
  nlohmann::json tmpl = {{"subject", "Verify your {APP_NAME} email"},
                         {"body", "<a href=\"{APP_URL}/v/{TOKEN}\">{APP_NAME}</a> {UNKNOWN} {"}};
  auto mail = render_email_template(tmpl, settings, "ann@example.com", {{"TOKEN", "a.b<c"}});
  CHECK(mail.subject == "Verify your Acme & Co email");
  CHECK(mail.html == "<a href=\"https://acme.test/v/a.b&lt;c\">Acme &amp; Co</a> {UNKNOWN} {");
  CHECK(mail.from_name == "Support");
  CHECK(mail.from_address == "support@acme.test");
  REQUIRE(mail.to.size() == 1);
  CHECK(mail.to[0] == "ann@example.com");
}

TEST_CASE("render_placeholders leaves unknown and unterminated placeholders as written") {
  CHECK(render_placeholders("{A}{B}{A", {{"A", "1"}}, false) == "1{B}{A");
  CHECK(render_placeholders("", {{"A", "1"}}, false).empty());
  CHECK(render_placeholders("x}{A}", {{"A", "<"}}, false) == "x}<");
}

}  // namespace fastcms::core::mail
