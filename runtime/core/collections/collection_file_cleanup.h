#pragma once
#include "common/error.h"
#include "core/collections/collection.h"
#include "core/collections/table_introspection.h"
#include "core/files/file_discard.h"
#include "db/connection.h"

/// What collection changes leave behind in file storage (removed once they commit, see
/// core/files/file_discard.h).
namespace fastcms::core::collections {

/// The files held by the file fields of `previous` that `next` no longer has as file
/// fields (same field id, type "file"): read from `table` (the collection's table before
/// its DDL runs), each with its thumbnails. Empty for views and for a missing table.
Result<files::FileDiscard> dropped_field_files(db::Connection& conn, const Collection& previous,
                                               const Collection& next, const TableInfo& table);

/// The files every row of `collection`'s table holds in its file fields, each with its
/// thumbnails: what a truncate leaves behind (exact keys, so that a record re-created
/// with a deleted id before the discard runs keeps its new files). Empty for views.
Result<files::FileDiscard> stored_record_files(db::Connection& conn, const Collection& collection);

/// A deleted collection's whole folder, `{collectionId}` (nothing for a view).
files::FileDiscard collection_files(const Collection& collection);

}  // namespace fastcms::core::collections
