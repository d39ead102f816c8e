#include "core/sms/sms_sender_factory.h"

#include "core/sms/console_sms_sender.h"
#include "core/sms/http_sms_sender.h"

namespace fastcms::core::sms {

ApiResult<std::shared_ptr<SmsSender>> sms_sender_from_settings(const nlohmann::json& settings, bool dev) {
  auto provider = sms_provider_settings(settings);
  if (!provider.provider.empty()) return std::shared_ptr<SmsSender>(std::make_shared<HttpSmsSender>(provider));
  if (dev) return std::shared_ptr<SmsSender>(std::make_shared<ConsoleSmsSender>());
  return ApiError::bad_request("SMS sending is not configured: set settings sms.provider to twilio or webhook.");
}

}  // namespace fastcms::core::sms
