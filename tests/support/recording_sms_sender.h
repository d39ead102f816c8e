#pragma once
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/sms/sms_sender.h"

namespace fastcms::test {

/// An SmsSender for unit tests: keeps every message, or fails each send with `fail_with`
/// when set. Thread-safe.
class RecordingSmsSender final : public core::sms::SmsSender {
 public:
  Status send(const core::sms::SmsMessage& message) override {
    std::lock_guard lock(mutex_);
    if (fail_with_) return Error::failure(*fail_with_);
    sent_.push_back(message);
    return Ok{};
  }
  std::vector<core::sms::SmsMessage> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }
  void fail_with(std::optional<std::string> message) {
    std::lock_guard lock(mutex_);
    fail_with_ = std::move(message);
  }

 private:
  mutable std::mutex mutex_;
  std::vector<core::sms::SmsMessage> sent_;
  std::optional<std::string> fail_with_;
};

}  // namespace fastcms::test
