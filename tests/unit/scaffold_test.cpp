// Unit tests for runtime/core/scaffold: render, validate_target and scaffold_project for
// every embedded template, checked with the same loaders the CLI and server use.
#include <doctest/doctest.h>

#include "support/temp_dir.h"
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/collections/collection_file.h"
#include "core/scaffold/render.h"
#include "core/scaffold/scaffold.h"
#include "core/scaffold/template_catalog.h"
#include "project/config.h"
#include "project/dotenv.h"

namespace {

namespace scft_fs = std::filesystem;

using ScftTempDir = fastcms::test::TempDir;

/// Removes every FASTCMS_* variable from the process environment while alive, so that
/// load_config sees only the scaffolded project; restores them afterwards.
class ScftEnvGuard {
 public:
  ScftEnvGuard() {
    for (const auto& [k, v] : fastcms::project::process_environment())
      if (k.rfind("FASTCMS_", 0) == 0) saved_[k] = v;
    for (const auto& [k, v] : saved_) ::unsetenv(k.c_str());
  }
  ~ScftEnvGuard() {
    for (const auto& [k, v] : saved_) ::setenv(k.c_str(), v.c_str(), 1);
  }
  ScftEnvGuard(const ScftEnvGuard&) = delete;
  ScftEnvGuard& operator=(const ScftEnvGuard&) = delete;

