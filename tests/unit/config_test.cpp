// Unit tests for runtime/project/config.h: resolve_config (every layer, explicit inputs)
// and load_config (a real project folder on disk).
#include <doctest/doctest.h>

#include "support/temp_dir.h"
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "project/config.h"

namespace {

namespace cfgt_fs = std::filesystem;
using cfgt_json = nlohmann::json;

using CfgtTempDir = fastcms::test::TempDir;

void cfgt_write(const cfgt_fs::path& p, const std::string& content) {
  cfgt_fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
}

/// Removes every FASTCMS_* variable from the process environment for the lifetime of the
/// guard (so load_config sees only what a test sets) and restores them afterwards.
class CfgtEnvGuard {
 public:
  CfgtEnvGuard() {
    for (const auto& [k, v] : fastcms::project::process_environment())
      if (k.rfind("FASTCMS_", 0) == 0) saved_[k] = v;
    for (const auto& [k, v] : saved_) ::unsetenv(k.c_str());
  }
  ~CfgtEnvGuard() {
    for (const auto& k : touched_) ::unsetenv(k.c_str());
    for (const auto& [k, v] : saved_) ::setenv(k.c_str(), v.c_str(), 1);
  }
  CfgtEnvGuard(const CfgtEnvGuard&) = delete;
  CfgtEnvGuard& operator=(const CfgtEnvGuard&) = delete;
  void set(const std::string& k, const std::string& v) {
    touched_.push_back(k);
    ::setenv(k.c_str(), v.c_str(), 1);
  }

