#pragma once
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/api_error.h"

namespace fastcms::test {

/// The value of an ApiResult that must have succeeded (else the test fails with the error).
inline nlohmann::json expect_ok(const core::ApiResult<nlohmann::json>& r) {
  if (!r.ok()) FAIL(r.error().to_json().dump());
  return *r;
}

/// The error of an ApiResult that must have failed (else the test fails with the value).
inline core::ApiError expect_error(const core::ApiResult<nlohmann::json>& r) {
  if (r.ok()) FAIL("expected an error, got " << r->dump());
  return r.error();
}

/// The codes of a 400's data: {"field": "code", ...}.
inline nlohmann::json error_codes(const core::ApiError& e) {
  nlohmann::json out = nlohmann::json::object();
  for (auto it = e.data.begin(); it != e.data.end(); ++it) out[it.key()] = it.value()["code"];
  return out;
}

}  // namespace fastcms::test
