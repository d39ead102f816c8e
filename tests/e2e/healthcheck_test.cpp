// End-to-end: `fastcms healthcheck` against a real server, a server that answers an error,
// a server too slow to answer, and nothing at all.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/e2e_project.h"
#include "support/process.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::run_fastcms;
using fastcms::test::RunOptions;

namespace {

/// A cpp-httplib server on 127.0.0.1 whose /api/health answers `status` after `delay`.
class FakeHealthServer {
 public:
  FakeHealthServer(int status, std::chrono::milliseconds delay) {
    server_.Get("/api/health", [status, delay](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(delay);
      res.status = status;
      res.set_content("{}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");  // listening from here on: connections queue
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FakeHealthServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

RunOptions healthcheck_env(const fs::path& cwd, std::optional<std::string> port) {
  RunOptions options = fastcms::test::in_dir(cwd);
  options.env["PORT"] = std::move(port);
  options.env["FASTCMS_PORT"] = std::nullopt;
  return options;
}

}  // namespace

TEST_SUITE("e2e healthcheck") {
  TEST_CASE("a running server is healthy by --url, by $PORT and by the project's port") {
    fastcms::test::TempDir dir;
    auto project = fastcms::test::init_blank_project(dir.path());
    auto server = fastcms::test::start_fastcms_server(project);
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    std::string port = std::to_string(server->port());

    auto by_url = run_fastcms({"healthcheck", "--url", server->base_url()});
    CHECK_MESSAGE(by_url.exit_code == 0, by_url.err);
    CHECK(by_url.out == "healthy: " + server->base_url() + "/api/health answered 200\n");

    auto full_path = run_fastcms({"healthcheck", "--quiet", "--url", server->base_url() + "/api/health"});
    CHECK_MESSAGE(full_path.exit_code == 0, full_path.err);
    CHECK(full_path.out.empty());

    auto by_port_env = run_fastcms({"healthcheck"}, healthcheck_env(dir.path(), port));
    CHECK_MESSAGE(by_port_env.exit_code == 0, by_port_env.err);

    // Without $PORT the project's config decides (searched upward from a subfolder).
    auto config_path = project / "fastcms.config.json";
    auto config = nlohmann::json::parse(fastcms::test::read_file(config_path));
    config["server"]["port"] = server->port();
    fastcms::test::write_file(config_path, config.dump(2));
    auto by_config = run_fastcms({"healthcheck"}, healthcheck_env(project / "app", std::nullopt));
    CHECK_MESSAGE(by_config.exit_code == 0, by_config.err);
    CHECK(by_config.out.find("http://127.0.0.1:" + port + "/api/health") != std::string::npos);
  }

  TEST_CASE("nothing listening is unhealthy with the reason") {
    int port = fastcms::test::free_tcp_port();
    auto r = run_fastcms({"healthcheck", "--url", "http://127.0.0.1:" + std::to_string(port)});
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("unhealthy: no answer from http://127.0.0.1:" + std::to_string(port) + "/api/health") !=
          std::string::npos);
  }

  TEST_CASE("an error status is unhealthy and names the status") {
    FakeHealthServer failing(503, std::chrono::milliseconds(0));
    auto r = run_fastcms({"healthcheck", "--url", failing.url()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("answered HTTP 503") != std::string::npos);
  }

  TEST_CASE("a server slower than --timeout is unhealthy, and the probe does not wait for it") {
    FakeHealthServer slow(200, std::chrono::milliseconds(3000));
    auto started = std::chrono::steady_clock::now();
    auto r = run_fastcms({"healthcheck", "--timeout", "0.5", "--url", slow.url()});
    auto took = std::chrono::steady_clock::now() - started;
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("no answer within 500 ms") != std::string::npos);
    CHECK(took < std::chrono::milliseconds(2500));
  }

  TEST_CASE("bad --url, bad $PORT and a bad --timeout are usage errors") {
    fastcms::test::TempDir dir;
    auto bad_url = run_fastcms({"healthcheck", "--url", "localhost:8090"});
    CHECK(bad_url.exit_code == 2);
    CHECK(bad_url.err.find("--url expects an http:// or https:// URL") != std::string::npos);
    auto bad_port = run_fastcms({"healthcheck"}, healthcheck_env(dir.path(), "eighty"));
    CHECK(bad_port.exit_code == 2);
    CHECK(bad_port.err.find("PORT must be a port number") != std::string::npos);
    auto bad_timeout = run_fastcms({"healthcheck", "--timeout", "0"});
    CHECK(bad_timeout.exit_code == 2);
  }
}
