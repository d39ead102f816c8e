#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/progress.h"
#include "core/collections/collection.h"
#include "core/transfer/record_source.h"
#include "db/connection.h"

namespace fastcms::core::transfer {

struct ImportOptions {
  bool upsert = false;        ///< a row whose id exists updates that record instead of failing
  bool skip_invalid = false;  ///< report and skip bad rows instead of aborting
  std::size_t batch_size = 500;  ///< rows between progress reports
};

struct SkippedRow {
  std::size_t line = 0;
  std::string reason;
};

struct ImportReport {
  std::size_t created = 0;
  std::size_t updated = 0;
  std::vector<SkippedRow> skipped;
};

/// Imports `rows` into `collection` through the records service as a superuser
/// (records::create_record, or update_record for an existing id with `upsert`): every
/// field validated as the API validates it, passwords hashed, relations checked. Stored
/// autodate values (created, updated) given as valid datetimes are kept. All rows run in
/// ONE transaction: a bad row aborts with "line N: <what the API would answer>" and
/// nothing is imported; with skip_invalid it is undone alone (a savepoint), reported and
/// skipped. `progress` gets rows.
Result<ImportReport> import_records(db::Connection& db, const collections::Schema& schema,
                                    const collections::Collection& collection, const std::vector<SourceRow>& rows,
                                    const ImportOptions& options = {}, const ProgressFn& progress = {});

}  // namespace fastcms::core::transfer
