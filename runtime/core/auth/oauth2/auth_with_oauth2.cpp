#include "core/auth/oauth2/auth_with_oauth2.h"

#include <algorithm>
#include <iostream>
#include <optional>

#include "common/random.h"
#include "core/auth/auth_record_lookup.h"
#include "core/auth/complete_auth.h"
#include "core/auth/external_auths_collection.h"
#include "core/auth/identity_index.h"
#include "core/auth/oauth2/oauth2_options.h"
#include "core/auth/oauth2/providers.h"
#include "core/files/content_type.h"
#include "core/files/remote_file.h"
#include "core/form_errors.h"
#include "core/records/api_transaction.h"
#include "core/records/field_value.h"
#include "core/records/record_write.h"

namespace fastcms::core::auth::oauth2 {
using nlohmann::json;

namespace {

constexpr const char* failed_message = "Failed to authenticate.";

struct OAuth2Form {
  std::string provider, code, code_verifier, redirect_url, legacy_redirect_url;
  json create_data = json::object();
};

/// The body as the form, or nullopt when it is not an object or a member has the wrong type.
std::optional<OAuth2Form> bind_oauth2_form(const json& body) {
  if (!body.is_object()) return std::nullopt;
  OAuth2Form form;
  for (auto [key, target] : {std::pair{"provider", &form.provider}, std::pair{"code", &form.code},
                             std::pair{"codeVerifier", &form.code_verifier},
                             std::pair{"redirectURL", &form.redirect_url},
                             std::pair{"redirectUrl", &form.legacy_redirect_url}}) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_string()) return std::nullopt;
    *target = it->get<std::string>();
  }
  if (auto it = body.find("createData"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) return std::nullopt;
    form.create_data = *it;
  }
  if (form.redirect_url.empty()) form.redirect_url = form.legacy_redirect_url;
  return form;
}

json validate_oauth2_form(const OAuth2Form& form, const OAuth2Options& options) {
  json errors = json::object();
  if (form.provider.empty()) errors["provider"] = form_errors::required();
  else if (!options.provider(form.provider))
    errors["provider"] = form_errors::item("validation_invalid_provider",
                                           "Provider with name \"" + form.provider + "\" is missing or is not enabled.",
                                           {{"name", form.provider}});
  if (form.code.empty()) errors["code"] = form_errors::required();
  if (form.redirect_url.empty()) errors["redirectURL"] = form_errors::required();
  return errors;
}

/// The record `user` signs in as before anything is written (nullopt: a new one).
Result<std::optional<json>> existing_record(db::Connection& db, const collections::Collection& collection,
                                            const std::optional<ExternalAuth>& link, const OAuth2User& user,
                                            const RequestContext& ctx) {
  if (link) return find_record_by_id(db, collection, link->record_ref);
  if (!ctx.is_guest() && ctx.info.auth_collection->id == collection.id)
    return find_record_by_id(db, collection, ctx.auth_id());
  if (user.email.empty()) return std::optional<json>();
  auto lookup = identity_lookup(collection, "email");
  return find_record_by_field(db, collection, "email", user.email, lookup ? lookup->ignore_case : false);
}

/// Whether `username` may go to the mapped username field of a new record: the field is a
/// text field the value is valid for, and no record has it when the field is unique.
bool can_assign_username(db::Connection& db, const collections::Collection& collection, const std::string& field_name,
                         const std::string& username) {
  const auto* field = collection.field(field_name);
  if (!field || field->type != "text") return false;
  if (std::holds_alternative<records::FieldError>(records::normalize_value(*field, username))) return false;
  auto lookup = identity_lookup(collection, field_name);
  if (!lookup) return true;
  auto taken = find_record_by_field(db, collection, field_name, username, lookup->ignore_case);
  return taken.ok() && !taken->has_value();
}

