#include "support/sdk_scenario.h"

#include <doctest/doctest.h>

#include <fstream>
#include <regex>

#include "support/process.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace fastcms::test {
namespace fs = std::filesystem;

namespace {

const char* const kScenarioSuperuserEmail = "root@example.com";
const char* const kScenarioSuperuserPassword = "sdk-superuser-password-1";

fs::path sdk_dir() { return fs::path(FASTCMS_SOURCE_DIR) / "tests" / "e2e" / "sdk"; }

/// The number after "pass " in node's test summary (spec or TAP), or -1.
int passed_count(const std::string& output) {
  static const std::regex pass_line(R"((?:^|\n)\S*\s*pass (\d+))");
  std::smatch m;
  return std::regex_search(output, m, pass_line) ? std::stoi(m[1]) : -1;
}

}  // namespace

void run_sdk_scenario(const std::string& script, const SdkScenarioOptions& options) {
  const std::string node = find_program("node");
  if (node.empty()) {
    MESSAGE("skipped: node is not on PATH (packaging/install-deps.sh installs nodejs; scripts/test.sh installs the SDK)");
    return;
  }
  REQUIRE_MESSAGE(fs::is_regular_file(sdk_dir() / "node_modules" / "pocketbase" / "package.json"),
                  "the PocketBase SDK is not installed: run `npm ci --prefix tests/e2e/sdk` (scripts/test.sh does)");

  TempDir dir;
  auto init = run_fastcms({"init", "app", "--template", options.template_name}, in_dir(dir.path()));
  REQUIRE_MESSAGE(init.exit_code == 0, "fastcms init failed:\n" << init.err);
  const fs::path project = dir / "app";
  if (!options.config_patch.empty()) {
    nlohmann::json config;
    std::ifstream(project / "fastcms.config.json") >> config;
    config.merge_patch(options.config_patch);
    std::ofstream(project / "fastcms.config.json") << config.dump(2) << "\n";
  }

  RunOptions create_superuser = in_dir(project);
  create_superuser.stdin_data = std::string(kScenarioSuperuserPassword) + "\n";
  auto superuser = run_fastcms({"users", "create", kScenarioSuperuserEmail, "--admin", "--password-stdin"},
                               create_superuser);
  REQUIRE_MESSAGE(superuser.exit_code == 0, "fastcms users create --admin failed (" << superuser.exit_code << "):\n"
                                                << superuser.out << superuser.err);

  ServerStartOptions start;
  start.run = in_dir(project);
  for (const auto& [name, value] : options.server_env) start.run.env[name] = value;
  auto server = start_fastcms_server(project, options.server_args, start);
  REQUIRE_MESSAGE(server->started(), server->startup_error());

  RunOptions node_options = in_dir(sdk_dir());
  node_options.env = {{"FASTCMS_URL", server->base_url()},
                      {"FASTCMS_SUPERUSER_EMAIL", std::string(kScenarioSuperuserEmail)},
                      {"FASTCMS_SUPERUSER_PASSWORD", std::string(kScenarioSuperuserPassword)},
                      {"FASTCMS_PROJECT_DIR", project.string()},
                      {"NO_COLOR", std::string("1")},
                      {"FORCE_COLOR", std::nullopt}};
  for (const auto& [name, value] : options.extra_env) node_options.env[name] = value;
  node_options.timeout_seconds = 300;
  auto sdk = run({node, "--test", "--test-reporter=spec", script}, node_options);
  const std::string report = "node --test " + script + " against " + server->base_url() + " exited " +
                             std::to_string(sdk.exit_code) + ":\n" + sdk.out + sdk.err + "\n" +
                             server->output_report();
  CHECK_MESSAGE(sdk.exit_code == 0, report);
  CHECK_MESSAGE(passed_count(sdk.out) > 0, "node ran no test:\n" << report);
  CHECK_MESSAGE(server->stop() == 0, "fastcms did not exit 0 on SIGTERM\n" << server->output_report());
}

}  // namespace fastcms::test
