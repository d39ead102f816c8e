#include "core/records/password_field.h"

#include <regex>

#include "common/regex_cache.h"
#include "core/auth/password_hash.h"

namespace fastcms::core::records {

namespace {

size_t characters(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

long long int_option(const collections::Field& f, const char* key) {
  auto it = f.options.find(key);
  return it != f.options.end() && it->is_number() ? it->get<long long>() : 0;
}

}  // namespace

std::optional<FieldError> check_plain_password(const collections::Field& field, const std::string& plain) {
  if (plain.empty()) return std::nullopt;
  const auto length = static_cast<long long>(characters(plain));
  const long long min = field.options.contains("min") ? int_option(field, "min")
                        : field.system                  ? static_cast<long long>(default_password_min)
                                                        : 0;
  long long max = int_option(field, "max");
  if (max <= 0) max = static_cast<long long>(default_password_max);
  if (length < min)
    return FieldError{"validation_min_text_constraint", "Must be at least " + std::to_string(min) + " character(s).",
                      {{"min", min}}};
  if (length > max || plain.size() > 72)
    return FieldError{"validation_max_text_constraint", "Must be less than " + std::to_string(max) + " character(s).",
                      {{"max", max}}};
  const std::string pattern = field.options.value("pattern", std::string());
  if (!pattern.empty()) {
    try {
      if (!std::regex_search(plain, cached_regex(pattern)))
        return FieldError{"validation_invalid_format", "Invalid value format."};
    } catch (const std::regex_error&) {
      return FieldError{"validation_invalid_format", "The field's pattern is not a valid regular expression."};
    }
  }
  return std::nullopt;
}

Result<std::string> hash_field_password(const collections::Field& field, const std::string& plain) {
  if (plain.empty()) return std::string();
  long long cost = int_option(field, "cost");
  if (cost <= 0) cost = auth::default_bcrypt_cost;
  return auth::hash_password(plain, static_cast<int>(cost));
}

}  // namespace fastcms::core::records