/// createData plus what the provider tells (email, password, mapped fields), as PocketBase builds it.
json new_record_payload(db::Connection& db, const collections::Collection& collection, const OAuth2Options& options,
                        const OAuth2Form& form, const OAuth2User& user) {
  json payload = form.create_data;
  payload["email"] = user.email;
  if (!payload.contains("password") || !payload["password"].is_string() || payload["password"] == "") {
    std::string password = random::alphanumeric(30);
    payload["password"] = password;
    payload["passwordConfirm"] = password;
  }
  const auto& mapped = options.mapped_fields;
  auto map = [&](const std::string& field, const std::string& value) {
    if (!field.empty() && !payload.contains(field)) payload[field] = value;
  };
  map(mapped.id, user.id);
  map(mapped.name, user.name);
  if (!mapped.username.empty() && !payload.contains(mapped.username) &&
      can_assign_username(db, collection, mapped.username, user.username))
    payload[mapped.username] = user.username;
  if (!mapped.avatar_url.empty() && !user.avatar_url.empty()) {
    const auto* field = collection.field(mapped.avatar_url);
    if (field && field->type != "file") map(mapped.avatar_url, user.avatar_url);
  }
  return payload;
}

/// The changes PocketBase makes to an existing record signing in through OAuth2.
json existing_record_changes(const json& record, const OAuth2User& user, const RequestContext& ctx) {
  json changes = json::object();
  const std::string id = record.value("id", "");
  std::string email = record.value("email", "");
  const bool verified = record.value("verified", false);
  const bool is_requester = !ctx.is_guest() && ctx.auth_id() == id;
  if (!is_requester && !email.empty() && !verified) {
    std::string password = random::alphanumeric(30);
    changes["password"] = password;
    changes["passwordConfirm"] = password;
  }
  if (email.empty() && !user.email.empty()) {
    email = user.email;
    changes["email"] = email;
  }
  if (!verified && (email.empty() || email == user.email)) changes["verified"] = true;
  return changes;
}

struct SignIn {
  json record;
  bool is_new = false;
};

/// The provider's avatar as an upload to the mapped avatarURL field, when that is a file field
/// and this sign-in is about to create a record (read before the write transaction, so the
/// download never holds the database). An avatar that cannot be fetched, or that the field
/// would refuse (its maxSize, its mimeTypes), is left out with a warning: the sign-up goes on.
std::vector<files::Upload> avatar_for_new_record(db::Connection& db, const collections::Collection& collection,
                                                 const OAuth2Options& options, const OAuth2Form& form,
                                                 const OAuth2User& user, const RequestContext& ctx, HttpClient& http) {
  const auto* field = options.mapped_fields.avatar_url.empty() ? nullptr : collection.field(options.mapped_fields.avatar_url);
  if (!field || field->type != "file" || user.avatar_url.empty()) return {};
  auto link = find_external_auth(db, collection.id, form.provider, user.id);
  if (!link) return {};
  auto found = existing_record(db, collection, *link, user, ctx);
  if (!found || found->has_value()) return {};
  long long max_size = field->options.value("maxSize", 0LL);
  if (max_size <= 0) max_size = records::default_file_max_size;
  auto avatar = files::fetch_remote_file(http, user.avatar_url, field->name, static_cast<std::size_t>(max_size));
  if (!avatar.ok()) {
    std::cerr << "fastcms: OAuth2 avatar of " << form.provider << " user " << user.id << " left out: " << avatar.error().message << "\n";
    return {};
  }
  std::string type = files::base_mime(files::sniff_content_type(avatar->content).mime);
  auto allowed = field->options.find("mimeTypes");
  if (allowed != field->options.end() && allowed->is_array() && !allowed->empty() &&
      std::find(allowed->begin(), allowed->end(), type) == allowed->end()) {
    std::cerr << "fastcms: OAuth2 avatar of " << form.provider << " user " << user.id << " left out: " << type
              << " is not one of the field's mimeTypes\n";
    return {};
  }
  return {std::move(*avatar)};
}

