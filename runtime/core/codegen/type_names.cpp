#include "core/codegen/type_names.h"

#include <cctype>

namespace fastcms::core::codegen {

std::string pascal_case(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front()))) out = "C" + out;
  return out;
}

}  // namespace fastcms::core::codegen
