#pragma once
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/mail/mailer.h"

namespace fastcms::test {

/// A Mailer for unit tests: keeps every mail it is asked to send, or fails each send with
/// `fail_with` when set. Thread-safe. Install it with app.set_mailer(recorder).
class RecordingMailer final : public core::mail::Mailer {
 public:
  Status send(const core::mail::MailMessage& message) override {
    std::lock_guard lock(mutex_);
    if (fail_with_) return Error::failure(*fail_with_);
    sent_.push_back(message);
    return Ok{};
  }

  /// Every mail sent so far, oldest first.
  std::vector<core::mail::MailMessage> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }
  size_t count() const {
    std::lock_guard lock(mutex_);
    return sent_.size();
  }
  /// The last mail, or an empty MailMessage when none was sent.
  core::mail::MailMessage last() const {
    std::lock_guard lock(mutex_);
    return sent_.empty() ? core::mail::MailMessage{} : sent_.back();
  }
  void clear() {
    std::lock_guard lock(mutex_);
    sent_.clear();
  }
  /// From now on every send fails with this message (nullopt: sends succeed again).
  void fail_with(std::optional<std::string> message) {
    std::lock_guard lock(mutex_);
    fail_with_ = std::move(message);
  }

 private:
  mutable std::mutex mutex_;
  std::vector<core::mail::MailMessage> sent_;
  std::optional<std::string> fail_with_;
};

}  // namespace fastcms::test
