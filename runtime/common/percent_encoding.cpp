#include "common/percent_encoding.h"

#include <cctype>

namespace fastcms {

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!out.empty()) out += '&';
    out += percent_encode(key) + "=" + percent_encode(value);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> form_decode(std::string_view text) {
  auto decode = [](std::string_view part) {
    std::string out;
    for (size_t i = 0; i < part.size(); ++i) {
      char ch = part[i];
      if (ch == '+') {
        out += ' ';
      } else if (ch == '%' && i + 2 < part.size() && std::isxdigit(static_cast<unsigned char>(part[i + 1])) &&
                 std::isxdigit(static_cast<unsigned char>(part[i + 2]))) {
        out += static_cast<char>(std::stoi(std::string(part.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        out += ch;
      }
    }
    return out;
  };
  std::vector<std::pair<std::string, std::string>> fields;
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    fields.emplace_back(decode(pair.substr(0, eq)), eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1)));
  }
  return fields;
}

}  // namespace fastcms
