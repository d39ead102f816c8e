#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace fastcms::core::collections {

/// PocketBase's value of every option of a field of `type` when the definition leaves it
/// out (the zero values its Go structs serialize), common ones included: {system:false,
/// hidden:false, presentable:false, help:"", required:false, min:0, ...}. autodate fields
/// have neither help nor required. An unknown type gets only the common options.
const nlohmann::json& field_option_defaults(const std::string& type);

/// Whether `type` is one of the field types (text, number, bool, email, url, editor, date,
/// autodate, select, file, relation, json, password, geoPoint).
bool is_field_type(const std::string& type);

/// PocketBase's defaults for the options of an auth collection: authRule "" (everyone may
/// authenticate), manageRule null, authAlert, oauth2, passwordAuth (email identity), mfa,
/// otp, FastCMS's magicLink and sms, the five token configs ({duration}, no secret) and the verification, reset-password
/// and confirm-email-change templates. Durations are those of the wire contract
/// (reference/pocketbase-api.md §1.6–1.7).
const nlohmann::json& auth_option_defaults();

/// The keys of auth_option_defaults(), i.e. the options only auth collections have.
bool is_auth_option(const std::string& key);

/// `patch` merged into `base`: objects merge key by key (recursively), anything else
/// (arrays, scalars, null) replaces. PocketBase binds request bodies onto existing
/// collections the same way.
void merge_into(nlohmann::json& base, const nlohmann::json& patch);

}  // namespace fastcms::core::collections
