#include "core/auth/token_settings.h"

#include "common/hmac.h"
#include "core/request_context.h"

namespace fastcms::core::auth {

namespace {

const nlohmann::json* declared_token_options(const collections::Collection& collection, TokenKind kind) {
  std::string key = std::string(token_kind_name(kind)) + "Token";
  auto it = collection.definition.find(key);
  if (it == collection.definition.end() || !it->is_object()) return nullptr;
  return &*it;
}

}  // namespace

std::chrono::seconds default_token_duration(const collections::Collection& collection, TokenKind kind) {
  using std::chrono::seconds;
  switch (kind) {
    case TokenKind::auth:
      return collection.name == superusers_collection ? seconds(86400) : seconds(432000);
    case TokenKind::file:
      return seconds(180);
    case TokenKind::verification:
      return seconds(86400);
    case TokenKind::password_reset:
      return seconds(1800);
    case TokenKind::email_change:
      return seconds(1800);
  }
  return seconds(180);
}

std::string derived_token_secret(std::string_view project_secret, std::string_view collection_id, TokenKind kind) {
  std::string message = std::string(collection_id) + ":" + std::string(token_kind_name(kind));
  return hmac_sha256_hex(project_secret, message);
}

Result<TokenSettings> token_settings(const collections::Collection& collection, TokenKind kind,
                                     std::string_view project_secret) {
  TokenSettings out;
  out.duration = default_token_duration(collection, kind);
  const nlohmann::json* declared = declared_token_options(collection, kind);
  if (declared) {
    auto secret = declared->find("secret");
    if (secret != declared->end() && secret->is_string()) out.secret = secret->get<std::string>();
    auto duration = declared->find("duration");
    if (duration != declared->end() && duration->is_number() && duration->get<double>() >= 1)
      out.duration = std::chrono::seconds(duration->get<long long>());
  }
  if (out.secret.empty()) {
    if (project_secret.empty())
      return Error::failure("cannot sign " + std::string(token_kind_name(kind)) + " tokens of collection \"" +
                            collection.name + "\": the project secret (FASTCMS_SECRET) is empty");
    out.secret = derived_token_secret(project_secret, collection.id, kind);
  }
  return out;
}

}  // namespace fastcms::core::auth
