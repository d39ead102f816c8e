#include "core/codegen/openapi_auth.h"

#include "core/codegen/openapi_parts.h"

namespace fastcms::core::codegen::openapi {

namespace {

using collections::Collection;

const ordered_json string_type = {{"type", "string"}};

ordered_json strings_object(std::initializer_list<const char*> required, std::initializer_list<const char*> optional = {}) {
  ordered_json properties = ordered_json::object();
  std::vector<std::string> names;
  for (const char* n : required) {
    properties[n] = string_type;
    names.push_back(n);
  }
  for (const char* n : optional) properties[n] = string_type;
  return object_schema(std::move(properties), names);
}

ordered_json auth_answer(const Collection& c) {
  return {{"200", json_response("Signed in", schema_ref(stem(c) + "AuthResponse"))},
          {"401", ref("responses", "MfaRequired")},
          {"403", ref("responses", "Forbidden")}};
}

ordered_json no_content() { return {{"204", {{"description", "Done; the same answer whether or not the account exists"}}}}; }

ordered_json enabled_with_duration() {
  return object_schema({{"enabled", {{"type", "boolean"}}}, {"duration", {{"type", "integer"}}}}, {"enabled", "duration"});
}

/// Adds one POST endpoint `/api/collections/<name>/<suffix>`.
void add_post(ordered_json& paths, const Collection& c, const std::string& suffix, const std::string& verb,
              const std::string& summary, ordered_json body, ordered_json responses) {
  paths[collection_path(c, "/" + suffix)]["post"] =
      post_operation(verb + stem(c), c.name, summary, std::move(body), std::move(responses));
}

void add_pocketbase_auth(ordered_json& paths, const Collection& c) {
  std::string s = stem(c);
  ordered_json methods = {{"operationId", "authMethods" + s},
                          {"tags", {c.name}},
                          {"summary", "The sign-in methods " + c.name + " offers"},
                          {"responses", {{"200", json_response("The methods", schema_ref("AuthMethods"))}}}};
  paths[collection_path(c, "/auth-methods")]["get"] = std::move(methods);

  ordered_json refresh = {{"operationId", "authRefresh" + s},
                          {"tags", {c.name}},
                          {"summary", "A new token for the signed-in " + c.name + " record"},
                          {"security", {{{"authToken", ordered_json::array()}}}},
                          {"responses", {{"200", json_response("A fresh token", schema_ref(s + "AuthResponse"))},
                                         {"401", ref("responses", "Unauthorized")},
                                         {"403", ref("responses", "Forbidden")},
                                         {"404", ref("responses", "NotFound")}}}};
  paths[collection_path(c, "/auth-refresh")]["post"] = std::move(refresh);

  add_post(paths, c, "auth-with-password", "authWithPassword", "Sign in with an identity and a password",
           strings_object({"identity", "password"}, {"identityField", "mfaId"}), auth_answer(c));
  ordered_json oauth2 = strings_object({"provider", "code", "redirectURL"}, {"codeVerifier", "mfaId"});
  oauth2["properties"]["createData"] = {{"type", "object"}, {"description", "Fields of the record created on first sign-in"}};
  add_post(paths, c, "auth-with-oauth2", "authWithOAuth2", "Sign in with an OAuth2 provider's authorization code",
           std::move(oauth2), auth_answer(c));
  add_post(paths, c, "request-otp", "requestOtp", "Mail a one-time password", strings_object({"email"}),
           {{"200", json_response("The OTP's id", strings_object({"otpId"}))}, {"403", ref("responses", "Forbidden")}});
  add_post(paths, c, "auth-with-otp", "authWithOtp", "Sign in with a mailed one-time password",
           strings_object({"otpId", "password"}, {"mfaId"}), auth_answer(c));
  add_post(paths, c, "request-verification", "requestVerification", "Mail an email verification link",
           strings_object({"email"}), no_content());
  add_post(paths, c, "confirm-verification", "confirmVerification", "Confirm an email address",
           strings_object({"token"}), {{"204", {{"description", "Verified"}}}});
  add_post(paths, c, "request-password-reset", "requestPasswordReset", "Mail a password reset link",
           strings_object({"email"}), no_content());
  add_post(paths, c, "confirm-password-reset", "confirmPasswordReset", "Set a new password with a reset token",
           strings_object({"token", "password", "passwordConfirm"}), {{"204", {{"description", "Password changed"}}}});
  ordered_json email_change = post_operation("requestEmailChange" + s, c.name, "Mail a link confirming a new email address",
                                             strings_object({"newEmail"}), no_content());
  email_change["security"] = {{{"authToken", ordered_json::array()}}};
  email_change["responses"]["401"] = ref("responses", "Unauthorized");
  paths[collection_path(c, "/request-email-change")]["post"] = std::move(email_change);
  add_post(paths, c, "confirm-email-change", "confirmEmailChange", "Confirm a new email address",
           strings_object({"token", "password"}), {{"204", {{"description", "Email changed"}}}});

  ordered_json impersonate = post_operation(
      "impersonate" + s, c.name, "A non-refreshable token for any " + c.name + " record (superusers)",
      object_schema({{"duration", {{"type", "integer"}, {"description", "Token lifetime in seconds; 0 for the collection's"}}}}),
      {{"200", json_response("The token", schema_ref(s + "AuthResponse"))}, {"403", ref("responses", "Forbidden")},
       {"404", ref("responses", "NotFound")}});
  impersonate["security"] = {{{"authToken", ordered_json::array()}}};
  impersonate["requestBody"]["required"] = false;
  paths[collection_path(c, "/impersonate/{id}")] = {{"parameters", {ref("parameters", "recordId")}},
                                                     {"post", std::move(impersonate)}};
}

void add_fastcms_auth(ordered_json& paths, const Collection& c) {
  std::string s = stem(c);
  auto signed_in = [&](const std::string& suffix, const std::string& verb, const std::string& summary, ordered_json body,
                       ordered_json responses) {
    ordered_json op = post_operation(verb + s, c.name, summary, std::move(body), std::move(responses));
    op["security"] = {{{"authToken", ordered_json::array()}}};
    op["responses"]["401"] = ref("responses", "Unauthorized");
    paths[collection_path(c, "/" + suffix)]["post"] = std::move(op);
  };
  signed_in("totp/setup", "totpSetup", "Start TOTP enrolment (fastcms)", object_schema(ordered_json::object()),
            {{"200", json_response("The secret and its otpauth URI", strings_object({"secret", "uri"}))}});
  paths[collection_path(c, "/totp/setup")]["post"]["requestBody"]["required"] = false;
  signed_in("totp/confirm", "totpConfirm", "Confirm TOTP enrolment with a first code (fastcms)", strings_object({"code"}),
            {{"200", json_response("Single-use backup codes, shown once",
                                   object_schema({{"backupCodes", {{"type", "array"}, {"items", string_type}}}},
                                                 {"backupCodes"}))}});
  signed_in("totp/disable", "totpDisable", "Turn TOTP off with a TOTP or backup code (fastcms)", strings_object({"code"}),
            {{"204", {{"description", "Disabled"}}}});
  add_post(paths, c, "auth-with-totp", "authWithTotp", "Second sign-in step with a TOTP or backup code (fastcms)",
           strings_object({"mfaId", "code"}), auth_answer(c));
  add_post(paths, c, "request-magic-link", "requestMagicLink", "Mail a single-use sign-in link (fastcms)",
           strings_object({"email"}, {"redirectURL"}), no_content());
  add_post(paths, c, "auth-with-magic-link", "authWithMagicLink", "Sign in with a magic link's token (fastcms)",
           strings_object({"token"}, {"mfaId"}), auth_answer(c));
  add_post(paths, c, "request-sms-code", "requestSmsCode", "Text a one-time code (fastcms)", strings_object({"phone"}),
           {{"200", json_response("The code's id", strings_object({"smsId"}))}});
  add_post(paths, c, "auth-with-sms", "authWithSms", "Sign in with a texted code (fastcms)",
           strings_object({"smsId", "code"}, {"mfaId"}), auth_answer(c));
}

}  // namespace

void add_auth_schemas(ordered_json& schemas, const Collection& c) {
  schemas[stem(c) + "AuthResponse"] =
      object_schema({{"token", {{"type", "string"}, {"description", "Send as the Authorization header"}}},
                     {"record", schema_ref(stem(c) + "Record")},
                     {"meta", {{"type", "object"}, {"description", "OAuth2 sign-ins: the provider's user and tokens"}}}},
                    {"token", "record"});
}

void add_shared_auth_schemas(ordered_json& schemas) {
  ordered_json provider = strings_object({"name", "displayName", "state", "authURL", "codeVerifier", "codeChallenge",
                                          "codeChallengeMethod"});
  schemas["AuthMethods"] = object_schema(
      {{"password", object_schema({{"enabled", {{"type", "boolean"}}},
                                   {"identityFields", {{"type", "array"}, {"items", string_type}}}},
                                  {"enabled", "identityFields"})},
       {"oauth2", object_schema({{"enabled", {{"type", "boolean"}}}, {"providers", {{"type", "array"}, {"items", provider}}}},
                                {"enabled", "providers"})},
       {"mfa", enabled_with_duration()},
       {"otp", enabled_with_duration()},
       {"magicLink", enabled_with_duration()},
       {"sms", enabled_with_duration()}},
      {"password", "oauth2", "mfa", "otp"});
}

void add_auth_paths(ordered_json& paths, const Collection& c) {
  add_pocketbase_auth(paths, c);
  add_fastcms_auth(paths, c);
}

}  // namespace fastcms::core::codegen::openapi
