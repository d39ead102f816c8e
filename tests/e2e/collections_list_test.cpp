// End-to-end: `fastcms collections list` on valid and invalid projects.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::run_fastcms;
using fastcms::test::RunOptions;
using fastcms::test::TempDir;


TEST_SUITE("e2e collections list") {
  TEST_CASE("lists collections with rules in short, as a table and as JSON") {
    TempDir dir;
    REQUIRE(run_fastcms({"init", "blog", "--template", "blog"}, fastcms::test::in_dir(dir.path())).exit_code == 0);
    auto table = run_fastcms({"collections", "list"}, fastcms::test::in_dir(dir / "blog"));
    CHECK(table.exit_code == 0);
    CHECK(table.out.find("NAME") != std::string::npos);
    CHECK(table.out.find("posts") != std::string::npos);
    CHECK(table.out.find("\x1b[") == std::string::npos);
    auto json = run_fastcms({"collections", "list", "--json"}, fastcms::test::in_dir(dir / "blog"));
    REQUIRE(json.exit_code == 0);
    auto rows = nlohmann::json::parse(json.out);
    bool found = false;
    for (const auto& r : rows) {
      if (r["name"] != "categories") continue;
      found = true;
      CHECK(r["type"] == "base");
      CHECK(r["rules"]["listRule"] == "");
      CHECK(r["file"] == "app/collections/categories.yaml");
    }
    CHECK(found);
  }

  TEST_CASE("outside a project it says how to create one") {
    TempDir dir;
    auto r = run_fastcms({"collections", "list"}, fastcms::test::in_dir(dir.path()));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("no fastcms project found") != std::string::npos);
    CHECK(r.err.find("fastcms init") != std::string::npos);
  }

  TEST_CASE("invalid config and collection files name file, path and expectation") {
    TempDir dir;
    REQUIRE(run_fastcms({"init", "p"}, fastcms::test::in_dir(dir.path())).exit_code == 0);
    fastcms::test::write_file(dir / "p/fastcms.config.json", R"({"name":"p","server":{"port":"eighty","hots":"x"}})");
    auto config = run_fastcms({"collections", "list"}, fastcms::test::in_dir(dir / "p"));
    CHECK(config.exit_code == 1);
    CHECK(config.err.find("fastcms.config.json: server.port: must be integer") != std::string::npos);
    CHECK(config.err.find("server.hots: is not a known key (did you mean \"host\"?)") != std::string::npos);

    fastcms::test::write_file(dir / "p/fastcms.config.json", R"({"name":"p"})");
    fastcms::test::write_file(dir / "p/app/collections/posts.yaml",
                              "name: posts\nfields:\n  - { name: title, type: txt }\n  - { name: author, type: relation, collection: usrs }\n");
    auto coll = run_fastcms({"collections", "list"}, fastcms::test::in_dir(dir / "p"));
    CHECK(coll.exit_code == 1);
    CHECK(coll.err.find("app/collections/posts.yaml: fields[0].type: must be one of text, number") != std::string::npos);

    fastcms::test::write_file(dir / "p/app/collections/posts.yaml",
                              "name: posts\nfields:\n  - { name: author, type: relation, collection: usrs }\n");
    auto rel = run_fastcms({"collections", "list"}, fastcms::test::in_dir(dir / "p"));
    CHECK(rel.exit_code == 1);
    CHECK(rel.err.find("app/collections/posts.yaml: fields[0].collection: unknown collection \"usrs\" (did you mean \"users\"?)") !=
          std::string::npos);

    fastcms::test::write_file(dir / "p/app/collections/posts.yaml", "name: posts\nfields: [ {name: x\n");
    auto syntax = run_fastcms({"collections", "list"}, fastcms::test::in_dir(dir / "p"));
    CHECK(syntax.exit_code == 1);
    CHECK(syntax.err.find("app/collections/posts.yaml: line") != std::string::npos);
  }

  TEST_CASE("an invalid .env value names the variable") {
    TempDir dir;
    REQUIRE(run_fastcms({"init", "p"}, fastcms::test::in_dir(dir.path())).exit_code == 0);
    fastcms::test::write_file(dir / "p/.env", "FASTCMS_PORT=abc\n");
    auto r = run_fastcms({"collections", "list"}, fastcms::test::in_dir(dir / "p"));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(".env: FASTCMS_PORT: must be an integer") != std::string::npos);
    RunOptions env = fastcms::test::in_dir(dir / "p");
    fastcms::test::write_file(dir / "p/.env", "FASTCMS_PORT=9000\n");
    env.env["FASTCMS_PORT"] = "99999";
    auto range = run_fastcms({"collections", "list"}, env);
    CHECK(range.exit_code == 1);
    CHECK(range.err.find("environment (FASTCMS_PORT): must be ≤ 65535") != std::string::npos);
  }
}
