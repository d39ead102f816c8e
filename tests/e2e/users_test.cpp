// End-to-end: `fastcms users create | list | delete | set-password` on a fresh `blank`
// project, and the accounts they manage authenticating against a real `fastcms dev` server.
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

/// Runs `fastcms users ARGS…` in `project` with `stdin_data` on stdin.
fastcms::test::RunResult users_run(const fs::path& project, const std::vector<std::string>& args,
                                   const std::string& stdin_data = "") {
  std::vector<std::string> argv{"users"};
  argv.insert(argv.end(), args.begin(), args.end());
  RunOptions options = fastcms::test::in_dir(project);
  options.stdin_data = stdin_data;
  options.timeout_seconds = 30;
  return run_fastcms(argv, options);
}

/// The emails `users list ARGS… --json` prints, in order.
std::vector<std::string> users_listed_emails(const fs::path& project, std::vector<std::string> args = {}) {
  args.insert(args.begin(), "list");
  args.push_back("--json");
  auto r = users_run(project, args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);
  std::vector<std::string> emails;
  for (const auto& row : nlohmann::json::parse(r.out)) emails.push_back(row["email"]);
  return emails;
}

/// A project with superuser root@example.com and users ann@ and bob@example.com.
fs::path users_seeded_project(const fs::path& parent) {
  fs::path project = init_blank_project(parent);
  REQUIRE(create_user(project, "root@example.com", kUsersPassword, {"--admin"}).exit_code == 0);
  REQUIRE(create_user(project, "ann@example.com", kUsersPassword).exit_code == 0);
  REQUIRE(create_user(project, "bob@example.com", kUsersPassword).exit_code == 0);
  return project;
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
    auto other_case = create_user(project, "DUP@example.com", kUsersPassword);
    CHECK(other_case.exit_code == 1);
    CHECK_MESSAGE(other_case.err.find("already has an account in users") != std::string::npos, other_case.err);
    CHECK(other_case.err.find("set-password") != std::string::npos);
  }

  TEST_CASE("a password shorter than 8 characters is refused, naming the password field") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    for (auto extra : std::vector<std::vector<std::string>>{{"--admin"}, {}}) {
      CAPTURE(extra.size());
      auto r = create_user(project, "short@example.com", "1234567", extra);
      CHECK(r.exit_code == 1);
      CHECK_MESSAGE(r.err.find("password") != std::string::npos, r.err);
      CHECK_MESSAGE(r.err.find("needs at least 8 characters") != std::string::npos, r.err);
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

TEST_SUITE("e2e users list") {
  TEST_CASE("lists every auth collection, or one role or collection, as a table or JSON") {
    TempDir dir;
    const fs::path project = users_seeded_project(dir.path());
    CHECK(users_listed_emails(project) ==
          std::vector<std::string>{"root@example.com", "ann@example.com", "bob@example.com"});
    CHECK(users_listed_emails(project, {"--role", "admin"}) == std::vector<std::string>{"root@example.com"});
    CHECK(users_listed_emails(project, {"--role", "user"}) ==
          std::vector<std::string>{"ann@example.com", "bob@example.com"});
    CHECK(users_listed_emails(project, {"--collection", "users"}) ==
          std::vector<std::string>{"ann@example.com", "bob@example.com"});

    auto json = users_run(project, {"list", "--json", "--role", "user"});
    REQUIRE(json.exit_code == 0);
    auto rows = nlohmann::json::parse(json.out);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0]["collection"] == "users");
    CHECK(rows[0]["verified"] == true);
    CHECK(rows[0]["id"].get<std::string>().size() == 15);
    CHECK(rows[0]["created"].is_string());

    auto table = users_run(project, {"list"});
    REQUIRE_MESSAGE(table.exit_code == 0, table.err);
    CHECK(table.out.find("EMAIL") != std::string::npos);
    CHECK(table.out.find("COLLECTION") != std::string::npos);
    CHECK(table.out.find("ann@example.com") != std::string::npos);
    CHECK(table.out.find("_superusers") != std::string::npos);
    CHECK(table.out.find("\x1b[") == std::string::npos);  // no colour off a terminal
  }

  TEST_CASE("an empty project says how to add an account") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto r = users_run(project, {"list"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK_MESSAGE(r.err.find("fastcms users create") != std::string::npos, r.err);
    CHECK(users_listed_emails(project).empty());
  }

  TEST_CASE("a bad role or collection is a usage error naming it") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    auto role = users_run(project, {"list", "--role", "owner"});
    CHECK(role.exit_code == 2);
    CHECK_MESSAGE(role.err.find("owner") != std::string::npos, role.err);
    auto unknown = users_run(project, {"list", "--collection", "nope"});
    CHECK(unknown.exit_code == 2);
    CHECK_MESSAGE(unknown.err.find("\"nope\" is not a collection") != std::string::npos, unknown.err);
    auto conflict = users_run(project, {"list", "--role", "admin", "--collection", "users"});
    CHECK(conflict.exit_code == 2);
    CHECK_MESSAGE(conflict.err.find("--role admin") != std::string::npos, conflict.err);
    auto reverse = users_run(project, {"list", "--role", "user", "--collection", "_superusers"});
    CHECK(reverse.exit_code == 2);
  }
}

