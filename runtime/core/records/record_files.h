#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/files/file_discard.h"
#include "core/files/file_storage.h"
#include "core/files/upload.h"
#include "core/records/field_errors.h"
#include "db/connection.h"

/// Uploaded files on record writes, as PocketBase (v0.23+) handles multipart file parts.
namespace fastcms::core::records {

/// The files a create or update carries, and where they go. The default (no uploads, no
/// storage) suits every write that has no files (CLI import, users create, tests).
struct RecordFiles {
  /// File parts keyed as sent: "field" replaces the field's files (together with the names
  /// the body itself gives under "field", which must be files the record already has),
  /// "field+" appends and "+field" prepends. Several parts with one key are all taken.
  std::span<const files::Upload> uploads;
  /// Where new files are written: required when `uploads` is not empty.
  std::shared_ptr<files::FileStorage> storage;
};

/// A file uploaded with a draft, known by the name it will be stored under.
struct NewFile {
  const files::Upload* upload = nullptr;
  std::string field;  ///< the file field it was sent to
  std::string mime;   ///< sniffed from its bytes (the client's Content-Type is never used)
};

/// PocketBase's maxSize of a file field that sets none (or 0): 5 MiB.
inline constexpr long long default_file_max_size = 5LL << 20;

/// The body with each upload's stored name (stored_file_name of the client's file name and
/// the extension sniffed from the bytes) added under its key, as PocketBase merges files
/// into the submitted data: under "field" after the names the body gives there (a
/// single-file field keeps the last), under "field+" / "+field" after the body's own
/// operands. `new_files` receives every upload by stored name; an upload whose key names
/// no file field (an unknown key, a non-file field, "field-") gets an error under its key.
/// Before any bytes are read: a multi-file field sent more parts than its maxSelect gets
/// validation_too_many_files and none of them is taken; of a single-file field's key only
/// the last part is taken (the only one it could keep).
nlohmann::json merge_uploads(const collections::Collection& collection, std::span<const files::Upload> uploads,
                             const nlohmann::json& body, std::map<std::string, NewFile>& new_files,
                             FieldErrors& errors);

/// Checks each new file the field `field` ends up holding (its `value`): size against the
/// field's maxSize (validation_file_size_limit) and, when the field lists mimeTypes, the
/// sniffed type (validation_invalid_mime_type). The first failure, if any.
std::optional<FieldError> new_file_error(const collections::Field& field, const nlohmann::json& value,
                                         const std::map<std::string, NewFile>& new_files);

/// Writes the new files that `values` (the record as it will be stored) holds to
/// `{collectionId}/{recordId}/{name}` in `storage`; call inside the write's transaction,
/// after the row is written. When that transaction (or its savepoint) rolls back, every
/// file written here is removed again. A storage failure (or no storage) stops at the
/// first file and is returned under its field (validation_file_upload_failed; the details
/// go to stderr): the caller then rolls its transaction back, which removes what was
/// written. Empty when every file was written.
FieldErrors store_new_files(db::Connection& db, const std::shared_ptr<files::FileStorage>& storage,
                            const collections::Collection& collection, const nlohmann::json& values,
                            const std::map<std::string, NewFile>& new_files);

/// The files `original` holds that `values` no longer does, to remove once the update
/// commits.
files::FileDiscard replaced_files(const collections::Collection& collection, const nlohmann::json& original,
                                  const nlohmann::json& values);

/// The names a file field's value holds ("" → none; a list → its names).
std::vector<std::string> file_names(const nlohmann::json& value);

}  // namespace fastcms::core::records
