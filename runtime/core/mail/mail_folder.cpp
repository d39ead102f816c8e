#include "core/mail/mail_folder.h"

#include <chrono>
#include <ctime>
#include <iostream>
#include <system_error>

#include "common/files.h"
#include "core/mail/mime_message.h"

namespace fastcms::core::mail {

namespace {

std::string utc_stamp(std::chrono::system_clock::time_point time) {
  std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%d-%H%M%S", &tm);
  return buffer;
}

void log_to_stderr(const std::string& line) { std::cerr << line << std::endl; }

std::string joined(const std::vector<std::string>& addresses) {
  std::string out;
  for (const auto& address : addresses) out += (out.empty() ? "" : ", ") + address;
  return out;
}

}  // namespace

std::filesystem::path project_mail_folder(const std::filesystem::path& project_root) {
  return project_root / "data" / "mail";
}

MailFolder::MailFolder(std::filesystem::path folder, std::filesystem::path shown_from, LogLine log)
    : folder_(std::move(folder)), shown_from_(std::move(shown_from)), log_(log ? std::move(log) : log_to_stderr) {}

Status MailFolder::send(const MailMessage& message) {
  auto now = std::chrono::system_clock::now();
  auto mime = build_mime_message(message, MimeOptions{now});
  if (!mime.ok()) return mime.error();
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  if (ec) return Error::failure("cannot create the mail folder " + folder_.string() + ": " + ec.message());
  auto path = folder_ / (utc_stamp(now) + "_" + std::to_string(++count_) + ".eml");
  if (auto written = fastcms::files::write_atomic(path, *mime, std::filesystem::perms::owner_read |
                                                          std::filesystem::perms::owner_write);
      !written.ok())
    return written.error();
  auto shown = path.lexically_relative(shown_from_);
  if (shown.empty() || *shown.begin() == "..") shown = path;
  log_("mail to " + joined(message.to) + ": " + message.subject + " \u2192 " + shown.string());
  return Ok{};
}

}  // namespace fastcms::core::mail
