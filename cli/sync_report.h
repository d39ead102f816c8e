#pragma once
#include <ostream>

#include "core/collections/schema_sync.h"

namespace fastcms::cli {

/// Prints what bringing the database to match the collection files did, one line per
/// collection created or altered (with its changes) and a note for collections the
/// files no longer declare; with `only_changes`, unchanged collections are not listed.
void print_sync_report(std::ostream& out, const core::collections::SyncReport& report, bool only_changes);

}  // namespace fastcms::cli
