#include "core/rate_limit/client_ip.h"

#include "common/strings.h"

namespace fastcms::core::rate_limit {

std::string client_ip(const std::string& remote_ip, const std::map<std::string, std::string>& headers,
                      const nlohmann::json& settings) {
  auto proxy = settings.find("trustedProxy");
  if (proxy == settings.end() || !proxy->is_object()) return remote_ip;
  auto names = proxy->find("headers");
  if (names == proxy->end() || !names->is_array()) return remote_ip;
  bool leftmost = proxy->value("useLeftmostIP", false);
  for (const auto& name : *names) {
    if (!name.is_string()) continue;
    auto header = headers.find(strings::to_lower(name.get<std::string>()));
    if (header == headers.end()) continue;
    auto addresses = strings::split_trimmed(header->second, ',');
    std::erase(addresses, std::string());
    if (!addresses.empty()) return leftmost ? addresses.front() : addresses.back();
  }
  return remote_ip;
}

}  // namespace fastcms::core::rate_limit
