#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace fastcms::http {

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
};

}  // namespace fastcms::http
