#pragma once
#include <filesystem>

#include "common/error.h"

/// How a restore knows a server is running on the project: every server holds a shared
/// lock (flock) on data/.server.lock for its lifetime; a restore takes it exclusively, so
/// it fails while any server runs and no server starts while a restore swaps the data.
/// Locks die with their process, so a crashed server never blocks a restore.
namespace fastcms::core::backups {

inline constexpr const char* server_lock_name = ".server.lock";

class DataLock {
 public:
  /// Shared: held by each running server. Fails when a restore holds it.
  static Result<DataLock> for_server(const std::filesystem::path& data_dir);
  /// Exclusive: held by a restore. Fails with "a server is running on this project (pid
  /// N)…" while a server holds it.
  static Result<DataLock> for_restore(const std::filesystem::path& data_dir);

  DataLock(DataLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DataLock& operator=(DataLock&&) = delete;
  ~DataLock();

 private:
  explicit DataLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace fastcms::core::backups