 private:
  std::map<std::string, std::string> saved_;
  std::vector<std::string> touched_;
};

/// The effective value of a setting, by its dotted key, as JSON.
cfgt_json cfgt_value_of(const fastcms::project::Config& c, const std::string& key) {
  if (key == "server.host") return c.host;
  if (key == "server.port") return c.port;
  if (key == "server.origins") return c.origins;
  if (key == "server.maxBodySize") return c.max_body_size;
  if (key == "database.url") return c.database_url;
  FAIL("unknown setting " << key);
  return nullptr;
}

/// Per setting: raw text given on each string layer and the value expected from it.
struct CfgtLayerValues {
  cfgt_json deflt;       // built-in default
  cfgt_json file;        // value in the config file
  std::string dotenv;    // raw .env text
  cfgt_json dotenv_v;
  std::string env;       // raw environment text
  cfgt_json env_v;
  std::string flag;      // raw flag text
  cfgt_json flag_v;
};

const std::map<std::string, CfgtLayerValues>& cfgt_values() {
  static const std::map<std::string, CfgtLayerValues> v = {
      {"server.host", {"127.0.0.1", "file-host", "dotenv-host", "dotenv-host", "env-host", "env-host",
                       "flag-host", "flag-host"}},
      {"server.port", {8090, 1001, "1002", 1002, " 1003 ", 1003, "1004", 1004}},
      {"server.origins",
       {cfgt_json::array({"*"}), cfgt_json::array({"https://file.example"}), "https://d1.example, https://d2.example",
        cfgt_json::array({"https://d1.example", "https://d2.example"}), " https://e1.example ,, https://e2.example ,",
        cfgt_json::array({"https://e1.example", "https://e2.example"}), "https://f.example",
        cfgt_json::array({"https://f.example"})}},
      {"server.maxBodySize", {33554432LL, 2048, "4096", 4096, "8192", 8192, "16384", 16384}},
      {"database.url", {"sqlite://data/app.db", "sqlite://file.db", "sqlite://dotenv.db", "sqlite://dotenv.db",
                        "sqlite://env.db", "sqlite://env.db", "sqlite://flag.db", "sqlite://flag.db"}},
  };
  return v;
}

cfgt_json::json_pointer cfgt_pointer(std::string dotted) {
  for (auto& c : dotted)
    if (c == '.') c = '/';
  return cfgt_json::json_pointer("/" + dotted);
}

cfgt_json cfgt_base_file() { return cfgt_json{{"name", "proj"}}; }

/// Sources with every setting given on layers 1..level (1 file, 2 .env, 3 environment, 4 flags).
fastcms::project::ConfigSources cfgt_sources_up_to(int level) {
  fastcms::project::ConfigSources s;
  s.file = cfgt_base_file();
  s.file_label = "fastcms.config.json";
  for (const auto& spec : fastcms::project::setting_specs()) {
    const auto& v = cfgt_values().at(spec.key);
    if (level >= 1) s.file[cfgt_pointer(spec.key)] = v.file;
    if (level >= 2) s.dotenv[spec.env] = v.dotenv;
    if (level >= 3) s.environment[spec.env] = v.env;
    if (level >= 4) s.flags[spec.key] = v.flag;
  }
  return s;
}

std::string cfgt_error_of(const fastcms::project::ConfigSources& s) {
  auto r = fastcms::project::resolve_config(s);
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

}  // namespace

TEST_SUITE("unit config") {
  TEST_CASE("config: setting_specs lists every overridable setting with its variable") {
    std::map<std::string, std::string> got;
    for (const auto& s : fastcms::project::setting_specs()) got[s.key] = s.env;
    CHECK(got == std::map<std::string, std::string>{{"server.host", "FASTCMS_HOST"},
                                                    {"server.port", "FASTCMS_PORT"},
                                                    {"server.origins", "FASTCMS_ORIGINS"},
                                                    {"server.maxBodySize", "FASTCMS_MAX_BODY_SIZE"},
                                                    {"database.url", "FASTCMS_DATABASE_URL"}});
    // The value table of this file covers exactly these settings.
    CHECK(cfgt_values().size() == got.size());
  }

  TEST_CASE("config: precedence defaults < file < .env < environment < flags for every setting") {
    const char* layer_names[] = {"defaults", "file", ".env", "environment", "flags"};
    for (int level = 0; level <= 4; ++level) {
      CAPTURE(layer_names[level]);
      auto r = fastcms::project::resolve_config(cfgt_sources_up_to(level));
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      for (const auto& spec : fastcms::project::setting_specs()) {
        CAPTURE(spec.key);
        const auto& v = cfgt_values().at(spec.key);
        cfgt_json expected = level == 0 ? v.deflt : level == 1 ? v.file : level == 2 ? v.dotenv_v
                             : level == 3 ? v.env_v : v.flag_v;
        CHECK(cfgt_value_of(*r, spec.key) == expected);
        auto it = r->origin_of.find(spec.key);
        std::optional<std::string> origin;
        if (it != r->origin_of.end()) origin = it->second;
        switch (level) {
          case 0: CHECK_FALSE(origin.has_value()); break;
          case 1: CHECK(origin == std::optional<std::string>("fastcms.config.json")); break;
          case 2: CHECK(origin == std::optional<std::string>(".env (" + std::string(spec.env) + ")")); break;
          case 3: CHECK(origin == std::optional<std::string>("environment (" + std::string(spec.env) + ")")); break;
          case 4: CHECK(origin == std::optional<std::string>("command line (" + std::string(spec.key) + ")")); break;
        }
      }
    }
  }

  TEST_CASE("config: each setting falls back to the highest layer that sets it") {
    fastcms::project::ConfigSources s;
    s.file = {{"name", "proj"}, {"template", "blog"}, {"server", {{"host", "0.0.0.0"}, {"port", 1001}}}};
    s.file_label = "fastcms.config.yaml";
    s.dotenv = {{"FASTCMS_ORIGINS", "https://a.example"}, {"FASTCMS_PORT", "1002"}};
    s.environment = {{"FASTCMS_MAX_BODY_SIZE", "4096"}, {"PORT", "5555"}, {"FASTCMS_UNKNOWN", "x"}};
    s.flags = {{"database.url", "sqlite:other.db"}};
    auto r = fastcms::project::resolve_config(s);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->name == "proj");
    CHECK(r->template_name == "blog");
    CHECK(r->host == "0.0.0.0");
    CHECK(r->port == 1002);
    CHECK(r->origins == std::vector<std::string>{"https://a.example"});
    CHECK(r->max_body_size == 4096);
    CHECK(r->database_url == "sqlite:other.db");
    CHECK(r->secret.empty());
    CHECK(r->origin_of.at("server.host") == "fastcms.config.yaml");
    CHECK(r->origin_of.at("server.port") == ".env (FASTCMS_PORT)");
    CHECK(r->origin_of.at("server.origins") == ".env (FASTCMS_ORIGINS)");
    CHECK(r->origin_of.at("server.maxBodySize") == "environment (FASTCMS_MAX_BODY_SIZE)");
    CHECK(r->origin_of.at("database.url") == "command line (database.url)");
    CHECK(r->origin_of.count("secret") == 0);
  }

  TEST_CASE("config: origins lists are split on commas, trimmed, empty parts dropped") {
    fastcms::project::ConfigSources s;
    s.file = cfgt_base_file();
    s.environment = {{"FASTCMS_ORIGINS", "http://localhost:5173 ,https://app.example,, "}};
    auto r = fastcms::project::resolve_config(s);
    REQUIRE(r.ok());
    CHECK(r->origins == std::vector<std::string>{"http://localhost:5173", "https://app.example"});

    s.environment = {{"FASTCMS_ORIGINS", "*"}};
    r = fastcms::project::resolve_config(s);
    REQUIRE(r.ok());
    CHECK(r->origins == std::vector<std::string>{"*"});
  }

