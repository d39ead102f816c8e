// End-to-end: `fastcms dev` and `fastcms serve` as real processes on fresh `blank` projects:
// addresses and ports, CORS, refusals, clean shutdown, --reload, --debug and the
// collection-file sync at start.
#include <doctest/doctest.h>
#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/e2e_project.h"
#include "support/process.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::init_blank_project;
using fastcms::test::run_fastcms;
using fastcms::test::RunOptions;
using fastcms::test::ServerStartOptions;
using fastcms::test::start_fastcms_server;
using fastcms::test::TempDir;
using fastcms::test::wait_until;

namespace {

const char* const kServeSuperuserEmail = "root@example.com";
const char* const kServeSuperuserPassword = "serve-superuser-password-1";

const char* const kNotesCollectionFile =
    "name: notes\n"
    "fields:\n"
    "  - { name: title, type: text }\n"
    "listRule: \"\"\n"
    "viewRule: \"\"\n";

httplib::Client serve_client(const fastcms::test::ServerProcess& server) {
  httplib::Client client(server.base_url());
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  return client;
}

/// Status of GET `path`, or -1 when there was no answer.
int serve_get_status(httplib::Client& client, const std::string& path) {
  auto res = client.Get(path);
  return res ? res->status : -1;
}

size_t serve_count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
  return count;
}

/// Options whose environment sets (or, with nullopt, unsets) PORT.
ServerStartOptions serve_with_port_env(std::optional<std::string> port) {
  ServerStartOptions options;
  options.run.env["PORT"] = std::move(port);
  return options;
}

/// Lines of `text` that announce a collection change ("+ name", "~ name: …", "- name").
std::vector<std::string> serve_change_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.size() > 2 && (line[0] == '+' || line[0] == '~' || line[0] == '-') && line[1] == ' ') lines.push_back(line);
  return lines;
}

/// A superuser token from POST /api/collections/_superusers/auth-with-password ("" on failure).
std::string serve_superuser_token(httplib::Client& client) {
  nlohmann::json body = {{"identity", kServeSuperuserEmail}, {"password", kServeSuperuserPassword}};
  auto res = client.Post("/api/collections/_superusers/auth-with-password", body.dump(), "application/json");
  if (!res || res->status != 200) return "";
  return nlohmann::json::parse(res->body).value("token", "");
}

}  // namespace

