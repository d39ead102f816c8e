#pragma once
#include "core/sms/sms_sender.h"

namespace fastcms::core::sms {

/// The dev sender: writes "sms to {to}: {body}" as one line on stderr.
class ConsoleSmsSender : public SmsSender {
 public:
  Status send(const SmsMessage& message) override;
};

}  // namespace fastcms::core::sms
