#include "core/auth/record_token.h"

#include "core/auth/jwt.h"
#include "core/auth/token_settings.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

std::string string_member(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

struct Signing {
  std::string key;  ///< the record's tokenKey + the kind's secret
  std::chrono::seconds duration;
};

Result<Signing> signing_for(const collections::Collection& collection, const json& record, TokenKind kind,
                            std::string_view project_secret) {
  if (!collection.is_auth()) return Error::failure("collection \"" + collection.name + "\" is not an auth collection");
  std::string token_key = string_member(record, "tokenKey");
  if (string_member(record, "id").empty() || token_key.empty())
    return Error::failure("the record has no id or tokenKey to sign tokens with");
  auto settings = token_settings(collection, kind, project_secret);
  if (!settings) return settings.error();
  return Signing{token_key + settings->secret, settings->duration};
}

}  // namespace

Result<std::string> issue_token(const collections::Collection& collection, const json& record, TokenKind kind,
                                std::string_view project_secret, const TokenOptions& options) {
  auto signing = signing_for(collection, record, kind, project_secret);
  if (!signing) return signing.error();
  auto duration = options.duration.count() > 0 ? options.duration : signing->duration;
  auto exp = std::chrono::duration_cast<std::chrono::seconds>((options.now + duration).time_since_epoch()).count();

  json claims = {{"exp", exp},
                 {"id", string_member(record, "id")},
                 {"type", token_kind_name(kind)},
                 {"collectionId", collection.id}};
  switch (kind) {
    case TokenKind::auth:
      claims["refreshable"] = options.refreshable;
      break;
    case TokenKind::verification:
    case TokenKind::password_reset:
      claims["email"] = string_member(record, "email");
      break;
    case TokenKind::email_change:
      claims["email"] = string_member(record, "email");
      claims["newEmail"] = options.new_email;
      break;
    case TokenKind::file:
      break;
  }
  return sign_hs256(claims, signing->key);
}

Result<json> verify_token(std::string_view token, const collections::Collection& collection, const json& record,
                          TokenKind kind, std::string_view project_secret, std::chrono::system_clock::time_point now) {
  auto signing = signing_for(collection, record, kind, project_secret);
  if (!signing) return signing.error();
  auto claims = verify_hs256(token, signing->key, now);
  if (!claims) return claims.error();
  if (!claims->contains("exp")) return Error::failure("token has no exp claim");
  std::string type = string_member(*claims, "type");
  if (type != token_kind_name(kind))
    return Error::failure("token type is \"" + type + "\", expected \"" + std::string(token_kind_name(kind)) + "\"");
  if (string_member(*claims, "collectionId") != collection.id)
    return Error::failure("token was issued for another collection");
  if (string_member(*claims, "id") != string_member(record, "id"))
    return Error::failure("token was issued for another record");
  return claims;
}

}  // namespace fastcms::core::auth
