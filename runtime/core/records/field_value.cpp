#include "core/records/field_value.h"

#include <cmath>
#include <regex>
#include <set>

#include "common/regex_cache.h"
#include "common/datetime.h"
#include "common/strings.h"

namespace fastcms::core::records {
using nlohmann::json;
using collections::Field;

namespace {

using Outcome = std::variant<json, FieldError>;

constexpr long long default_text_max = 5000;
constexpr long long default_editor_max = 5 * 1024 * 1024;
constexpr long long default_json_max = 1024 * 1024;

FieldError fail(std::string code, std::string message, json params = nullptr) {
  return {std::move(code), std::move(message), std::move(params)};
}

FieldError required_error() { return required_field_error(); }

long long option_int(const Field& f, const char* key, long long fallback = 0) {
  auto it = f.options.find(key);
  return it != f.options.end() && it->is_number() ? it->get<long long>() : fallback;
}

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

/// Scalars from forms arrive as strings; JSON scalars keep their type.
std::string as_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

std::string domain_of(const std::string& host_or_email) {
  std::string d = host_or_email.substr(host_or_email.rfind('@') == std::string::npos ? 0 : host_or_email.rfind('@') + 1);
  for (auto& c : d) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return d;
}

std::optional<FieldError> check_domains(const Field& f, const std::string& domain, const char* kind) {
  auto list = [&](const char* key) {
    std::vector<std::string> out;
    if (auto it = f.options.find(key); it != f.options.end() && it->is_array())
      for (const auto& d : *it) out.push_back(domain_of(d.get<std::string>()));
    return out;
  };
  auto only = list("onlyDomains"), except = list("exceptDomains");
  auto contains = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), domain) != v.end(); };
  if (!only.empty() && !contains(only))
    return fail(std::string("validation_") + kind + "_domain_not_allowed", "Domain not allowed; allowed: " + strings::join(only, ", ") + ".");
  if (contains(except))
    return fail(std::string("validation_") + kind + "_domain_not_allowed", "Domain \"" + domain + "\" is not allowed.");
  return std::nullopt;
}

Outcome text_value(const Field& f, const json& in) {
  if (!in.is_string() && !in.is_number() && !in.is_null() && !in.is_boolean())
    return fail("validation_invalid_value", "Must be a string.");
  std::string s = as_text(in);
  if (s.empty()) return f.required ? Outcome(required_error()) : Outcome(json(""));
  size_t len = utf8_length(s);
  long long min = option_int(f, "min"), max = option_int(f, "max");
  if (max <= 0) max = default_text_max;
  if (static_cast<long long>(len) < min)
    return fail("validation_min_text_constraint", "Must be at least " + std::to_string(min) + " character(s).", {{"min", min}});
  if (static_cast<long long>(len) > max)
    return fail("validation_max_text_constraint", "Must be no more than " + std::to_string(max) + " character(s).", {{"max", max}});
  if (auto it = f.options.find("pattern"); it != f.options.end() && it->is_string() && !it->get<std::string>().empty()) {
    try {
      if (!std::regex_search(s, cached_regex(it->get<std::string>())))
        return fail("validation_invalid_format", "Invalid value format.");
    } catch (const std::regex_error&) {
      return fail("validation_invalid_format", "The field's pattern is not a valid regular expression.");
    }
  }
  return json(s);
}

