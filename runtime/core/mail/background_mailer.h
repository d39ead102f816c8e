#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/mail/mailer.h"

namespace fastcms::core::mail {

/// Sends mails on one worker thread so that the caller's response time does not depend on
/// the mail transport (PocketBase sends verification and password-reset mails "fire and
/// forget": a request for an unknown address must look exactly like one for a known
/// address). send() queues and returns Ok at once; a failed delivery is reported through
/// `log` (stderr by default). The destructor delivers what is queued, then stops.
class BackgroundMailer final : public Mailer {
 public:
  /// `target` is asked for the mailer at delivery time (the App's mailer may be replaced).
  using Target = std::function<std::shared_ptr<Mailer>()>;
  using LogLine = std::function<void(const std::string&)>;

  explicit BackgroundMailer(Target target, LogLine log = {});
  ~BackgroundMailer() override;
  BackgroundMailer(const BackgroundMailer&) = delete;
  BackgroundMailer& operator=(const BackgroundMailer&) = delete;

  Status send(const MailMessage& message) override;

  /// Blocks until every mail queued so far has been handed to the target (tests).
  void wait_idle();

 private:
  void run();

  Target target_;
  LogLine log_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<MailMessage> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace fastcms::core::mail