  TEST_CASE("config: a bad integer names the layer and the variable") {
    fastcms::project::ConfigSources s;
    s.file = cfgt_base_file();
    s.file_label = "fastcms.config.json";

    SUBCASE(".env") {
      s.dotenv = {{"FASTCMS_PORT", "abc"}};
      std::string m = cfgt_error_of(s);
      CHECK(m.rfind(".env: FASTCMS_PORT", 0) == 0);
      CHECK(m == ".env: FASTCMS_PORT: must be an integer, got \"abc\"");
    }
    SUBCASE(".env under another label") {
      s.dotenv_label = "config/.env.local";
      s.dotenv = {{"FASTCMS_MAX_BODY_SIZE", "12kb"}};
      CHECK(cfgt_error_of(s) == "config/.env.local: FASTCMS_MAX_BODY_SIZE: must be an integer, got \"12kb\"");
    }
    SUBCASE("environment") {
      s.dotenv = {{"FASTCMS_PORT", "9000"}};
      s.environment = {{"FASTCMS_PORT", "90.5"}};
      CHECK(cfgt_error_of(s) == "environment: FASTCMS_PORT: must be an integer, got \"90.5\"");
    }
    SUBCASE("environment, empty") {
      s.environment = {{"FASTCMS_MAX_BODY_SIZE", ""}};
      CHECK(cfgt_error_of(s) == "environment: FASTCMS_MAX_BODY_SIZE: must be an integer, got \"\"");
    }
    SUBCASE("flags") {
      s.flags = {{"server.port", "80x"}};
      CHECK(cfgt_error_of(s) == "command line: server.port: must be an integer, got \"80x\"");
    }
    SUBCASE("flags, hex is not decimal") {
      s.flags = {{"server.maxBodySize", "0x400"}};
      CHECK(cfgt_error_of(s) == "command line: server.maxBodySize: must be an integer, got \"0x400\"");
    }
    SUBCASE("a bad value on a lower layer is reported even when a higher layer sets the setting") {
      // Every layer is checked as it is applied: a broken .env is never silently ignored.
      s.dotenv = {{"FASTCMS_PORT", "abc"}};
      s.flags = {{"server.port", "9000"}};
      CHECK(cfgt_error_of(s) == ".env: FASTCMS_PORT: must be an integer, got \"abc\"");
    }
  }

  TEST_CASE("config: values out of range name where they came from") {
    fastcms::project::ConfigSources s;
    s.file = cfgt_base_file();
    s.file_label = "fastcms.config.json";

    SUBCASE("file: by path inside the file") {
      s.file["server"] = {{"port", 70000}};
      CHECK(cfgt_error_of(s) == "fastcms.config.json: server.port: must be ≤ 65535, got 70000");
    }
    SUBCASE("file: maxBodySize below the minimum") {
      s.file["server"] = {{"maxBodySize", 10}};
      CHECK(cfgt_error_of(s) == "fastcms.config.json: server.maxBodySize: must be ≥ 1024, got 10");
    }
    SUBCASE(".env: by variable") {
      s.dotenv = {{"FASTCMS_PORT", "70000"}};
      CHECK(cfgt_error_of(s) == ".env (FASTCMS_PORT): must be ≤ 65535, got 70000");
    }
    SUBCASE("environment: by variable") {
      s.environment = {{"FASTCMS_PORT", "-1"}};
      CHECK(cfgt_error_of(s) == "environment (FASTCMS_PORT): must be ≥ 0, got -1");
    }
    SUBCASE("environment: database url that is not sqlite") {
      s.environment = {{"FASTCMS_DATABASE_URL", "postgres://db/app"}};
      CHECK(cfgt_error_of(s) ==
            "environment (FASTCMS_DATABASE_URL): must be a sqlite: URL such as sqlite://data/app.db (relative "
            "paths are relative to the project root), got \"postgres://db/app\"");
    }
    SUBCASE("flags: by flag key") {
      s.flags = {{"server.host", ""}};
      CHECK(cfgt_error_of(s) == "command line (server.host): must not be empty");
    }
    SUBCASE("several problems are all reported, one per line") {
      s.file["server"] = {{"port", 70000}};
      s.flags = {{"server.host", ""}, {"server.maxBodySize", "1"}};
      CHECK(cfgt_error_of(s) ==
            "command line (server.host): must not be empty\n"
            "command line (server.maxBodySize): must be ≥ 1024, got 1\n"
            "fastcms.config.json: server.port: must be ≤ 65535, got 70000");
    }
  }

