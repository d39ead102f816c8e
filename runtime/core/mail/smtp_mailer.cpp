#include "core/mail/smtp_mailer.h"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "core/mail/mime_message.h"

namespace fastcms::core::mail {

namespace {

void ensure_curl_initialized() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

template <class T>
T value_or(const nlohmann::json& object, const char* key, T fallback) {
  if (!object.is_object()) return fallback;
  auto it = object.find(key);
  if (it == object.end()) return fallback;
  if constexpr (std::is_same_v<T, std::string>) {
    return it->is_string() ? it->get<std::string>() : fallback;
  } else if constexpr (std::is_same_v<T, bool>) {
    return it->is_boolean() ? it->get<bool>() : fallback;
  } else {
    return it->is_number_integer() ? it->get<T>() : fallback;
  }
}

/// The message being uploaded and how much of it is sent.
struct Upload {
  std::string data;
  size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

/// Keeps the server's last error reply (4xx/5xx, e.g. "550 5.1.1 No such user") for error
/// messages; later replies such as QUIT's "221" do not overwrite it.
int record_reply(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN || size < 3) return 0;
  if (data[0] != '4' && data[0] != '5') return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  *static_cast<std::string*>(user) = line;
  return 0;
}

std::string server_url(const SmtpConfig& config) {
  std::string host = config.host.find(':') != std::string::npos ? "[" + config.host + "]" : config.host;
  std::string url = (config.tls ? "smtps://" : "smtp://") + host + ":" + std::to_string(config.port);
  if (!config.local_name.empty()) url += "/" + config.local_name;
  return url;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

/// A failure as the user should read it: which server, what it refused, its last reply.
std::string describe_failure(const SmtpConfig& config, const MailMessage& message, CURLcode code,
                             const std::string& error_buffer, const std::string& last_reply) {
  std::string server = "SMTP server " + config.host + ":" + std::to_string(config.port);
  std::string detail = !last_reply.empty() ? last_reply : !error_buffer.empty() ? error_buffer : curl_easy_strerror(code);
  auto starts = [&](const char* prefix) { return error_buffer.rfind(prefix, 0) == 0; };
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "cannot resolve the SMTP host \"" + config.host + "\": check smtp.host in the settings";
    case CURLE_COULDNT_CONNECT:
      return "cannot connect to " + server + ": " + (error_buffer.empty() ? curl_easy_strerror(code) : error_buffer);
    case CURLE_OPERATION_TIMEDOUT:
      return server + " did not answer in time: " + (error_buffer.empty() ? curl_easy_strerror(code) : error_buffer);
    case CURLE_LOGIN_DENIED:
      return server + " refused the login of \"" + config.username + "\": " + detail +
             " (check smtp.username, smtp.password and smtp.authMethod)";
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return "TLS with " + server + " failed: " + (error_buffer.empty() ? curl_easy_strerror(code) : error_buffer) +
             (config.tls ? " (smtp.tls is on: is the port an implicit-TLS port such as 465?)" : "");
    default:
      break;
  }
  if (starts("MAIL failed")) return server + " refused the sender " + message.from_address + ": " + detail;
  if (starts("RCPT failed")) {
    std::string to;
    for (const auto& address : message.to) to += (to.empty() ? "" : ", ") + address;
    return server + " refused the recipient " + to + ": " + detail;
  }
  return server + " did not accept the mail: " + detail;
}

}  // namespace

SmtpConfig smtp_config_from_settings(const nlohmann::json& smtp) {
  SmtpConfig config;
  config.host = value_or<std::string>(smtp, "host", "");
  config.port = value_or<int>(smtp, "port", config.port);
  config.username = value_or<std::string>(smtp, "username", "");
  config.password = value_or<std::string>(smtp, "password", "");
  config.auth_method = value_or<std::string>(smtp, "authMethod", "");
  config.tls = value_or<bool>(smtp, "tls", false);
  config.local_name = value_or<std::string>(smtp, "localName", "");
  return config;
}

SmtpMailer::SmtpMailer(SmtpConfig config) : config_(std::move(config)) {}

Status SmtpMailer::send(const MailMessage& message) {
  if (config_.host.empty()) return Error::usage("smtp.host is empty: set the SMTP server in the settings");
  auto mime = build_mime_message(message);
  if (!mime.ok()) return mime.error();

  ensure_curl_initialized();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Error::failure("cannot start an SMTP client (curl_easy_init failed)");
  curl_slist* list = nullptr;
  for (const auto& address : message.to) {
    curl_slist* appended = curl_slist_append(list, ("<" + address + ">").c_str());
    if (!appended) {
      curl_slist_free_all(list);
      return Error::failure("out of memory while preparing the recipients");
    }
    list = appended;
  }
  std::unique_ptr<curl_slist, SlistDeleter> recipients(list);
  Upload upload{std::move(*mime)};
  char error_buffer[CURL_ERROR_SIZE] = {0};
  std::string last_reply;
  std::string url = server_url(config_);
  std::string sender = "<" + message.from_address + ">";
  std::string login_options = config_.auth_method.empty() ? "" : "AUTH=" + config_.auth_method;

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, sender.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload.data.size()));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, record_reply);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &last_reply);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // feeds record_reply; nothing is printed
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(config_.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(config_.timeout.count()));
  if (!config_.tls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!config_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
    if (!login_options.empty()) curl_easy_setopt(c, CURLOPT_LOGIN_OPTIONS, login_options.c_str());
  }

  CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) return Error::failure(describe_failure(config_, message, code, error_buffer, last_reply));
  return Ok{};
}

}  // namespace fastcms::core::mail
