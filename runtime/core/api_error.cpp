#include "core/api_error.h"

namespace fastcms::core {

std::string ApiError::default_message(int status) {
  switch (status) {
    case 400: return "Something went wrong while processing your request.";
    case 401: return "Missing or invalid authentication.";
    case 403: return "You are not allowed to perform this request.";
    case 404: return "The requested resource wasn't found.";
    case 413: return "Request entity too large.";
    case 429: return "Too Many Requests.";
    default: return "Something went wrong while processing your request.";
  }
}

nlohmann::json ApiError::to_json() const {
  return {{"status", status},
          {"message", message.empty() ? default_message(status) : message},
          {"data", data.is_object() ? data : nlohmann::json::object()}};
}

ApiError ApiError::bad_request(std::string message, nlohmann::json data) {
  return {400, std::move(message), std::move(data)};
}
ApiError ApiError::unauthorized(std::string message) { return {401, std::move(message), nlohmann::json::object()}; }
ApiError ApiError::forbidden(std::string message) { return {403, std::move(message), nlohmann::json::object()}; }
ApiError ApiError::not_found(std::string message) { return {404, std::move(message), nlohmann::json::object()}; }
ApiError ApiError::too_large(long long limit) {
  return {413, "Request body is larger than the limit of " + std::to_string(limit) + " bytes.",
          nlohmann::json::object()};
}
ApiError ApiError::too_many_requests() { return {429, "", nlohmann::json::object()}; }
ApiError ApiError::internal() {
  // PocketBase maps unexpected errors to 400 with the generic message; details go to the log.
  return {400, "", nlohmann::json::object()};
}
namespace {
void describe_data(const nlohmann::json& data, const std::string& prefix, std::string& out) {
  for (const auto& [key, value] : data.items()) {
    std::string path = prefix.empty() ? key : prefix + "." + key;
    if (value.is_object() && value.contains("message") && value["message"].is_string())
      out += "\n  " + path + ": " + value["message"].get<std::string>();
    else if (value.is_object())
      describe_data(value, path, out);
  }
}
}  // namespace

std::string ApiError::describe() const {
  std::string out = message.empty() ? default_message(status) : message;
  if (data.is_object()) describe_data(data, "", out);
  return out;
}

ApiError ApiError::from(const Error& error) { return {400, error.message, nlohmann::json::object()}; }

}  // namespace fastcms::core
