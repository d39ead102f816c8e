#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/files/file_storage.h"
#include "db/connection.h"
#include "db/database.h"

/// Files that stop belonging to anything when a transaction commits (a record's files
/// when it is deleted, a file replaced on update, a collection's or a field's files) are
/// not removed by the code that changes the records, which does not own the storage: it
/// posts them on the database's commit notifications, so they are delivered only after the
/// outermost COMMIT (never when the change rolls back), and the owner of the storage (the
/// App) removes them. Nobody listening (a bare database in a CLI command) leaves them for
/// the orphan sweep.
namespace fastcms::core::files {

/// The commit-notification channel of FileDiscard payloads.
inline constexpr std::string_view discard_channel = "files.discard";

/// The folders beside a stored file that hold what is derived from it, each named
/// "{prefix}{name}": thumbnails (PocketBase's "thumbs_") and fastcms's transform cache.
inline constexpr std::string_view derived_folder_prefixes[] = {"thumbs_", "transforms_"};

/// The file name a record folder's entry "thumbs_{name}" / "transforms_{name}" derives from,
/// or "" when `folder` is not such a folder.
std::string derived_from(std::string_view folder);

/// Storage to remove once the changes made so far are committed.
struct FileDiscard {
  std::vector<std::string> keys;      ///< single files: "{collectionId}/{recordId}/{name}"
  std::vector<std::string> prefixes;  ///< everything under: "{collectionId}/{recordId}", "{collectionId}"

  /// A stored file and the folders derived from it (thumbnails, transforms).
  void add_file(std::string_view collection_id, std::string_view record_id, std::string_view name);
  bool empty() const { return keys.empty() && prefixes.empty(); }
};

/// Posts `discard` (nothing when empty) on discard_channel of `db`.
void discard_after_commit(db::Connection& db, FileDiscard discard);

/// Removes every committed FileDiscard posted on `db` from the storage `storage()` returns
/// when it arrives: the removal is handed to the background worker (common/background_tasks.h,
/// which keeps that storage alive until it is done), so the committing request and its
/// realtime events never wait for the storage. A failure is logged to stderr, not returned:
/// the orphan sweep removes what is left. Returns the listener to pass to `db.unlisten`
/// before the storage provider goes away; background::wait_idle() then waits for the
/// removals already handed over.
db::ListenerId remove_discarded_files(db::Database& db, std::function<std::shared_ptr<FileStorage>()> storage);

/// Removes `discard` from `storage` now; the messages of the removals that failed.
std::vector<std::string> remove_files(FileStorage& storage, const FileDiscard& discard);

}  // namespace fastcms::core::files
