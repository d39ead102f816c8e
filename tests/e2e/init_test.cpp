// End-to-end: `fastcms init` through the real binary, including every refusal of the
// issue's "Bad input" list; the target is checked to be untouched after each refusal.
#include <doctest/doctest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "support/process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::run_fastcms;
using fastcms::test::RunOptions;
using fastcms::test::snapshot_tree;
using fastcms::test::TempDir;

namespace {


/// No scaffold temp directory (".<name>.tmp-*") left anywhere in `dir`.
bool no_temp_leftovers(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) return false;
  return true;
}

}  // namespace

TEST_SUITE("e2e init") {
  TEST_CASE("init scaffolds every template, and collections list reads it") {
    for (std::string t : {"blank", "blog", "ecommerce", "saas"}) {
      CAPTURE(t);
      TempDir dir;
      auto r = run_fastcms({"init", "app-" + t, "--template", t}, fastcms::test::in_dir(dir.path()));
      REQUIRE(r.exit_code == 0);
      fs::path root = dir / ("app-" + t);
      for (const char* f : {".env", ".gitignore", "fastcms.config.json", "Dockerfile", "docker-compose.yml", "README.md"})
        CHECK(fs::is_regular_file(root / f));
      for (const char* d : {"app/collections", "app/functions", "app/hooks", "app/migrations", "data"})
        CHECK(fs::is_directory(root / d));
      CHECK(fastcms::test::read_file(root / "README.md").find(t) != std::string::npos);
      CHECK(r.err.find("Next steps") != std::string::npos);
      auto list = run_fastcms({"collections", "list", "--json"}, fastcms::test::in_dir(root / "app" / "collections"));
      CHECK(list.exit_code == 0);
      CHECK((t == "ecommerce" || list.out.find("\"users\"") != std::string::npos));
      CHECK(no_temp_leftovers(dir.path()));
    }
  }

  TEST_CASE("a non-empty target is refused and left untouched") {
    TempDir dir;
    fastcms::test::write_file(dir / "proj/notes.txt", "mine");
    std::string before = snapshot_tree(dir.path());
    auto r = run_fastcms({"init", "proj", "--template", "blog"}, fastcms::test::in_dir(dir.path()));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("not empty") != std::string::npos);
    CHECK(r.err.find("--force") != std::string::npos);
    CHECK(snapshot_tree(dir.path()) == before);
  }

  TEST_CASE("--force scaffolds into a non-empty directory and keeps foreign files and .env") {
    TempDir dir;
    fastcms::test::write_file(dir / "proj/notes.txt", "mine");
    fastcms::test::write_file(dir / "proj/.env", "FASTCMS_SECRET=keep-me\n");
    auto r = run_fastcms({"init", "proj", "--template", "saas", "--force"}, fastcms::test::in_dir(dir.path()));
    CHECK(r.exit_code == 0);
    CHECK(fastcms::test::read_file(dir / "proj/notes.txt") == "mine");
    CHECK(fastcms::test::read_file(dir / "proj/.env") == "FASTCMS_SECRET=keep-me\n");
    CHECK(fs::is_regular_file(dir / "proj/app/collections/organizations.yaml"));
    CHECK(no_temp_leftovers(dir.path()));
  }

  TEST_CASE("an empty existing directory is used without --force") {
    TempDir dir;
    fs::create_directory(dir / "proj");
    CHECK(run_fastcms({"init", "proj"}, fastcms::test::in_dir(dir.path())).exit_code == 0);
    CHECK(fs::is_regular_file(dir / "proj/fastcms.config.json"));
  }

  TEST_CASE("an unknown template exits 2, lists the valid ones and writes nothing") {
    TempDir dir;
    auto r = run_fastcms({"init", "proj", "--template", "blgo"}, fastcms::test::in_dir(dir.path()));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean \"blog\"") != std::string::npos);
    CHECK(r.err.find("blank, blog, ecommerce, saas") != std::string::npos);
    CHECK(fs::is_empty(dir.path()));
  }

  TEST_CASE("template names are never paths") {
    TempDir dir;
    for (std::string hostile : {"../blog", "/etc", "blog/../saas", "common", "..", ""}) {
      CAPTURE(hostile);
      auto r = run_fastcms({"init", "proj", "--template", hostile}, fastcms::test::in_dir(dir.path()));
      CHECK(r.exit_code == 2);
      CHECK(fs::is_empty(dir.path()));
    }
  }

  TEST_CASE("invalid project names get a clear error") {
    TempDir dir;
    for (std::string bad : {"", "..", "///", ".", "bad name", "a/../b", "-rf"}) {
      CAPTURE(bad);
      auto r = run_fastcms({"init", "--", bad}, fastcms::test::in_dir(dir.path()));
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("error:") != std::string::npos);
      CHECK(fs::is_empty(dir.path()));
    }
  }

  TEST_CASE("a target that is a file, or a missing parent, is refused") {
    TempDir dir;
    fastcms::test::write_file(dir / "afile", "x");
    auto file = run_fastcms({"init", "afile"}, fastcms::test::in_dir(dir.path()));
    CHECK(file.exit_code == 1);
    CHECK(file.err.find("not a directory") != std::string::npos);
    auto parent = run_fastcms({"init", "missing/proj"}, fastcms::test::in_dir(dir.path()));
    CHECK(parent.exit_code == 1);
    CHECK(parent.err.find("does not exist") != std::string::npos);
  }

  TEST_CASE("a write failure half-way (disk full) leaves no half-written project") {
    // RLIMIT_FSIZE makes the kernel refuse writes past 1 KiB with EFBIG, as a full disk
    // would, after several smaller files were already written.
    TempDir dir;
    RunOptions o = fastcms::test::in_dir(dir.path());
    o.in_child = [] {
      std::signal(SIGXFSZ, SIG_IGN);
      rlimit limit{1024, 1024};
      setrlimit(RLIMIT_FSIZE, &limit);
    };
    auto r = run_fastcms({"init", "proj", "--template", "saas"}, o);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("File too large") != std::string::npos);
    CHECK(fs::is_empty(dir.path()));
  }

  TEST_CASE("permission denied leaves nothing behind") {
    TempDir dir;
    fs::create_directory(dir / "locked");
    fs::permissions(dir / "locked", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                        fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(dir.path(), fs::perms::others_read | fs::perms::others_exec, fs::perm_options::add);
    RunOptions o = fastcms::test::in_dir(dir / "locked");
    if (::geteuid() == 0) {
      // root ignores directory permissions; drop to nobody for this run.
      o.in_child = [] {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(125);
      };
    }
    auto r = run_fastcms({"init", "proj"}, o);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("Permission denied") != std::string::npos);
    CHECK(fs::is_empty(dir / "locked"));
  }

  TEST_CASE("the binary copied alone into another directory scaffolds every template") {
    TempDir dir;
    fs::create_directory(dir / "bin");
    fs::copy_file(fastcms::test::fastcms_binary(), dir / "bin/fastcms");
    fs::create_directory(dir / "work");
    for (std::string t : {"blank", "blog", "ecommerce", "saas"}) {
      CAPTURE(t);
      auto r = fastcms::test::run({(dir / "bin/fastcms").string(), "init", t, "--template", t}, fastcms::test::in_dir(dir / "work"));
      CHECK(r.exit_code == 0);
      auto list = fastcms::test::run({(dir / "bin/fastcms").string(), "collections", "list"}, fastcms::test::in_dir(dir / "work" / t));
      CHECK(list.exit_code == 0);
    }
  }
}
