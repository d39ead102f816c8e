#pragma once

#include <string>
#include <utility>
#include <vector>

namespace fastcms::core::mail {

/// One mail to send: a sender, recipients, a subject and an HTML body (with a plain-text
/// alternative when known). Addresses are bare (`a@b.c`); names are kept apart so that
/// transports can encode them.
struct MailMessage {
  std::string from_name;
  std::string from_address;
  std::vector<std::string> to;
  std::string subject;
  std::string html;
  std::string text;  ///< optional plain-text part; "" when only HTML is given
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers, e.g. X-Fastcms-Kind
};

}  // namespace fastcms::core::mail
