#include "core/sms/console_sms_sender.h"

#include <iostream>
#include <mutex>

namespace fastcms::core::sms {

Status ConsoleSmsSender::send(const SmsMessage& message) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::cerr << "sms to " << message.to << ": " << message.body << std::endl;
  return Ok{};
}

}  // namespace fastcms::core::sms
