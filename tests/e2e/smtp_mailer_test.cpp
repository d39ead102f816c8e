// The SMTP transport against a real SMTP server: npm smtp-server, started by
// tests/e2e/sdk/smtp_sink.mjs on 127.0.0.1 (it writes each received mail to a JSON file).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/mail/smtp_mailer.h"
#include "support/e2e_project.h"
#include "support/process.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace fastcms::test {
namespace fs = std::filesystem;

namespace {

fs::path smtp_sink_script() { return fs::path(FASTCMS_SOURCE_DIR) / "tests" / "e2e" / "sdk" / "smtp_sink.mjs"; }

/// The sink started with `env`, or null (the test is skipped) when node or smtp-server is missing.
std::unique_ptr<ServerProcess> start_smtp_sink(const fs::path& dir, std::map<std::string, std::optional<std::string>> env) {
  std::string node = find_program("node");
  if (node.empty() || !fs::exists(smtp_sink_script().parent_path() / "node_modules" / "smtp-server")) {
    MESSAGE("skipped: node or tests/e2e/sdk/node_modules/smtp-server is missing (npm ci --prefix tests/e2e/sdk)");
    return nullptr;
  }
  ServerStartOptions options;
  options.run = in_dir(smtp_sink_script().parent_path());
  options.run.env = std::move(env);
  auto sink = std::make_unique<ServerProcess>(std::vector<std::string>{node, smtp_sink_script().string(), dir.string()},
                                              options);
  REQUIRE_MESSAGE(sink->started(), sink->startup_error());
  return sink;
}

core::mail::MailMessage round_trip_message() {
  core::mail::MailMessage m;
  m.from_name = "Acmé Support";
  m.from_address = "support@acme.test";
  m.to = {"ann@x.com"};
  m.subject = "Vérifiez your email";
  m.html = "<p>Your token: abc.def.ghi</p>\n" + std::string(120, 'x');
  return m;
}

}  // namespace

TEST_SUITE("e2e smtp") {
  TEST_CASE("the SMTP mailer delivers a mail to a real SMTP server, with and without a login") {
    TempDir dir;
    SUBCASE("no authentication") {
      auto sink = start_smtp_sink(dir.path(), {});
      if (!sink) return;
      core::mail::SmtpConfig config;
      config.host = "127.0.0.1";
      config.port = sink->port();
      config.local_name = "fastcms.test";
      auto sent = core::mail::SmtpMailer(config).send(round_trip_message());
      if (!sent.ok()) FAIL(sent.error().message << "\n" << sink->output_report());
      REQUIRE(wait_until([&] { return fs::exists(dir / "1.json"); }, std::chrono::seconds(10)));
      auto mail = nlohmann::json::parse(read_file(dir / "1.json"));
      CHECK(mail["from"] == "support@acme.test");
      CHECK(mail["to"] == nlohmann::json::array({"ann@x.com"}));
      CHECK(mail["headers"]["subject"] == "Vérifiez your email");
      CHECK(mail["headers"]["from"] == "Acmé Support <support@acme.test>");
      // The body decoded from quoted-printable (the sink may keep the CRLF that ends the data).
      const std::string expected = "<p>Your token: abc.def.ghi</p>\r\n" + std::string(120, 'x');
      std::string body = mail["body"].get<std::string>();
      while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
      CHECK(body == expected);
    }
    SUBCASE("AUTH PLAIN and LOGIN with the right password; a wrong one is reported") {
      auto sink = start_smtp_sink(dir.path(), {{"SMTP_SINK_USERNAME", "mailer"}, {"SMTP_SINK_PASSWORD", "s3cret"}});
      if (!sink) return;
      core::mail::SmtpConfig config;
      config.host = "127.0.0.1";
      config.port = sink->port();
      config.username = "mailer";
      config.password = "s3cret";
      for (const char* method : {"PLAIN", "LOGIN"}) {
        config.auth_method = method;
        auto sent = core::mail::SmtpMailer(config).send(round_trip_message());
        if (!sent.ok()) FAIL(method << ": " << sent.error().message);
      }
      REQUIRE(wait_until([&] { return fs::exists(dir / "2.json"); }, std::chrono::seconds(10)));

      config.password = "wrong";
      auto refused = core::mail::SmtpMailer(config).send(round_trip_message());
      REQUIRE_FALSE(refused.ok());
      CHECK(refused.error().message == "SMTP server 127.0.0.1:" + std::to_string(sink->port()) +
                                           " refused the login of \"mailer\": 535 Invalid username or password "
                                           "(check smtp.username, smtp.password and smtp.authMethod)");
    }
    SUBCASE("implicit TLS (smtp.tls) against a plain SMTP port fails with a hint") {
      auto sink = start_smtp_sink(dir.path(), {});
      if (!sink) return;
      core::mail::SmtpConfig config;
      config.host = "127.0.0.1";
      config.port = sink->port();
      config.tls = true;
      config.timeout = std::chrono::seconds(5);
      auto refused = core::mail::SmtpMailer(config).send(round_trip_message());
      REQUIRE_FALSE(refused.ok());
      CHECK(refused.error().message.rfind("TLS with SMTP server 127.0.0.1:" + std::to_string(sink->port()) + " failed: ", 0) == 0);
      CHECK(refused.error().message.find("(smtp.tls is on: is the port an implicit-TLS port such as 465?)") !=
            std::string::npos);
    }
    SUBCASE("a refused sender is named with the server's reply") {
      auto sink = start_smtp_sink(dir.path(), {{"SMTP_SINK_REJECT_SENDER", "support@acme.test"}});
      if (!sink) return;
      core::mail::SmtpConfig config;
      config.host = "127.0.0.1";
      config.port = sink->port();
      auto refused = core::mail::SmtpMailer(config).send(round_trip_message());
      REQUIRE_FALSE(refused.ok());
      CHECK(refused.error().message == "SMTP server 127.0.0.1:" + std::to_string(sink->port()) +
                                           " refused the sender support@acme.test: 553 Sender address rejected");
    }
  }

  TEST_CASE("the SMTP mailer reports an unreachable server and a missing host") {
    int port = free_tcp_port();
    core::mail::SmtpConfig config;
    config.host = "127.0.0.1";
    config.port = port;
    auto refused = core::mail::SmtpMailer(config).send(round_trip_message());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.rfind("cannot connect to SMTP server 127.0.0.1:" + std::to_string(port) + ": ", 0) == 0);

    core::mail::SmtpConfig empty;
    auto no_host = core::mail::SmtpMailer(empty).send(round_trip_message());
    REQUIRE_FALSE(no_host.ok());
    CHECK(no_host.error().message == "smtp.host is empty: set the SMTP server in the settings");
  }
}

}  // namespace fastcms::test
