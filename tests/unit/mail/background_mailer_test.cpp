#include "core/mail/background_mailer.h"

#include <doctest/doctest.h>

#include "support/recording_mailer.h"

namespace fastcms::core::mail {

TEST_CASE("the background mailer delivers queued mails in order and logs failures instead of returning them") {
  auto recorder = std::make_shared<test::RecordingMailer>();
  std::vector<std::string> logged;
  std::mutex logged_mutex;
  {
    BackgroundMailer background([recorder] { return recorder; },
                                [&](const std::string& line) {
                                  std::lock_guard lock(logged_mutex);
                                  logged.push_back(line);
                                });
    MailMessage m;
    m.to = {"ann@x.com"};
    for (const char* subject : {"one", "two"}) {
      m.subject = subject;
      CHECK(background.send(m).ok());
    }
    background.wait_idle();
    REQUIRE(recorder->count() == 2);
    CHECK(recorder->sent()[0].subject == "one");
    CHECK(recorder->sent()[1].subject == "two");

    recorder->fail_with("SMTP server down");
    m.subject = "three";
    CHECK(background.send(m).ok());
    background.wait_idle();
    std::lock_guard lock(logged_mutex);
    REQUIRE(logged.size() == 1);
    CHECK(logged[0] == "failed to send the mail \"three\" to ann@x.com: SMTP server down");
    recorder->fail_with(std::nullopt);
    m.subject = "four";
    CHECK(background.send(m).ok());
  }  // the destructor delivers what is still queued
  CHECK(recorder->count() == 3);
}

}  // namespace fastcms::core::mail
