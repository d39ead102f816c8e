#include "common/text_formats.h"

#include <regex>
#include <string>

namespace fastcms::text_formats {

namespace {

bool is_ipv4(const std::string& s) {
  static const std::regex re(R"(^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$)");
  return std::regex_match(s, re);
}

bool is_ipv6(const std::string& s) {
  static const std::regex re(R"(^[0-9A-Fa-f:.]+$)");
  if (s.find(':') == std::string::npos || !std::regex_match(s, re)) return false;
  size_t double_colons = 0;
  for (size_t p = s.find("::"); p != std::string::npos; p = s.find("::", p + 1)) ++double_colons;
  return double_colons <= 1 && s.find(":::") == std::string::npos;
}

bool is_dns_name(const std::string& s) {
  static const std::regex re(R"(^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}(\.[A-Za-z0-9_][A-Za-z0-9_-]{0,62})*\.?$)");
  return s.size() <= 253 && std::regex_match(s, re);
}

}  // namespace

bool is_email_address(std::string_view text) {
  static const std::regex re(
      R"(^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$)");
  return text.size() <= 254 && std::regex_match(std::string(text), re);
}

bool is_url(std::string_view text) {
  static const std::regex re(
      R"(^(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^\s/?#@]+@)?(\[[0-9A-Fa-f:.]+\]|[^\s/?#:@\[\]]+)(?::\d{1,5})?(?:[/?#]\S*)?$)");
  if (text.empty() || text.size() > 2083 || text.front() == '.') return false;
  std::string s(text);
  std::smatch m;
  if (!std::regex_match(s, m, re)) return false;
  std::string host = m[1].str();
  if (host.front() == '[') return is_ipv6(host.substr(1, host.size() - 2));
  return is_ipv4(host) || is_dns_name(host);
}

bool is_host(std::string_view text) {
  std::string s(text);
  return is_ipv4(s) || is_ipv6(s) || is_dns_name(s);
}

}  // namespace fastcms::text_formats