ApiResult<SignIn> link_and_save(db::Connection& tx, const collections::Schema& schema,
                                const collections::Collection& collection, const OAuth2Options& options,
                                const OAuth2Form& form, const OAuth2User& user, const RequestContext& ctx,
                                const records::RecordFiles& avatar) {
  auto link = find_external_auth(tx, collection.id, form.provider, user.id);
  if (!link) return ApiError::bad_request(failed_message);
  auto found = existing_record(tx, collection, *link, user, ctx);
  if (!found) return ApiError::bad_request(failed_message);
  const auto system = RequestContext::system();
  SignIn result;
  if (!*found) {
    if (collection.name == superusers_collection) return ApiError::bad_request(failed_message);
    RequestContext create_ctx = ctx;
    create_ctx.info.context = "oauth2";
    auto created = records::create_record(tx, schema, collection, create_ctx,
                                          new_record_payload(tx, collection, options, form, user), avatar);
    if (!created.ok()) return created.error();
    result = {std::move(*created), true};
    if (result.record.value("email", "") == user.email && !result.record.value("verified", false)) {
      auto verified = records::update_record(tx, schema, collection, system, result.record.value("id", ""),
                                             json{{"verified", true}});
      if (!verified.ok()) return ApiError::bad_request(failed_message);
      result.record = std::move(*verified);
    }
  } else {
    result.record = std::move(**found);
    if (json changes = existing_record_changes(result.record, user, ctx); !changes.empty()) {
      auto updated = records::update_record(tx, schema, collection, system, result.record.value("id", ""), changes);
      if (!updated.ok()) return ApiError::bad_request(failed_message);
      result.record = std::move(*updated);
    }
  }
  if (!*link) {
    auto stored = create_external_auth(tx, {"", collection.id, result.record.value("id", ""), form.provider, user.id});
    if (!stored) return ApiError::bad_request(failed_message);
  }
  return result;
}

json auth_meta(const OAuth2User& user, const OAuth2Token& token, bool is_new) {
  return {{"id", user.id},
          {"name", user.name},
          {"username", user.username},
          {"email", user.email},
          {"avatarURL", user.avatar_url},
          {"accessToken", token.access_token},
          {"refreshToken", token.refresh_token},
          {"expiry", token.expiry},
          {"isNew", is_new},
          {"rawUser", user.raw_user}};
}

}  // namespace

ApiResult<AuthResponse> auth_with_oauth2(db::Connection& db, const collections::Schema& schema,
                                         const collections::Collection& collection, const json& body,
                                         const RequestContext& ctx, std::string_view project_secret, HttpClient& http,
                                         std::shared_ptr<files::FileStorage> storage) {
  if (auto is_auth = require_auth_collection(collection); !is_auth.ok()) return is_auth.error();
  auto options = oauth2_options(collection);
  if (!options.enabled) return ApiError::forbidden("The collection is not configured to allow OAuth2 authentication.");
  auto form = bind_oauth2_form(body);
  if (!form) return ApiError::bad_request(form_errors::load_failed_message);
  if (json errors = validate_oauth2_form(*form, options); !errors.empty())
    return ApiError::bad_request(form_errors::load_failed_message, std::move(errors));

  auto provider = make_provider(*options.provider(form->provider));
  if (!provider) return ApiError{500, "Missing or invalid provider config.", json::object()};
  auto token = provider->fetch_token(http, form->code, provider->pkce() ? form->code_verifier : "", form->redirect_url);
  if (!token) return ApiError::bad_request("Failed to fetch OAuth2 token.");
  auto user = provider->fetch_user(http, *token);
  if (!user) return ApiError::bad_request("Failed to fetch OAuth2 user.");

  auto avatar = avatar_for_new_record(db, collection, options, *form, *user, ctx, http);
  records::RecordFiles avatar_files{avatar, avatar.empty() ? nullptr : std::move(storage)};
  auto signed_in = records::in_transaction<SignIn>(db, failed_message, [&](db::Connection& tx) {
    return link_and_save(tx, schema, collection, options, *form, *user, ctx, avatar_files);
  });
  if (!signed_in.ok()) return signed_in.error();
  AuthAttempt attempt{&collection, std::move(signed_in->record), "oauth2", mfa_id_from(body, ctx),
                      auth_meta(*user, *token, signed_in->is_new)};
  return complete_auth(db, schema, std::move(attempt), ctx, project_secret);
}

}  // namespace fastcms::core::auth::oauth2
