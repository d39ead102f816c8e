#pragma once
#include <string>

#include "common/error.h"

namespace fastcms::core::sms {

/// One text message to a phone number (E.164, e.g. "+15550001").
struct SmsMessage {
  std::string to;
  std::string body;
};

/// Something that delivers text messages: the console in dev, an HTTP SMS API (Twilio, a
/// webhook) in production, a recorder in tests. Implementations are thread-safe; send()
/// returns once the message is handed over, or an error naming what failed.
class SmsSender {
 public:
  virtual ~SmsSender() = default;
  virtual Status send(const SmsMessage& message) = 0;
};

}  // namespace fastcms::core::sms
