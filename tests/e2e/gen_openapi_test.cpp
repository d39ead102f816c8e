// End-to-end: `fastcms gen openapi` on the blog template validates as OpenAPI 3.1 and a real
// server's answers match its schemas (tests/e2e/gen/openapi-conformance.mjs, npm
// @apidevtools/swagger-parser and ajv pinned in tests/e2e/gen); YAML output is the same document.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "project/structured_file.h"
#include "support/e2e_project.h"
#include "support/process.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::run_fastcms;

namespace {

const fs::path openapi_gen_dir = fs::path(FASTCMS_SOURCE_DIR) / "tests/e2e/gen";

fs::path openapi_blog_project(const fs::path& parent) {
  auto r = run_fastcms({"init", "blog", "--template", "blog"}, fastcms::test::in_dir(parent));
  if (r.exit_code != 0) FAIL("init failed: " << r.err);
  return parent / "blog";
}

}  // namespace

TEST_SUITE("e2e gen openapi") {
  TEST_CASE("the blog's OpenAPI document validates and a live server answers what it describes") {
    const std::string node = fastcms::test::find_program("node");
    REQUIRE_MESSAGE(!node.empty(), "node is not installed (packaging/install-deps.sh installs it)");
    REQUIRE_MESSAGE(fs::exists(openapi_gen_dir / "node_modules/@apidevtools/swagger-parser"),
                    "swagger-parser is not installed: run `npm ci --prefix tests/e2e/gen`");
    fastcms::test::TempDir dir;
    auto project = openapi_blog_project(dir.path());
    auto gen = run_fastcms({"gen", "openapi", "--output", "openapi.json"}, fastcms::test::in_dir(project));
    REQUIRE_MESSAGE(gen.exit_code == 0, gen.err);
    CHECK(gen.err.find("Wrote openapi.json") != std::string::npos);

    auto superuser = fastcms::test::create_user(project, "root@example.com", "openapi-superuser-1", {"--admin"});
    REQUIRE_MESSAGE(superuser.exit_code == 0, superuser.err);
    auto server = fastcms::test::start_fastcms_server(project);
    REQUIRE_MESSAGE(server->started(), server->startup_error());

    fastcms::test::RunOptions options = fastcms::test::in_dir(openapi_gen_dir);
    options.env = {{"OPENAPI_FILE", (project / "openapi.json").string()},
                   {"FASTCMS_URL", server->base_url()},
                   {"FASTCMS_SUPERUSER_EMAIL", std::string("root@example.com")},
                   {"FASTCMS_SUPERUSER_PASSWORD", std::string("openapi-superuser-1")},
                   {"NO_COLOR", std::string("1")}};
    options.timeout_seconds = 120;
    auto check = fastcms::test::run({node, "--test-reporter=spec", "openapi-conformance.mjs"}, options);
    CHECK_MESSAGE(check.exit_code == 0, check.out << check.err << server->output_report());
    CHECK(check.out.find("pass 4") != std::string::npos);
  }

  TEST_CASE("YAML output is the same document; --server names the URL; errors name the problem") {
    fastcms::test::TempDir dir;
    auto project = openapi_blog_project(dir.path());
    auto json_run = run_fastcms({"gen", "openapi", "--server", "https://api.example.com"}, fastcms::test::in_dir(project));
    REQUIRE_MESSAGE(json_run.exit_code == 0, json_run.err);
    auto document = nlohmann::json::parse(json_run.out);
    CHECK(document["servers"][0]["url"] == "https://api.example.com");
    CHECK(document["info"]["title"] == "blog");
    CHECK(document["paths"].contains("/api/collections/posts/records/{id}"));

    auto yaml_run = run_fastcms({"gen", "openapi", "--server", "https://api.example.com", "-o", "api.yaml"},
                                fastcms::test::in_dir(project));
    REQUIRE_MESSAGE(yaml_run.exit_code == 0, yaml_run.err);
    auto from_yaml = fastcms::project::load_structured_file(project / "api.yaml");
    REQUIRE_MESSAGE(from_yaml.ok(), (from_yaml.ok() ? "" : from_yaml.error().message));
    CHECK(*from_yaml == document);

    fastcms::test::write_file(project / "app/collections/broken.yaml", "name: broken\nfields: 3\n");
    auto broken = run_fastcms({"gen", "openapi"}, fastcms::test::in_dir(project));
    CHECK(broken.exit_code == 1);
    CHECK(broken.err.find("broken.yaml") != std::string::npos);
    auto outside = run_fastcms({"gen", "openapi"}, fastcms::test::in_dir(dir.path()));
    CHECK(outside.exit_code == 1);
    CHECK(outside.err.find("no fastcms project found") != std::string::npos);
  }
}
