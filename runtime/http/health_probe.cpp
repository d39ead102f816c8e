#include "http/health_probe.h"

#include <httplib.h>

#include <cstdlib>
#include <regex>

#include "http/local_url.h"
#include "project/project.h"
#include "project/project_root.h"

namespace fastcms::http {

namespace {

constexpr int default_port = 8090;
const char* const health_path = "/api/health";

struct SplitUrl {
  std::string origin;  ///< scheme://host[:port]
  std::string path;    ///< "/..." or ""
};

Result<SplitUrl> split_url(const std::string& url) {
  static const std::regex url_re(R"(^(https?://[^/?#\s]+)([^\s#]*)$)", std::regex::icase);
  std::smatch m;
  if (!std::regex_match(url, m, url_re))
    return Error::usage("--url expects an http:// or https:// URL such as http://127.0.0.1:8090, got \"" + url + "\"");
  return SplitUrl{m[1].str(), m[2].str()};
}

Result<int> port_from_env(const char* value) {
  char* end = nullptr;
  long port = std::strtol(value, &end, 10);
  if (*value == '\0' || *end != '\0' || port < 1 || port > 65535)
    return Error::usage(std::string("PORT must be a port number (1-65535), got \"") + value + "\"");
  return static_cast<int>(port);
}

}  // namespace

Result<std::string> health_url_for(const std::string& url) {
  auto split = split_url(url);
  if (!split) return split.error();
  if (split->path.empty() || split->path == "/") return split->origin + health_path;
  return split->origin + split->path;
}

Result<std::string> default_health_base_url(const std::filesystem::path& start) {
  std::string host = "127.0.0.1";
  int port = default_port;
  if (project::find_project_root(start)) {
    auto project = project::open_project(start);
    if (!project) return project.error();
    host = project->config.host;
    port = project->config.port;
  }
  if (const char* env = std::getenv("PORT"); env && *env) {
    auto from_env = port_from_env(env);
    if (!from_env) return from_env.error();
    port = *from_env;
  }
  return local_base_url(host, port);
}

Status probe_health(const std::string& url, std::chrono::milliseconds timeout) {
  auto split = split_url(url);
  if (!split) return split.error();
  httplib::Client client(split->origin);
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(timeout - seconds);
  client.set_connection_timeout(seconds.count(), micros.count());
  client.set_read_timeout(seconds.count(), micros.count());
  client.set_write_timeout(seconds.count(), micros.count());
  std::string path = split->path.empty() ? "/" : split->path;
  auto res = client.Get(path);
  if (!res) {
    std::string reason = httplib::to_string(res.error());
    if (res.error() == httplib::Error::Read || res.error() == httplib::Error::ConnectionTimeout)
      reason += " (no answer within " + std::to_string(timeout.count()) + " ms)";
    return Error::failure("unhealthy: no answer from " + url + ": " + reason);
  }
  if (res->status != 200)
    return Error::failure("unhealthy: " + url + " answered HTTP " + std::to_string(res->status));
  return Ok{};
}

}  // namespace fastcms::http
