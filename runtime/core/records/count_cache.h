#pragma once
#include <cstdint>
#include <string>

#include "common/error.h"
#include "db/connection.h"

namespace fastcms::core::records {

/// `SELECT COUNT(*)` results remembered per (SQL, parameters) and reused while the
/// database's data_version is unchanged, i.e. while nothing at all has been committed
/// since they were counted. A list with totals then pays for its COUNT once per change
/// of the data instead of once per request. Exact: any commit, by this process or
/// another, invalidates every entry; backends or transactions without a data_version
/// always count. Thread-safe and bounded.
Result<std::int64_t> cached_count(db::Connection& db, const std::string& count_sql, const db::Params& params);

}  // namespace fastcms::core::records
