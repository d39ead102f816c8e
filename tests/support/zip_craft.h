#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace fastcms::test {

/// One entry of a hand-made zip: a regular file with `content`, or a symbolic link to
/// `link` when it is set.
struct ZipEntry {
  std::string name;
  std::string content;
  std::string link;
};

/// Writes `entries` as a zip with libarchive (stored, uncompressed, when `store` so a
/// test can find and damage the bytes of an entry).
void write_zip(const std::filesystem::path& file, const std::vector<ZipEntry>& entries, bool store = false);

/// A fastcms_manifest.json listing `files` (name → content) with their real sizes and
/// SHA-256, `database` naming the database entry.
std::string manifest_for(const std::vector<ZipEntry>& files, const std::string& database);

}  // namespace fastcms::test
