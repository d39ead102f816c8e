#include "project/json_schema.h"

#include <regex>
#include <set>

#include "common/strings.h"

namespace fastcms::project {
using nlohmann::json;

namespace {

std::string type_of(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    default: return "unknown";
  }
}

bool matches_type(const json& v, const std::string& t) {
  if (t == "number") return v.is_number();
  if (t == "integer") {
    if (v.is_number_integer()) return true;
    return v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>()));
  }
  return type_of(v) == t;
}

std::string describe(const json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

std::string child_path(const std::string& base, const std::string& key) {
  return base.empty() ? key : base + "." + key;
}

std::string index_path(const std::string& base, size_t i) {
  return base + "[" + std::to_string(i) + "]";
}

std::string list_values(const json& values) {
  std::vector<std::string> parts;
  for (const auto& v : values) parts.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return strings::join(parts, ", ");
}

}  // namespace

JsonSchema::JsonSchema(json schema) : root_(std::move(schema)) {}

std::vector<SchemaViolation> JsonSchema::validate(const json& doc) const {
  std::vector<SchemaViolation> out;
  check(root_, doc, "", out);
  return out;
}

const json& JsonSchema::resolve(const json& schema) const {
  const json* current = &schema;
  for (int depth = 0; depth < 32 && current->is_object() && current->contains("$ref"); ++depth) {
    std::string ref = (*current)["$ref"].get<std::string>();
    if (!ref.starts_with("#/")) break;
    current = &root_.at(json::json_pointer(ref.substr(1)));
  }
  return *current;
}

