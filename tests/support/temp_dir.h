#pragma once
#include <filesystem>
#include <string>

namespace fastcms::test {

/// A fresh directory under the system temp dir, removed with everything in it when the
/// object goes out of scope (also when a test fails).
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  std::filesystem::path path_;
};

/// Writes `content` to `path`, creating parent directories.
void write_file(const std::filesystem::path& path, const std::string& content);

/// Reads a whole file ("" if missing).
std::string read_file(const std::filesystem::path& path);

/// A listing of every file below `dir` with its size and a content hash, one per line,
/// sorted: equal snapshots mean the tree is byte-identical.
std::string snapshot_tree(const std::filesystem::path& dir);

}  // namespace fastcms::test
