#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"

namespace fastcms::core::backups {

/// One archived file as the manifest lists it.
struct ManifestFile {
  std::string path;  ///< the entry name in the archive
  std::uint64_t size = 0;
  std::string sha256;  ///< 64 lowercase hex characters
};

/// fastcms_manifest.json: what a backup holds, so a restore can check every byte.
///   {"format":"fastcms-backup","version":1,"created":"…Z","fastcms":"0.1.0",
///    "database":"app.db","files":[{"path":"app.db","size":N,"sha256":"…"},…]}
struct BackupManifest {
  std::string created;
  std::string fastcms_version;
  std::string database;  ///< the database's entry name
  std::vector<ManifestFile> files;

  nlohmann::json to_json() const;
  /// Parses and checks a manifest: right format and version, every file with a path,
  /// a size and a 64-hex sha256, no path twice, the database among the files.
  static Result<BackupManifest> parse(const std::string& text);
};

}  // namespace fastcms::core::backups
