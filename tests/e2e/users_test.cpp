// End-to-end: `fastcms users create` on a fresh `blank` project, and the accounts it creates
// authenticating against a real `fastcms dev` server.
#include <doctest/doctest.h>
#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/e2e_project.h"
#include "support/process.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::create_user;
using fastcms::test::init_blank_project;
using fastcms::test::run_fastcms;
using fastcms::test::RunOptions;
using fastcms::test::TempDir;

namespace {

const char* const kUsersPassword = "users-test-password-1";

/// POST /api/collections/COLLECTION/auth-with-password against `server`; the response.
httplib::Result users_authenticate(const fastcms::test::ServerProcess& server, const std::string& collection,
                                   const std::string& email, const std::string& password) {
  httplib::Client client(server.base_url());
  client.set_read_timeout(10);
  nlohmann::json body = {{"identity", email}, {"password", password}};
  return client.Post("/api/collections/" + collection + "/auth-with-password", body.dump(), "application/json");
}

/// Checks that `res` is a 200 auth response for `email` in `collection`, with a token.
void users_check_auth_response(const httplib::Result& res, const std::string& collection, const std::string& email) {
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 200, res->body);
  auto body = nlohmann::json::parse(res->body);
  CHECK(body["token"].is_string());
  CHECK_FALSE(body["token"].get<std::string>().empty());
  CHECK(body["record"]["email"] == email);
  CHECK(body["record"]["collectionName"] == collection);
}

}  // namespace

TEST_SUITE("e2e users create") {
  TEST_CASE("--admin --password-stdin creates a superuser that can authenticate") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto created = create_user(project, "root@example.com", kUsersPassword, {"--admin"});
    REQUIRE_MESSAGE(created.exit_code == 0, created.out << created.err);
    CHECK(created.out.find("Created superuser root@example.com") != std::string::npos);
    CHECK(created.out.find("_superusers") != std::string::npos);

    auto server = fastcms::test::start_fastcms_server(project);
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    users_check_auth_response(users_authenticate(*server, "_superusers", "root@example.com", kUsersPassword),
                              "_superusers", "root@example.com");
    auto wrong = users_authenticate(*server, "_superusers", "root@example.com", "not-the-password");
    REQUIRE(wrong);
    CHECK(wrong->status == 400);
    // A superuser is not a user of `users`.
    auto elsewhere = users_authenticate(*server, "users", "root@example.com", kUsersPassword);
    REQUIRE(elsewhere);
    CHECK(elsewhere->status == 400);
  }

  TEST_CASE("a plain user goes into users and can authenticate there") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto created = create_user(project, "ann@example.com", kUsersPassword);
    REQUIRE_MESSAGE(created.exit_code == 0, created.out << created.err);
    CHECK(created.out.find("Created user ann@example.com") != std::string::npos);

    auto explicit_collection = create_user(project, "bob@example.com", kUsersPassword, {"--collection", "users"});
    REQUIRE_MESSAGE(explicit_collection.exit_code == 0, explicit_collection.out << explicit_collection.err);

    auto server = fastcms::test::start_fastcms_server(project);
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    auto ann = users_authenticate(*server, "users", "ann@example.com", kUsersPassword);
    users_check_auth_response(ann, "users", "ann@example.com");
    CHECK(nlohmann::json::parse(ann->body)["record"]["verified"] == true);
    users_check_auth_response(users_authenticate(*server, "users", "bob@example.com", kUsersPassword), "users",
                              "bob@example.com");
    auto not_superuser = users_authenticate(*server, "_superusers", "ann@example.com", kUsersPassword);
    REQUIRE(not_superuser);
    CHECK(not_superuser->status == 400);
  }

  TEST_CASE("a duplicate email is refused, naming the email field") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    REQUIRE(create_user(project, "dup@example.com", kUsersPassword, {"--admin"}).exit_code == 0);
    auto again = create_user(project, "dup@example.com", "another-password-2", {"--admin"});
    CHECK(again.exit_code == 1);
    CHECK_MESSAGE(again.err.find("email:") != std::string::npos, again.err);
    CHECK(again.err.find("dup@example.com") != std::string::npos);

    REQUIRE(create_user(project, "dup@example.com", kUsersPassword).exit_code == 0);  // another collection: fine
    auto user_again = create_user(project, "dup@example.com", kUsersPassword);
    CHECK(user_again.exit_code == 1);
    CHECK_MESSAGE(user_again.err.find("email:") != std::string::npos, user_again.err);
  }

  TEST_CASE("a password shorter than 8 characters is refused, naming the password field") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    for (auto extra : std::vector<std::vector<std::string>>{{"--admin"}, {}}) {
      CAPTURE(extra.size());
      auto r = create_user(project, "short@example.com", "1234567", extra);
      CHECK(r.exit_code == 1);
      CHECK_MESSAGE(r.err.find("password") != std::string::npos, r.err);
    }
    // Nothing was created: the same email with a good password works.
    CHECK(create_user(project, "short@example.com", "12345678", {"--admin"}).exit_code == 0);
  }

  TEST_CASE("without --password-stdin and no terminal it asks for the flag") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    RunOptions options = fastcms::test::in_dir(project);
    options.stdin_data = std::string(kUsersPassword) + "\n";
    options.timeout_seconds = 20;
    auto r = run_fastcms({"users", "create", "root@example.com", "--admin"}, options);
    CHECK(r.exit_code == 2);
    CHECK_MESSAGE(r.err.find("--password-stdin") != std::string::npos, r.err);
  }

  TEST_CASE("--password-stdin with empty stdin is a usage error") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    RunOptions options = fastcms::test::in_dir(project);
    options.timeout_seconds = 20;
    auto r = run_fastcms({"users", "create", "root@example.com", "--admin", "--password-stdin"}, options);
    CHECK(r.exit_code == 2);
    CHECK_MESSAGE(r.err.find("stdin is empty") != std::string::npos, r.err);
  }

  TEST_CASE("an unknown or non-auth collection is a usage error") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto nope = create_user(project, "ann@example.com", kUsersPassword, {"--collection", "nope"});
    CHECK(nope.exit_code == 2);
    CHECK_MESSAGE(nope.err.find("\"nope\"") != std::string::npos, nope.err);

    fastcms::test::write_file(project / "app/collections/notes.yaml", "name: notes\nfields:\n  - { name: title, type: text }\n");
    auto base = create_user(project, "ann@example.com", kUsersPassword, {"--collection", "notes"});
    CHECK(base.exit_code == 2);
    CHECK_MESSAGE(base.err.find("not an auth collection") != std::string::npos, base.err);

    auto both = create_user(project, "ann@example.com", kUsersPassword, {"--admin", "--collection", "users"});
    CHECK(both.exit_code == 2);
  }

  TEST_CASE("outside a project it says how to create one") {
    TempDir dir;
    auto r = create_user(dir.path(), "ann@example.com", kUsersPassword);
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(r.err.find("no fastcms project found") != std::string::npos, r.err);
  }
}
