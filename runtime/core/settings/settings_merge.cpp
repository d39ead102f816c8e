#include "core/settings/settings_merge.h"

#include <string>
#include <vector>

#include "core/form_errors.h"
#include "core/settings/settings_defaults.h"

namespace fastcms::core::settings {
using nlohmann::json;

namespace {

using Path = std::vector<std::string>;

Path child(Path path, std::string key) {
  path.push_back(std::move(key));
  return path;
}

bool is_secret(const Path& path) {
  std::string pointer;
  for (const auto& key : path) pointer += "/" + key;
  for (const auto& secret : secret_setting_paths())
    if (secret.to_string() == pointer) return true;
  return false;
}

class Merger {
 public:
  json errors = json::object();
  size_t failures = 0;

  void merge_object(json& target, const json& overlay, const Path& path) {
    for (const auto& [key, value] : overlay.items()) {
      auto it = target.find(key);
      if (it == target.end()) continue;  // not a setting
      merge_value(*it, value, child(path, key));
    }
  }

 private:
  void fail(const Path& path, const char* expected) {
    form_errors::put(errors, path, form_errors::wrong_type(expected));
    ++failures;
  }

  void merge_value(json& current, const json& value, const Path& path) {
    if (value.is_null()) {
      if (current.is_array()) current = json::array();
      return;
    }
    if (current.is_object()) {
      if (!value.is_object()) return fail(path, "an object");
      return merge_object(current, value, path);
    }
    if (current.is_array()) return merge_list(current, value, path);
    if (current.is_boolean()) {
      if (!value.is_boolean()) return fail(path, "a boolean");
    } else if (current.is_number()) {
      if (!value.is_number_integer()) return fail(path, "an integer");
    } else if (current.is_string()) {
      if (!value.is_string()) return fail(path, "a string");
      if (value.get_ref<const std::string&>().empty() && is_secret(path)) return;  // keep the stored secret
    }
    current = value;
  }

  /// rateLimits.rules holds rule objects (each laid over rate_limit_rule_defaults());
  /// every other list (trustedProxy.headers) holds strings.
  void merge_list(json& current, const json& value, const Path& path) {
    if (!value.is_array()) return fail(path, "a list");
    bool rules = path == Path{"rateLimits", "rules"};
    json items = json::array();
    size_t failures_before = failures;
    for (size_t i = 0; i < value.size(); ++i) {
      Path item_path = child(path, std::to_string(i));
      const json& item = value[i];
      if (rules) {
        if (!item.is_object()) {
          fail(item_path, "an object");
          continue;
        }
        json rule = rate_limit_rule_defaults();
        merge_object(rule, item, item_path);
        items.push_back(std::move(rule));
      } else if (!item.is_string()) {
        fail(item_path, "a string");
      } else {
        items.push_back(item);
      }
    }
    if (failures == failures_before) current = std::move(items);
  }
};

}  // namespace

MergedSettings merge_settings(json base, const json& overlay) {
  Merger merger;
  if (!overlay.is_object()) {
    form_errors::put(merger.errors, {""}, form_errors::wrong_type("an object"));
    return {std::move(base), std::move(merger.errors)};
  }
  merger.merge_object(base, overlay, {});
  return {std::move(base), std::move(merger.errors)};
}

}  // namespace fastcms::core::settings
