#pragma once
#include <atomic>
#include <filesystem>
#include <functional>
#include <string>

#include "core/mail/mailer.h"

namespace fastcms::core::mail {

/// The dev mailer: nothing leaves the machine. Each mail is rendered (build_mime_message)
/// and written atomically to `<folder>/<UTC yyyymmdd-hhmmss>_<n>.eml` (n counts the mails of
/// this process, so names never collide), then one summary line goes to `log`:
///   mail to ann@x.com: Verify your fastcms email → data/mail/20261122-004618_1.eml
/// (the path is shown relative to `shown_from` when it lies under it).
class MailFolder final : public Mailer {
 public:
  using LogLine = std::function<void(const std::string&)>;
  /// `log` defaults to a line on stderr.
  MailFolder(std::filesystem::path folder, std::filesystem::path shown_from, LogLine log = {});
  Status send(const MailMessage& message) override;

  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path folder_;
  std::filesystem::path shown_from_;
  LogLine log_;
  std::atomic<unsigned long> count_{0};
};

/// `<project>/data/mail`, the folder `fastcms dev` writes mails to.
std::filesystem::path project_mail_folder(const std::filesystem::path& project_root);

}  // namespace fastcms::core::mail
