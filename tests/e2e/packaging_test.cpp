// Packaging: `cmake --install` puts the binary, completions, the man page and the systemd
// unit in the standard places; CPack's .deb carries them with Depends computed by
// dpkg-shlibdeps that agree with FASTCMS_RUNTIME_DEBIAN_PACKAGES, and maintainer scripts.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <iterator>
#include <set>
#include <sstream>

#include "common/runtime_packages.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::run;

namespace {

const fs::path packaging_build_dir = fs::path(FASTCMS_BINARY).parent_path();
const fs::path packaging_source_dir = FASTCMS_SOURCE_DIR;

/// The files every install must hold, relative to the prefix.
const std::vector<std::string> packaged_files = {
    "bin/fastcms",
    "share/man/man1/fastcms.1.gz",
    "share/bash-completion/completions/fastcms",
    "share/zsh/vendor-completions/_fastcms",
    "share/fish/vendor_completions.d/fastcms.fish",
    "lib/systemd/system/fastcms@.service",
    "lib/sysusers.d/fastcms.conf",
};

fastcms::test::RunResult packaging_run(const std::vector<std::string>& argv, const fs::path& cwd = {}) {
  fastcms::test::RunOptions options;
  options.cwd = cwd;
  options.timeout_seconds = 300;
  std::vector<std::string> command = argv;
  command[0] = fastcms::test::find_program(argv[0]);
  if (command[0].empty()) FAIL(argv[0] << " is not installed (packaging/install-deps.sh installs it)");
  auto r = run(command, options);
  if (r.exit_code != 0) FAIL(argv[0] << " " << (argv.size() > 1 ? argv[1] : "") << " failed: " << r.out << r.err);
  return r;
}

/// Package names of a Depends line: "libc6 (>= 2.34), libssl3 (>= 3.0.0)" → {libc6, libssl3}.
std::set<std::string> package_names(const std::string& depends) {
  std::set<std::string> names;
  static const std::regex name(R"((?:^|,)\s*([a-z0-9][a-z0-9.+-]*))");
  for (auto it = std::sregex_iterator(depends.begin(), depends.end(), name); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1]);
  return names;
}

std::set<std::string> words(const std::string& text) {
  std::istringstream in(text);
  return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

std::string gunzip(const fs::path& file) { return packaging_run({"gzip", "-dc", file.string()}).out; }

}  // namespace