  TEST_CASE("config: FASTCMS_SECRET comes from the environment before .env") {
    fastcms::project::ConfigSources s;
    s.file = cfgt_base_file();
    SUBCASE("both") {
      s.dotenv = {{"FASTCMS_SECRET", "from-dotenv"}};
      s.environment = {{"FASTCMS_SECRET", "from-env"}};
      auto r = fastcms::project::resolve_config(s);
      REQUIRE(r.ok());
      CHECK(r->secret == "from-env");
      CHECK(r->origin_of.at("secret") == "environment (FASTCMS_SECRET)");
    }
    SUBCASE(".env only") {
      s.dotenv = {{"FASTCMS_SECRET", "from-dotenv"}};
      auto r = fastcms::project::resolve_config(s);
      REQUIRE(r.ok());
      CHECK(r->secret == "from-dotenv");
      CHECK(r->origin_of.at("secret") == ".env (FASTCMS_SECRET)");
    }
    SUBCASE("neither; the file cannot set it") {
      auto r = fastcms::project::resolve_config(s);
      REQUIRE(r.ok());
      CHECK(r->secret.empty());
      CHECK(r->origin_of.count("secret") == 0);
    }
  }

  TEST_CASE("config: load_config reads fastcms.config.json and .env from a project folder") {
    CfgtEnvGuard env;
    CfgtTempDir dir;
    cfgt_write(dir.path() / "fastcms.config.json", R"({
  "name": "my-app",
  "template": "blog",
  "server": { "host": "0.0.0.0", "port": 8100, "origins": ["https://a.example"] },
  "database": { "url": "sqlite://data/main.db" }
})");
    cfgt_write(dir.path() / ".env",
               "# local\nFASTCMS_SECRET=s3cret\nexport FASTCMS_PORT=8200\nFASTCMS_ORIGINS=\"https://b.example, https://c.example\"\n");

