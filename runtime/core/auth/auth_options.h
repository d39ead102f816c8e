#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/collections/collection.h"

/// The auth options of an auth collection, read from its definition with PocketBase's
/// defaults for what the definition leaves out.
namespace fastcms::core::auth {

struct PasswordAuthOptions {
  bool enabled = true;
  std::vector<std::string> identity_fields = {"email"};
};

/// `passwordAuth{enabled, identityFields}`; defaults: enabled, ["email"]. Duplicate identity
/// fields are dropped; an empty list means the default.
PasswordAuthOptions password_auth_options(const collections::Collection& collection);

struct MfaOptions {
  bool enabled = false;
  int duration = 600;  ///< seconds a pending MFA sign-in stays valid
  std::string rule;    ///< "" applies MFA to every record
};

/// `mfa{enabled, duration, rule}`; defaults: disabled, 600 s, "". A duration that is not a
/// positive integer means the default.
MfaOptions mfa_options(const collections::Collection& collection);

/// The authRule in force: null (nobody may authenticate) when the definition sets it to
/// null; "" (everyone) when the definition omits it, as for a new PocketBase auth collection;
/// otherwise the declared rule.
std::optional<std::string> effective_auth_rule(const collections::Collection& collection);

}  // namespace fastcms::core::auth
