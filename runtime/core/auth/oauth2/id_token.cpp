#include "core/auth/oauth2/id_token.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <memory>

#include "common/base64.h"
#include "core/auth/jwt.h"
#include "core/auth/oauth2/provider.h"

namespace fastcms::core::auth::oauth2 {
using nlohmann::json;

namespace {

struct JwtParts {
  json header;
  std::string signing_input, signature;
};

Result<JwtParts> split_jwt(std::string_view token) {
  size_t a = token.find('.');
  size_t b = a == std::string_view::npos ? a : token.find('.', a + 1);
  if (b == std::string_view::npos) return Error::failure("id_token is not a JWT");
  auto header = base64::url_decode(token.substr(0, a));
  auto signature = base64::url_decode(token.substr(b + 1));
  if (!header || !signature) return Error::failure("id_token is not base64url");
  JwtParts parts{json::parse(*header, nullptr, false), std::string(token.substr(0, b)), std::move(*signature)};
  if (!parts.header.is_object()) return Error::failure("id_token header is not a JSON object");
  return parts;
}

Status check_time_claims(const json& claims, std::chrono::seconds leeway, std::chrono::system_clock::time_point now) {
  using std::chrono::seconds;
  const long long t = std::chrono::duration_cast<seconds>(now.time_since_epoch()).count();
  auto exp = claims.find("exp");
  if (exp == claims.end() || !exp->is_number()) return Error::failure("id_token has no exp");
  if (t > exp->get<long long>() + leeway.count()) return Error::failure("id_token has expired");
  auto iat = claims.find("iat");
  if (iat != claims.end() && iat->is_number() && iat->get<long long>() > t + leeway.count())
    return Error::failure("id_token is used before it was issued");
  return Ok{};
}

bool has_audience(const json& claims, const std::string& audience) {
  auto aud = claims.find("aud");
  if (aud == claims.end()) return false;
  if (aud->is_string()) return aud->get<std::string>() == audience;
  if (aud->is_array())
    return std::any_of(aud->begin(), aud->end(), [&](const json& a) { return a.is_string() && a == audience; });
  return false;
}

using PkeyPtr = std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)>;

/// The RSA public key of a JWK ({kty:"RSA", n, e}).
Result<PkeyPtr> rsa_key(const json& jwk) {
  auto n = base64::url_decode(json_text(jwk, "n"));
  auto e = base64::url_decode(json_text(jwk, "e"));
  if (!n || !e || n->empty() || e->empty()) return Error::failure("the JWK has no usable n and e");
  std::unique_ptr<BIGNUM, void (*)(BIGNUM*)> bn_n(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()), static_cast<int>(n->size()), nullptr), BN_free);
  std::unique_ptr<BIGNUM, void (*)(BIGNUM*)> bn_e(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()), static_cast<int>(e->size()), nullptr), BN_free);
  std::unique_ptr<OSSL_PARAM_BLD, void (*)(OSSL_PARAM_BLD*)> builder(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!bn_n || !bn_e || !builder || !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()))
    return Error::failure("cannot build the RSA key");
  std::unique_ptr<OSSL_PARAM, void (*)(OSSL_PARAM*)> params(OSSL_PARAM_BLD_to_param(builder.get()), OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, void (*)(EVP_PKEY_CTX*)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr),
                                                             EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
    return Error::failure("cannot build the RSA key");
  return PkeyPtr(key, EVP_PKEY_free);
}

bool rs256_valid(EVP_PKEY* key, const std::string& input, const std::string& signature) {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

Status check_signature(HttpClient& http, const JwtParts& parts, const std::string& jwks_url) {
  const std::string kid = json_text(parts.header, "kid");
  if (kid.empty()) return Error::failure("missing kid header value");
  if (json_text(parts.header, "alg") != "RS256") return Error::failure("id_token algorithm is not RS256");
  OutgoingRequest request;
  request.url = jwks_url;
  request.timeout = std::chrono::seconds(30);
  auto response = http.send(request);
  if (!response) return response.error();
  if (response->status >= 400)
    return Error::failure("failed to verify the provided id_token (" + std::to_string(response->status) + ")");
  json jwks = json::parse(response->body, nullptr, false);
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array())
    return Error::failure("the key set of " + jwks_url + " is not a JWKS");
  for (const auto& jwk : jwks["keys"]) {
    if (!jwk.is_object() || json_text(jwk, "kid") != kid) continue;
    auto key = rsa_key(jwk);
    if (!key) return key.error();
    if (!rs256_valid(key->get(), parts.signing_input, parts.signature))
      return Error::failure("the id_token signature is invalid");
    return Ok{};
  }
  return Error::failure("jwk with kid \"" + kid + "\" was not found");
}

}  // namespace

Result<json> verified_id_token_claims(HttpClient& http, std::string_view id_token, const IdTokenChecks& checks,
                                      std::chrono::system_clock::time_point now) {
  if (id_token.empty()) return Error::failure("empty id_token");
  auto parts = split_jwt(id_token);
  if (!parts) return parts.error();
  auto claims = peek_claims(id_token);
  if (!claims) return claims.error();
  if (auto times = check_time_claims(*claims, checks.leeway, now); !times) return times.error();
  if (!has_audience(*claims, checks.audience)) return Error::failure("aud must be the client id");
  if (!checks.issuers.empty() &&
      std::find(checks.issuers.begin(), checks.issuers.end(), json_text(*claims, "iss")) == checks.issuers.end())
    return Error::failure("iss must be one of the configured issuers");
  if (!checks.jwks_url.empty())
    if (auto signed_ok = check_signature(http, *parts, checks.jwks_url); !signed_ok) return signed_ok.error();
  return claims;
}

}  // namespace fastcms::core::auth::oauth2
