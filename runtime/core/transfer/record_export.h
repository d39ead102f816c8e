#pragma once
#include <cstdint>
#include <ostream>

#include "common/error.h"
#include "common/progress.h"
#include "core/collections/collection.h"
#include "core/transfer/transfer_format.h"
#include "db/connection.h"

namespace fastcms::core::transfer {

/// The fields an export writes, in order: every field of the collection except
/// `password` and `tokenKey` (an import sets passwords through the records service).
std::vector<const collections::Field*> exported_fields(const collections::Collection& collection);

/// Writes every record of `collection` to `out` in `format` (see TransferFormat), in
/// insertion order, streaming (one row in memory at a time), hidden fields included,
/// file fields as their stored file names. `progress` gets rows. Returns the row count.
Result<std::uint64_t> export_records(db::Connection& db, const collections::Collection& collection,
                                     TransferFormat format, std::ostream& out, const ProgressFn& progress = {});

}  // namespace fastcms::core::transfer
