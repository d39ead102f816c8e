#include "core/auth/form_token.h"

#include "core/auth/jwt.h"
#include "core/form_errors.h"
#include "core/records/record_write.h"

namespace fastcms::core::auth {

FormToken check_form_token(db::Connection& db, const collections::Schema& schema,
                           const collections::Collection& collection, std::string_view token, TokenKind kind,
                           std::string_view project_secret) {
  if (token.empty()) return {std::nullopt, form_errors::required()};
  auto found = find_record_by_token(db, schema, token, kind, project_secret);
  if (!found.ok()) return {std::nullopt, form_errors::item("validation_invalid_token", "Invalid or expired token.")};
  if (found->collection->id != collection.id)
    return {std::nullopt, form_errors::item("validation_token_collection_mismatch",
                                            "The provided token is for different auth collection.")};
  return {std::move(*found), nullptr};
}

std::string unverified_claim(std::string_view token, const char* key) {
  auto claims = peek_claims(token);
  if (!claims.ok() || !claims->is_object()) return "";
  auto it = claims->find(key);
  return it != claims->end() && it->is_string() ? it->get<std::string>() : "";
}

ApiStatus save_confirmed_change(db::Connection& tx, const collections::Schema& schema,
                                const collections::Collection& collection, const std::string& record_id,
                                const nlohmann::json& changes, const char* failure_message) {
  auto saved = records::update_record(tx, schema, collection, RequestContext::system(), record_id, changes);
  if (saved.ok()) return Ok{};
  ApiError error = saved.error();
  error.message = failure_message;
  return error;
}

}  // namespace fastcms::core::auth
