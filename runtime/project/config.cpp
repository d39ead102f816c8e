#include "project/config.h"

#include "common/files.h"
#include "common/strings.h"
#include "project/project_root.h"
#include "project/schemas.h"
#include "project/structured_file.h"

namespace fastcms::project {
namespace fs = std::filesystem;
using nlohmann::json;

const std::vector<SettingSpec>& setting_specs() {
  static const std::vector<SettingSpec> specs = {
      {"server.host", "FASTCMS_HOST", SettingSpec::string},
      {"server.port", "FASTCMS_PORT", SettingSpec::integer},
      {"server.origins", "FASTCMS_ORIGINS", SettingSpec::list},
      {"server.maxBodySize", "FASTCMS_MAX_BODY_SIZE", SettingSpec::integer},
      {"database.url", "FASTCMS_DATABASE_URL", SettingSpec::string},
  };
  return specs;
}

namespace {

json::json_pointer pointer_of(const std::string& dotted) {
  return json::json_pointer("/" + strings::replace_all(dotted, ".", "/"));
}

Result<json> typed_value(const SettingSpec& spec, const std::string& raw, const std::string& where) {
  switch (spec.kind) {
    case SettingSpec::integer: {
      std::string t = strings::trim(raw);
      size_t used = 0;
      long long n = 0;
      try { n = std::stoll(t, &used); } catch (...) { used = 0; }
      if (t.empty() || used != t.size())
        return Error::failure(where + ": must be an integer, got \"" + raw + "\"");
      return json(n);
    }
    case SettingSpec::list: return json(strings::split_trimmed(raw, ','));
    case SettingSpec::string: break;
  }
  return json(raw);
}

/// Applies one string-valued layer (env-like) onto `doc`, recording origins.
Status apply_layer(json& doc, std::map<std::string, std::string>& origin, const EnvMap& values,
                   const std::string& label, bool keyed_by_env) {
  for (const auto& spec : setting_specs()) {
    const std::string lookup = keyed_by_env ? spec.env : spec.key;
    auto it = values.find(lookup);
    if (it == values.end()) continue;
    std::string where = label + ": " + lookup;
    auto v = typed_value(spec, it->second, where);
    if (!v) return v.error();
    doc[pointer_of(spec.key)] = *v;
    origin[spec.key] = label + " (" + lookup + ")";
  }
  return Ok{};
}

void collect_origins(const json& node, const std::string& prefix, const std::string& label,
                     std::map<std::string, std::string>& origin) {
  if (!node.is_object()) {
    origin[prefix] = label;
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it)
    collect_origins(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), label, origin);
}

std::string origin_for(const std::map<std::string, std::string>& origin, const std::string& path) {
  // The longest recorded key that is a prefix of the violation path.
  std::string best = "configuration";
  size_t best_len = 0;
  for (const auto& [key, label] : origin) {
    if ((path == key || path.starts_with(key + ".") || path.starts_with(key + "[")) && key.size() > best_len) {
      best = label;
      best_len = key.size();
    }
  }
  return best;
}

}  // namespace

Result<Config> resolve_config(const ConfigSources& sources) {
  std::map<std::string, std::string> origin;
  json doc = sources.file.is_object() ? sources.file : json::object();
  collect_origins(doc, "", sources.file_label, origin);

  if (auto s = apply_layer(doc, origin, sources.dotenv, sources.dotenv_label, true); !s) return s.error();
  if (auto s = apply_layer(doc, origin, sources.environment, "environment", true); !s) return s.error();
  if (auto s = apply_layer(doc, origin, sources.flags, "command line", false); !s) return s.error();

  auto violations = config_schema().validate(doc);
  if (!violations.empty()) {
    std::string message;
    for (const auto& v : violations) {
      if (!message.empty()) message += "\n";
      std::string where = origin_for(origin, v.path);
      // Values from the file are reported by their path inside it; others by variable.
      message += where == sources.file_label ? where + ": " + v.path + ": " + v.expected
                                             : where + ": " + v.expected;
    }
    return Error::failure(message);
  }

  Config c;
  c.name = doc.value("name", "");
  c.template_name = doc.value("template", "");
  if (doc.contains("server")) {
    const json& s = doc["server"];
    c.host = s.value("host", c.host);
    c.port = s.value("port", c.port);
    if (s.contains("origins")) c.origins = s["origins"].get<std::vector<std::string>>();
    c.max_body_size = s.value("maxBodySize", c.max_body_size);
  }
  if (doc.contains("realtime")) c.realtime = doc["realtime"];
  if (doc.contains("database")) c.database_url = doc["database"].value("url", c.database_url);
  if (auto it = sources.environment.find("FASTCMS_SECRET"); it != sources.environment.end()) {
    c.secret = it->second;
    origin["secret"] = "environment (FASTCMS_SECRET)";
  } else if (auto d = sources.dotenv.find("FASTCMS_SECRET"); d != sources.dotenv.end()) {
    c.secret = d->second;
    origin["secret"] = sources.dotenv_label + " (FASTCMS_SECRET)";
  }
  c.origin_of = std::move(origin);
  return c;
}

Result<Config> load_config(const fs::path& root, const FlagOverrides& flags) {
  auto file = config_file_in(root);
  if (!file) return Error::failure(root.string() + ": no fastcms.config.json here; run `fastcms init NAME` to create a project");
  ConfigSources sources;
  sources.file_label = file->filename().string();
  auto parsed = load_structured_file(*file);
  if (!parsed) return parsed.error();
  auto violations = config_schema().validate(*parsed);
  if (!violations.empty()) return Error::failure(format_violations(sources.file_label, violations));
  sources.file = std::move(*parsed);

  std::error_code ec;
  if (fs::exists(root / ".env", ec)) {
    auto text = files::read(root / ".env");
    if (!text) return text.error();
    auto env = parse_dotenv(*text, ".env");
    if (!env) return env.error();
    sources.dotenv = std::move(*env);
  }
  sources.environment = process_environment();
  sources.flags = flags;
  return resolve_config(sources);
}

}  // namespace fastcms::project
