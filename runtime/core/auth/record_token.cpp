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

/// The HS256 key for `kind` tokens of `record`: its tokenKey + the kind's secret.
Result<std::string> signing_key(const collections::Collection& collection, const json& record, TokenKind kind,
                                std::string_view project_secret) {
  if (!collection.is_auth())
    return Error::failure("collection \"" + collection.name + "\" is not an auth collection");
  std::string token_key = string_member(record, "tokenKey");
  if (string_member(record, "id").empty() || token_key.empty())
    return Error::failure("the record has no id or tokenKey to sign tokens with");
  auto settings = token_settings(collection, kind, project_secret);
  if (!settings) return settings.error();
  return token_key + settings->secret;
}

}  // namespace

Result<std::string> issue_token(const collections::Collection& collection, const json& record, TokenKind kind,
                                std::string_view project_secret, const TokenOptions& options) {
  auto key = signing_key(collection, record, kind, project_secret);
  if (!key) return key.error();
  auto settings = token_settings(collection, kind, project_secret);
  if (!settings) return settings.error();
  auto duration = options.duration.count() > 0 ? options.duration : settings->duration;
  auto exp = std::chrono::duration_cast<std::chrono::seconds>((options.now + duration).time_since_epoch()).count();

  json claims = {{"exp", exp},
                 {"id", string_member(record, "id")},
                 {"type", token_kind_name(kind)},
                 {"collectionId", collection.id}};
  switch (kind) {
    case TokenKind::auth: claims["refreshable"] = options.refreshable; break;
    case TokenKind::verification:
    case TokenKind::password_reset: claims["email"] = string_member(record, "email"); break;
    case TokenKind::email_change:
      claims["email"] = string_member(record, "email");
      claims["newEmail"] = options.new_email;
      break;
    case TokenKind::file: break;
  }
  return sign_hs256(claims, *key);
}

Result<json> verify_token(std::string_view token, const collections::Collection& collection, const json& record,
                          TokenKind kind, std::string_view project_secret, std::chrono::system_clock::time_point now) {
  auto key = signing_key(collection, record, kind, project_secret);
  if (!key) return key.error();
  auto claims = verify_hs256(token, *key, now);
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
