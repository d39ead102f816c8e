#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fastcms::test {

/// How to stage one SDK scenario.
struct SdkScenarioOptions {
  std::string template_name = "blank";               ///< `fastcms init --template`
  std::vector<std::string> server_args = {"dev", "--port", "0"};
  std::map<std::string, std::string> extra_env;      ///< for the node process
  std::map<std::string, std::string> server_env;     ///< for the fastcms server
  /// Merged (JSON merge patch) into the project's fastcms.config.json before the server starts.
  nlohmann::json config_patch = nlohmann::json::object();
};

/// Runs `node --test tests/e2e/sdk/<script>` (node:test, official `pocketbase` SDK) against a
/// real `fastcms dev` server on a fresh project with one superuser. The script gets
/// FASTCMS_URL, FASTCMS_SUPERUSER_EMAIL, FASTCMS_SUPERUSER_PASSWORD and FASTCMS_PROJECT_DIR
/// (plus extra_env). Scripts start their own helper servers (SMTP, OAuth2) on 127.0.0.1 and
/// configure fastcms through the API. Checks (doctest CHECK) that node exits 0 having run at
/// least one test and that the server exits 0 on SIGTERM; failures show node's and the
/// server's output. Skips with a message when node is not installed.
void run_sdk_scenario(const std::string& script, const SdkScenarioOptions& options = {});

}  // namespace fastcms::test