void JsonSchema::check(const json& raw_schema, const json& value, const std::string& path,
                       std::vector<SchemaViolation>& out) const {
  const json& schema = resolve(raw_schema);
  if (schema.is_boolean()) {
    if (!schema.get<bool>()) out.push_back({path, "is not allowed here"});
    return;
  }
  if (!schema.is_object()) return;

  if (auto it = schema.find("type"); it != schema.end()) {
    bool ok = false;
    std::vector<std::string> names;
    if (it->is_string()) names.push_back(it->get<std::string>());
    else for (const auto& t : *it) names.push_back(t.get<std::string>());
    for (const auto& t : names) ok = ok || matches_type(value, t);
    if (!ok) {
      out.push_back({path, "must be " + strings::join(names, " or ") + ", got " + type_of(value) +
                               (value.is_null() ? "" : " " + describe(value))});
      return;  // further keywords would only repeat the same problem
    }
  }
  if (auto it = schema.find("const"); it != schema.end() && *it != value)
    out.push_back({path, "must be " + it->dump() + ", got " + describe(value)});
  if (auto it = schema.find("enum"); it != schema.end()) {
    bool found = false;
    for (const auto& e : *it) found = found || e == value;
    if (!found) out.push_back({path, "must be one of " + list_values(*it) + ", got " + describe(value)});
  }

  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    size_t length = 0;
    for (unsigned char c : s) length += (c & 0xC0) != 0x80;  // code points, not bytes
    if (auto it = schema.find("minLength"); it != schema.end() && length < it->get<size_t>())
      out.push_back({path, length == 0 ? "must not be empty"
                                       : "must be at least " + it->dump() + " characters long"});
    if (auto it = schema.find("maxLength"); it != schema.end() && length > it->get<size_t>())
      out.push_back({path, "must be at most " + it->dump() + " characters long"});
    if (auto it = schema.find("pattern"); it != schema.end()) {
      const std::string& pattern = it->get_ref<const std::string&>();
      if (!std::regex_search(s, std::regex(pattern, std::regex::ECMAScript))) {
        std::string hint = schema.value("patternDescription", "must match " + pattern);
        out.push_back({path, hint + ", got " + describe(value)});
      }
    }
  }

  if (value.is_number()) {
    double n = value.get<double>();
    if (auto it = schema.find("minimum"); it != schema.end() && n < it->get<double>())
      out.push_back({path, "must be ≥ " + it->dump() + ", got " + value.dump()});
    if (auto it = schema.find("maximum"); it != schema.end() && n > it->get<double>())
      out.push_back({path, "must be ≤ " + it->dump() + ", got " + value.dump()});
  }

  if (value.is_array()) {
    if (auto it = schema.find("minItems"); it != schema.end() && value.size() < it->get<size_t>())
      out.push_back({path, "must have at least " + it->dump() + " item(s)"});
    if (auto it = schema.find("maxItems"); it != schema.end() && value.size() > it->get<size_t>())
      out.push_back({path, "must have at most " + it->dump() + " item(s)"});
    if (schema.value("uniqueItems", false)) {
      std::set<std::string> seen;
      for (size_t i = 0; i < value.size(); ++i)
        if (!seen.insert(value[i].dump()).second)
          out.push_back({index_path(path, i), "duplicates an earlier item " + describe(value[i])});
    }
    if (auto it = schema.find("items"); it != schema.end())
      for (size_t i = 0; i < value.size(); ++i) check(*it, value[i], index_path(path, i), out);
  }

  if (value.is_object()) {
    if (auto it = schema.find("required"); it != schema.end())
      for (const auto& key : *it)
        if (!value.contains(key.get<std::string>()))
          out.push_back({child_path(path, key.get<std::string>()), "is required"});
    const json* properties = schema.contains("properties") ? &schema["properties"] : nullptr;
    const json* patterns = schema.contains("patternProperties") ? &schema["patternProperties"] : nullptr;
    const json* additional = schema.contains("additionalProperties") ? &schema["additionalProperties"] : nullptr;
    for (auto it = value.begin(); it != value.end(); ++it) {
      std::string p = child_path(path, it.key());
      bool known = false;
      if (properties && properties->contains(it.key())) {
        known = true;
        check((*properties)[it.key()], it.value(), p, out);
      }
      if (patterns) {
        for (auto pit = patterns->begin(); pit != patterns->end(); ++pit) {
          if (std::regex_search(it.key(), std::regex(pit.key()))) {
            known = true;
            check(pit.value(), it.value(), p, out);
          }
        }
      }
      if (!known && additional) {
        if (additional->is_boolean() && !additional->get<bool>()) {
          std::vector<std::string> names;
          if (properties) for (auto k = properties->begin(); k != properties->end(); ++k) names.push_back(k.key());
          std::string guess = strings::nearest(it.key(), names);
          out.push_back({p, guess.empty() ? "is not a known key" : "is not a known key (did you mean \"" + guess + "\"?)"});
        } else {
          check(*additional, it.value(), p, out);
        }
      }
    }
  }

  if (auto it = schema.find("allOf"); it != schema.end())
    for (const auto& sub : *it) check(sub, value, path, out);
  if (auto it = schema.find("anyOf"); it != schema.end()) {
    std::vector<SchemaViolation> first;
    bool any = false;
    for (const auto& sub : *it) {
      std::vector<SchemaViolation> tmp;
      check(sub, value, path, tmp);
      if (tmp.empty()) { any = true; break; }
      if (first.empty()) first = tmp;
    }
    if (!any) {
      if (schema.contains("errorMessage")) out.push_back({path, schema["errorMessage"].get<std::string>()});
      else out.insert(out.end(), first.begin(), first.end());
    }
  }
  if (auto it = schema.find("oneOf"); it != schema.end()) {
    size_t passing = 0;
    for (const auto& sub : *it) {
      std::vector<SchemaViolation> tmp;
      check(sub, value, path, tmp);
      passing += tmp.empty();
    }
    if (passing != 1)
      out.push_back({path, schema.value("errorMessage", passing == 0 ? std::string("does not match any allowed form")
                                                                     : std::string("matches more than one allowed form"))});
  }
  if (auto it = schema.find("not"); it != schema.end()) {
    std::vector<SchemaViolation> tmp;
    check(*it, value, path, tmp);
    if (tmp.empty()) out.push_back({path, schema.value("errorMessage", std::string("is not allowed here"))});
  }
  if (auto it = schema.find("if"); it != schema.end()) {
    std::vector<SchemaViolation> tmp;
    check(*it, value, path, tmp);
    if (tmp.empty()) {
      if (schema.contains("then")) check(schema["then"], value, path, out);
    } else if (schema.contains("else")) {
      check(schema["else"], value, path, out);
    }
  }
}

}  // namespace fastcms::project