TEST_SUITE("e2e users delete") {
  TEST_CASE("without --yes and no terminal it refuses, naming --yes, and deletes nothing") {
    TempDir dir;
    const fs::path project = users_seeded_project(dir.path());
    auto r = users_run(project, {"delete", "ann@example.com"}, "y\n");
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(r.err.find("--yes") != std::string::npos, r.err);
    CHECK(users_listed_emails(project, {"--role", "user"}) ==
          std::vector<std::string>{"ann@example.com", "bob@example.com"});
  }

  TEST_CASE("--yes deletes the user (email in any case), and --admin a superuser") {
    TempDir dir;
    const fs::path project = users_seeded_project(dir.path());
    auto r = users_run(project, {"delete", "ANN@example.com", "--yes"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("Deleted user ann@example.com") != std::string::npos);
    CHECK(users_listed_emails(project, {"--role", "user"}) == std::vector<std::string>{"bob@example.com"});

    auto admin = users_run(project, {"delete", "root@example.com", "--admin", "--yes"});
    REQUIRE_MESSAGE(admin.exit_code == 0, admin.err);
    CHECK(admin.out.find("Deleted superuser root@example.com") != std::string::npos);
    CHECK(users_listed_emails(project, {"--role", "admin"}).empty());
  }

  TEST_CASE("an unknown email fails with a clear message") {
    TempDir dir;
    const fs::path project = users_seeded_project(dir.path());
    auto r = users_run(project, {"delete", "nobody@example.com", "--yes"});
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(r.err.find("no account with email nobody@example.com in users") != std::string::npos, r.err);
    // A superuser is not found among the users.
    auto wrong_place = users_run(project, {"delete", "root@example.com", "--yes"});
    CHECK(wrong_place.exit_code == 1);
    auto unknown_collection = users_run(project, {"delete", "ann@example.com", "--collection", "nope", "--yes"});
    CHECK(unknown_collection.exit_code == 2);
  }

  TEST_CASE("on a terminal it asks, and only y deletes") {
    std::string script = fastcms::test::find_program("script");
    if (script.empty()) {
      MESSAGE("skipped: util-linux `script` (a pseudo-terminal) is not installed");
      return;
    }
    TempDir dir;
    const fs::path project = users_seeded_project(dir.path());
    auto on_tty = [&](const std::string& email, const std::string& answer) {
      RunOptions options = fastcms::test::in_dir(project);
      options.stdin_data = answer;
      options.timeout_seconds = 30;
      std::string command = "'" + fastcms::test::fastcms_binary() + "' users delete " + email;
      return fastcms::test::run({script, "-qec", command, "/dev/null"}, options);
    };
    auto declined = on_tty("ann@example.com", "n\n");
    CHECK(declined.exit_code == 1);
    CHECK_MESSAGE(declined.out.find("Delete user ann@example.com from users? [y/N]") != std::string::npos,
                  declined.out);
    CHECK(declined.out.find("nothing was deleted") != std::string::npos);
    auto accepted = on_tty("bob@example.com", "y\n");
    CHECK_MESSAGE(accepted.exit_code == 0, accepted.out);
    CHECK(accepted.out.find("Deleted user bob@example.com") != std::string::npos);
    CHECK(users_listed_emails(project, {"--role", "user"}) == std::vector<std::string>{"ann@example.com"});
  }
}

TEST_SUITE("e2e users set-password") {
  TEST_CASE("a new password signs in, the old one and every earlier token stop working") {
    TempDir dir;
    const fs::path project = users_seeded_project(dir.path());
    auto server = fastcms::test::start_fastcms_server(project);
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    auto before = users_authenticate(*server, "users", "ann@example.com", kUsersPassword);
    users_check_auth_response(before, "users", "ann@example.com");
    std::string old_token = nlohmann::json::parse(before->body)["token"];

    auto r = users_run(project, {"set-password", "ann@example.com", "--password-stdin"}, "a-brand-new-password\n");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("every earlier token") != std::string::npos);

    users_check_auth_response(users_authenticate(*server, "users", "ann@example.com", "a-brand-new-password"), "users",
                              "ann@example.com");
    auto old_password = users_authenticate(*server, "users", "ann@example.com", kUsersPassword);
    REQUIRE(old_password);
    CHECK(old_password->status == 400);
    httplib::Client client(server->base_url());
    auto refresh = client.Post("/api/collections/users/auth-refresh", {{"Authorization", old_token}}, "",
                               "application/json");
    REQUIRE(refresh);
    CHECK(refresh->status == 401);
    // bob is untouched.
    users_check_auth_response(users_authenticate(*server, "users", "bob@example.com", kUsersPassword), "users",
                              "bob@example.com");
  }

  TEST_CASE("--admin sets a superuser's password") {
    TempDir dir;
    const fs::path project = users_seeded_project(dir.path());
    auto r = users_run(project, {"set-password", "root@example.com", "--admin", "--password-stdin"}, "root-password-2\n");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto server = fastcms::test::start_fastcms_server(project);
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    users_check_auth_response(users_authenticate(*server, "_superusers", "root@example.com", "root-password-2"),
                              "_superusers", "root@example.com");
  }

  TEST_CASE("a weak password and an unknown email are refused, naming the problem") {
    TempDir dir;
    const fs::path project = users_seeded_project(dir.path());
    auto weak = users_run(project, {"set-password", "ann@example.com", "--password-stdin"}, "short\n");
    CHECK(weak.exit_code == 1);
    CHECK_MESSAGE(weak.err.find("too short: users needs at least 8 characters") != std::string::npos, weak.err);
    auto unknown = users_run(project, {"set-password", "nobody@example.com", "--password-stdin"}, "long-enough-1\n");
    CHECK(unknown.exit_code == 1);
    CHECK_MESSAGE(unknown.err.find("no account with email nobody@example.com") != std::string::npos, unknown.err);
    auto no_stdin = users_run(project, {"set-password", "ann@example.com"}, "long-enough-1\n");
    CHECK(no_stdin.exit_code == 2);
    CHECK(no_stdin.err.find("--password-stdin") != std::string::npos);
  }
}
