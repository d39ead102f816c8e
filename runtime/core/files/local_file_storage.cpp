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

}  // namespace fastcms::core::files