TEST_SUITE("e2e packaging") {
  TEST_CASE("cmake --install lays out the binary, man page, completions and systemd unit") {
    fastcms::test::TempDir dir;
    packaging_run({"cmake", "--install", packaging_build_dir.string(), "--prefix", (dir / "usr").string()});
    for (const auto& file : packaged_files) CHECK_MESSAGE(fs::is_regular_file(dir / "usr" / file), file);
    CHECK(fastcms::test::read_file(dir / "usr/share/bash-completion/completions/fastcms") ==
          fastcms::test::read_file(packaging_source_dir / "completions/fastcms.bash"));

    std::string man = gunzip(dir / "usr/share/man/man1/fastcms.1.gz");
    CHECK(man.find(".TH FASTCMS \"1\"") != std::string::npos);
    CHECK(man.find("fastcms \\- backend toolchain") != std::string::npos);
    // Every command and subcommand's --help is in the page.
    CHECK(man.find(".SS \"fastcms serve\"") != std::string::npos);
    CHECK(man.find(".SS \"fastcms gen openapi\"") != std::string::npos);
    CHECK(man.find(".SS \"fastcms users create\"") != std::string::npos);
  }

  TEST_CASE("the .deb: metadata, shlibdeps Depends matching the runtime packages, files, scripts, a working binary") {
    fastcms::test::TempDir dir;
    packaging_run({"cpack", "-G", "DEB", "--config", (packaging_build_dir / "CPackConfig.cmake").string(), "-B",
                   (dir / "pkg").string()});
    fs::path deb;
    for (const auto& entry : fs::directory_iterator(dir / "pkg"))
      if (entry.path().extension() == ".deb") deb = entry.path();
    REQUIRE_MESSAGE(!deb.empty(), "cpack wrote no .deb in " << (dir / "pkg"));
    CHECK(deb.filename().string().rfind("fastcms_0.1.0_", 0) == 0);

    auto field = [&](const char* name) {
      std::string v = packaging_run({"dpkg-deb", "-f", deb.string(), name}).out;
      while (!v.empty() && v.back() == '\n') v.pop_back();
      return v;
    };
    CHECK(field("Package") == "fastcms");
    CHECK(field("Version") == "0.1.0");
    CHECK(field("Architecture") + "\n" == packaging_run({"dpkg", "--print-architecture"}).out);
    CHECK(field("Recommends") == "ca-certificates");

    // Depends: exactly the runtime packages plus the toolchain's (libc, libstdc++, libgcc, libcrypt).
    std::string depends = field("Depends");
    auto names = package_names(depends);
    std::set<std::string> expected = words(fastcms::build::runtime_debian_packages);
    for (const auto& p : expected) CHECK_MESSAGE(names.count(p) == 1, p << " missing from Depends: " << depends);
    for (const auto& p : names)
      CHECK_MESSAGE((expected.count(p) == 1 || p == "libc6" || p == "libstdc++6" || p == "libgcc-s1" || p == "libcrypt1"),
                    p << " is in Depends but not in FASTCMS_RUNTIME_DEBIAN_PACKAGES (CMakeLists.txt): " << depends);
    CHECK(depends.find("libc6 (>=") != std::string::npos);

    std::string contents = packaging_run({"dpkg-deb", "--contents", deb.string()}).out;
    for (const auto& file : packaged_files)
      CHECK_MESSAGE(contents.find("./usr/" + file) != std::string::npos, file << " not in the .deb:\n" << contents);
    std::string info = packaging_run({"dpkg-deb", "--info", deb.string()}).out;
    for (const char* script : {"postinst", "prerm", "postrm"})
      CHECK_MESSAGE(std::regex_search(info, std::regex(std::string(R"(\d+ bytes,\s+\d+ lines\s+\*\s+)") + script)),
                    script << " missing or not executable:\n" << info);

    packaging_run({"dpkg-deb", "-x", deb.string(), (dir / "root").string()});
    auto version = run({(dir / "root/usr/bin/fastcms").string(), "--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out == "fastcms 0.1.0\n");
    // The packaged binary is stripped: no symbol table, no debug info.
    std::string sections = packaging_run({"readelf", "--section-headers", (dir / "root/usr/bin/fastcms").string()}).out;
    CHECK(sections.find(".symtab") == std::string::npos);
    CHECK(sections.find(".debug_info") == std::string::npos);
  }

  TEST_CASE("the systemd unit passes systemd-analyze verify and runs fastcms serve hardened") {
    const std::string analyze = fastcms::test::find_program("systemd-analyze");
    REQUIRE_MESSAGE(!analyze.empty(), "systemd-analyze is missing (packaging/install-deps.sh installs systemd)");
    std::string unit = fastcms::test::read_file(packaging_source_dir / "packaging/fastcms@.service");
    CHECK(unit.find("\nExecStart=/usr/bin/fastcms serve\n") != std::string::npos);
    CHECK(unit.find("\nUser=fastcms\n") != std::string::npos);
    CHECK(unit.find("\nWorkingDirectory=/var/lib/fastcms/%i\n") != std::string::npos);
    CHECK(unit.find("\nProtectSystem=strict\n") != std::string::npos);
    CHECK(unit.find("\nReadWritePaths=/var/lib/fastcms/%i\n") != std::string::npos);
    CHECK(unit.find("\nWantedBy=multi-user.target\n") != std::string::npos);

    // Verified with the built binary in ExecStart's place (the unit names the installed path).
    fastcms::test::TempDir dir;
    std::string local = std::regex_replace(unit, std::regex("/usr/bin/fastcms"), std::string(FASTCMS_BINARY));
    fastcms::test::write_file(dir / "fastcms@.service", local);
    auto verify = run({analyze, "verify", "--man=no", (dir / "fastcms@.service").string()});
    CHECK_MESSAGE(verify.exit_code == 0, verify.out << verify.err);
    CHECK_MESSAGE(verify.err.empty(), verify.err);
  }
}
