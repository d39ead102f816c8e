#pragma once
#include <nlohmann/json.hpp>

#include "core/collections/collection.h"

namespace fastcms::core::codegen::openapi {

/// Adds `<Stem>AuthResponse` ({token, record, meta?}) for an auth collection to `schemas`.
void add_auth_schemas(nlohmann::ordered_json& schemas, const collections::Collection& collection);

/// Adds the auth endpoints of an auth collection to `paths`: PocketBase's (auth-methods,
/// auth-refresh, auth-with-password, auth-with-oauth2, request-otp/auth-with-otp, the
/// verification, password-reset and email-change flows, impersonate) and fastcms's
/// (TOTP, magic links, SMS codes).
void add_auth_paths(nlohmann::ordered_json& paths, const collections::Collection& collection);

/// The schemas every auth collection's endpoints share (AuthMethods), added once.
void add_shared_auth_schemas(nlohmann::ordered_json& schemas);

}  // namespace fastcms::core::codegen::openapi
