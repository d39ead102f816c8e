#include "core/records/field_errors.h"

#include "db/db_error.h"

namespace fastcms::core::records {

void FieldErrors::add(const std::string& key, FieldError error) { items_.emplace(key, std::move(error)); }

void FieldErrors::merge(const FieldErrors& other) {
  for (const auto& [key, error] : other.items_) items_.emplace(key, error);
}

nlohmann::json FieldErrors::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, error] : items_) out[key] = error.to_json();
  return out;
}

ApiError validation_failed(const std::string& message, const FieldErrors& errors) {
  return ApiError::bad_request(message, errors.to_json());
}

FieldErrors unique_violation_errors(const collections::Collection& collection, const Error& error) {
  FieldErrors out;
  for (const auto& column : db::unique_violation_columns(error))
    if (collection.field(column)) out.add(column, {"validation_not_unique", "Value must be unique."});
  return out;
}

}  // namespace fastcms::core::records
