#include "core/auth/magic_link_auth.h"

#include "common/hmac.h"
#include "common/random.h"
#include "common/text_formats.h"
#include "core/auth/auth_record_lookup.h"
#include "core/auth/complete_auth.h"
#include "core/auth/magic_links_collection.h"
#include "core/auth/one_time_records.h"
#include "core/auth/passwordless_options.h"
#include "core/auth/redirect_origin.h"
#include "core/auth/form_rules.h"
#include "core/form_errors.h"
#include "core/mail/email_template.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

constexpr size_t magic_token_length = 43;  // [a-z0-9]: about 222 bits
const char* const invalid_link = "Invalid or expired magic link.";

ApiError magic_link_disabled() {
  return ApiError::forbidden("The collection is not configured to allow magic link authentication.");
}

/// What `_magicLinks.tokenHash` stores for `token`: HMAC-SHA256 keyed with the project secret.
std::string token_hash(std::string_view token, std::string_view project_secret) {
  return hmac_sha256_hex(project_secret, token);
}

std::string link_with_token(std::string base, const std::string& token) {
  base += base.find('?') == std::string::npos ? "?token=" : "&token=";
  return base + token;
}

}  // namespace

ApiResult<std::optional<PendingMail>> request_magic_link(db::Connection& db, const collections::Schema& schema,
                                                         const collections::Collection& collection, const json& body,
                                                         const MagicLinkContext& context) {
  if (auto is_auth = require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  auto options = magic_link_options(collection);
  if (!options.enabled) return magic_link_disabled();
  auto form = bind_string_form(body, {{"email", true, 255}, {"redirectURL", false, 2048}});
  if (!form.ok()) return form.error();
  const std::string& email = form->at("email");
  if (!text_formats::is_email_address(email)) return invalid_member("email", form_errors::invalid_email());
  auto meta = mail::meta_template_values(context.settings);
  std::string base = form->at("redirectURL");
  if (!base.empty() && !redirect_allowed(base, meta["APP_URL"], context.allowed_origins))
    return invalid_member("redirectURL",
                          form_errors::item("validation_invalid_redirect_url",
                                            "The redirect URL must be on the origin of the app URL or of an allowed "
                                            "origin."));
  if (base.empty()) base = meta["APP_URL"] + "/_/#/auth/magic-link";

  if (auto swept = delete_expired_one_time_records(db, schema, magic_links_collection_name, collection.id,
                                                   options.duration);
      !swept)
    return ApiError::internal();
  auto record = find_record_by_field(db, collection, "email", email, /*ignore_case=*/true);
  if (!record) return ApiError::internal();
  std::string token = random::token(magic_token_length);
  std::string hash = token_hash(token, context.project_secret);
  if (!record->has_value()) return std::optional<PendingMail>();

  const std::string email_to = (*record)->value("email", "");
  auto link = insert_one_time_record(db, schema, magic_links_collection_name, collection, **record,
                                     {{"tokenHash", hash}}, email_to);
  if (!link) return ApiError::internal();
  auto message = mail::render_email_template(options.email_template, context.settings, email_to,
                                             {{"LINK", link_with_token(base, token)}});
  return std::optional<PendingMail>(
      PendingMail{std::string(magic_links_collection_name), link->value("id", ""), std::move(message)});
}

ApiResult<AuthResponse> auth_with_magic_link(db::Connection& db, const collections::Schema& schema,
                                             const collections::Collection& collection, const json& body,
                                             const RequestContext& ctx, std::string_view project_secret) {
  if (auto is_auth = require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  auto options = magic_link_options(collection);
  if (!options.enabled) return magic_link_disabled();
  auto form = bind_string_form(body, {{"token", true, 255}});
  if (!form.ok()) return form.error();

  auto link = find_one_time_record(db, schema, magic_links_collection_name, "tokenHash",
                                   token_hash(form->at("token"), project_secret));
  if (!link) return ApiError::internal();
  if (!link->has_value() || (*link)->value("collectionRef", "") != collection.id ||
      one_time_record_expired(**link, options.duration))
    return ApiError::bad_request(invalid_link);
  auto consumed = consume_one_time_record(db, schema, magic_links_collection_name, (*link)->value("id", ""));
  if (!consumed) return ApiError::internal();
  if (!*consumed) return ApiError::bad_request(invalid_link);  // used by a concurrent request
  auto record = find_record_by_id(db, collection, (*link)->value("recordRef", ""));
  if (!record) return ApiError::internal();
  if (!record->has_value()) return ApiError::bad_request(invalid_link);
  if (!verify_email_if_sent_to(db, collection, **record, (*link)->value("sentTo", ""))) return ApiError::internal();

  AuthAttempt attempt{&collection, std::move(**record), "magicLink", mfa_id_from(body, ctx), nullptr};
  return complete_auth(db, schema, std::move(attempt), ctx, project_secret);
}

}  // namespace fastcms::core::auth
