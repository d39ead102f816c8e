#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/http_client.h"
#include "core/auth/auth_response.h"
#include "core/files/file_storage.h"

namespace fastcms::core::auth::oauth2 {

/// POST /api/collections/{c}/auth-with-oauth2, body {provider, code, codeVerifier,
/// redirectURL (or the legacy redirectUrl), createData?}. As PocketBase:
/// - `collection` not an auth collection: 404; oauth2 disabled: 403 "The collection is not
///   configured to allow OAuth2 authentication.";
/// - body not an object or a member of the wrong type: 400 form_errors::load_failed_message;
///   provider, code or redirectURL blank, or a provider the collection does not configure
///   (validation_invalid_provider): the same 400 with per-key data;
/// - the code exchange fails (with code_verifier when the provider uses PKCE): 400
///   "Failed to fetch OAuth2 token."; the user lookup fails: 400 "Failed to fetch OAuth2 user.";
/// - then, in one transaction: the record linked in `_externalAuths` to (collection,
///   provider, provider user id); else the requester's own record when it is authenticated
///   in this collection; else the record with the provider's (verified) email, linked; else
///   a new record created through records::create_record with `ctx` (its createRule
///   applies, @request.context "oauth2") from createData plus the email, a random password
///   and the mappedFields (id, name, username when it is free and valid, avatarURL: the URL,
///   or for a file field the image downloaded from it into `storage`, left out when it cannot
///   be fetched or the field would refuse it), marked verified when its email is the provider's. An existing
///   unverified record that is not the requester's gets a new random password (someone may
///   have registered the address before its owner), an empty email the provider's, and is
///   marked verified when its email is empty or the provider's. The link is stored when
///   missing. A failed create answers the create's error; other failures 400 "Failed to
///   authenticate." (superusers cannot sign up through OAuth2);
/// - finally complete_auth with method "oauth2" and meta {id, name, username, email,
///   avatarURL, accessToken, refreshToken, expiry, isNew, rawUser}.
/// Requests to the provider go through `http` (30 s timeout each).
ApiResult<AuthResponse> auth_with_oauth2(db::Connection& db, const collections::Schema& schema,
                                         const collections::Collection& collection, const nlohmann::json& body,
                                         const RequestContext& ctx, std::string_view project_secret, HttpClient& http,
                                         std::shared_ptr<core::files::FileStorage> storage = nullptr);

}  // namespace fastcms::core::auth::oauth2
