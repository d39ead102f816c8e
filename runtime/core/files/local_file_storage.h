#pragma once
#include <filesystem>

#include "core/files/file_storage.h"

namespace fastcms::core::files {

/// Files under a folder on this machine (a project's data/storage). Writes go to a temp
/// file beside the target and are renamed into place; keys that are not
/// is_safe_storage_key are refused, so nothing outside `root` is touched.
class LocalFileStorage final : public FileStorage {
 public:
  explicit LocalFileStorage(std::filesystem::path root);

  Status put(std::string_view key, std::string_view content) override;
  Result<std::optional<std::string>> get(std::string_view key) const override;
  Status remove(std::string_view key) override;
  Status remove_prefix(std::string_view prefix) override;
  Result<std::vector<std::string>> list(std::string_view prefix) const override;
  Result<std::vector<StoredObject>> list_objects(std::string_view prefix) const override;

  const std::filesystem::path& root() const { return root_; }

 private:
  Result<std::filesystem::path> path_of(std::string_view key) const;

  std::filesystem::path root_;
};

}  // namespace fastcms::core::files
