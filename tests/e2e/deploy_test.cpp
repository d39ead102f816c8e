// End-to-end: `fastcms deploy` on real projects; every generated file is parsed (Dockerfile
// instructions, YAML with yaml-cpp, JSON with nlohmann, TOML with python3's tomllib) and its
// key settings checked.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/runtime_packages.h"
#include "support/e2e_project.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::read_file;
using fastcms::test::run_fastcms;

namespace {

/// A Dockerfile's instructions: keyword → every argument string (continuations joined).
std::multimap<std::string, std::string> parse_dockerfile(const std::string& text) {
  std::multimap<std::string, std::string> out;
  std::istringstream in(text);
  std::string line, pending;
  while (std::getline(in, line)) {
    if (pending.empty() && (line.empty() || line.front() == '#')) continue;
    bool continues = !line.empty() && line.back() == '\\';
    pending += continues ? line.substr(0, line.size() - 1) : line;
    if (continues) continue;
    auto space = pending.find(' ');
    out.emplace(pending.substr(0, space), space == std::string::npos ? "" : pending.substr(space + 1));
    pending.clear();
  }
  return out;
}

std::string dockerfile_arg(const std::multimap<std::string, std::string>& instructions, const std::string& key) {
  auto it = instructions.find(key);
  return it == instructions.end() ? "" : it->second;
}

/// A TOML file as JSON, parsed by python3's tomllib (Python 3.11+).
nlohmann::json parse_toml(const fs::path& file) {
  auto r = fastcms::test::run({fastcms::test::find_program("python3"), "-c",
                               "import json, sys, tomllib\n"
                               "print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))",
                               file.string()});
  if (r.exit_code != 0) FAIL("tomllib could not parse " << file << ": " << r.err);
  return nlohmann::json::parse(r.out);
}

fs::path deploy_project(const fs::path& parent) { return fastcms::test::init_blank_project(parent, "Shop.App"); }

void set_project_port(const fs::path& project, int port) {
  auto path = project / "fastcms.config.json";
  auto config = nlohmann::json::parse(read_file(path));
  config["server"]["port"] = port;
  fastcms::test::write_file(path, config.dump(2));
}

void check_dockerfile(const std::string& text, int port) {
  auto docker = parse_dockerfile(text);
  CHECK(dockerfile_arg(docker, "FROM") == "debian:12-slim");
  CHECK(dockerfile_arg(docker, "USER") == "fastcms");
  CHECK(dockerfile_arg(docker, "EXPOSE") == std::to_string(port));
  CHECK(dockerfile_arg(docker, "VOLUME") == R"(["/app/data"])");
  CHECK(dockerfile_arg(docker, "WORKDIR") == "/app");
  CHECK(dockerfile_arg(docker, "CMD") == R"(["fastcms", "serve"])");
  CHECK(dockerfile_arg(docker, "ENV").find("FASTCMS_PORT=" + std::to_string(port)) != std::string::npos);
  CHECK(dockerfile_arg(docker, "ENV").find("FASTCMS_HOST=0.0.0.0") != std::string::npos);
  std::string health = dockerfile_arg(docker, "HEALTHCHECK");
  CHECK(health.find(R"(CMD ["fastcms", "healthcheck", "--quiet"])") != std::string::npos);
  std::string run = dockerfile_arg(docker, "RUN");
  CHECK(run.find("useradd --system") != std::string::npos);
  CHECK(run.find(fastcms::build::runtime_debian_packages) != std::string::npos);
  // The secret is never baked in; the file says how to pass it.
  CHECK(text.find("FASTCMS_SECRET") != std::string::npos);
  CHECK(text.find("--env-file .env") != std::string::npos);
}

}  // namespace

