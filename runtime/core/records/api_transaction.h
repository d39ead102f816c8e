#pragma once
#include <optional>
#include <string>
#include <utility>

#include "core/api_error.h"
#include "db/connection.h"

namespace fastcms::core::records {

/// Runs `fn(tx)` (returning ApiResult<T>) in one transaction (a savepoint when `db` is
/// already inside one): commits when it succeeds, rolls everything back when it returns an
/// ApiError, which is then returned unchanged. A database failure outside `fn` (e.g. the
/// commit) becomes a 400 with `failure_message`, as PocketBase reports unexpected errors.
template <class T, class Fn>
ApiResult<T> in_transaction(db::Connection& db, const std::string& failure_message, Fn&& fn) {
  std::optional<ApiResult<T>> result;
  auto status = db.transaction([&](db::Connection& tx) -> Status {
    result.emplace(fn(tx));
    if (!result->ok()) return Error::failure("rolled back: " + result->error().message);
    return Ok{};
  });
  if (result && !result->ok()) return std::move(*result);
  if (!status.ok() || !result) return ApiError::bad_request(failure_message);
  return std::move(*result);
}

}  // namespace fastcms::core::records
