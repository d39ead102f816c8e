#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <variant>

#include "common/error.h"

namespace fastcms::core {

/// A PocketBase-shaped error response: {"status":N,"message":"...","data":{...}}. `data`
/// is always an object; per-field items are {"code":"validation_...","message":"..."}.
struct ApiError {
  int status = 400;
  std::string message;
  nlohmann::json data = nlohmann::json::object();

  nlohmann::json to_json() const;

  /// PocketBase's default message for a status ("Something went wrong while processing
  /// your request." for 400, "Missing or invalid authentication." for 401, ...).
  static std::string default_message(int status);

  static ApiError bad_request(std::string message = "", nlohmann::json data = nlohmann::json::object());
  static ApiError unauthorized(std::string message = "");
  static ApiError forbidden(std::string message = "");
  static ApiError not_found(std::string message = "");
  static ApiError too_large(long long limit);
  static ApiError too_many_requests();
  static ApiError internal();
  /// 400 for an Error from a lower layer: its message is shown (it was written for users).
  static ApiError from(const Error& error);

  /// The message and one "key: message" line per data entry (nested keys dotted), for
  /// the command line: "Failed to create record.\n  email: Value must be unique."
  std::string describe() const;
};

/// A value or a PocketBase-shaped error: what every core service a client can call
/// returns, so that the HTTP, batch, realtime and CLI paths report failures identically.
template <class T>
using ApiResult = Expected<T, ApiError>;

/// An ApiResult with no value.
using ApiStatus = ApiResult<Ok>;

}  // namespace fastcms::core
