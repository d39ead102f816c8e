#include "core/scaffold/scaffold.h"

#include <regex>

#include "common/build_info.h"
#include "common/files.h"
#include "common/interrupt.h"
#include "common/random.h"
#include "common/strings.h"
#include "core/deploy/deploy_target.h"
#include "core/scaffold/render.h"
#include "project/config.h"
#include "core/scaffold/template_catalog.h"

namespace fastcms::core::scaffold {
namespace fs = std::filesystem;

namespace {

/// Removes a temp directory when the scaffold did not complete.
class TempDirGuard {
 public:
  explicit TempDirGuard(fs::path p) : path_(std::move(p)) {}
  ~TempDirGuard() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  void release() { path_.clear(); }

 private:
  fs::path path_;
};

bool is_empty_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec) && fs::is_empty(p, ec);
}

std::map<std::string, std::string> template_vars(const std::string& name, const TemplateInfo& info) {
  std::string collections;
  for (const auto& c : info.collections) collections += "- `" + c + "`: `app/collections/" + c + ".yaml`\n";
  std::string steps;
  for (const auto& s : info.next_steps) steps += "- " + s + "\n";
  return {{"name", name},
          {"template", info.name},
          {"template_description", info.description},
          {"collections", collections},
          {"next_steps", steps},
          {"secret", random::hex(32)},
          {"port", std::to_string(project::Config{}.port)},
          {"version", build::version}};
}

/// Writes every file of the project into `dir`.
Status write_tree(const fs::path& dir, const std::map<std::string, std::string>& files) {
  for (const auto& [rel, content] : files) {
    if (interrupt::requested()) return Error::interrupted("interrupted; nothing was written");
    fs::path out = dir / rel;
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    if (ec) return Error::failure("cannot create " + out.parent_path().string() + ": " + ec.message());
    bool secret = rel == ".env";
    auto perms = secret ? fs::perms::owner_read | fs::perms::owner_write
                        : fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::others_read;
    if (auto s = fastcms::files::write_atomic(out, content, perms); !s) return s.error();
  }
  std::error_code ec;
  fs::create_directories(dir / "data", ec);
  if (ec) return Error::failure("cannot create " + (dir / "data").string() + ": " + ec.message());
  return Ok{};
}

/// Moves the scaffold from `temp` into the existing `target`, file by file.
Status merge_into(const fs::path& temp, const fs::path& target, const std::map<std::string, std::string>& files,
                  ScaffoldReport& report) {
  std::error_code ec;
  // Every conflict is found before the first file moves, so a refusal changes nothing.
  for (const auto& [rel, content] : files) {
    fs::path dest = target / rel;
    if (fs::is_directory(dest, ec))
      return Error::failure(dest.string() + " is a directory; move it away or choose another target");
    for (fs::path parent = fs::path(rel).parent_path(); !parent.empty(); parent = parent.parent_path())
      if (fs::exists(target / parent, ec) && !fs::is_directory(target / parent, ec))
        return Error::failure((target / parent).string() + " is a file where the template needs a directory; "
                              "move it away or choose another target");
  }
  for (const auto& [rel, content] : files) {
    if (interrupt::requested()) return Error::interrupted("interrupted; some files were already written");
    fs::path dest = target / rel;
    if (rel == ".env" && fs::exists(dest, ec)) {
      report.kept.push_back(rel);
      continue;
    }
    fs::create_directories(dest.parent_path(), ec);
    if (ec) return Error::failure("cannot create " + dest.parent_path().string() + ": " + ec.message());
    fs::rename(temp / rel, dest, ec);
    if (ec) return Error::failure("cannot write " + dest.string() + ": " + ec.message());
    report.written.push_back(rel);
  }
  fs::create_directories(target / "data", ec);
  return Ok{};
}

}  // namespace

Status validate_target(const std::string& raw) {
  static const std::regex name_re("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
  if (strings::trim(raw).empty()) return Error::usage("the project name is empty; try `fastcms init my-app`");
  if (raw.find_first_not_of('/') == std::string::npos)
    return Error::usage("\"" + raw + "\" is not a project name; try `fastcms init my-app`");
  fs::path p(raw);
  std::string last = p.lexically_normal().filename().string();
  if (last.empty()) last = p.lexically_normal().parent_path().filename().string();
  for (const auto& part : p)
    if (part == "..") return Error::usage("\"" + raw + "\": \"..\" is not allowed in a project path; name a new directory such as `my-app`");
  if (last == "." || last.empty())
    return Error::usage("\"" + raw + "\" names the current directory; give the new project's name, e.g. `fastcms init my-app`");
  if (!std::regex_match(last, name_re))
    return Error::usage("\"" + last + "\" is not a valid project name: use letters, digits, '.', '_' and '-', "
                        "starting with a letter or digit (at most 64 characters)");
  return Ok{};
}

Result<ScaffoldReport> scaffold_project(const ScaffoldOptions& options) {
  if (auto s = validate_target(options.target.string()); !s) return s.error();
  auto info = find_template(options.template_name);
  if (!info) {
    auto names = template_names();
    std::string guess = strings::nearest(options.template_name, names);
    return Error::usage("unknown template \"" + options.template_name + "\"" +
                        (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)") +
                        "; valid templates: " + strings::join(names, ", "));
  }

  std::error_code ec;
  fs::path target = fs::absolute(options.target, ec).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  const std::string project_name = target.filename().string();
  if (!fs::is_directory(target.parent_path(), ec))
    return Error::failure("parent directory " + target.parent_path().string() + " does not exist; create it first");
  bool exists = fs::exists(target, ec);
  if (exists && !fs::is_directory(target, ec))
    return Error::failure(target.string() + " exists and is not a directory; choose another name");
  bool merge = exists && !is_empty_dir(target);
  if (merge && !options.force)
    return Error::failure("directory " + options.target.string() + " is not empty; choose a new name, or pass --force "
                          "to scaffold into it (files that are not part of the template are kept)");

  // Render the complete file set first: nothing touches the disk until it is all known.
  auto vars = template_vars(project_name, *info);
  std::map<std::string, std::string> files;
  for (const auto& [rel, text] : common_files()) files[rel] = render(text, vars);
  for (const auto& [rel, text] : info->files) files[rel] = render(text, vars);
  // Every project starts deployable with Docker: the same files `fastcms deploy --target docker` writes.
  auto docker = deploy::find_target("docker");
  if (!docker) return Error::failure("the embedded docker deploy target is missing from this build");
  for (auto& [rel, text] : deploy::render_target(*docker, {project_name, project::Config{}.port})) files[rel] = text;

  auto temp = fastcms::files::make_temp_dir_beside(target);
  if (!temp) return temp.error();
  TempDirGuard guard(*temp);
  if (auto s = write_tree(*temp, files); !s) return s.error();

  ScaffoldReport report;
  report.root = target;
  report.project_name = project_name;
  if (merge) {
    if (auto s = merge_into(*temp, target, files, report); !s) return s.error();
  } else {
    if (interrupt::requested()) return Error::interrupted("interrupted; nothing was written");
    fs::rename(*temp, target, ec);  // atomic; replaces an empty directory
    if (ec) return Error::failure("cannot create " + target.string() + ": " + ec.message());
    guard.release();
    for (const auto& [rel, content] : files) report.written.push_back(rel);
  }
  std::string cd = options.target.string();
  report.next_steps = {"cd " + cd, "fastcms collections list"};
  for (const auto& s : info->next_steps) report.next_steps.push_back(s);
  return report;
}

}  // namespace fastcms::core::scaffold
