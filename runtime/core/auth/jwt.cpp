#include "core/auth/jwt.h"

#include "common/base64.h"
#include "common/hmac.h"
#include "common/secure_compare.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

struct Parts {
  std::string_view header, payload, signature;
};

Result<Parts> split(std::string_view token) {
  size_t a = token.find('.');
  size_t b = a == std::string_view::npos ? a : token.find('.', a + 1);
  if (b == std::string_view::npos || token.find('.', b + 1) != std::string_view::npos)
    return Error::failure("token is not a JWT (expected three dot-separated parts)");
  return Parts{token.substr(0, a), token.substr(a + 1, b - a - 1), token.substr(b + 1)};
}

Result<json> decode_json(std::string_view part, const char* what) {
  auto raw = base64::url_decode(part);
  if (!raw) return Error::failure(std::string("token ") + what + " is not base64url");
  json j = json::parse(*raw, nullptr, false);
  if (!j.is_object()) return Error::failure(std::string("token ") + what + " is not a JSON object");
  return j;
}

}  // namespace

std::string sign_hs256(const json& claims, std::string_view secret) {
  static const std::string header = base64::url_encode(R"({"alg":"HS256","typ":"JWT"})");
  std::string signing_input = header + "." + base64::url_encode(claims.dump());
  return signing_input + "." + base64::url_encode(hmac_sha256(secret, signing_input));
}

Result<json> peek_claims(std::string_view token) {
  auto parts = split(token);
  if (!parts) return parts.error();
  return decode_json(parts->payload, "payload");
}

Result<json> verify_hs256(std::string_view token, std::string_view secret, std::chrono::system_clock::time_point now) {
  auto parts = split(token);
  if (!parts) return parts.error();
  auto header = decode_json(parts->header, "header");
  if (!header) return header.error();
  if (header->value("alg", "") != "HS256") return Error::failure("token algorithm is not HS256");
  std::string signing_input = std::string(parts->header) + "." + std::string(parts->payload);
  auto signature = base64::url_decode(parts->signature);
  if (!signature || !secure_equals(*signature, hmac_sha256(secret, signing_input)))
    return Error::failure("token signature does not match");
  auto claims = decode_json(parts->payload, "payload");
  if (!claims) return claims.error();
  if (claims->contains("exp")) {
    if (!(*claims)["exp"].is_number()) return Error::failure("token exp is not a number");
    auto exp = std::chrono::system_clock::time_point(std::chrono::seconds((*claims)["exp"].get<long long>()));
    if (now >= exp) return Error::failure("token has expired");
  }
  return claims;
}

}  // namespace fastcms::core::auth
