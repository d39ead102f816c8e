// End-to-end: `fastcms migrate …`, `collections create` and the servers' use of migrations,
// as real processes on fresh `blank` projects.
#include <doctest/doctest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/e2e_project.h"
#include "support/process.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::init_blank_project;
using fastcms::test::run_fastcms;
using fastcms::test::RunResult;
using fastcms::test::TempDir;
using fastcms::test::wait_until;

namespace {

const char* const kMigrateNotes =
    "name: notes\n"
    "fields:\n"
    "  - { name: title, type: text }\n"
    "listRule: \"\"\n"
    "viewRule: \"\"\n"
    "createRule: \"\"\n";

RunResult migrate_run(const fs::path& project, const std::vector<std::string>& args) {
  auto options = fastcms::test::in_dir(project);
  options.timeout_seconds = 30;
  return run_fastcms(args, options);
}

/// The .sql files of app/migrations, sorted.
std::vector<std::string> migrate_files(const fs::path& project) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(project / "app/migrations", ec))
    if (e.path().extension() == ".sql") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// Runs `sql` on the project's database with the sqlite3 C API; the rows as "a|b" lines.
std::string migrate_sql(const fs::path& project, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open((project / "data/app.db").string().c_str(), &db) != SQLITE_OK) FAIL(sqlite3_errmsg(db));
  std::string out;
  char* error = nullptr;
  auto collect = [](void* acc, int n, char** values, char**) {
    auto* text = static_cast<std::string*>(acc);
    for (int i = 0; i < n; ++i) *text += (i ? "|" : "") + std::string(values[i] ? values[i] : "NULL");
    *text += "\n";
    return 0;
  };
  int rc = sqlite3_exec(db, sql.c_str(), collect, &out, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  if (rc != SQLITE_OK) FAIL(message);
  return out;
}

/// Tables, indexes and the stored non-system collection definitions.
std::string migrate_schema(const fs::path& project) {
  return migrate_sql(project,
                     "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name;"
                     "SELECT id, name, definition FROM _collections WHERE system = 0 ORDER BY id;");
}

void expect_ok(const RunResult& r) { CHECK_MESSAGE(r.exit_code == 0, "stdout:\n" << r.out << "\nstderr:\n" << r.err); }

}  // namespace

