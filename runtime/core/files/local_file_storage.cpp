#include "core/files/local_file_storage.h"

#include <algorithm>
#include <functional>

#include "common/files.h"

namespace fastcms::core::files {

namespace fs = std::filesystem;

namespace {

bool vanished(const std::error_code& ec) { return ec == std::errc::no_such_file_or_directory; }

/// Calls `fn` with every regular file under `folder`, depth first. Folders and files that
/// vanish during the walk (a record's folder removed meanwhile) are skipped, not errors.
Status for_each_file(const fs::path& folder, const std::function<void(const fs::directory_entry&)>& fn) {
  std::error_code ec;
  fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (it->is_directory(entry_ec) && !it->is_symlink(entry_ec)) {
      if (auto walked = for_each_file(it->path(), fn); !walked) return walked;
    } else if (it->is_regular_file(entry_ec)) {
      fn(*it);
    }
  }
  if (ec && !vanished(ec)) return Error::failure("cannot list " + folder.string() + ": " + ec.message());
  return Ok{};
}

}  // namespace

LocalFileStorage::LocalFileStorage(fs::path root) : root_(std::move(root)) {}

Result<fs::path> LocalFileStorage::path_of(std::string_view key) const {
  if (!is_safe_storage_key(key)) return Error::usage("invalid storage key \"" + std::string(key) + "\"");
  return root_ / fs::path(std::string(key));
}

Status LocalFileStorage::put(std::string_view key, std::string_view content) {
  auto path = path_of(key);
  if (!path) return path.error();
  std::error_code ec;
  fs::create_directories(path->parent_path(), ec);
  if (ec) return Error::failure("cannot create " + path->parent_path().string() + ": " + ec.message());
  return fastcms::files::write_atomic(*path, std::string(content));
}

Result<std::optional<std::string>> LocalFileStorage::get(std::string_view key) const {
  auto path = path_of(key);
  if (!path) return path.error();
  std::error_code ec;
  if (!fs::is_regular_file(*path, ec)) return std::optional<std::string>();
  auto content = fastcms::files::read(*path);
  if (!content) return content.error();
  return std::optional<std::string>(std::move(*content));
}

Status LocalFileStorage::remove(std::string_view key) {
  auto path = path_of(key);
  if (!path) return path.error();
  std::error_code ec;
  fs::remove(*path, ec);
  if (ec) return Error::failure("cannot delete " + path->string() + ": " + ec.message());
  return Ok{};
}

Status LocalFileStorage::remove_prefix(std::string_view prefix) {
  auto path = path_of(prefix);
  if (!path) return path.error();
  std::error_code ec;
  fs::remove_all(*path, ec);
  if (ec) return Error::failure("cannot delete " + path->string() + ": " + ec.message());
  return Ok{};
}

Result<std::vector<std::string>> LocalFileStorage::list(std::string_view prefix) const {
  auto path = path_of(prefix);
  if (!path) return path.error();
  std::vector<std::string> keys;
  std::error_code ec;
  if (!fs::is_directory(*path, ec)) return keys;
  auto walked = for_each_file(*path, [&](const fs::directory_entry& entry) {
    keys.push_back(entry.path().lexically_relative(root_).generic_string());
  });
  if (!walked) return walked.error();
  std::sort(keys.begin(), keys.end());
  return keys;
}

Result<std::vector<StoredObject>> LocalFileStorage::list_objects(std::string_view prefix) const {
  fs::path folder = root_;
  if (!prefix.empty()) {
    auto path = path_of(prefix);
    if (!path) return path.error();
    folder = *path;
  }
  std::vector<StoredObject> objects;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return objects;
  auto walked = for_each_file(folder, [&](const fs::directory_entry& entry) {
    const std::string key = entry.path().lexically_relative(root_).generic_string();
    if (!is_safe_storage_key(key)) return;  // temp files of a write in progress, foreign files
    std::error_code entry_ec;
    auto size = entry.file_size(entry_ec);
    auto written = entry.last_write_time(entry_ec);
    if (entry_ec) return;  // removed meanwhile
    objects.push_back({key, static_cast<std::uint64_t>(size),
                       std::chrono::time_point_cast<std::chrono::system_clock::duration>(
                           std::chrono::file_clock::to_sys(written))});
  });
  if (!walked) return walked.error();
  std::sort(objects.begin(), objects.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return objects;
}

}  // namespace fastcms::core::files
