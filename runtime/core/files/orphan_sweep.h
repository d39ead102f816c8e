#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/files/file_storage.h"
#include "db/connection.h"

namespace fastcms::core::files {

/// What a sweep did.
struct SweepReport {
  std::vector<std::string> removed;   ///< keys removed, sorted
  std::vector<std::string> failures;  ///< removals that failed (retried by the next sweep)
  std::size_t kept = 0;               ///< objects still referenced, too recent, or not laid out as record files
};

/// Removes from `storage` the record files no record references any more (a delete whose
/// cleanup failed, a crash between an upload and its rollback, a field removed while the
/// server was down): every `{collectionId}/{recordId}/{name}` whose collection is not in
/// `schema` (or is a view), or whose record's file fields do not hold `name`, and what is
/// derived from it (`{collectionId}/{recordId}/thumbs_{name}/…`, `…/transforms_{name}/…`). Objects modified less than
/// `grace` before `now` are kept, so a file written for a transaction still in progress
/// is never swept; keys of any other shape, names stored_file_name would not produce, and
/// folders that are neither a current collection's nor shaped like a generated collection
/// id ("pbc_…") are left alone, so foreign files in a shared bucket survive. Reads the
/// records through `db`.
Result<SweepReport> sweep_orphan_files(db::Connection& db, const collections::Schema& schema, FileStorage& storage,
                                       std::chrono::seconds grace,
                                       std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace fastcms::core::files
