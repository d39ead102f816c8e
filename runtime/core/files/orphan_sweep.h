#pragma once
#include <atomic>
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
/// cleanup failed, a crash between an upload and its rollback): every
/// `{collectionId}/{recordId}/{name}` under the folder of a collection of `schema` (found by
/// id only; not a view) whose record's file fields do not hold `name`, and what is derived
/// from it (`…/thumbs_{name}/…`, `…/transforms_{name}/…`). Objects modified less than `grace`
/// before `now` are kept, so a file written for a transaction still in progress is never
/// swept. Folders of no current collection are never touched (a deleted collection's
/// folder goes with its delete; files copied in before their collections are imported must
/// survive), nor are keys of any other shape or names stored_file_name would not produce.
/// Reads the records through `db`. Stops early, with what it did so far, once `stop` is set.
Result<SweepReport> sweep_orphan_files(db::Connection& db, const collections::Schema& schema, FileStorage& storage,
                                       std::chrono::seconds grace,
                                       std::chrono::system_clock::time_point now = std::chrono::system_clock::now(),
                                       const std::atomic<bool>* stop = nullptr);

}  // namespace fastcms::core::files
