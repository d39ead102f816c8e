#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/sms/sms_sender.h"

namespace fastcms::core::sms {

/// The settings' `sms` block: provider "" (none: the console in dev), "twilio" or
/// "webhook", and the provider's account, secret, sender number and endpoint.
struct SmsProviderSettings {
  std::string provider;
  std::string account_sid;
  std::string auth_token;
  std::string from;
  std::string url;
};

/// settings.sms, with "" for what is missing.
SmsProviderSettings sms_provider_settings(const nlohmann::json& settings);

/// Sends through an HTTP SMS API (libcurl); a reply other than 2xx is an error quoting the
/// status and the start of the reply:
/// - "twilio": form POST To, From, Body to `{url or https://api.twilio.com}/2010-04-01/Accounts/{accountSid}/Messages.json`
///   with HTTP basic auth accountSid:authToken;
/// - "webhook": JSON POST {"to", "body"} (plus "from" when set) to `url`, with
///   "Authorization: Bearer {authToken}" when an authToken is set.
class HttpSmsSender : public SmsSender {
 public:
  explicit HttpSmsSender(SmsProviderSettings settings) : settings_(std::move(settings)) {}
  Status send(const SmsMessage& message) override;

 private:
  SmsProviderSettings settings_;
};

}  // namespace fastcms::core::sms
