#pragma once
#include <nlohmann/json.hpp>

namespace fastcms::core::settings {

/// The settings as GET and PATCH /api/settings answer them: every secret
/// (secret_setting_paths: smtp.password, s3.secret, backups.s3.secret, sms.authToken) replaced by "", so
/// secrets never leave the server in clear. Sending the answer back as a PATCH keeps them.
nlohmann::json public_settings(nlohmann::json settings);

}  // namespace fastcms::core::settings