 private:
  std::map<std::string, std::string> saved_;
};

std::string scft_read(const scft_fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void scft_write(const scft_fs::path& p, const std::string& content) {
  scft_fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
}

/// Every entry under `dir`: relative path → content (files), "<dir>" (directories), plus mode.
std::map<std::string, std::string> scft_snapshot(const scft_fs::path& dir) {
  std::map<std::string, std::string> out;
  if (!scft_fs::exists(dir)) return out;
  for (const auto& e : scft_fs::recursive_directory_iterator(dir)) {
    std::string rel = scft_fs::relative(e.path(), dir).string();
    auto mode = static_cast<unsigned>(e.symlink_status().permissions() & scft_fs::perms::mask);
    out[rel] = (e.is_directory() ? std::string("<dir>") : scft_read(e.path())) + "|mode=" + std::to_string(mode);
  }
  return out;
}

/// True if no scaffold temp directory (".<name>.tmp-*") or temp file ("*.tmp-*") is left
/// anywhere under `dir`.
bool scft_no_temp_leftovers(const scft_fs::path& dir) {
  for (const auto& e : scft_fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) {
      MESSAGE("left behind: " << e.path().string());
      return false;
    }
  return true;
}

scft_fs::perms scft_mode(const scft_fs::path& p) { return scft_fs::status(p).permissions() & scft_fs::perms::mask; }

std::string scft_secret_in(const scft_fs::path& root) {
  auto env = fastcms::project::parse_dotenv(scft_read(root / ".env"), ".env");
  REQUIRE_MESSAGE(env.ok(), env.error().message);
  REQUIRE(env->count("FASTCMS_SECRET") == 1);
  return env->at("FASTCMS_SECRET");
}

bool scft_is_hex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::vector<std::string> scft_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

fastcms::core::scaffold::ScaffoldOptions scft_options(const scft_fs::path& target, const std::string& tmpl,
                                                      bool force = false) {
  fastcms::core::scaffold::ScaffoldOptions o;
  o.target = target;
  o.template_name = tmpl;
  o.force = force;
  return o;
}

const std::string scft_name_rule =
    " is not a valid project name: use letters, digits, '.', '_' and '-', starting with a letter or digit (at most 64 "
    "characters)";

}  // namespace

TEST_SUITE("unit scaffold") {
  TEST_CASE("scaffold: render replaces known keys and leaves the rest alone") {
    using fastcms::core::scaffold::render;
    const std::map<std::string, std::string> vars = {{"name", "shop"}, {"template", "blog"}, {"empty", ""}};
    CHECK(render("", vars) == "");
    CHECK(render("no placeholders", vars) == "no placeholders");
    CHECK(render("# {{name}}", vars) == "# shop");
    CHECK(render("{{name}}/{{template}}{{name}}", vars) == "shop/blogshop");
    CHECK(render("[{{empty}}]", vars) == "[]");
    CHECK(render("keep {{unknown}} and {{name}}", vars) == "keep {{unknown}} and shop");
    CHECK(render("{{ name }}", vars) == "{{ name }}");  // keys are exact, spaces included
    CHECK(render("{{}}", vars) == "{{}}");
    CHECK(render("${{name}}", vars) == "$shop");
    CHECK(render("{{{name}}}", vars) == "{{{name}}}");  // key "{name" is unknown
    // Unterminated braces are copied verbatim.
    CHECK(render("open {{name", vars) == "open {{name");
    CHECK(render("{{name}} then {{", vars) == "shop then {{");
    CHECK(render("a }} b {{name}}", vars) == "a }} b shop");
    // Values are not rendered again.
    CHECK(render("{{x}}", {{"x", "{{name}}"}, {"name", "no"}}) == "{{name}}");
  }

  TEST_CASE("scaffold: validate_target refuses bad names with usage errors") {
    using fastcms::core::scaffold::validate_target;
    auto usage = [](const std::string& raw) {
      auto s = validate_target(raw);
      REQUIRE_FALSE(s.ok());
      CHECK(s.error().kind == fastcms::ErrorKind::usage);
      return s.error().message;
    };
    CHECK(usage("") == "the project name is empty; try `fastcms init my-app`");
    CHECK(usage("   ") == "the project name is empty; try `fastcms init my-app`");
    const std::string dotdot = ": \"..\" is not allowed in a project path; name a new directory such as `my-app`";
    CHECK(usage("..") == "\"..\"" + dotdot);
    CHECK(usage("a/../b") == "\"a/../b\"" + dotdot);
    CHECK(usage("a/..") == "\"a/..\"" + dotdot);
    CHECK(usage("../sibling") == "\"../sibling\"" + dotdot);
    CHECK(usage("///") == "\"///\" is not a project name; try `fastcms init my-app`");
    CHECK(usage("/") == "\"/\" is not a project name; try `fastcms init my-app`");
    const std::string cwd = " names the current directory; give the new project's name, e.g. `fastcms init my-app`";
    CHECK(usage(".") == "\".\"" + cwd);
    CHECK(usage("./") == "\"./\"" + cwd);
    CHECK(usage("bad name") == "\"bad name\"" + scft_name_rule);
    CHECK(usage("some/dir/bad name") == "\"bad name\"" + scft_name_rule);
    CHECK(usage("-app") == "\"-app\"" + scft_name_rule);
    CHECK(usage(".hidden") == "\".hidden\"" + scft_name_rule);
    CHECK(usage("app!") == "\"app!\"" + scft_name_rule);
    CHECK(usage(std::string(65, 'a')) == "\"" + std::string(65, 'a') + "\"" + scft_name_rule);
  }

  TEST_CASE("scaffold: validate_target accepts project names and paths") {
    using fastcms::core::scaffold::validate_target;
    for (std::string ok : {"my-app", "My_App.2", "0app", "a", "sub/dir/my-app", "/abs/path/my-app", "my-app/",
                           "./my-app", "a/."}) {
      CAPTURE(ok);
      auto s = validate_target(ok);
      CHECK_MESSAGE(s.ok(), (s.ok() ? std::string() : s.error().message));
    }
    CHECK(validate_target(std::string(64, 'a')).ok());
  }

  TEST_CASE("scaffold: template_names lists the embedded templates, without common") {
    auto names = fastcms::core::scaffold::template_names();
    CHECK(std::is_sorted(names.begin(), names.end()));
    CHECK(std::find(names.begin(), names.end(), "common") == names.end());
    for (const char* expected : {"blank", "blog", "ecommerce", "saas"})
      CHECK(std::find(names.begin(), names.end(), expected) != names.end());
    // Every template directory in the source tree with a template.json is embedded.
    std::vector<std::string> on_disk;
    for (const auto& e : scft_fs::directory_iterator(scft_fs::path(FASTCMS_SOURCE_DIR) / "templates"))
      if (e.is_directory() && e.path().filename() != "common" && scft_fs::exists(e.path() / "template.json"))
        on_disk.push_back(e.path().filename().string());
    std::sort(on_disk.begin(), on_disk.end());
    CHECK(names == on_disk);
  }

  TEST_CASE("scaffold: every template scaffolds a project that loads, each with its own secret") {
    ScftEnvGuard env;
    auto names = fastcms::core::scaffold::template_names();
    REQUIRE_FALSE(names.empty());
    std::set<std::string> secrets;  // each scaffold gets its own
    for (size_t i = 0; i < names.size(); ++i) {
      const std::string& t = names[i];
      CAPTURE(t);
      ScftTempDir dir;
      const scft_fs::path root = dir.path() / ("app-" + t);
      // Scaffolding is fsync-bound, so target variants ride along here instead of costing
      // scaffolds of their own: the first target already exists as an empty directory
      // (allowed without --force) and is named with a trailing slash.
      std::string target = root.string();
      if (i == 0) {
        scft_fs::create_directory(root);
        target += "/";
      }
      auto r = fastcms::core::scaffold::scaffold_project(scft_options(target, t));
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      CHECK(r->root == root);
      CHECK(r->project_name == "app-" + t);
      CHECK(r->kept.empty());
      CHECK(r->next_steps.size() >= 2);
      CHECK(r->next_steps[0] == "cd " + target);
      for (const char* f : {".env", ".gitignore", "fastcms.config.json", "README.md", "Dockerfile",
                            "docker-compose.yml"}) {
        CAPTURE(f);
        CHECK(scft_fs::is_regular_file(root / f));
        CHECK(std::find(r->written.begin(), r->written.end(), f) != r->written.end());
      }
      for (const char* d : {"app/collections", "app/functions", "app/hooks", "app/migrations", "data"}) {
        CAPTURE(d);
        CHECK(scft_fs::is_directory(root / d));
      }
      CHECK(scft_fs::is_empty(root / "data"));
      // Every written file exists, and nothing else was written.
      for (const auto& w : r->written) CHECK(scft_fs::is_regular_file(root / w));
      size_t regular_files = 0;
      for (const auto& e : scft_fs::recursive_directory_iterator(root)) regular_files += e.is_regular_file();
      CHECK(regular_files == r->written.size());

      // The project loads with the same code the CLI and the server use.
      auto config = fastcms::project::load_config(root);
      REQUIRE_MESSAGE(config.ok(), config.error().message);
      CHECK(config->name == "app-" + t);
      CHECK(config->template_name == t);
      auto collections = fastcms::core::collections::load_collection_files(root);
      REQUIRE_MESSAGE(collections.ok(), collections.error().message);

      // The collections the template declares are exactly the ones scaffolded.
      auto meta = nlohmann::json::parse(scft_read(scft_fs::path(FASTCMS_SOURCE_DIR) / "templates" / t / "template.json"));
      std::set<std::string> declared, loaded;
      for (const auto& c : meta.at("collections")) declared.insert(c.get<std::string>());
      for (const auto& c : *collections) loaded.insert(c.name());
      CHECK_FALSE(declared.empty());
      CHECK(loaded == declared);

      // .env: a fresh 64-hex-character secret, readable by the owner only.
      std::string secret = scft_secret_in(root);
      CHECK(scft_is_hex64(secret));
      CHECK(secrets.insert(secret).second);
      CHECK(config->secret == secret);
      CHECK(scft_mode(root / ".env") == (scft_fs::perms::owner_read | scft_fs::perms::owner_write));
      CHECK(scft_mode(root / "fastcms.config.json") ==
            (scft_fs::perms::owner_read | scft_fs::perms::owner_write | scft_fs::perms::group_read |
             scft_fs::perms::others_read));

      auto gitignore = scft_lines(scft_read(root / ".gitignore"));
      CHECK(std::find(gitignore.begin(), gitignore.end(), "data/") != gitignore.end());
      CHECK(std::find(gitignore.begin(), gitignore.end(), ".env") != gitignore.end());

      std::string readme = scft_read(root / "README.md");
      CHECK(readme.rfind("# app-" + t + "\n", 0) == 0);
      CHECK(readme.find("**" + t + "** template") != std::string::npos);
      for (const auto& c : declared) CHECK(readme.find("`app/collections/" + c + ".yaml`") != std::string::npos);

      // Every placeholder was rendered.
      for (const auto& w : r->written) {
        CAPTURE(w);
        std::string text = scft_read(root / w);
        for (const char* key : {"{{name}}", "{{template}}", "{{secret}}", "{{version}}", "{{collections}}",
                                "{{next_steps}}", "{{template_description}}"})
          CHECK(text.find(key) == std::string::npos);
      }
      CHECK(scft_no_temp_leftovers(dir.path()));
    }
  }

  TEST_CASE("scaffold: a non-empty target is refused without --force and left byte-identical") {
    ScftTempDir dir;
    const scft_fs::path target = dir.path() / "proj";
    scft_write(target / "notes.txt", "my notes\n");
    scft_write(target / ".env", "FASTCMS_SECRET=mine\n");
    scft_write(target / "sub" / "keep.bin", std::string("\0\1\2", 3));
    auto before = scft_snapshot(dir.path());
    auto r = fastcms::core::scaffold::scaffold_project(scft_options(target, "blog"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == fastcms::ErrorKind::failure);
    CHECK(r.error().message ==
          "directory " + target.string() +
              " is not empty; choose a new name, or pass --force to scaffold into it (files that are not part of "
              "the template are kept)");
    CHECK(scft_snapshot(dir.path()) == before);
    CHECK(scft_no_temp_leftovers(dir.path()));
  }

  TEST_CASE("scaffold: with --force foreign files and an existing .env are kept") {
    ScftEnvGuard env;
    ScftTempDir dir;
    const scft_fs::path target = dir.path() / "proj";
    const std::string old_env = "# mine\nFASTCMS_SECRET=keep-this-secret\n";
    scft_write(target / "notes.txt", "my notes\n");
    scft_write(target / ".env", old_env);
    scft_write(target / "app" / "collections" / "README.txt", "foreign, not a collection file\n");
    auto r = fastcms::core::scaffold::scaffold_project(scft_options(target, "blank", true));
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->kept == std::vector<std::string>{".env"});
    CHECK(std::find(r->written.begin(), r->written.end(), ".env") == r->written.end());
    CHECK(std::find(r->written.begin(), r->written.end(), "fastcms.config.json") != r->written.end());
    CHECK(scft_read(target / ".env") == old_env);
    CHECK(scft_read(target / "notes.txt") == "my notes\n");
    CHECK(scft_read(target / "app" / "collections" / "README.txt") == "foreign, not a collection file\n");
    CHECK(scft_fs::is_directory(target / "data"));

    auto config = fastcms::project::load_config(target);
    REQUIRE_MESSAGE(config.ok(), config.error().message);
    CHECK(config->name == "proj");
    CHECK(config->secret == "keep-this-secret");
    auto collections = fastcms::core::collections::load_collection_files(target);
    REQUIRE_MESSAGE(collections.ok(), collections.error().message);
    REQUIRE(collections->size() == 1);
    CHECK(collections->front().name() == "users");
    CHECK(scft_no_temp_leftovers(dir.path()));
  }

  TEST_CASE("scaffold: an unknown template is a usage error that creates nothing") {
    ScftTempDir dir;
    std::string valid;
    for (const auto& n : fastcms::core::scaffold::template_names()) valid += (valid.empty() ? "" : ", ") + n;
    auto usage = [&](const std::string& tmpl) {
      auto r = fastcms::core::scaffold::scaffold_project(scft_options(dir.path() / "proj", tmpl));
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().kind == fastcms::ErrorKind::usage);
      CHECK(scft_fs::is_empty(dir.path()));
      return r.error().message;
    };
    CHECK(usage("blgo") == "unknown template \"blgo\" (did you mean \"blog\"?); valid templates: " + valid);
    CHECK(usage("zzzzzzzz") == "unknown template \"zzzzzzzz\"; valid templates: " + valid);
    CHECK(usage("common").rfind("unknown template \"common\"", 0) == 0);
    CHECK(usage("../blog").rfind("unknown template \"../blog\"", 0) == 0);
    CHECK(usage("").rfind("unknown template \"\"; valid templates: ", 0) == 0);
    CHECK(valid.find("blank") != std::string::npos);
  }