Outcome number_value(const Field& f, const json& in) {
  double n = 0;
  if (in.is_number()) {
    n = in.get<double>();
  } else if (in.is_string() || in.is_null()) {
    std::string s = strings::trim(as_text(in));
    if (!s.empty()) {
      size_t used = 0;
      try { n = std::stod(s, &used); } catch (...) { used = 0; }
      if (used != s.size()) return fail("validation_invalid_number", "Must be a valid number.");
    }
  } else if (in.is_boolean()) {
    n = in.get<bool>() ? 1 : 0;
  } else {
    return fail("validation_invalid_number", "Must be a valid number.");
  }
  if (!std::isfinite(n)) return fail("validation_invalid_number", "Must be a finite number.");
  if (n == 0 && f.required) return required_error();
  if (f.options.value("onlyInt", false) && n != std::floor(n))
    return fail("validation_only_int_constraint", "Decimal numbers are not allowed.");
  if (auto it = f.options.find("min"); it != f.options.end() && it->is_number() && n < it->get<double>())
    return fail("validation_min_number_constraint", "Must be larger than or equal to " + it->dump() + ".", {{"min", *it}});
  if (auto it = f.options.find("max"); it != f.options.end() && it->is_number() && n > it->get<double>())
    return fail("validation_max_number_constraint", "Must be less than or equal to " + it->dump() + ".", {{"max", *it}});
  if (n == std::floor(n) && std::fabs(n) < 9.007199254740992e15) return json(static_cast<long long>(n));
  return json(n);
}

Outcome bool_value(const Field& f, const json& in) {
  bool b = false;
  if (in.is_boolean()) {
    b = in.get<bool>();
  } else if (in.is_number()) {
    b = in.get<double>() != 0;
  } else if (in.is_string() || in.is_null()) {
    std::string s = as_text(in);
    if (s == "true" || s == "1" || s == "on") b = true;
    else if (s.empty() || s == "false" || s == "0" || s == "off") b = false;
    else return fail("validation_invalid_bool", "Must be a boolean.");
  } else {
    return fail("validation_invalid_bool", "Must be a boolean.");
  }
  if (!b && f.required) return required_error();
  return json(b);
}

Outcome email_value(const Field& f, const json& in) {
  static const std::regex re(R"(^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$)");
  if (!in.is_string() && !in.is_null()) return fail("validation_is_email", "Must be a valid email address.");
  std::string s = strings::trim(as_text(in));
  if (s.empty()) return f.required ? Outcome(required_error()) : Outcome(json(""));
  if (s.size() > 254 || !std::regex_match(s, re)) return fail("validation_is_email", "Must be a valid email address.");
  if (auto e = check_domains(f, domain_of(s), "email")) return *e;
  return json(s);
}

Outcome url_value(const Field& f, const json& in) {
  static const std::regex re(R"(^([A-Za-z][A-Za-z0-9+.-]*)://([^/\s?#:@]+@)?([^/\s?#:]+)(:\d+)?([/?#]\S*)?$)");
  if (!in.is_string() && !in.is_null()) return fail("validation_is_url", "Must be a valid url.");
  std::string s = strings::trim(as_text(in));
  if (s.empty()) return f.required ? Outcome(required_error()) : Outcome(json(""));
  std::smatch m;
  if (s.size() > 2048 || !std::regex_match(s, m, re)) return fail("validation_is_url", "Must be a valid url.");
  if (auto e = check_domains(f, domain_of(m[3].str()), "url")) return *e;
  return json(s);
}

Outcome editor_value(const Field& f, const json& in) {
  if (!in.is_string() && !in.is_null()) return fail("validation_invalid_value", "Must be a string.");
  std::string s = as_text(in);
  if (strings::trim(s).empty()) return f.required ? Outcome(required_error()) : Outcome(json(s));
  long long max = option_int(f, "maxSize");
  if (max <= 0) max = default_editor_max;
  if (static_cast<long long>(s.size()) > max)
    return fail("validation_content_size_limit", "The maximum allowed content size is " + std::to_string(max) + " bytes.", {{"maxSize", max}});
  return json(s);
}

