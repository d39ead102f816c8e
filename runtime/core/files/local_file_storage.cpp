#include "core/files/local_file_storage.h"

#include <algorithm>

#include "common/files.h"

namespace fastcms::core::files {

namespace fs = std::filesystem;

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
  for (auto it = fs::recursive_directory_iterator(*path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file()) keys.push_back(fs::relative(it->path(), root_).generic_string());
  }
  if (ec) return Error::failure("cannot list " + path->string() + ": " + ec.message());
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
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code entry_ec;
    if (!it->is_regular_file(entry_ec)) continue;
    const std::string key = fs::relative(it->path(), root_).generic_string();
    if (!is_safe_storage_key(key)) continue;  // temp files of a write in progress, foreign files
    auto size = it->file_size(entry_ec);
    auto written = it->last_write_time(entry_ec);
    if (entry_ec) continue;  // removed meanwhile
    objects.push_back({key, static_cast<std::uint64_t>(size),
                       std::chrono::time_point_cast<std::chrono::system_clock::duration>(
                           std::chrono::file_clock::to_sys(written))});
  }
  if (ec) return Error::failure("cannot list " + folder.string() + ": " + ec.message());
  std::sort(objects.begin(), objects.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return objects;
}

}  // namespace fastcms::core::files
