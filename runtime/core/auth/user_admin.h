#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "core/collections/collection.h"
#include "db/connection.h"

/// Account administration for operators (`fastcms users …`): the same record services the
/// API uses, run as the system caller, with refusals that name the problem and the fix.
/// Usage errors (Error::usage) are about what was asked (an unknown collection); failures
/// (Error::failure) about the data (unknown email, weak password, duplicate email).
namespace fastcms::core::auth {

/// Which accounts `users list` shows: every auth collection, the superusers, or the
/// other auth collections (the "users"-like ones).
enum class UserRole { any, admin, user };

/// One account as `users list` shows it.
struct UserSummary {
  std::string id;
  std::string email;
  std::string collection;
  bool verified = false;
  std::string created;
};

/// {"id","email","collection","verified","created"}.
nlohmann::json user_summary_json(const UserSummary& user);

/// The auth collections `users list` reads, in schema order: `collection_name` when given
/// (it must be an auth collection, and _superusers only if role is not `user`, a user
/// collection only if role is not `admin`), else those of `role`.
Result<std::vector<const collections::Collection*>> user_list_collections(const collections::Schema& schema,
                                                                          UserRole role,
                                                                          std::string_view collection_name);

/// The auth collection one account command (create, delete, set-password) works on:
/// _superusers with `admin`, else `collection_name`, or "users" when empty. Usage error
/// when it is not an auth collection of the schema, or when `admin` names another one.
Result<const collections::Collection*> account_collection(const collections::Schema& schema, bool admin,
                                                          std::string_view collection_name);

/// The accounts of `collections`, each collection ordered by creation time.
Result<std::vector<UserSummary>> list_users(db::Connection& db,
                                            const std::vector<const collections::Collection*>& collections);

/// Creates an account with `password` (verified unless it is a superuser) and returns it.
/// Refuses an email already in the collection (case-insensitive) and a password the
/// collection's password field does not accept (min, default 8; max; pattern), naming the
/// rule and the way out.
Result<UserSummary> create_user(db::Connection& db, const collections::Schema& schema,
                                const collections::Collection& collection, std::string_view email,
                                const std::string& password);

/// Deletes the account `email` (case-insensitive) of `collection` with its references
/// settled as a records API delete does. Unknown email → failure naming the collection.
Result<UserSummary> delete_user(db::Connection& db, const collections::Schema& schema,
                                const collections::Collection& collection, std::string_view email);

/// Sets a new password for `email`; the tokenKey is renewed, so every token issued before
/// stops working. Same refusals as create_user for the password, and unknown email.
Result<UserSummary> set_user_password(db::Connection& db, const collections::Schema& schema,
                                      const collections::Collection& collection, std::string_view email,
                                      const std::string& password);

}  // namespace fastcms::core::auth
