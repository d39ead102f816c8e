#pragma once
#include <filesystem>
#include <memory>
#include <string_view>

#include "common/error.h"
#include "db/database.h"

namespace fastcms::db {

/// Opens the database a URL names, choosing the backend by scheme: sqlite: (see
/// parse_sqlite_url; relative paths are relative to `base_dir`, the project root).
/// postgres:// URLs are recognised and refused until that backend exists. The parent
/// directory of a SQLite file must already exist (creating data/ is the caller's job).
Result<std::unique_ptr<Database>> open_database(std::string_view url, const std::filesystem::path& base_dir,
                                                const DatabaseOptions& options = {});

}  // namespace fastcms::db