Outcome date_value(const Field& f, const json& in) {
  if (!in.is_string() && !in.is_null()) return fail("validation_invalid_date", "Must be a valid datetime string.");
  std::string s = strings::trim(as_text(in));
  if (s.empty()) return f.required ? Outcome(required_error()) : Outcome(json(""));
  auto normalized = datetime::normalize(s);
  if (!normalized) return fail("validation_invalid_date", "Must be a valid datetime (YYYY-MM-DD HH:MM:SS.mmmZ).");
  for (const char* key : {"min", "max"}) {
    auto it = f.options.find(key);
    if (it == f.options.end() || !it->is_string() || it->get<std::string>().empty()) continue;
    auto bound = datetime::normalize(it->get<std::string>());
    if (!bound) continue;
    bool bad = std::string(key) == "min" ? *normalized < *bound : *normalized > *bound;
    if (bad)
      return fail(std::string("validation_") + key + "_date_constraint",
                  std::string("Must be ") + (std::string(key) == "min" ? "no earlier" : "no later") + " than " + *bound + ".",
                  {{key, *bound}});
  }
  return json(*normalized);
}

/// A multi-capable input as a list: arrays stay, a JSON-array string is parsed (forms), a
/// single scalar becomes a one-item list, "" and null become empty.
std::optional<std::vector<std::string>> as_list(const json& in) {
  std::vector<std::string> out;
  json v = in;
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.empty()) return out;
    if (s.front() == '[') {
      v = json::parse(s, nullptr, false);
      if (v.is_discarded()) return std::nullopt;
    } else {
      return std::vector<std::string>{s};
    }
  }
  if (v.is_null()) return out;
  if (!v.is_array()) return std::nullopt;
  for (const auto& item : v) {
    if (!item.is_string()) return std::nullopt;
    if (!item.get<std::string>().empty()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::vector<std::string> unique(std::vector<std::string> items) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (auto& i : items)
    if (seen.insert(i).second) out.push_back(std::move(i));
  return out;
}

Outcome list_result(const Field& f, std::vector<std::string> items) {
  if (f.is_multi()) return json(items);
  return json(items.empty() ? "" : items.front());
}

Outcome select_value(const Field& f, const json& in) {
  auto items = as_list(in);
  if (!items) return fail("validation_invalid_value", "Must be a value or a list of values.");
  *items = unique(*items);
  if (items->empty()) return f.required ? Outcome(required_error()) : list_result(f, {});
  std::set<std::string> allowed;
  if (auto it = f.options.find("values"); it != f.options.end())
    for (const auto& v : *it) allowed.insert(v.get<std::string>());
  for (const auto& item : *items)
    if (!allowed.count(item)) return fail("validation_invalid_value", "Invalid value " + item + ".", {{"value", item}});
  long long max = std::max<long long>(1, option_int(f, "maxSelect", 1));
  if (!f.is_multi()) max = 1;
  if (static_cast<long long>(items->size()) > max)
    return fail("validation_too_many_values", "Select no more than " + std::to_string(max) + ".", {{"maxSelect", max}});
  return list_result(f, *items);
}

Outcome relation_value(const Field& f, const json& in) {
  static const std::regex id_re("^[A-Za-z0-9_]{1,100}$");
  auto items = as_list(in);
  if (!items) return fail("validation_invalid_value", "Must be a record id or a list of record ids.");
  *items = unique(*items);
  for (const auto& id : *items)
    if (!std::regex_match(id, id_re)) return fail("validation_invalid_value", "Invalid record id " + id + ".", {{"value", id}});
  if (items->empty()) return f.required ? Outcome(required_error()) : list_result(f, {});
  long long max = f.is_multi() ? std::max<long long>(1, option_int(f, "maxSelect", 1)) : 1;
  long long min = option_int(f, "minSelect");
  if (static_cast<long long>(items->size()) > max)
    return fail("validation_too_many_values", "Select no more than " + std::to_string(max) + ".", {{"maxSelect", max}});
  if (static_cast<long long>(items->size()) < min)
    return fail("validation_not_enough_values", "Select at least " + std::to_string(min) + ".", {{"minSelect", min}});
  return list_result(f, *items);
}

Outcome file_names_value(const Field& f, const json& in) {
  auto items = as_list(in);
  if (!items) return fail("validation_invalid_value", "Must be a file name or a list of file names.");
  if (items->empty()) return f.required ? Outcome(required_error()) : list_result(f, {});
  const long long max = max_files(f);
  if (static_cast<long long>(items->size()) > max) return too_many_files_error(max);
  return list_result(f, *items);
}

Outcome json_value(const Field& f, const json& in) {
  json v = in;
  if (in.is_string()) {
    // Forms send JSON as text; a string that is not JSON is kept as a JSON string.
    json parsed = json::parse(in.get<std::string>(), nullptr, false);
    if (!parsed.is_discarded()) v = parsed;
  }
  if (is_blank(v) && f.required) return required_error();
  long long max = option_int(f, "maxSize");
  if (max <= 0) max = default_json_max;
  if (static_cast<long long>(v.dump().size()) > max)
    return fail("validation_json_size_limit", "The maximum allowed JSON size is " + std::to_string(max) + " bytes.", {{"maxSize", max}});
  return v;
}

Outcome geo_point_value(const Field& f, const json& in) {
  json v = in;
  if (in.is_string()) v = json::parse(in.get<std::string>(), nullptr, false);
  if (v.is_null() || (v.is_string() && v.get<std::string>().empty())) v = zero_value(f);
  if (!v.is_object() || !v.contains("lon") || !v.contains("lat") || !v["lon"].is_number() || !v["lat"].is_number())
    return fail("validation_invalid_geo_point", "Must be an object {\"lon\": number, \"lat\": number}.");
  double lon = v["lon"].get<double>(), lat = v["lat"].get<double>();
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
    return fail("validation_invalid_geo_point", "lon must be within [-180, 180] and lat within [-90, 90].");
  if (lon == 0 && lat == 0 && f.required) return required_error();
  return json{{"lon", lon}, {"lat", lat}};
}

}  // namespace

