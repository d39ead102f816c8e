// The test-support ServerProcess against stand-in servers (shell scripts): it finds the
// serving line, reports early exits and timeouts with the captured output, and always stops
// the whole process group, with SIGKILL when SIGTERM is ignored.
#include <doctest/doctest.h>
#include <signal.h>

#include <cerrno>
#include <fstream>
#include <string>

#include "support/server_process.h"

using fastcms::test::find_serving_address;
using fastcms::test::ServerProcess;
using fastcms::test::ServerStartOptions;

namespace {

std::vector<std::string> server_process_test_shell(const std::string& script) { return {"/bin/sh", "-c", script}; }

/// True once `pid` no longer runs: gone, or a zombie waiting for a parent that is not us.
bool server_process_test_is_gone(pid_t pid) {
  if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, name, state;
  stat >> pid_field >> name >> state;
  return !stat || state == "Z";
}

ServerStartOptions server_process_test_options(int startup_seconds, int stop_seconds = 10) {
  ServerStartOptions o;
  o.startup_timeout_seconds = startup_seconds;
  o.stop_timeout_seconds = stop_seconds;
  return o;
}

}  // namespace

TEST_SUITE("test support: server process") {
  TEST_CASE("find_serving_address reads HOST:PORT from the serving line only") {
    auto a = find_serving_address("loading\nfastcms dev: serving my-app (4 collections) on 127.0.0.1:41234\r\nmore");
    REQUIRE(a.has_value());
    CHECK(a->host == "127.0.0.1");
    CHECK(a->port == 41234);
    auto v6 = find_serving_address("fastcms dev: serving x (0 collections) on [::1]:8090\n");
    REQUIRE(v6.has_value());
    CHECK(v6->host == "[::1]");
    CHECK(v6->port == 8090);
    CHECK_FALSE(find_serving_address("listening on 127.0.0.1:8090\n").has_value());
    CHECK_FALSE(find_serving_address("fastcms dev: serving x on 127.0.0.1:\n").has_value());
    CHECK_FALSE(find_serving_address("fastcms dev: serving x on 127.0.0.1:99999\n").has_value());
    CHECK_FALSE(find_serving_address("fastcms dev: serving x on 127.0.0.1:80a\n").has_value());
  }

  TEST_CASE("a server is found on its serving line and stopped with SIGTERM, with its whole group") {
    pid_t leader = -1;
    pid_t helper = -1;
    {
      ServerProcess server(server_process_test_shell(
                               "sleep 60 & echo \"helper $!\"; echo 'booting' >&2; "
                               "echo 'fastcms dev: serving demo (1 collections) on 0.0.0.0:45678'; wait"),
                           server_process_test_options(20));
      REQUIRE_MESSAGE(server.started(), server.startup_error());
      CHECK(server.port() == 45678);
      CHECK(server.host() == "0.0.0.0");
      CHECK(server.base_url() == "http://127.0.0.1:45678");
      leader = server.pid();
      std::string out = server.captured_stdout();
      auto at = out.find("helper ");
      REQUIRE(at != std::string::npos);
      helper = std::stoi(out.substr(at + 7));
      CHECK(server.stop() == 128 + SIGTERM);
      CHECK(server.stop() == 128 + SIGTERM);  // idempotent
      CHECK(server.captured_stderr().find("booting") != std::string::npos);
    }
    CHECK(server_process_test_is_gone(leader));
    CHECK(server_process_test_is_gone(helper));
  }

  TEST_CASE("the destructor stops a running server") {
    pid_t pid = -1;
    {
      ServerProcess server(server_process_test_shell("echo 'x: serving y on 127.0.0.1:1234'; exec sleep 60"),
                           server_process_test_options(20));
      REQUIRE(server.started());
      pid = server.pid();
      CHECK_FALSE(server_process_test_is_gone(pid));
    }
    CHECK(server_process_test_is_gone(pid));
  }

  TEST_CASE("a server that ignores SIGTERM is killed after the stop timeout") {
    ServerProcess server(server_process_test_shell("trap '' TERM; echo 'x: serving y on 127.0.0.1:1234'; exec sleep 60"),
                         server_process_test_options(20, 1));
    REQUIRE(server.started());
    auto begin = std::chrono::steady_clock::now();
    CHECK(server.stop() == 128 + SIGKILL);
    CHECK(std::chrono::steady_clock::now() - begin >= std::chrono::milliseconds(900));
    CHECK(server_process_test_is_gone(server.pid()));
  }

  TEST_CASE("a server that exits before serving is reported with its exit code and stderr") {
    ServerProcess server(server_process_test_shell("echo 'FASTCMS_SECRET is missing' >&2; exit 3"),
                         server_process_test_options(20));
    CHECK_FALSE(server.started());
    CHECK(server.port() == 0);
    CHECK(server.startup_error().find("exited with code 3") != std::string::npos);
    CHECK(server.startup_error().find("FASTCMS_SECRET is missing") != std::string::npos);
  }

  TEST_CASE("a server that never prints its serving line is stopped after the startup timeout") {
    auto begin = std::chrono::steady_clock::now();
    ServerProcess server(server_process_test_shell("echo 'still loading'; echo 'stuck' >&2; exec sleep 60"),
                         server_process_test_options(1));
    CHECK_FALSE(server.started());
    CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(5));
    CHECK(server.startup_error().find("within 1 s") != std::string::npos);
    CHECK(server.startup_error().find("still loading") != std::string::npos);
    CHECK(server.startup_error().find("stuck") != std::string::npos);
    CHECK(server_process_test_is_gone(server.pid()));
  }

  TEST_CASE("a missing program is reported, not hung on") {
    ServerProcess server({"/nonexistent/fastcms"}, server_process_test_options(20));
    CHECK_FALSE(server.started());
    CHECK(server.startup_error().find("exited with code 127") != std::string::npos);
  }
}
