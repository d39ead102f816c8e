#pragma once
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "project/dotenv.h"

namespace fastcms::project {

/// The effective project configuration after every layer has been applied.
struct Config {
  std::string name;
  std::string template_name;
  std::string host = "127.0.0.1";
  int port = 8090;
  std::vector<std::string> origins{"*"};
  long long max_body_size = 32LL * 1024 * 1024;
  std::string database_url = "sqlite://data/app.db";
  std::string secret;  ///< FASTCMS_SECRET, from the environment or .env only
  /// The `realtime` section as written (topic rules: core/realtime/topic_rules.h).
  nlohmann::json realtime = nlohmann::json::object();

  /// Where each setting's value came from, by dotted key ("server.port" → ".env").
  std::map<std::string, std::string> origin_of;
};

/// Values given on the command line, keyed like the config file ("server.port" → "9000").
using FlagOverrides = std::map<std::string, std::string>;

/// One configurable setting: its dotted key in the config file and its environment name.
struct SettingSpec {
  const char* key;
  const char* env;
  enum Kind { string, integer, list } kind;
};

/// Every setting that can come from the environment, .env or flags.
const std::vector<SettingSpec>& setting_specs();

/// Inputs to config resolution; kept explicit so that tests control every layer.
struct ConfigSources {
  nlohmann::json file;                 ///< parsed config file (already schema-checked)
  std::string file_label;              ///< e.g. "fastcms.config.json"
  EnvMap dotenv;                       ///< from .env
  std::string dotenv_label = ".env";
  EnvMap environment;                  ///< process environment
  FlagOverrides flags;
};

/// Applies defaults < file < .env < environment < flags and validates the result.
/// Errors name the layer a bad value came from, e.g. "environment: FASTCMS_PORT: must be
/// an integer, got \"abc\"".
Result<Config> resolve_config(const ConfigSources& sources);

/// Loads `root`'s config file and .env, takes the process environment and `flags`, and
/// resolves them. Errors name the file, the path inside it and what was expected.
Result<Config> load_config(const std::filesystem::path& root, const FlagOverrides& flags = {});

}  // namespace fastcms::project