FieldError required_field_error() { return {"validation_required", "Missing required value.", nullptr}; }

json FieldError::to_json() const {
  json out = {{"code", code}, {"message", message}};
  if (!params.is_null()) out["params"] = params;
  return out;
}

bool is_blank(const json& v) {
  if (v.is_null()) return true;
  if (v.is_string()) return v.get<std::string>().empty();
  if (v.is_number()) return v.get<double>() == 0;
  if (v.is_boolean()) return !v.get<bool>();
  return v.empty();
}

json zero_value(const Field& f) {
  if (f.type == "number") return 0;
  if (f.type == "bool") return false;
  if (f.type == "json") return nullptr;
  if (f.type == "geoPoint") return {{"lon", 0}, {"lat", 0}};
  if (f.is_multi()) return json::array();
  return "";
}

std::variant<json, FieldError> normalize_value(const Field& f, const json& in) {
  const std::string& t = f.type;
  if (t == "text" || t == "password") return text_value(f, in);
  if (t == "number") return number_value(f, in);
  if (t == "bool") return bool_value(f, in);
  if (t == "email") return email_value(f, in);
  if (t == "url") return url_value(f, in);
  if (t == "editor") return editor_value(f, in);
  if (t == "date" || t == "autodate") return date_value(f, in);
  if (t == "select") return select_value(f, in);
  if (t == "relation") return relation_value(f, in);
  if (t == "file") return file_names_value(f, in);
  if (t == "json") return json_value(f, in);
  if (t == "geoPoint") return geo_point_value(f, in);
  return fail("validation_invalid_value", "Unsupported field type " + t + ".");
}

long long max_files(const Field& field) {
  return field.is_multi() ? std::max<long long>(1, option_int(field, "maxSelect", 1)) : 1;
}

FieldError too_many_files_error(long long max) {  // PocketBase's file field wording
  return fail("validation_too_many_files", "The maximum allowed files is " + std::to_string(max), {{"maxSelect", max}});
}

}  // namespace fastcms::core::records
