#include "core/mail/background_mailer.h"

#include <iostream>

namespace fastcms::core::mail {

namespace {
void log_to_stderr(const std::string& line) { std::cerr << line << std::endl; }

std::string recipients_of(const MailMessage& message) {
  std::string out;
  for (const auto& address : message.to) out += (out.empty() ? "" : ", ") + address;
  return out;
}
}  // namespace

BackgroundMailer::BackgroundMailer(Target target, LogLine log)
    : target_(std::move(target)), log_(log ? std::move(log) : log_to_stderr), worker_([this] { run(); }) {}

BackgroundMailer::~BackgroundMailer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

Status BackgroundMailer::send(const MailMessage& message) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(message);
  }
  changed_.notify_all();
  return Ok{};
}

void BackgroundMailer::wait_idle() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void BackgroundMailer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything is delivered
    MailMessage message = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    auto mailer = target_();
    Status sent = mailer ? mailer->send(message) : Status(Error::failure("no mailer is configured"));
    if (!sent.ok())
      log_("failed to send the mail \"" + message.subject + "\" to " + recipients_of(message) + ": " +
           sent.error().message);
    lock.lock();
    busy_ = false;
    changed_.notify_all();
  }
}

}  // namespace fastcms::core::mail