TEST_SUITE("e2e serve") {
  TEST_CASE("dev prints the API URL with the bound port, answers health, and stops cleanly on SIGTERM") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto server = start_fastcms_server(project);
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    CHECK(server->port() > 0);
    CHECK_MESSAGE(server->captured_stdout().find("REST API: http://127.0.0.1:" + std::to_string(server->port()) +
                                                 "/api/") != std::string::npos,
                  server->output_report());

    auto client = serve_client(*server);
    auto health = client.Get("/api/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(nlohmann::json::parse(health->body)["message"] == "API is healthy.");

    CHECK_MESSAGE(server->stop() == 0, server->output_report());
    CHECK_MESSAGE(server->captured_stderr().find("Stopped cleanly.") != std::string::npos, server->output_report());
    const fs::path wal = project / "data" / "app.db-wal";
    CHECK(fs::exists(project / "data" / "app.db"));
    CHECK_MESSAGE((!fs::exists(wal) || fs::file_size(wal) == 0), "the WAL was not checkpointed: " << wal.string());
  }

  TEST_CASE("serve listens on PORT when --http is absent, and --http wins over PORT") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    const int env_port = fastcms::test::free_tcp_port();
    {
      auto server = start_fastcms_server(project, {"serve"}, serve_with_port_env(std::to_string(env_port)));
      REQUIRE_MESSAGE(server->started(), server->startup_error());
      CHECK(server->host() == "127.0.0.1");
      CHECK(server->port() == env_port);
      auto client = serve_client(*server);
      CHECK(serve_get_status(client, "/api/health") == 200);
      CHECK_MESSAGE(server->stop() == 0, server->output_report());
    }
    const int flag_port = fastcms::test::free_tcp_port();
    auto server = start_fastcms_server(project, {"serve", "--http", "127.0.0.1:" + std::to_string(flag_port)},
                                       serve_with_port_env(std::to_string(env_port)));
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    CHECK(server->port() == flag_port);
    auto client = serve_client(*server);
    CHECK(serve_get_status(client, "/api/health") == 200);
    CHECK_MESSAGE(server->stop() == 0, server->output_report());
  }

  TEST_CASE("serve --http with a malformed address is a usage error naming the flag") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto r = run_fastcms({"serve", "--http", "nonsense"}, fastcms::test::in_dir(project));
    CHECK(r.exit_code == 2);
    CHECK_MESSAGE(r.err.find("--http") != std::string::npos, r.err);
  }

  TEST_CASE("serve --origins allows the listed origin only") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto server = start_fastcms_server(project, {"serve", "--http", "127.0.0.1:0", "--origins", "https://a.example"});
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    auto client = serve_client(*server);

    auto allowed = client.Get("/api/health", {{"Origin", "https://a.example"}});
    REQUIRE(allowed);
    CHECK(allowed->status == 200);
    CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "https://a.example");

    auto other = client.Get("/api/health", {{"Origin", "https://b.example"}});
    REQUIRE(other);
    CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
  }

  TEST_CASE("a project without FASTCMS_SECRET is refused, naming the variable") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    const std::string env = fastcms::test::read_file(project / ".env");
    REQUIRE(env.find("FASTCMS_SECRET=") != std::string::npos);
    fastcms::test::write_file(project / ".env", std::regex_replace(env, std::regex("FASTCMS_SECRET=[^\n]*\n?"), ""));

    for (auto args : std::vector<std::vector<std::string>>{{"dev", "--port", "0"}, {"serve", "--http", "127.0.0.1:0"}}) {
      CAPTURE(args.front());
      RunOptions options = fastcms::test::in_dir(project);
      options.env["FASTCMS_SECRET"] = std::nullopt;
      options.timeout_seconds = 20;
      auto r = run_fastcms(args, options);
      CHECK(r.exit_code == 2);
      CHECK_MESSAGE(r.err.find("FASTCMS_SECRET") != std::string::npos, r.err);
    }
  }

  TEST_CASE("an address already in use is refused, naming the address") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    fastcms::test::ListeningSocket taken;
    const std::string address = "127.0.0.1:" + std::to_string(taken.port());

    RunOptions options = fastcms::test::in_dir(project);
    options.timeout_seconds = 20;
    auto serve = run_fastcms({"serve", "--http", address}, options);
    CHECK(serve.exit_code == 1);
    CHECK_MESSAGE(serve.err.find(address) != std::string::npos, serve.err);
    // serve has no --port: its remedy is --http.
    CHECK_MESSAGE(serve.err.find("--port") == std::string::npos, serve.err);
    CHECK_MESSAGE(serve.err.find("--http") != std::string::npos, serve.err);

    auto dev = run_fastcms({"dev", "--port", std::to_string(taken.port())}, options);
    CHECK(dev.exit_code == 1);
    CHECK_MESSAGE(dev.err.find(address) != std::string::npos, dev.err);
    CHECK_MESSAGE(dev.err.find("--port") != std::string::npos, dev.err);
  }

  TEST_CASE("an invalid collection file stops the start, naming the file") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    fastcms::test::write_file(project / "app/collections/posts.yaml", "name: posts\nfields:\n  - { name: title, type: txt }\n");
    RunOptions options = fastcms::test::in_dir(project);
    options.timeout_seconds = 20;
    auto r = run_fastcms({"dev", "--port", "0"}, options);
    CHECK(r.exit_code != 0);
    CHECK_MESSAGE(r.err.find("app/collections/posts.yaml") != std::string::npos, r.err);
    CHECK(r.out.find("serving") == std::string::npos);
  }

  TEST_CASE("outside a project dev and serve say how to create one") {
    TempDir dir;
    for (auto args : std::vector<std::vector<std::string>>{{"dev", "--port", "0"}, {"serve", "--http", "127.0.0.1:0"}}) {
      CAPTURE(args.front());
      RunOptions options = fastcms::test::in_dir(dir.path());
      options.timeout_seconds = 20;
      auto r = run_fastcms(args, options);
      CHECK(r.exit_code == 1);
      CHECK_MESSAGE(r.err.find("no fastcms project found") != std::string::npos, r.err);
      CHECK(r.err.find("fastcms init") != std::string::npos);
    }
  }

  TEST_CASE("dev --reload applies a new collection file, and keeps serving through an invalid one") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto server = start_fastcms_server(project, {"dev", "--port", "0", "--reload"});
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    CHECK_MESSAGE(wait_until([&] { return server->captured_stdout().find("Watching app/") != std::string::npos; },
                             std::chrono::seconds(5)),
                  server->output_report());

    httplib::Client kept(server->base_url());  // one keep-alive connection across both reloads
    kept.set_keep_alive(true);
    kept.set_read_timeout(10);
    CHECK(serve_get_status(kept, "/api/collections/notes/records") == 404);

    fastcms::test::write_file(project / "app/collections/notes.yaml", kNotesCollectionFile);
    auto fresh = serve_client(*server);
    CHECK_MESSAGE(wait_until([&] { return serve_get_status(fresh, "/api/collections/notes/records") == 200; },
                             std::chrono::seconds(5)),
                  "notes never became available\n" << server->output_report());
    CHECK(serve_get_status(kept, "/api/collections/notes/records") == 200);

    const size_t failures_before = serve_count(server->captured_stderr(), "reload failed");
    fastcms::test::write_file(project / "app/collections/notes.yaml", "name: notes\nfields: [ {name: x\n");
    CHECK_MESSAGE(wait_until([&] { return serve_count(server->captured_stderr(), "reload failed") > failures_before; },
                             std::chrono::seconds(5)),
                  "no reload failure reported\n" << server->output_report());
    CHECK(serve_get_status(kept, "/api/collections/notes/records") == 200);
    CHECK(serve_get_status(kept, "/api/health") == 200);
    auto after = serve_client(*server);
    CHECK(serve_get_status(after, "/api/collections/notes/records") == 200);

    CHECK_MESSAGE(server->stop() == 0, server->output_report());
  }

  TEST_CASE("dev --debug logs each request and the SQL it runs") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto server = start_fastcms_server(project, {"dev", "--port", "0", "--debug"});
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    auto client = serve_client(*server);
    CHECK(serve_get_status(client, "/api/collections/users/records") == 200);
    CHECK(serve_get_status(client, "/api/health") == 200);
    // Each line is written after its response is sent, so they may arrive in either order.
    auto logged = [&] {
      const std::string err = server->captured_stderr();
      return err.find("[http] GET /api/health 200 ") != std::string::npos &&
             err.find("[http] GET /api/collections/users/records 200 ") != std::string::npos;
    };
    CHECK_MESSAGE(wait_until(logged, std::chrono::seconds(5)), server->output_report());
    CHECK_MESSAGE(std::regex_search(server->captured_stderr(), std::regex(R"(\[sql\] [0-9.]+ ms  SELECT )")),
                  server->output_report());
  }

  TEST_CASE("dev without --debug logs neither requests nor SQL") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto server = start_fastcms_server(project);
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    auto client = serve_client(*server);
    CHECK(serve_get_status(client, "/api/health") == 200);
    server->stop();
    CHECK(server->captured_stderr().find("[http]") == std::string::npos);
    CHECK(server->captured_stderr().find("[sql]") == std::string::npos);
  }

  TEST_CASE("collection files are applied at start: a restart changes nothing, an added field keeps the rows") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto superuser = fastcms::test::create_user(project, kServeSuperuserEmail, kServeSuperuserPassword, {"--admin"});
    REQUIRE_MESSAGE(superuser.exit_code == 0, superuser.out << superuser.err);
    fastcms::test::write_file(project / "app/collections/notes.yaml", kNotesCollectionFile);

    std::string record_id;
    {
      auto first = start_fastcms_server(project);
      REQUIRE_MESSAGE(first->started(), first->startup_error());
      CHECK_MESSAGE(first->captured_stderr().find("+ notes (created)") != std::string::npos, first->output_report());
      auto client = serve_client(*first);
      const std::string token = serve_superuser_token(client);
      REQUIRE_MESSAGE(!token.empty(), first->output_report());
      auto created = client.Post("/api/collections/notes/records", {{"Authorization", token}},
                                 nlohmann::json{{"title", "kept"}}.dump(), "application/json");
      REQUIRE(created);
      REQUIRE_MESSAGE(created->status == 200, created->body);
      record_id = nlohmann::json::parse(created->body)["id"].get<std::string>();
      CHECK_MESSAGE(first->stop() == 0, first->output_report());
    }
    {
      auto second = start_fastcms_server(project);
      REQUIRE_MESSAGE(second->started(), second->startup_error());
      CHECK_MESSAGE(serve_change_lines(second->captured_stderr()).empty(), second->output_report());
      CHECK_MESSAGE(second->stop() == 0, second->output_report());
    }

    fastcms::test::write_file(project / "app/collections/notes.yaml",
                              std::regex_replace(kNotesCollectionFile, std::regex("(  - \\{ name: title, type: text \\}\n)"),
                                                 "$1  - { name: body, type: text }\n"));
    auto third = start_fastcms_server(project);
    REQUIRE_MESSAGE(third->started(), third->startup_error());
    auto changes = serve_change_lines(third->captured_stderr());
    REQUIRE_MESSAGE(changes.size() == 1, third->output_report());
    CHECK(changes[0].rfind("~ notes:", 0) == 0);
    CHECK(changes[0].find("body") != std::string::npos);

    auto client = serve_client(*third);
    auto record = client.Get("/api/collections/notes/records/" + record_id);
    REQUIRE(record);
    REQUIRE_MESSAGE(record->status == 200, record->body);
    auto json = nlohmann::json::parse(record->body);
    CHECK(json["title"] == "kept");
    CHECK(json["body"] == "");
    CHECK_MESSAGE(third->stop() == 0, third->output_report());
  }
}