TEST_SUITE("e2e deploy") {
  TEST_CASE("docker: a new project already has the files; a changed port needs --force; files parse") {
    fastcms::test::TempDir dir;
    auto project = deploy_project(dir.path());
    auto same = run_fastcms({"deploy", "--target", "docker"}, fastcms::test::in_dir(project));
    CHECK_MESSAGE(same.exit_code == 0, same.err);
    CHECK(same.err.find("unchanged Dockerfile") != std::string::npos);
    CHECK(same.err.find("unchanged docker-compose.yml") != std::string::npos);
    CHECK(same.err.find("docker compose up") != std::string::npos);

    set_project_port(project, 9100);
    std::string before = fastcms::test::snapshot_tree(project);
    auto refused = run_fastcms({"deploy", "--target", "docker"}, fastcms::test::in_dir(project));
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("Dockerfile, docker-compose.yml already exist with other content") != std::string::npos);
    CHECK(refused.err.find("--force") != std::string::npos);
    CHECK(fastcms::test::snapshot_tree(project) == before);

    auto dry = run_fastcms({"deploy", "--target", "docker", "--dry-run", "--force"}, fastcms::test::in_dir(project / "app"));
    CHECK_MESSAGE(dry.exit_code == 0, dry.err);
    CHECK(dry.out.find("==> Dockerfile (would overwrite) <==\n") != std::string::npos);
    CHECK(dry.out.find("==> .dockerignore (unchanged) <==\n") != std::string::npos);
    CHECK(dry.out.find("EXPOSE 9100") != std::string::npos);
    CHECK(dry.err.find("nothing was written") != std::string::npos);
    CHECK(fastcms::test::snapshot_tree(project) == before);

    auto forced = run_fastcms({"deploy", "--target", "docker", "--force"}, fastcms::test::in_dir(project));
    CHECK_MESSAGE(forced.exit_code == 0, forced.err);
    CHECK(forced.err.find("overwrote Dockerfile") != std::string::npos);
    check_dockerfile(read_file(project / "Dockerfile"), 9100);

    std::string ignore = read_file(project / ".dockerignore");
    CHECK(ignore.find("\ndata/\n") != std::string::npos);
    CHECK(ignore.find("\n.env\n") != std::string::npos);

    YAML::Node compose = YAML::LoadFile((project / "docker-compose.yml").string());
    YAML::Node service = compose["services"]["fastcms"];
    REQUIRE(service.IsMap());
    CHECK(service["build"].as<std::string>() == ".");
    CHECK(service["image"].as<std::string>() == "shop-app:latest");
    CHECK(service["ports"][0].as<std::string>() == "9100:9100");
    CHECK(service["env_file"].as<std::string>() == ".env");
    CHECK(service["environment"]["FASTCMS_HOST"].as<std::string>() == "0.0.0.0");
    CHECK(service["volumes"][0].as<std::string>() == "fastcms_data:/app/data");
    CHECK(compose["volumes"]["fastcms_data"].IsDefined());
    CHECK(service["healthcheck"]["test"].as<std::vector<std::string>>() ==
          std::vector<std::string>{"CMD", "fastcms", "healthcheck", "--quiet"});
  }

  TEST_CASE("fly: fly.toml has the port, the volume, the health check and the one-machine note") {
    fastcms::test::TempDir dir;
    auto project = deploy_project(dir.path());
    auto r = run_fastcms({"deploy", "--target", "fly"}, fastcms::test::in_dir(project));
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.err.find("created fly.toml") != std::string::npos);
    CHECK(r.err.find("fly launch --copy-config") != std::string::npos);
    CHECK(r.err.find("fly secrets set FASTCMS_SECRET=") != std::string::npos);
    auto fly = parse_toml(project / "fly.toml");
    CHECK(fly["app"] == "shop-app");
    CHECK(fly["build"]["dockerfile"] == "Dockerfile");
    CHECK(fly["http_service"]["internal_port"] == 8090);
    CHECK(fly["http_service"]["checks"][0]["path"] == "/api/health");
    CHECK(fly["http_service"]["checks"][0]["method"] == "GET");
    REQUIRE(fly["mounts"].size() == 1);
    CHECK(fly["mounts"][0]["destination"] == "/app/data");
    CHECK(fly["mounts"][0]["source"] == "fastcms_data");
    std::string text = read_file(project / "fly.toml");
    CHECK(text.find("SQLite means ONE machine") != std::string::npos);
    check_dockerfile(read_file(project / "Dockerfile"), 8090);
  }

  TEST_CASE("railway: railway.json uses the Dockerfile, the health path and the data mount") {
    fastcms::test::TempDir dir;
    auto project = deploy_project(dir.path());
    auto r = run_fastcms({"deploy", "--target", "railway"}, fastcms::test::in_dir(project));
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.err.find("railway volume add --mount-path /app/data") != std::string::npos);
    CHECK(r.err.find("railway up") != std::string::npos);
    auto railway = nlohmann::json::parse(read_file(project / "railway.json"));
    CHECK(railway["build"]["builder"] == "DOCKERFILE");
    CHECK(railway["build"]["dockerfilePath"] == "Dockerfile");
    CHECK(railway["deploy"]["healthcheckPath"] == "/api/health");
    CHECK(railway["deploy"]["requiredMountPath"] == "/app/data");
  }

  TEST_CASE("--dry-run on a new target writes nothing; conflicts still fail") {
    fastcms::test::TempDir dir;
    auto project = deploy_project(dir.path());
    fastcms::test::write_file(project / "railway.json", "{}\n");
    std::string before = fastcms::test::snapshot_tree(project);
    auto dry = run_fastcms({"deploy", "--target", "railway", "--dry-run"}, fastcms::test::in_dir(project));
    CHECK(dry.exit_code == 1);
    CHECK(dry.out.find("==> railway.json (exists with other content (needs --force)) <==") != std::string::npos);
    CHECK(dry.err.find("railway.json already exists with other content") != std::string::npos);
    CHECK(fastcms::test::snapshot_tree(project) == before);
  }

  TEST_CASE("an unknown target is a usage error with a suggestion; outside a project is a failure") {
    fastcms::test::TempDir dir;
    auto project = deploy_project(dir.path());
    auto typo = run_fastcms({"deploy", "--target", "dokcer"}, fastcms::test::in_dir(project));
    CHECK(typo.exit_code == 2);
    CHECK(typo.err.find("unknown deploy target \"dokcer\" (did you mean \"docker\"?); valid targets: docker, fly, "
                        "railway") != std::string::npos);
    auto missing = run_fastcms({"deploy"}, fastcms::test::in_dir(project));
    CHECK(missing.exit_code == 2);
    auto outside = run_fastcms({"deploy", "--target", "docker"}, fastcms::test::in_dir(dir.path()));
    CHECK(outside.exit_code == 1);
    CHECK(outside.err.find("no fastcms project found") != std::string::npos);
  }
}
