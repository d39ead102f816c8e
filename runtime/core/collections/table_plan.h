#pragma once
#include <string>
#include <vector>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/collections/table_introspection.h"
#include "db/connection.h"

namespace fastcms::core::collections {

/// The DDL that takes one collection's table (or view) from what the database has to
/// what the collection declares, and what it does in words.
struct TablePlan {
  std::vector<std::string> statements;  ///< to run in order, inside one transaction
  std::vector<std::string> changes;     ///< e.g. "added field subtitle", "dropped index idx_x"
};

/// Plans the statements for `next`, given the table or view as it is (`current`, looked up
/// under the previous name when the collection is being renamed) and the definition it was
/// last saved with (`previous`, nullptr for a table no definition describes yet).
///
/// Tables: a missing table is created with its indexes; otherwise a name change renames
/// the table, a field that keeps its id (or, failing that, its name) keeps its column (a
/// new name renames it), columns no field keeps are dropped (after the indexes that use
/// them), new fields are added, and indexes no longer declared (or declared differently)
/// are dropped while new ones are created. When a kept field's storage type changes
/// (e.g. a select's maxSelect passes 1) the table is rebuilt instead, converting and
/// copying every row; views that mention the table are dropped and recreated around it.
/// Views: created when missing, recreated when their query changed or they were renamed.
/// Changing between a table and a view is an error. Nothing is planned when `current`
/// already matches.
Result<TablePlan> plan_table(db::Connection& conn, const Collection* previous, const Collection& next,
                             const TableInfo& current);

}  // namespace fastcms::core::collections
