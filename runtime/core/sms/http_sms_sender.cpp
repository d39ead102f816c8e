#include "core/sms/http_sms_sender.h"

#include "common/percent_encoding.h"
#include "common/http_post.h"

namespace fastcms::core::sms {
using nlohmann::json;

namespace {

constexpr const char* twilio_api = "https://api.twilio.com";
constexpr size_t quoted_reply_length = 200;

HttpPost twilio_request(const SmsProviderSettings& s, const SmsMessage& message) {
  std::string base = s.url.empty() ? twilio_api : s.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  HttpPost post;
  post.url = base + "/2010-04-01/Accounts/" + percent_encode(s.account_sid) + "/Messages.json";
  post.content_type = "application/x-www-form-urlencoded";
  post.body = form_encode({{"To", message.to}, {"From", s.from}, {"Body", message.body}});
  post.basic_user = s.account_sid;
  post.basic_password = s.auth_token;
  return post;
}

HttpPost webhook_request(const SmsProviderSettings& s, const SmsMessage& message) {
  json body = {{"to", message.to}, {"body", message.body}};
  if (!s.from.empty()) body["from"] = s.from;
  HttpPost post;
  post.url = s.url;
  post.content_type = "application/json";
  post.body = body.dump();
  if (!s.auth_token.empty()) post.headers.emplace_back("Authorization", "Bearer " + s.auth_token);
  return post;
}

}  // namespace

SmsProviderSettings sms_provider_settings(const json& settings) {
  json block = settings.is_object() ? settings.value("sms", json::object()) : json::object();
  auto text = [&](const char* key) {
    auto it = block.find(key);
    return it != block.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return {text("provider"), text("accountSid"), text("authToken"), text("from"), text("url")};
}

Status HttpSmsSender::send(const SmsMessage& message) {
  HttpPost post;
  if (settings_.provider == "twilio")
    post = twilio_request(settings_, message);
  else if (settings_.provider == "webhook")
    post = webhook_request(settings_, message);
  else
    return Error::failure("unknown SMS provider \"" + settings_.provider + "\" (expected twilio or webhook)");
  auto reply = http_post(post);
  if (!reply) return reply.error();
  if (reply->status < 200 || reply->status >= 300)
    return Error::failure("the SMS provider " + settings_.provider + " answered " + std::to_string(reply->status) +
                          ": " + reply->body.substr(0, quoted_reply_length));
  return Ok{};
}

}  // namespace fastcms::core::sms
