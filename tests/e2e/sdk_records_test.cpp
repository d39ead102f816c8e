// End-to-end: the official PocketBase JS SDK (tests/e2e/sdk, pocketbase 0.28.0) drives a real
// `fastcms dev` server started on a fresh `blank` project with one superuser. The scenario
// itself lives in tests/e2e/sdk/records_api.test.mjs; this test sets the stage and reports
// node's full output (and the server's) when it fails.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>

#include "support/process.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::RunOptions;
using fastcms::test::TempDir;

namespace {

const char* const kSdkSuperuserEmail = "root@example.com";
const char* const kSdkSuperuserPassword = "sdk-superuser-password-1";

fs::path sdk_test_dir() { return fs::path(FASTCMS_SOURCE_DIR) / "tests" / "e2e" / "sdk"; }

/// The number after "pass " in node's test summary (spec or TAP), or -1.
int sdk_passed_count(const std::string& output) {
  static const std::regex pass_line(R"((?:^|\n)\S*\s*pass (\d+))");
  std::smatch m;
  return std::regex_search(output, m, pass_line) ? std::stoi(m[1]) : -1;
}

}  // namespace

TEST_SUITE("e2e sdk") {
  TEST_CASE("the PocketBase JS SDK drives the records API of fastcms dev") {
    const std::string node = fastcms::test::find_program("node");
    if (node.empty()) {
      MESSAGE("skipped: node is not on PATH (packaging/install-deps.sh installs nodejs; scripts/test.sh installs the SDK)");
      return;
    }
    REQUIRE_MESSAGE(fs::is_regular_file(sdk_test_dir() / "node_modules" / "pocketbase" / "package.json"),
                    "the PocketBase SDK is not installed: run `npm ci --prefix tests/e2e/sdk` (scripts/test.sh does)");

    TempDir dir;
    auto init = fastcms::test::run_fastcms({"init", "app", "--template", "blank"}, fastcms::test::in_dir(dir.path()));
    REQUIRE_MESSAGE(init.exit_code == 0, "fastcms init failed:\n" << init.err);
    const fs::path project = dir / "app";

    RunOptions create_superuser = fastcms::test::in_dir(project);
    create_superuser.stdin_data = std::string(kSdkSuperuserPassword) + "\n";
    auto superuser = fastcms::test::run_fastcms({"users", "create", kSdkSuperuserEmail, "--admin", "--password-stdin"}, create_superuser);
    REQUIRE_MESSAGE(superuser.exit_code == 0, "fastcms users create --admin failed (" << superuser.exit_code << "):\n"
                                                  << superuser.out << superuser.err);

    auto server = fastcms::test::start_fastcms_server(project);
    REQUIRE_MESSAGE(server->started(), server->startup_error());

    RunOptions node_options = fastcms::test::in_dir(sdk_test_dir());
    node_options.env = {{"FASTCMS_URL", server->base_url()},
                        {"FASTCMS_SUPERUSER_EMAIL", std::string(kSdkSuperuserEmail)},
                        {"FASTCMS_SUPERUSER_PASSWORD", std::string(kSdkSuperuserPassword)},
                        {"NO_COLOR", std::string("1")},
                        {"FORCE_COLOR", std::nullopt}};
    node_options.timeout_seconds = 300;
    auto sdk = fastcms::test::run({node, "--test", "--test-reporter=spec", "records_api.test.mjs"}, node_options);
    const std::string report = "node --test records_api.test.mjs against " + server->base_url() + " exited " +
                               std::to_string(sdk.exit_code) + ":\n" + sdk.out + sdk.err + "\n" + server->output_report();
    CHECK_MESSAGE(sdk.exit_code == 0, report);
    CHECK_MESSAGE(sdk_passed_count(sdk.out) > 0, "node ran no test:\n" << report);

    CHECK_MESSAGE(server->stop() == 0, "fastcms dev did not exit 0 on SIGTERM\n" << server->output_report());
  }
}
