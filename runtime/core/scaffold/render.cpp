#include "core/scaffold/render.h"

namespace fastcms::core::scaffold {

std::string render(std::string_view text, const std::map<std::string, std::string>& vars) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    std::string key(text.substr(open + 2, close - open - 2));
    if (auto it = vars.find(key); it != vars.end()) out += it->second;
    else out.append(text.substr(open, close + 2 - open));
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace fastcms::core::scaffold
