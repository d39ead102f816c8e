#pragma once
#include <chrono>
#include <functional>
#include <string_view>

namespace fastcms::db {

/// Called after each SQL statement a Database runs (queries, writes, each statement of a
/// script, and the BEGIN/COMMIT/ROLLBACK/SAVEPOINT statements of transactions), with
/// the statement's text and how long it took to prepare and run, also when it failed.
/// Used by `--debug` logging. Called on the thread that ran the statement, possibly on
/// several threads at once; it must not use the Database itself.
using StatementLogger = std::function<void(std::string_view sql, std::chrono::nanoseconds duration)>;

}  // namespace fastcms::db
