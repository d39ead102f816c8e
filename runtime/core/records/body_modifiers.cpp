#include "core/records/body_modifiers.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_set>
#include <vector>

#include "common/strings.h"
#include "core/records/autogenerate_pattern.h"

namespace fastcms::core::records {
using nlohmann::json;
using collections::Field;

namespace {

enum class Modifier { none, append, prepend, remove, autogenerate };

constexpr std::string_view autogenerate_suffix = ":autogenerate";

struct BodyKey {
  const Field* field = nullptr;
  Modifier modifier = Modifier::none;
};

/// Which field a body key addresses and with which modifier; field == nullptr when none.
BodyKey parse_key(const collections::Collection& c, const std::string& key) {
  if (const Field* f = c.field(key)) return {f, Modifier::none};
  if (key.size() > 1 && key.front() == '+')
    if (const Field* f = c.field(key.substr(1))) return {f, Modifier::prepend};
  if (key.size() > 1 && key.back() == '+')
    if (const Field* f = c.field(key.substr(0, key.size() - 1))) return {f, Modifier::append};
  if (key.size() > 1 && key.back() == '-')
    if (const Field* f = c.field(key.substr(0, key.size() - 1))) return {f, Modifier::remove};
  if (strings::ends_with(key, autogenerate_suffix))
    if (const Field* f = c.field(key.substr(0, key.size() - autogenerate_suffix.size())))
      return {f, Modifier::autogenerate};
  return {};
}

std::string scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

json number_json(double n) {
  if (n == std::floor(n) && std::fabs(n) < 9.007199254740992e15) return static_cast<long long>(n);
  return n;
}

FieldError unsupported(const std::string& key, const Field& f) {
  return {"validation_unsupported_modifier",
          "The modifier of \"" + key + "\" is not supported by " + f.type + " fields.",
          json{{"field", f.name}}};
}

/// A number as the modifier arithmetic reads it (PocketBase casts; a non-number counts 0).
double as_number(const json& v) {
  Field plain;
  plain.type = "number";
  auto n = normalize_value(plain, v);
  return std::holds_alternative<json>(n) ? std::get<json>(n).get<double>() : 0;
}

json list_modified(const Field& f, const json& working, const json& operand, Modifier m) {
  std::vector<std::string> items = unique_strings(working);
  std::vector<std::string> given = unique_strings(operand);
  if (m == Modifier::append) {
    items.insert(items.end(), given.begin(), given.end());
  } else if (m == Modifier::prepend) {
    given.insert(given.end(), items.begin(), items.end());
    items = std::move(given);
  } else {
    const std::unordered_set<std::string> removed(given.begin(), given.end());
    items.erase(std::remove_if(items.begin(), items.end(), [&](const std::string& s) { return removed.count(s) > 0; }),
                items.end());
  }
  items = unique_strings(json(items));
  if (f.is_multi()) return items;
  return items.empty() ? json("") : json(items.back());
}

}  // namespace

std::vector<std::string> unique_strings(const json& value) {
  json v = value;
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (!s.empty() && s.front() == '[') {
      json parsed = json::parse(s, nullptr, false);
      if (!parsed.is_discarded() && parsed.is_array()) v = std::move(parsed);
    }
  }
  if (!v.is_array()) v = json::array({v});
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;  // first occurrences are kept, in order
  for (const auto& item : v) {
    if (item.is_array() || item.is_object()) continue;
    std::string s = scalar_text(item);
    if (!s.empty() && seen.insert(s).second) out.push_back(std::move(s));
  }
  return out;
}

ResolvedBody resolve_body(const collections::Collection& collection, const json& body, const json& current) {
  ResolvedBody out;
  if (!body.is_object()) return out;
  std::vector<std::string> keys;
  for (auto it = body.begin(); it != body.end(); ++it) keys.push_back(it.key());
  std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) { return a.size() < b.size(); });

  for (const auto& key : keys) {
    const json& value = body[key];
    const BodyKey target = parse_key(collection, key);
    if (!target.field) {
      out.extra[key] = value;
      continue;
    }
    const Field& f = *target.field;
    const json working = out.fields.contains(f.name) ? out.fields[f.name]
                         : current.contains(f.name)  ? current[f.name]
                                                     : zero_value(f);
    switch (target.modifier) {
      case Modifier::none:
        out.fields[f.name] = value;
        break;
      case Modifier::append:
      case Modifier::prepend:
      case Modifier::remove:
        if (f.is_multi_capable()) {
          out.fields[f.name] = list_modified(f, working, value, target.modifier);
        } else if (f.type == "number" && target.modifier != Modifier::prepend) {
          Field plain;
          plain.type = "number";
          auto operand = normalize_value(plain, value);
          if (auto* e = std::get_if<FieldError>(&operand)) {
            out.errors.add(key, *e);
            break;
          }
          const double by = std::get<json>(operand).get<double>();
          const double base = as_number(working);
          out.fields[f.name] = number_json(target.modifier == Modifier::append ? base + by : base - by);
        } else {
          out.errors.add(key, unsupported(key, f));
        }
        break;
      case Modifier::autogenerate: {
        if (f.type != "text") {
          out.errors.add(key, unsupported(key, f));
          break;
        }
        std::string generated;
        const std::string pattern = f.options.value("autogeneratePattern", std::string());
        if (!pattern.empty()) {
          auto g = random_string_from_pattern(pattern);
          if (!g) {
            out.errors.add(key, {"validation_invalid_autogenerate_pattern", g.error().message});
            break;
          }
          generated = std::move(*g);
        }
        out.fields[f.name] = scalar_text(value) + generated;
        break;
      }
    }
  }
  return out;
}

}  // namespace fastcms::core::records
