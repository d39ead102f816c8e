#include "core/sms/http_sms_sender.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "core/settings/public_settings.h"
#include "core/settings/settings_defaults.h"
#include "core/settings/settings_validation.h"
#include "core/sms/sms_sender_factory.h"

namespace {
using nlohmann::json;
namespace sms = fastcms::core::sms;

/// A local HTTP server on 127.0.0.1 (a free port) recording the POSTs it receives and
/// answering each with `status`.
class SmsApiStub {
 public:
  struct Received {
    std::string path, content_type, authorization, body;
  };

  explicit SmsApiStub(int status = 201) : status_(status) {
    server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      received_.push_back({req.path, req.get_header_value("Content-Type"), req.get_header_value("Authorization"),
                           req.body});
      res.status = status_;
      res.set_content(status_ < 300 ? R"({"sid":"SM1"})" : R"({"message":"bad number"})", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~SmsApiStub() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<Received> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  int status_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<Received> received_;
};

}  // namespace

TEST_SUITE("sms senders") {
  TEST_CASE("twilio: a form POST to the Messages resource with basic auth") {
    SmsApiStub api;
    sms::HttpSmsSender sender({"twilio", "AC123", "tok en", "+15550000", api.url() + "/"});
    auto sent = sender.send({"+15550001", "your code is 123456"});
    if (!sent.ok()) FAIL(sent.error().message);
    auto got = api.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].path == "/2010-04-01/Accounts/AC123/Messages.json");
    CHECK(got[0].content_type == "application/x-www-form-urlencoded");
    CHECK(got[0].body == "To=%2B15550001&From=%2B15550000&Body=your%20code%20is%20123456");
    CHECK(got[0].authorization == "Basic " + std::string("QUMxMjM6dG9rIGVu"));  // AC123:tok en
  }

  TEST_CASE("webhook: a JSON POST {to, body} with the token as a bearer") {
    SmsApiStub api(200);
    sms::HttpSmsSender sender({"webhook", "", "hook-secret", "", api.url() + "/sms"});
    auto sent = sender.send({"+15550001", "your code is 123456"});
    if (!sent.ok()) FAIL(sent.error().message);
    auto got = api.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].path == "/sms");
    CHECK(got[0].content_type == "application/json");
    CHECK(json::parse(got[0].body) == json{{"to", "+15550001"}, {"body", "your code is 123456"}});
    CHECK(got[0].authorization == "Bearer hook-secret");
  }

  TEST_CASE("a refusal or an unreachable provider is an error naming it") {
    SmsApiStub api(400);
    auto refused = sms::HttpSmsSender({"webhook", "", "", "", api.url()}).send({"+1555", "x"});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message == R"(the SMS provider webhook answered 400: {"message":"bad number"})");
    auto unreachable = sms::HttpSmsSender({"webhook", "", "", "", "http://127.0.0.1:1/"}).send({"+1555", "x"});
    REQUIRE_FALSE(unreachable.ok());
    CHECK(unreachable.error().message.starts_with("HTTP POST to http://127.0.0.1:1/ failed: "));
  }

  TEST_CASE("the sender follows settings.sms; the console only in dev") {
    json settings = fastcms::core::settings::default_settings();
    CHECK(sms::sms_sender_from_settings(settings, true).ok());
    auto refused = sms::sms_sender_from_settings(settings, false);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().status == 400);
    settings["sms"]["provider"] = "webhook";
    settings["sms"]["url"] = "http://127.0.0.1:9/x";
    CHECK(sms::sms_sender_from_settings(settings, false).ok());
    auto read = sms::sms_provider_settings(settings);
    CHECK(read.provider == "webhook");
    CHECK(read.url == "http://127.0.0.1:9/x");
  }

  TEST_CASE("settings: the sms block is validated and its authToken is a secret") {
    using fastcms::core::settings::settings_errors;
    json settings = fastcms::core::settings::default_settings();
    CHECK(settings["sms"] == json{{"provider", ""}, {"accountSid", ""}, {"authToken", ""}, {"from", ""}, {"url", ""}});
    CHECK(settings_errors(settings).empty());
    settings["sms"]["provider"] = "twilio";
    json errors = settings_errors(settings);
    CHECK(errors["sms"]["accountSid"]["code"] == "validation_required");
    CHECK(errors["sms"]["authToken"]["code"] == "validation_required");
    CHECK(errors["sms"]["from"]["code"] == "validation_required");
    CHECK_FALSE(errors["sms"].contains("url"));
    settings["sms"] = {{"provider", "webhook"}, {"accountSid", ""}, {"authToken", "s3cret"}, {"from", ""}, {"url", ""}};
    CHECK(settings_errors(settings)["sms"]["url"]["code"] == "validation_required");
    settings["sms"]["url"] = "not a url";
    CHECK(settings_errors(settings)["sms"]["url"]["code"] == "validation_is_url");
    settings["sms"]["provider"] = "carrier-pigeon";
    CHECK(settings_errors(settings)["sms"]["provider"]["code"] == "validation_in_invalid");
    CHECK(fastcms::core::settings::public_settings(settings)["sms"]["authToken"] == "");
  }
}
