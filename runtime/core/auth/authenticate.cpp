#include "core/auth/authenticate.h"

#include "common/strings.h"
#include "core/auth/api_keys.h"
#include "core/auth/auth_record_lookup.h"
#include "core/auth/jwt.h"
#include "core/auth/record_token.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

std::string claim_string(const json& claims, const char* key) {
  auto it = claims.find(key);
  return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string_view token_from_authorization(std::string_view authorization) {
  constexpr std::string_view bearer = "Bearer ";
  if (authorization.size() > bearer.size() &&
      strings::equals_ignore_case(authorization.substr(0, bearer.size()), bearer))
    return authorization.substr(bearer.size());
  return authorization;
}

Result<AuthenticatedRecord> find_record_by_token(db::Connection& db, const collections::Schema& schema,
                                                 std::string_view token, TokenKind kind,
                                                 std::string_view project_secret,
                                                 std::chrono::system_clock::time_point now) {
  if (token.empty()) return Error::failure("missing token");
  auto unverified = peek_claims(token);
  if (!unverified) return unverified.error();
  std::string id = claim_string(*unverified, "id");
  std::string collection_id = claim_string(*unverified, "collectionId");
  std::string type = claim_string(*unverified, "type");
  if (id.empty() || collection_id.empty() || type.empty()) return Error::failure("missing or invalid token claims");
  if (type != token_kind_name(kind))
    return Error::failure("token type is \"" + type + "\", expected \"" + std::string(token_kind_name(kind)) + "\"");

  const collections::Collection* collection = schema.find(collection_id);
  if (!collection || collection->id != collection_id)
    return Error::failure("token names an unknown collection \"" + collection_id + "\"");
  if (!collection->is_auth()) return Error::failure("token names the non-auth collection \"" + collection->name + "\"");

  auto record = find_record_by_id(db, *collection, id);
  if (!record) return record.error();
  if (!record->has_value())
    return Error::failure("token names record \"" + id + "\", missing from collection \"" + collection->name + "\"");

  auto claims = verify_token(token, *collection, **record, kind, project_secret, now);
  if (!claims) return claims.error();
  return AuthenticatedRecord{std::move(**record), collection, std::move(*claims)};
}

Result<AuthenticatedRecord> authenticate(db::Connection& db, const collections::Schema& schema,
                                         std::string_view authorization, std::string_view project_secret,
                                         std::chrono::system_clock::time_point now) {
  std::string_view token = token_from_authorization(authorization);
  if (is_api_key(token)) return authenticate_api_key(db, schema, token, now);
  return find_record_by_token(db, schema, token, TokenKind::auth, project_secret, now);
}

void attach_auth(RequestContext& ctx, json record, const collections::Collection& collection) {
  record.erase("password");
  record.erase("tokenKey");
  ctx.info.auth = std::move(record);
  ctx.info.auth_collection = &collection;
}

}  // namespace fastcms::core::auth