    auto r = fastcms::project::load_config(dir.path());
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->name == "my-app");
    CHECK(r->template_name == "blog");
    CHECK(r->host == "0.0.0.0");
    CHECK(r->port == 8200);
    CHECK(r->origins == std::vector<std::string>{"https://b.example", "https://c.example"});
    CHECK(r->max_body_size == 32LL * 1024 * 1024);
    CHECK(r->database_url == "sqlite://data/main.db");
    CHECK(r->secret == "s3cret");
    CHECK(r->origin_of.at("server.host") == "fastcms.config.json");
    CHECK(r->origin_of.at("server.port") == ".env (FASTCMS_PORT)");
    CHECK(r->origin_of.at("secret") == ".env (FASTCMS_SECRET)");
    CHECK(r->origin_of.count("server.maxBodySize") == 0);

    SUBCASE("the environment beats .env, flags beat the environment") {
      env.set("FASTCMS_PORT", "8300");
      env.set("FASTCMS_SECRET", "env-secret");
      env.set("FASTCMS_HOST", "10.0.0.1");
      auto e = fastcms::project::load_config(dir.path(), {{"server.host", "192.168.1.1"}});
      REQUIRE_MESSAGE(e.ok(), e.error().message);
      CHECK(e->port == 8300);
      CHECK(e->origin_of.at("server.port") == "environment (FASTCMS_PORT)");
      CHECK(e->secret == "env-secret");
      CHECK(e->origin_of.at("secret") == "environment (FASTCMS_SECRET)");
      CHECK(e->host == "192.168.1.1");
      CHECK(e->origin_of.at("server.host") == "command line (server.host)");
    }
    SUBCASE("a bad integer in the environment names it") {
      env.set("FASTCMS_MAX_BODY_SIZE", "big");
      auto e = fastcms::project::load_config(dir.path());
      REQUIRE_FALSE(e.ok());
      CHECK(e.error().message == "environment: FASTCMS_MAX_BODY_SIZE: must be an integer, got \"big\"");
    }
  }

  TEST_CASE("config: load_config reads fastcms.config.yaml; works without .env") {
    CfgtEnvGuard env;
    CfgtTempDir dir;
    cfgt_write(dir.path() / "fastcms.config.yaml",
               "name: yaml-app\nserver:\n  port: 9100\n  origins:\n    - https://y.example\n  maxBodySize: 4096\n");
    auto r = fastcms::project::load_config(dir.path());
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->name == "yaml-app");
    CHECK(r->port == 9100);
    CHECK(r->origins == std::vector<std::string>{"https://y.example"});
    CHECK(r->max_body_size == 4096);
    CHECK(r->host == "127.0.0.1");
    CHECK(r->secret.empty());
    CHECK(r->origin_of.at("server.port") == "fastcms.config.yaml");
  }

  TEST_CASE("config: load_config prefers fastcms.config.json over fastcms.config.yaml") {
    CfgtEnvGuard env;
    CfgtTempDir dir;
    cfgt_write(dir.path() / "fastcms.config.json", R"({"name": "from-json"})");
    cfgt_write(dir.path() / "fastcms.config.yaml", "name: from-yaml\n");
    auto r = fastcms::project::load_config(dir.path());
    REQUIRE(r.ok());
    CHECK(r->name == "from-json");
  }

  TEST_CASE("config: load_config reports an invalid config file by file and path") {
    CfgtEnvGuard env;
    CfgtTempDir dir;
    auto error_for = [&](const std::string& file, const std::string& text) {
      cfgt_fs::remove(dir.path() / "fastcms.config.json");
      cfgt_fs::remove(dir.path() / "fastcms.config.yaml");
      cfgt_write(dir.path() / file, text);
      auto r = fastcms::project::load_config(dir.path());
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().kind == fastcms::ErrorKind::failure);
      return r.error().message;
    };
    CHECK(error_for("fastcms.config.json", R"({"name": "a", "server": {"port": 70000}})") ==
          "fastcms.config.json: server.port: must be ≤ 65535, got 70000");
    CHECK(error_for("fastcms.config.json", R"({"name": "a", "server": {"port": "8090"}})") ==
          "fastcms.config.json: server.port: must be integer, got string \"8090\"");
    CHECK(error_for("fastcms.config.yaml", "name: a\nserver:\n  port: 70000\n") ==
          "fastcms.config.yaml: server.port: must be ≤ 65535, got 70000");
    CHECK(error_for("fastcms.config.json", R"({"name": "a", "sever": {}})") ==
          "fastcms.config.json: sever: is not a known key (did you mean \"server\"?)");
    CHECK(error_for("fastcms.config.json", R"({"name": "a", "server": {"prot": 1}})") ==
          "fastcms.config.json: server.prot: is not a known key (did you mean \"port\"?)");
    CHECK(error_for("fastcms.config.json", R"({"name": "a", "zzzzzzzz": 1})") ==
          "fastcms.config.json: zzzzzzzz: is not a known key");
    CHECK(error_for("fastcms.config.json", R"({"server": {}})") == "fastcms.config.json: name: is required");
    CHECK(error_for("fastcms.config.json", R"({"name": "-bad"})") ==
          "fastcms.config.json: name: must start with a letter or digit and contain only letters, digits, '.', '_' "
          "and '-' (at most 64 characters), got \"-bad\"");
    // Several problems are all reported.
    CHECK(error_for("fastcms.config.json", R"({"name": "a", "server": {"port": -1, "host": ""}})") ==
          "fastcms.config.json: server.host: must not be empty\n"
          "fastcms.config.json: server.port: must be ≥ 0, got -1");
    // A syntax error names the file and the line.
    std::string syntax = error_for("fastcms.config.json", "{\n  \"name\": \"a\",\n}\n");
    CHECK(syntax.find("fastcms.config.json: line 3") != std::string::npos);
  }

  TEST_CASE("config: load_config errors for a missing config file and a broken .env") {
    CfgtEnvGuard env;
    CfgtTempDir dir;
    auto none = fastcms::project::load_config(dir.path());
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message ==
          dir.path().string() + ": no fastcms.config.json here; run `fastcms init NAME` to create a project");

    cfgt_write(dir.path() / "fastcms.config.json", R"({"name": "a"})");
    cfgt_write(dir.path() / ".env", "FASTCMS_SECRET=x\noops\n");
    auto bad_line = fastcms::project::load_config(dir.path());
    REQUIRE_FALSE(bad_line.ok());
    CHECK(bad_line.error().message == ".env: line 2: expected KEY=value, got \"oops\"");

    cfgt_write(dir.path() / ".env", "FASTCMS_PORT=eighty\n");
    auto bad_int = fastcms::project::load_config(dir.path());
    REQUIRE_FALSE(bad_int.ok());
    CHECK(bad_int.error().message == ".env: FASTCMS_PORT: must be an integer, got \"eighty\"");

    cfgt_write(dir.path() / ".env", "FASTCMS_PORT=99999\n");
    auto range = fastcms::project::load_config(dir.path());
    REQUIRE_FALSE(range.ok());
    CHECK(range.error().message == ".env (FASTCMS_PORT): must be ≤ 65535, got 99999");
  }
}