TEST_SUITE("e2e: migrate") {
  TEST_CASE("create --auto, status, up, drift and repair; a second database replays the same schema") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    fastcms::test::write_file(project / "app/collections/notes.yaml", kMigrateNotes);

    auto created = migrate_run(project, {"migrate", "create", "add notes", "--auto"});
    expect_ok(created);
    auto files = migrate_files(project);
    REQUIRE(files.size() == 1);
    CHECK(created.out.find("app/migrations/" + files[0]) != std::string::npos);
    CHECK(files[0].find("_add_notes.sql") == 14);
    CHECK_MESSAGE(created.err.find("+ notes (created)") != std::string::npos, created.err);

    auto status = migrate_run(project, {"migrate", "status"});
    expect_ok(status);
    CHECK_MESSAGE(status.out.find("pending") != std::string::npos, status.out);
    expect_ok(migrate_run(project, {"migrate", "up"}));
    auto json = migrate_run(project, {"migrate", "status", "--json"});
    expect_ok(json);
    auto doc = nlohmann::json::parse(json.out);
    CHECK(doc["summary"]["applied"] == 1);
    CHECK(doc["migrations"][0]["state"] == "applied");
    CHECK(doc["collections"] == nlohmann::json::array());

    auto nothing = migrate_run(project, {"migrate", "create", "again", "--auto"});
    expect_ok(nothing);
    CHECK(nothing.err.find("nothing written") != std::string::npos);
    CHECK(migrate_files(project).size() == 1);

    migrate_sql(project, "INSERT INTO notes (id, title) VALUES ('r1', 'kept')");
    fastcms::test::write_file(project / "app/collections/notes.yaml",
                              std::string(kMigrateNotes) + "indexes: [\"CREATE INDEX idx_notes_title ON notes (title)\"]\n");
    auto differs = migrate_run(project, {"migrate", "status", "--json"});
    expect_ok(differs);
    CHECK(nlohmann::json::parse(differs.out)["collections"] ==
          nlohmann::json::array({"~ notes: created index idx_notes_title"}));
    expect_ok(migrate_run(project, {"migrate", "create", "index_title", "--auto"}));
    expect_ok(migrate_run(project, {"migrate", "up"}));
    CHECK(migrate_sql(project, "SELECT title FROM notes") == "kept\n");

    // A second project with the same migrations ends up with the same schema.
    const fs::path other = init_blank_project(dir.path(), "other");
    fs::remove_all(other / "app");
    fs::copy(project / "app", other / "app", fs::copy_options::recursive);
    expect_ok(migrate_run(other, {"migrate", "up"}));
    CHECK(migrate_schema(other) == migrate_schema(project));

    // Drift: an edited applied file blocks up, repair accepts it.
    const fs::path first = project / "app/migrations" / files[0];
    fastcms::test::write_file(first, fastcms::test::read_file(first) + "-- edited\n");
    auto drifted = migrate_run(project, {"migrate", "status"});
    CHECK(drifted.out.find("modified") != std::string::npos);
    auto refused = migrate_run(project, {"migrate", "up"});
    CHECK(refused.exit_code == 1);
    CHECK_MESSAGE(refused.err.find(files[0] + ": modified") != std::string::npos, refused.err);
    CHECK(refused.err.find("fastcms migrate repair") != std::string::npos);
    auto repaired = migrate_run(project, {"migrate", "repair"});
    expect_ok(repaired);
    CHECK(repaired.out.find("accepted the modified file") != std::string::npos);
    expect_ok(migrate_run(project, {"migrate", "up"}));

    // Down: the index migration, then the collection.
    expect_ok(migrate_run(project, {"migrate", "down"}));
    CHECK(migrate_sql(project, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'idx_notes_title'") == "0\n");
    expect_ok(migrate_run(project, {"migrate", "down"}));
    CHECK(migrate_sql(project, "SELECT COUNT(*) FROM _collections WHERE name = 'notes'") == "0\n");
  }

  TEST_CASE("a failing migration names file, statement and error, exits 1 and leaves the database byte-identical") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    expect_ok(migrate_run(project, {"migrate", "status"}));  // creates the database and its system tables
    const std::string before = fastcms::test::read_file(project / "data/app.db");
    REQUIRE_FALSE(before.empty());
    fastcms::test::write_file(project / "app/migrations/20250101000000_broken.sql",
                              "-- migrate:up\nCREATE TABLE t1 (x TEXT);\nINSERT INTO missing_table VALUES (1);\n");
    auto r = migrate_run(project, {"migrate", "up"});
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(r.err.find("app/migrations/20250101000000_broken.sql") != std::string::npos, r.err);
    CHECK(r.err.find("INSERT INTO missing_table VALUES (1)") != std::string::npos);
    CHECK(r.err.find("no such table: missing_table") != std::string::npos);
    CHECK(fastcms::test::read_file(project / "data/app.db") == before);

    // serve refuses to start over it.
    auto options = fastcms::test::in_dir(project);
    options.timeout_seconds = 20;
    auto serve = run_fastcms({"serve", "--http", "127.0.0.1:0"}, options);
    CHECK(serve.exit_code == 1);
    CHECK(serve.out.find("serving") == std::string::npos);
    CHECK_MESSAGE(serve.err.find("not starting") != std::string::npos, serve.err);
    CHECK(serve.err.find("20250101000000_broken.sql") != std::string::npos);
  }

  TEST_CASE("malformed files are refused with the file named, and the database unchanged") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    expect_ok(migrate_run(project, {"migrate", "status"}));
    const std::string before = fastcms::test::read_file(project / "data/app.db");
    fastcms::test::write_file(project / "app/migrations/20250101000000_nomarker.sql", "CREATE TABLE t (x);\n");
    auto r = migrate_run(project, {"migrate", "up"});
    CHECK(r.exit_code != 0);
    CHECK_MESSAGE(r.err.find("20250101000000_nomarker.sql: no \"-- migrate:up\" line") != std::string::npos, r.err);
    fs::remove(project / "app/migrations/20250101000000_nomarker.sql");
    fastcms::test::write_file(project / "app/migrations/20991231000000_future.sql", "-- migrate:up\n");
    r = migrate_run(project, {"migrate", "up"});
    CHECK(r.exit_code != 0);
    CHECK_MESSAGE(r.err.find("is in the future") != std::string::npos, r.err);
    CHECK(fastcms::test::read_file(project / "data/app.db") == before);
  }

  TEST_CASE("a locked database is a clear error naming the fix") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    expect_ok(migrate_run(project, {"migrate", "status"}));
    fastcms::test::write_file(project / "app/migrations/20250101000000_t.sql", "-- migrate:up\nCREATE TABLE t (x TEXT);\n");
    sqlite3* holder = nullptr;
    REQUIRE(sqlite3_open((project / "data/app.db").string().c_str(), &holder) == SQLITE_OK);
    REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    auto r = migrate_run(project, {"migrate", "up"});
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(r.err.find("the database is locked") != std::string::npos, r.err);
    CHECK(r.err.find("stop that server") != std::string::npos);
    expect_ok(migrate_run(project, {"migrate", "up"}));
  }

  TEST_CASE("--auto refuses a data-losing change unless --yes") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    fastcms::test::write_file(project / "app/collections/notes.yaml", kMigrateNotes);
    expect_ok(migrate_run(project, {"migrate", "create", "notes", "--auto"}));
    expect_ok(migrate_run(project, {"migrate", "up"}));
    migrate_sql(project, "INSERT INTO notes (id, title) VALUES ('r1', 'kept')");
    std::string retyped = kMigrateNotes;
    retyped.replace(retyped.find("type: text"), 10, "type: number");
    fastcms::test::write_file(project / "app/collections/notes.yaml", retyped);
    auto refused = migrate_run(project, {"migrate", "create", "retype", "--auto"});
    CHECK(refused.exit_code == 1);
    CHECK_MESSAGE(refused.err.find("would lose data") != std::string::npos, refused.err);
    CHECK(refused.err.find("--yes") != std::string::npos);
    CHECK(migrate_files(project).size() == 1);
    expect_ok(migrate_run(project, {"migrate", "create", "retype", "--auto", "--yes"}));
    CHECK(migrate_files(project).size() == 2);
  }

  TEST_CASE("collections create validates and writes the file; dev --reload applies it as a migration") {
    TempDir dir;
    const fs::path project = init_blank_project(dir.path());
    fastcms::test::write_file(dir.path() / "bad.yaml", "fields:\n  - { name: title, type: txt }\n");
    auto bad = migrate_run(project, {"collections", "create", "notes", "--schema", (dir.path() / "bad.yaml").string()});
    CHECK(bad.exit_code != 0);
    CHECK_MESSAGE(bad.err.find("bad.yaml") != std::string::npos, bad.err);
    CHECK_FALSE(fs::exists(project / "app/collections/notes.yaml"));

    auto server = fastcms::test::start_fastcms_server(project, {"dev", "--port", "0", "--reload"});
    REQUIRE_MESSAGE(server->started(), server->startup_error());
    REQUIRE(wait_until([&] { return server->captured_stdout().find("Watching app/") != std::string::npos; },
                       std::chrono::seconds(5)));
    const size_t migrations_at_start = migrate_files(project).size();
    httplib::Client client(server->base_url());
    client.set_read_timeout(10);
    auto status_of = [&](const std::string& path) {
      auto res = client.Get(path);
      return res ? res->status : -1;
    };
    CHECK(status_of("/api/collections/notes/records") == 404);

    fastcms::test::write_file(dir.path() / "notes.yaml", kMigrateNotes);
    auto created = migrate_run(project, {"collections", "create", "notes", "--schema", (dir.path() / "notes.yaml").string()});
    expect_ok(created);
    CHECK(created.out.find("app/collections/notes.yaml") != std::string::npos);
    CHECK_MESSAGE(wait_until([&] { return status_of("/api/collections/notes/records") == 200; }, std::chrono::seconds(10)),
                  server->output_report());
    CHECK(migrate_files(project).size() == migrations_at_start + 1);
    CHECK_MESSAGE(wait_until([&] { return server->captured_stderr().find("Wrote and applied migration app/migrations/") !=
                                          std::string::npos; },
                             std::chrono::seconds(5)),
                  server->output_report());

    // Edit the file: the new field is served after the dev server writes a second migration.
    std::string with_body = kMigrateNotes;
    with_body.insert(with_body.find("listRule"), "  - { name: body, type: text }\n");
    fastcms::test::write_file(project / "app/collections/notes.yaml", with_body);
    auto has_body = [&] {
      auto res = client.Post("/api/collections/notes/records", nlohmann::json{{"title", "t"}, {"body", "b"}}.dump(),
                             "application/json");
      return res && res->status == 200 && nlohmann::json::parse(res->body).value("body", "") == "b";
    };
    CHECK_MESSAGE(wait_until(has_body, std::chrono::seconds(10)), server->output_report());
    CHECK(migrate_files(project).size() == migrations_at_start + 2);
    CHECK_MESSAGE(server->stop() == 0, server->output_report());

    auto status = migrate_run(project, {"migrate", "status", "--json"});
    expect_ok(status);
    auto doc = nlohmann::json::parse(status.out);
    CHECK(doc["summary"]["pending"] == 0);
    CHECK(doc["summary"]["applied"] == static_cast<int>(migrations_at_start + 2));
  }
}
