// End-to-end: `fastcms backup create | list | restore` and `fastcms collections export | import`
// with the real binary on a real project, next to a running server.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/e2e_project.h"
#include "support/process.h"
#include "support/server_process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::in_dir;
using fastcms::test::run_fastcms;

namespace {

void write_backup_cli_notes(const fs::path& project) {
  fastcms::test::write_file(project / "app/collections/notes.yaml",
                            "name: notes\ntype: base\nfields:\n  - { name: text, type: text, required: true }\n"
                            "  - { name: n, type: number }\n");
}

std::string backup_cli_export(const fs::path& project) {
  auto r = run_fastcms({"collections", "export", "notes", "--data", "--format", "csv"}, in_dir(project));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return r.out;
}

}  // namespace

TEST_SUITE("e2e backup") {
  TEST_CASE("backup next to a running server, restore after it stopped; import all or nothing") {
    fastcms::test::TempDir dir;
    fs::path project = fastcms::test::init_blank_project(dir.path());
    write_backup_cli_notes(project);
    fastcms::test::write_file(project / "first.csv", "text,n\none,1\n\"two, with comma\",2\n");
    auto imported = run_fastcms({"collections", "import", "first.csv", "--collection", "notes"}, in_dir(project));
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
    CHECK(imported.out.find("2 created") != std::string::npos);
    std::string original = backup_cli_export(project);
    CHECK(original.find("\"two, with comma\",2") != std::string::npos);
    fastcms::test::write_file(project / "data/storage/pbc_x/rec/file.txt", "stored file");

    std::string archive;
    {
      auto server = fastcms::test::start_fastcms_server(project);
      REQUIRE_MESSAGE(server->started(), server->startup_error());
      auto created = run_fastcms({"backup", "create"}, in_dir(project));
      REQUIRE_MESSAGE(created.exit_code == 0, created.err);
      archive = fastcms::test::read_file(project / "data/backups" / fs::path(created.out.substr(0, created.out.find('\n'))).filename());
      CHECK(archive.substr(0, 2) == "PK");
      auto refused = run_fastcms({"backup", "restore", fs::path(created.out.substr(0, created.out.find('\n'))).filename().string(), "--yes"},
                                 in_dir(project));
      CHECK(refused.exit_code == 1);
      CHECK_MESSAGE(refused.err.find("a server is running on this project (pid " + std::to_string(server->pid()) + ")") !=
                        std::string::npos,
                    refused.err);
      CHECK(server->stop() == 0);
    }
    auto listed = run_fastcms({"backup", "list", "--json"}, in_dir(project));
    REQUIRE(listed.exit_code == 0);
    auto list = nlohmann::json::parse(listed.out);
    REQUIRE(list.size() == 1);
    std::string key = list[0]["key"];
    CHECK(key.starts_with("pb_backup_app_"));

    // A bad row: reported with its line, nothing imported.
    fastcms::test::write_file(project / "bad.csv", "text,n\nthree,3\n,4\nfive,5\n");
    auto bad = run_fastcms({"collections", "import", "bad.csv", "--collection", "notes"}, in_dir(project));
    CHECK(bad.exit_code == 1);
    CHECK_MESSAGE(bad.err.find("line 3: Failed to create record.") != std::string::npos, bad.err);
    CHECK(bad.err.find("Nothing was imported.") != std::string::npos);
    CHECK(backup_cli_export(project) == original);
    auto skipping = run_fastcms({"collections", "import", "bad.csv", "--collection", "notes", "--skip-invalid"},
                                in_dir(project));
    CHECK(skipping.exit_code == 0);
    CHECK(skipping.out.find("2 created, 0 updated, 1 skipped") != std::string::npos);
    fastcms::test::write_file(project / "data/storage/pbc_x/rec/file.txt", "changed");

    // Restore: refused without a terminal unless --yes; a damaged archive leaves everything as it is.
    auto unconfirmed = run_fastcms({"backup", "restore", key}, in_dir(project));
    CHECK(unconfirmed.exit_code == 1);
    CHECK(unconfirmed.err.find("stdin is not a terminal") != std::string::npos);
    fastcms::test::write_file(project / "data/backups/damaged.zip", archive.substr(0, archive.size() - 200));
    std::string before = fastcms::test::snapshot_tree(project);
    auto damaged = run_fastcms({"backup", "restore", "damaged.zip", "--yes"}, in_dir(project));
    CHECK(damaged.exit_code == 1);
    CHECK(damaged.err.find("refusing the backup") != std::string::npos);
    CHECK(fastcms::test::snapshot_tree(project) == before);

    auto restored = run_fastcms({"backup", "restore", key, "--yes"}, in_dir(project));
    REQUIRE_MESSAGE(restored.exit_code == 0, restored.err);
    CHECK(backup_cli_export(project) == original);
    CHECK(fastcms::test::read_file(project / "data/storage/pbc_x/rec/file.txt") == "stored file");
  }

  TEST_CASE("collections export writes the schema; import of a schema file creates the collection") {
    fastcms::test::TempDir dir;
    fs::path project = fastcms::test::init_blank_project(dir.path());
    write_backup_cli_notes(project);
    auto schema = run_fastcms({"collections", "export", "notes", "--output", "notes.schema.json"}, in_dir(project));
    REQUIRE_MESSAGE(schema.exit_code == 0, schema.err);
    auto definition = nlohmann::json::parse(fastcms::test::read_file(project / "notes.schema.json"));
    CHECK(definition["name"] == "notes");
    definition["name"] = "memos";
    definition.erase("id");
    fastcms::test::write_file(project / "memos.json", definition.dump());
    auto imported = run_fastcms({"collections", "import", "memos.json"}, in_dir(project));
    REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
    CHECK(fs::exists(project / "app/collections/memos.json"));
    auto listed = run_fastcms({"collections", "list", "--json"}, in_dir(project));
    CHECK(listed.out.find("\"memos\"") != std::string::npos);
    auto csv_schema = run_fastcms({"collections", "export", "notes", "--format", "csv"}, in_dir(project));
    CHECK(csv_schema.exit_code == 2);
  }
}
