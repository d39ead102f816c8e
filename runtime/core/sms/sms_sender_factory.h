#pragma once
#include <memory>
#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "core/sms/sms_sender.h"

namespace fastcms::core::sms {

/// The sender the settings' `sms` block asks for: HttpSmsSender for "twilio" and
/// "webhook"; with provider "" the console in `dev`, otherwise 400 "SMS sending is not
/// configured: set settings sms.provider to twilio or webhook." (the same answer for every
/// phone number, so it tells nothing about accounts).
ApiResult<std::shared_ptr<SmsSender>> sms_sender_from_settings(const nlohmann::json& settings, bool dev);

}  // namespace fastcms::core::sms
