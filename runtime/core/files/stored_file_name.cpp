#include "core/files/stored_file_name.h"

#include <cctype>
#include <regex>

#include "common/random.h"

namespace fastcms::core::files {

namespace {

std::string random_lower_alnum(size_t n) {
  static constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string raw = random::bytes(n), out;
  for (unsigned char c : raw) out.push_back(alphabet[c % alphabet.size()]);
  return out;
}

/// "My Photo (1)" → "my_photo_1"; "someFileName" → "some_file_name".
std::string snake_case(std::string_view text) {
  std::string out;
  bool pending_separator = false;
  char previous = 0;
  for (char raw : text) {
    auto c = static_cast<unsigned char>(raw);
    if (!std::isalnum(c)) {
      pending_separator = !out.empty();
      previous = 0;
      continue;
    }
    bool camel_break = std::isupper(c) && previous && (std::islower(static_cast<unsigned char>(previous)) ||
                                                       std::isdigit(static_cast<unsigned char>(previous)));
    if ((pending_separator || camel_break) && !out.empty()) out.push_back('_');
    pending_separator = false;
    out.push_back(static_cast<char>(std::tolower(c)));
    previous = raw;
  }
  return out;
}

/// ".PNG" → ".png"; keeps [a-z0-9] after the dot, at most 20 of them; "" when none remain.
std::string clean_extension(std::string_view ext) {
  std::string out;
  for (char raw : ext) {
    auto c = static_cast<unsigned char>(raw);
    if (std::isalnum(c) && out.size() < 20) out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out.empty() ? std::string() : "." + out;
}

}  // namespace

std::string stored_file_name(std::string_view original, std::string_view detected_extension) {
  if (auto slash = original.find_last_of("/\\"); slash != std::string_view::npos) original.remove_prefix(slash + 1);
  std::string_view base = original, ext;
  if (auto dot = original.find_last_of('.'); dot != std::string_view::npos && dot > 0) {
    base = original.substr(0, dot);
    ext = original.substr(dot);
  }
  std::string clean_ext = clean_extension(ext);
  if (clean_ext.empty()) clean_ext = clean_extension(detected_extension);
  std::string name = snake_case(base);
  if (name.size() < 3) name += random_lower_alnum(10);
  if (name.size() > 100) name.resize(100);
  while (!name.empty() && name.back() == '_') name.pop_back();
  return name + "_" + random_lower_alnum(10) + clean_ext;
}

bool is_stored_file_name(std::string_view name) {
  static const std::regex shape(R"(^[a-z0-9][a-z0-9_]{0,110}_[a-z0-9]{10}(\.[a-z0-9]{1,20})?$)");
  return name.size() <= 140 && std::regex_match(name.begin(), name.end(), shape);
}

}  // namespace fastcms::core::files
