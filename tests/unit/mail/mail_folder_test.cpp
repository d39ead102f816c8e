#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "core/app/app.h"
#include "core/mail/mail_folder.h"
#include "core/mail/settings_mailer.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace fastcms::core::mail {

namespace {

MailMessage folder_test_message(std::string subject) {
  MailMessage m;
  m.from_name = "Support";
  m.from_address = "support@acme.test";
  m.to = {"ann@x.com"};
  m.subject = std::move(subject);
  m.html = "<p>token abc</p>";
  return m;
}

std::vector<std::filesystem::path> eml_files(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::is_directory(folder)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().extension() == ".eml") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::unique_ptr<App> folder_test_app(const test::TempDir& dir, bool dev, nlohmann::json settings) {
  auto app = std::make_unique<App>(test::open_test_sqlite(dir / "data.db"),
                                   App::Options{dir.path(), std::string(40, 's'), dev});
  app->set_settings(std::move(settings));
  return app;
}

}  // namespace

TEST_CASE("the mail folder writes each mail as its own .eml file and logs one summary line") {
  test::TempDir dir;
  std::vector<std::string> lines;
  MailFolder folder(project_mail_folder(dir.path()), dir.path(), [&](const std::string& l) { lines.push_back(l); });
  REQUIRE(folder.send(folder_test_message("Verify your Acme email")).ok());
  REQUIRE(folder.send(folder_test_message("Reset your Acme password")).ok());

  auto files = eml_files(dir / "data/mail");
  REQUIRE(files.size() == 2);
  CHECK(files[0].filename().string().size() == std::string("20261122-004618_1.eml").size());
  std::string first = test::read_file(files[0]);
  CHECK(first.find("Subject: Verify your Acme email\r\n") != std::string::npos);
  CHECK(first.find("To: ann@x.com\r\n") != std::string::npos);
  CHECK(first.find("<p>token abc</p>\r\n") != std::string::npos);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "mail to ann@x.com: Verify your Acme email \u2192 data/mail/" + files[0].filename().string());
  // Nothing but the .eml files is left behind (the temp file was renamed).
  CHECK(std::distance(std::filesystem::directory_iterator(dir / "data/mail"), std::filesystem::directory_iterator{}) == 2);

  SUBCASE("an invalid mail is refused and leaves no file") {
    MailMessage bad = folder_test_message("x");
    bad.to = {"not an address"};
    CHECK_FALSE(folder.send(bad).ok());
    CHECK(eml_files(dir / "data/mail").size() == 2);
  }
}

TEST_CASE("the settings mailer follows the App's current settings at every send") {
  test::TempDir dir;
  nlohmann::json settings = {{"meta", {{"appName", "Acme"}}}, {"smtp", {{"enabled", false}}}};

  SUBCASE("outside dev with smtp disabled, sending fails with how to configure mail") {
    auto app = folder_test_app(dir, /*dev=*/false, settings);
    SettingsMailer mailer(*app);
    auto sent = mailer.send(folder_test_message("x"));
    REQUIRE_FALSE(sent.ok());
    CHECK(sent.error().message == "mail is not configured: enable smtp in the settings (PATCH /api/settings)");
    CHECK(eml_files(dir / "data/mail").empty());
  }

  SUBCASE("in dev with smtp disabled, mails go to data/mail; enabling smtp switches to the SMTP server") {
    auto app = folder_test_app(dir, /*dev=*/true, settings);
    SettingsMailer mailer(*app);
    REQUIRE(mailer.send(folder_test_message("to the folder")).ok());
    CHECK(eml_files(dir / "data/mail").size() == 1);

    settings["smtp"] = {{"enabled", true}, {"host", "127.0.0.1"}, {"port", 1}, {"tls", false}};
    app->set_settings(settings);
    auto sent = mailer.send(folder_test_message("to smtp"));
    REQUIRE_FALSE(sent.ok());
    CHECK(sent.error().message.rfind("cannot connect to SMTP server 127.0.0.1:1: ", 0) == 0);
    CHECK(eml_files(dir / "data/mail").size() == 1);
  }
}

}  // namespace fastcms::core::mail
