#include "core/records/list_options.h"

#include <charconv>

namespace fastcms::core::records {

namespace {

ApiError invalid_param(const std::string& name, const std::string& message) {
  return ApiError::bad_request("", {{name, {{"code", "validation_invalid_value"}, {"message", message}}}});
}

/// Go's strconv.Atoi: an optional sign and decimal digits, nothing else.
bool parse_go_int(const std::string& text, long long& out) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) return false;
  long long value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size()) return false;
  out = negative ? -value : value;
  return true;
}

/// Go's strconv.ParseBool.
bool parse_go_bool(const std::string& text, bool& out) {
  for (const char* t : {"1", "t", "T", "TRUE", "true", "True"})
    if (text == t) return out = true, true;
  for (const char* f : {"0", "f", "F", "FALSE", "false", "False"})
    if (text == f) return out = false, true;
  return false;
}

const std::string* param(const std::map<std::string, std::string>& query, const char* name) {
  auto it = query.find(name);
  return it == query.end() || it->second.empty() ? nullptr : &it->second;
}

}  // namespace

nlohmann::json ListPage::to_json() const {
  return {{"page", page},
          {"perPage", per_page},
          {"totalItems", total_items},
          {"totalPages", total_pages},
          {"items", items.is_array() ? items : nlohmann::json::array()}};
}

ApiResult<ListOptions> parse_list_options(const std::map<std::string, std::string>& query) {
  ListOptions options;
  if (const auto* v = param(query, "skipTotal"); v && !parse_go_bool(*v, options.skip_total))
    return invalid_param("skipTotal", "Must be a boolean (true or false).");
  if (const auto* v = param(query, "page"); v && !parse_go_int(*v, options.page))
    return invalid_param("page", "Must be an integer.");
  if (const auto* v = param(query, "perPage"); v && !parse_go_int(*v, options.per_page))
    return invalid_param("perPage", "Must be an integer.");
  if (const auto* v = param(query, "sort")) options.sort = *v;
  if (const auto* v = param(query, "filter")) options.filter = *v;
  if (const auto* v = param(query, "expand")) options.expand = *v;
  return options;
}

}  // namespace fastcms::core::records
