#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/collections/collection.h"

/// The options of the sign-in methods without a password, read from an auth collection's
/// definition with the defaults of auth_option_defaults() for what it leaves out.
namespace fastcms::core::auth {

/// PocketBase's `otp{enabled, duration, length, emailTemplate}`; defaults false, 180 s, 8.
struct OtpOptions {
  bool enabled = false;
  long long duration = 180;
  long long length = 8;
  nlohmann::json email_template;  ///< {subject, body}; placeholders {OTP}, {OTP_ID}, {APP_NAME}, {APP_URL}
};
OtpOptions otp_options(const collections::Collection& collection);

/// FastCMS's `magicLink{enabled, duration, emailTemplate}`; defaults false, 900 s.
struct MagicLinkOptions {
  bool enabled = false;
  long long duration = 900;
  nlohmann::json email_template;  ///< {subject, body}; placeholders {LINK}, {APP_NAME}, {APP_URL}
};
MagicLinkOptions magic_link_options(const collections::Collection& collection);

/// FastCMS's `sms{enabled, duration, length, phoneField}`; defaults false, 300 s, 6, "phone".
struct SmsOptions {
  bool enabled = false;
  long long duration = 300;
  long long length = 6;
  std::string phone_field = "phone";
};
SmsOptions sms_options(const collections::Collection& collection);

}  // namespace fastcms::core::auth
