#pragma once
#include "core/api_error.h"

namespace fastcms::http {

/// The HTTP layer sends core's PocketBase-shaped errors as they are.
using ApiError = core::ApiError;

}  // namespace fastcms::http