  TEST_CASE("scaffold: an invalid target name is a usage error that creates nothing") {
    ScftTempDir dir;
    auto r = fastcms::core::scaffold::scaffold_project(scft_options(dir.path() / "bad name", "blank"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == fastcms::ErrorKind::usage);
    CHECK(r.error().message == "\"bad name\"" + scft_name_rule);
    CHECK(scft_fs::is_empty(dir.path()));
  }

  TEST_CASE("scaffold: a missing parent directory or a file in the way is refused") {
    ScftTempDir dir;
    auto missing = fastcms::core::scaffold::scaffold_project(scft_options(dir.path() / "no" / "proj", "blank"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == fastcms::ErrorKind::failure);
    CHECK(missing.error().message ==
          "parent directory " + (dir.path() / "no").string() + " does not exist; create it first");
    CHECK(scft_fs::is_empty(dir.path()));

    scft_write(dir.path() / "proj", "a file");
    auto before = scft_snapshot(dir.path());
    for (bool force : {false, true}) {
      CAPTURE(force);
      auto file = fastcms::core::scaffold::scaffold_project(scft_options(dir.path() / "proj", "blank", force));
      REQUIRE_FALSE(file.ok());
      CHECK(file.error().message == (dir.path() / "proj").string() + " exists and is not a directory; choose another name");
      CHECK(scft_snapshot(dir.path()) == before);
      CHECK(scft_no_temp_leftovers(dir.path()));
    }
  }

  TEST_CASE("scaffold: a failed --force merge leaves the target untouched") {
    ScftTempDir dir;
    const scft_fs::path target = dir.path() / "proj";
    scft_write(target / "README.md" / "inside.txt", "a directory where the template has a file");
    auto before = scft_snapshot(dir.path());
    auto r = fastcms::core::scaffold::scaffold_project(scft_options(target, "blank", true));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == (target / "README.md").string() + " is a directory; move it away or choose another target");
    CHECK(scft_no_temp_leftovers(dir.path()));
    CHECK(scft_snapshot(dir.path()) == before);
  }
}
