#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace fastcms::core::files {

/// One object in a storage, as a listing reports it.
struct StoredObject {
  std::string key;
  std::uint64_t size = 0;
  std::chrono::system_clock::time_point modified;  ///< last written
};

/// Where uploaded files live, addressed by keys like "{collectionId}/{recordId}/{name}"
/// (PocketBase's layout). Implementations: local (data/storage) and S3-compatible.
class FileStorage {
 public:
  virtual ~FileStorage() = default;

  /// Stores `content` under `key`, replacing what was there; readers never see a partial file.
  virtual Status put(std::string_view key, std::string_view content) = 0;
  /// The bytes under `key`, or nullopt when there is no such file.
  virtual Result<std::optional<std::string>> get(std::string_view key) const = 0;
  /// Removes `key`; removing a missing key is not an error.
  virtual Status remove(std::string_view key) = 0;
  /// Removes every key under `prefix` + "/" (a record's or a collection's files).
  virtual Status remove_prefix(std::string_view prefix) = 0;
  /// The keys under `prefix` + "/", sorted.
  virtual Result<std::vector<std::string>> list(std::string_view prefix) const = 0;
  /// The objects under `prefix` + "/" (everything when `prefix` is ""), with their size and
  /// last modification, sorted by key (the orphan sweep's view).
  virtual Result<std::vector<StoredObject>> list_objects(std::string_view prefix) const = 0;
};

/// True for keys made of 1–4 non-empty segments of [A-Za-z0-9_.-] separated by "/", none
/// of them "." or "..": what every storage accepts, so no key escapes its root.
bool is_safe_storage_key(std::string_view key);

}  // namespace fastcms::core::files
