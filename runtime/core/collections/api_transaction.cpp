#include "core/collections/api_transaction.h"

namespace fastcms::core::collections {

ApiStatus run_api_transaction(db::Connection& conn, const ApiTransactionFn& fn,
                              const std::function<ApiError(const std::string&)>& raw_failure) {
  std::optional<ApiError> failure;
  auto status = conn.transaction([&](db::Connection& tx) -> Status {
    auto s = fn(tx, failure);
    if (failure) return Error::usage(failure->message);  // roll back
    return s;
  });
  if (failure) return *failure;
  if (!status) return raw_failure(status.error().message);
  return Ok{};
}

}  // namespace fastcms::core::collections
