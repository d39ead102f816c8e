#include "core/files/file_storage.h"

#include <cctype>

namespace fastcms::core::files {

bool is_safe_storage_key(std::string_view key) {
  if (key.empty() || key.size() > 512) return false;
  int segments = 0;
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find('/', start);
    if (end == std::string_view::npos) end = key.size();
    std::string_view segment = key.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == ".." || ++segments > 4) return false;
    for (char raw : segment) {
      auto c = static_cast<unsigned char>(raw);
      if (!std::isalnum(c) && c != '_' && c != '.' && c != '-') return false;
    }
    start = end + 1;
  }
  return true;
}

}  // namespace fastcms::core::files
