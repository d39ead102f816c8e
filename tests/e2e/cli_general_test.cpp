// End-to-end: the fastcms binary's global behaviour (version, help, exit codes,
// suggestions, colour) exercised as a user would, through a real process.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "support/process.h"
#include "support/temp_dir.h"

using fastcms::test::run_fastcms;
using fastcms::test::RunOptions;

TEST_SUITE("e2e cli") {
  TEST_CASE("--version and version --json agree") {
    auto plain = run_fastcms({"--version"});
    CHECK(plain.exit_code == 0);
    CHECK(std::regex_search(plain.out, std::regex(R"(^fastcms \d+\.\d+\.\d+)")));
    auto json = run_fastcms({"version", "--json"});
    REQUIRE(json.exit_code == 0);
    auto info = nlohmann::json::parse(json.out);
    CHECK(plain.out.find(info["version"].get<std::string>()) != std::string::npos);
    CHECK(info.contains("commit"));
    CHECK(info.contains("sqlite"));
  }

  TEST_CASE("every command has --help with examples and exits 0") {
    for (auto args : std::vector<std::vector<std::string>>{
             {"--help"}, {"init", "--help"}, {"collections", "--help"}, {"collections", "list", "--help"}, {"version", "--help"}}) {
      auto r = run_fastcms(args);
      CAPTURE(args.front());
      CHECK(r.exit_code == 0);
      CHECK(r.out.find("Usage:") != std::string::npos);
      CHECK(r.out.find("Examples:") != std::string::npos);
    }
  }

  TEST_CASE("no arguments prints help and is a usage error") {
    auto r = run_fastcms({});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("Usage:") != std::string::npos);
  }

  TEST_CASE("unknown commands and flags exit 2 with a suggestion") {
    auto cmd = run_fastcms({"inti", "x"});
    CHECK(cmd.exit_code == 2);
    CHECK(cmd.err.find("unknown command 'inti'") != std::string::npos);
    CHECK(cmd.err.find("did you mean 'init'?") != std::string::npos);

    auto sub = run_fastcms({"collections", "lsit"});
    CHECK(sub.exit_code == 2);
    CHECK(sub.err.find("did you mean 'list'?") != std::string::npos);

    auto flag = run_fastcms({"init", "x", "--tempalte", "blog"});
    CHECK(flag.exit_code == 2);
    CHECK(flag.err.find("unknown flag '--tempalte'") != std::string::npos);
    CHECK(flag.err.find("did you mean '--template'?") != std::string::npos);

    auto far = run_fastcms({"zzzzzzzz"});
    CHECK(far.exit_code == 2);
    CHECK(far.err.find("did you mean") == std::string::npos);
  }

  TEST_CASE("missing arguments are usage errors") {
    CHECK(run_fastcms({"init"}).exit_code == 2);
    auto group = run_fastcms({"collections"});
    CHECK(group.exit_code == 2);
    CHECK(group.err.find("needs a command: list") != std::string::npos);
  }

  TEST_CASE("colour only on a terminal and never with NO_COLOR") {
    // Piped: never coloured.
    auto piped = run_fastcms({"inti"});
    CHECK(piped.err.find("\x1b[") == std::string::npos);
    // On a pseudo-terminal (util-linux `script`), coloured unless NO_COLOR is set.
    std::string cmd = fastcms::test::fastcms_binary() + " inti";
    RunOptions tty;
    tty.env["NO_COLOR"] = std::nullopt;
    tty.env["TERM"] = "xterm";
    auto on_tty = fastcms::test::run({"/usr/bin/script", "-qec", cmd, "/dev/null"}, tty);
    CHECK(on_tty.out.find("\x1b[") != std::string::npos);
    RunOptions no_color = tty;
    no_color.env["NO_COLOR"] = "1";
    auto plain = fastcms::test::run({"/usr/bin/script", "-qec", cmd, "/dev/null"}, no_color);
    CHECK(plain.out.find("error:") != std::string::npos);
    CHECK(plain.out.find("\x1b[") == std::string::npos);
  }

  TEST_CASE("the README command reference lists every command in --help") {
    std::string readme = fastcms::test::read_file(std::string(FASTCMS_SOURCE_DIR) + "/README.md");
    auto help = run_fastcms({"--help"});
    std::regex sub_re(R"(\n  ([a-z]+) {2,})");
    auto begin = help.out.find("Subcommands:");
    REQUIRE(begin != std::string::npos);
    std::string subs = help.out.substr(begin);
    int found = 0;
    for (std::sregex_iterator it(subs.begin(), subs.end(), sub_re), end; it != end; ++it) {
      std::string name = (*it)[1];
      CAPTURE(name);
      CHECK(readme.find("fastcms " + name) != std::string::npos);
      ++found;
    }
    CHECK(found >= 3);
  }
}
