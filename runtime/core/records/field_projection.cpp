#include "core/records/field_projection.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/html_excerpt.h"
#include "common/strings.h"

namespace fastcms::core::records {

namespace {

using nlohmann::json;

/// The `:excerpt(max, ellipsis)` modifier.
struct Excerpt {
  size_t max = 0;
  bool ellipsis = false;
};

/// Field path → its modifier, if any (later duplicates win, as in PocketBase).
using FieldMap = std::map<std::string, std::optional<Excerpt>>;

/// PocketBase's tokenizer: splits on any of `separators` outside quotes and (unless
/// `ignore_parens`) parentheses; tokens are trimmed, empty ones dropped. Unbalanced
/// quotes or parentheses → nullopt.
std::optional<std::vector<std::string>> tokenize(std::string_view text, std::string_view separators,
                                                 bool ignore_parens) {
  std::vector<std::string> out;
  std::string current;
  int parens = 0;
  char quote = 0, prev = 0;
  auto flush = [&] {
    std::string token = strings::trim(current);
    if (!token.empty()) out.push_back(std::move(token));
    current.clear();
  };
  for (char c : text) {
    if (prev != '\\') {
      if (!ignore_parens && c == '(' && !quote) {
        ++parens;
      } else if (!ignore_parens && c == ')' && parens > 0 && !quote) {
        --parens;
      } else if (c == '\'' || c == '"' || c == '`') {
        if (quote == c)
          quote = 0;
        else if (!quote)
          quote = c;
      }
    }
    if (separators.find(c) != std::string_view::npos && parens == 0 && !quote) {
      flush();
      prev = 0;
      continue;
    }
    current += c;
    prev = c;
  }
  if (parens > 0 || quote) return std::nullopt;
  flush();
  return out;
}

/// spf13/cast.ToInt of a string: an integer (a trailing ".0…" allowed), else 0.
long long cast_to_int(const std::string& text) {
  std::string s = text;
  if (auto dot = s.find('.'); dot != std::string::npos && s.find_first_not_of('0', dot + 1) == std::string::npos)
    s.erase(dot);
  try {
    size_t used = 0;
    long long v = std::stoll(s, &used, 0);
    return used == s.size() ? v : 0;
  } catch (...) {
    return 0;
  }
}

bool cast_to_bool(const std::string& text) {
  return text == "1" || text == "t" || text == "T" || text == "true" || text == "TRUE" || text == "True";
}

std::optional<Excerpt> parse_modifier(std::string_view raw, bool& valid) {
  auto parts = tokenize(raw, "(), ", true);
  if (!parts || parts->empty() || parts->front() != "excerpt" || parts->size() < 2 || parts->size() > 3) {
    valid = false;
    return std::nullopt;
  }
  long long max = cast_to_int((*parts)[1]);
  if (max <= 0) {
    valid = false;
    return std::nullopt;
  }
  return Excerpt{static_cast<size_t>(max), parts->size() == 3 && cast_to_bool((*parts)[2])};
}

std::optional<FieldMap> parse_fields(std::string_view raw) {
  auto tokens = tokenize(raw, ",", false);
  if (!tokens) return std::nullopt;
  FieldMap out;
  for (const auto& token : *tokens) {
    auto colon = token.find(':');
    if (colon == std::string::npos) {
      out[token] = std::nullopt;
      continue;
    }
    bool valid = true;
    auto modifier = parse_modifier(std::string_view(token).substr(colon + 1), valid);
    if (!valid) return std::nullopt;
    out[token.substr(0, colon)] = modifier;
  }
  return out;
}

/// Whether field path `f` selects key `k` or something below it.
bool selects(const std::string& f, const std::string& k) { return strings::starts_with(f + ".", k + "."); }

void apply_modifier(json& value, const std::optional<Excerpt>& modifier) {
  if (modifier && value.is_string()) value = html_excerpt(value.get<std::string>(), modifier->max, modifier->ellipsis);
}

void pick(json& data, const FieldMap& fields);

void pick_object(json& object, FieldMap fields) {
  if (fields.empty()) return;
  if (auto star = fields.find("*"); star != fields.end()) {
    const auto modifier = star->second;
    for (const auto& [key, value] : object.items()) {
      bool mentioned = false;
      for (const auto& [f, m] : fields) mentioned = mentioned || selects(f, key);
      if (!mentioned) fields[key] = modifier;
    }
  }
  std::vector<std::string> drop;
  for (auto& [key, value] : object.items()) {
    FieldMap below;
    bool whole = false;
    std::optional<Excerpt> whole_modifier;
    for (const auto& [f, m] : fields) {
      if (!selects(f, key)) continue;
      if (f == key) {
        whole = true;
        whole_modifier = m;
      } else {
        below[f.substr(key.size() + 1)] = m;
      }
    }
    if (whole) {
      apply_modifier(value, whole_modifier);
    } else if (below.empty()) {
      drop.push_back(key);
    } else {
      pick(value, below);
    }
  }
  for (const auto& key : drop) object.erase(key);
}

void pick(json& data, const FieldMap& fields) {
  if (data.is_object()) {
    pick_object(data, fields);
  } else if (data.is_array()) {
    if (data.empty() || !data.front().is_object()) return;  // only lists of objects are picked
    for (auto& item : data)
      if (item.is_object()) pick_object(item, fields);
  }
}

bool is_list_page(const json& body) {
  return body.is_object() && body.size() == 5 && body.contains("page") && body.contains("perPage") &&
         body.contains("totalItems") && body.contains("totalPages") && body.contains("items") &&
         body["items"].is_array();
}

}  // namespace

nlohmann::json project_fields(const nlohmann::json& body, std::string_view fields) {
  if (strings::trim(fields).empty()) return body;
  auto parsed = parse_fields(fields);
  if (!parsed) return body;
  json out = body;
  if (is_list_page(out))
    pick(out["items"], *parsed);
  else
    pick(out, *parsed);
  return out;
}

}  // namespace fastcms::core::records
