#pragma once
#include <functional>
#include <optional>
#include <string>

#include "core/api_error.h"
#include "db/connection.h"

namespace fastcms::core::collections {

/// The body of an API transaction: returns an Error when the database fails, or sets
/// `failure` to answer the client with that ApiError; either rolls everything back.
using ApiTransactionFn = std::function<Status(db::Connection& tx, std::optional<ApiError>& failure)>;

/// Runs `fn` in one transaction. The ApiError `fn` set is returned as is; an Error from the
/// database (including a failed commit) becomes `raw_failure(its message)`.
ApiStatus run_api_transaction(db::Connection& conn, const ApiTransactionFn& fn,
                              const std::function<ApiError(const std::string&)>& raw_failure);

}  // namespace fastcms::core::collections
