#pragma once
#include <optional>
#include <string>

namespace fastcms::core::backups {

/// The backup or restore this process is running (PocketBase's StoreKeyActiveBackup): at
/// most one at a time, across the API, the scheduler and restores.
class ActiveBackup {
 public:
  /// Claims the slot for the backup `name`; nullopt while another one runs.
  static std::optional<ActiveBackup> try_start(const std::string& name);
  /// The name of the running backup or restore, or "".
  static std::string current();

  ActiveBackup(ActiveBackup&& other) noexcept : owns_(other.owns_) { other.owns_ = false; }
  ActiveBackup& operator=(ActiveBackup&&) = delete;
  ~ActiveBackup();

 private:
  ActiveBackup() = default;
  bool owns_ = false;
};

}  // namespace fastcms::core::backups
