#pragma once
#include <optional>
#include <string_view>

#include "core/api_error.h"
#include "http/api_request.h"

namespace fastcms::http {

/// An integer query parameter; `fallback` when absent or empty; a 400 naming the
/// parameter when it is not an integer.
core::ApiResult<long long> int_param(const ApiRequest& request, std::string_view name, long long fallback);

/// A boolean query parameter parsed like Go's strconv.ParseBool (1 t T TRUE true True,
/// 0 f F FALSE false False); absent or empty is false; anything else is a 400 naming it.
core::ApiResult<bool> bool_param(const ApiRequest& request, std::string_view name);

}  // namespace fastcms::http
