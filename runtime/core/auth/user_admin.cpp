#include "core/auth/user_admin.h"

#include "common/strings.h"
#include "core/auth/auth_record_lookup.h"
#include "core/records/password_field.h"
#include "core/records/record_delete.h"
#include "core/records/record_json.h"
#include "core/records/record_write.h"
#include "core/request_context.h"

namespace fastcms::core::auth {
using collections::Collection;
using collections::Schema;
using nlohmann::json;

namespace {

bool is_superusers(const Collection& collection) { return collection.name == superusers_collection; }

UserSummary summary_of(const Collection& collection, const json& record) {
  return {record.value("id", ""), record.value("email", ""), collection.name, record.value("verified", false),
          record.value("created", "")};
}

std::string auth_collection_names(const Schema& schema) {
  std::vector<std::string> names;
  for (const auto& c : schema.collections())
    if (c->is_auth()) names.push_back(c->name);
  return strings::join(names, ", ");
}

Error not_auth_collection(const Schema& schema, std::string_view name) {
  const Collection* found = schema.find(name);
  std::string what = found ? "is not an auth collection" : "is not a collection";
  return Error::usage("\"" + std::string(name) + "\" " + what + " of this project; pass --collection with one " +
                      "that is (" + auth_collection_names(schema) + "), or --admin for a superuser");
}

/// Refuses a password the collection's password field rejects, naming the rule.
Status check_password(const Collection& collection, const std::string& password) {
  const collections::Field* field = collection.field("password");
  if (!field) return Error::failure("collection \"" + collection.name + "\" has no password field");
  auto problem = records::check_plain_password(*field, password);
  if (!problem) return Ok{};
  std::string rule;
  if (problem->code == "validation_min_text_constraint")
    rule = "it is too short: " + collection.name + " needs at least " + problem->params.value("min", json(0)).dump() +
           " characters";
  else if (problem->code == "validation_max_text_constraint")
    rule = "it is too long for " + collection.name + " (" + problem->message + ")";
  else
    rule = "it does not match the pattern of " + collection.name + "'s password field";
  return Error::failure("password: the password is refused, " + rule + "; choose another and run the command again");
}

Result<json> require_user(db::Connection& db, const Collection& collection, std::string_view email) {
  auto found = find_record_by_field(db, collection, "email", email, /*ignore_case=*/true);
  if (!found) return found.error();
  if (!found->has_value())
    return Error::failure("no account with email " + std::string(email) + " in " + collection.name +
                          "; `fastcms users list --collection " + collection.name + "` shows who is there");
  return std::move(**found);
}

}  // namespace

json user_summary_json(const UserSummary& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"collection", user.collection},
          {"verified", user.verified},
          {"created", user.created}};
}

Result<std::vector<const Collection*>> user_list_collections(const Schema& schema, UserRole role,
                                                             std::string_view collection_name) {
  std::vector<const Collection*> out;
  if (!collection_name.empty()) {
    const Collection* c = schema.find(collection_name);
    if (!c || !c->is_auth()) return not_auth_collection(schema, collection_name);
    if (role == UserRole::admin && !is_superusers(*c))
      return Error::usage("--role admin lists _superusers; drop --collection " + std::string(collection_name) +
                          " or use --role user");
    if (role == UserRole::user && is_superusers(*c))
      return Error::usage("--role user lists the user collections, not _superusers; use --role admin instead");
    out.push_back(c);
    return out;
  }
  for (const auto& c : schema.collections()) {
    if (!c->is_auth()) continue;
    if (role == UserRole::admin && !is_superusers(*c)) continue;
    if (role == UserRole::user && is_superusers(*c)) continue;
    out.push_back(c.get());
  }
  return out;
}

Result<const Collection*> account_collection(const Schema& schema, bool admin, std::string_view collection_name) {
  if (admin && !collection_name.empty() && collection_name != superusers_collection)
    return Error::usage("--admin works on superusers (collection _superusers); drop --collection or --admin");
  std::string name = admin ? std::string(superusers_collection)
                           : (collection_name.empty() ? std::string("users") : std::string(collection_name));
  const Collection* c = schema.find(name);
  if (!c || !c->is_auth()) return not_auth_collection(schema, name);
  return c;
}

Result<std::vector<UserSummary>> list_users(db::Connection& db, const std::vector<const Collection*>& collections) {
  std::vector<UserSummary> out;
  const auto& dialect = db.dialect();
  for (const Collection* c : collections) {
    auto rows = db.query("SELECT * FROM " + dialect.quote_identifier(c->name) + " ORDER BY " +
                         dialect.quote_identifier("created") + ", " + dialect.quote_identifier("id"));
    if (!rows) return rows.error();
    for (const auto& row : *rows) out.push_back(summary_of(*c, records::record_from_row(*c, row)));
  }
  return out;
}

Result<UserSummary> create_user(db::Connection& db, const Schema& schema, const Collection& collection,
                                std::string_view email, const std::string& password) {
  if (auto weak = check_password(collection, password); !weak) return weak.error();
  auto existing = find_record_by_field(db, collection, "email", email, /*ignore_case=*/true);
  if (!existing) return existing.error();
  if (existing->has_value())
    return Error::failure("email: " + std::string(email) + " already has an account in " + collection.name +
                          "; pick another email, or change its password with `fastcms users set-password " +
                          std::string(email) + "`");
  json body = {{"email", email}, {"password", password}, {"passwordConfirm", password}};
  if (!is_superusers(collection)) body["verified"] = true;  // created by an operator, not through a sign-up
  auto created = records::create_record(db, schema, collection, RequestContext::system(), body);
  if (!created) return Error::failure("cannot create " + std::string(email) + ": " + created.error().describe());
  return summary_of(collection, *created);
}

Result<UserSummary> delete_user(db::Connection& db, const Schema& schema, const Collection& collection,
                                std::string_view email) {
  auto record = require_user(db, collection, email);
  if (!record) return record.error();
  UserSummary user = summary_of(collection, *record);
  auto deleted = records::delete_record(db, schema, collection, RequestContext::system(), user.id);
  if (!deleted) return Error::failure("cannot delete " + user.email + ": " + deleted.error().describe());
  return user;
}

Result<UserSummary> set_user_password(db::Connection& db, const Schema& schema, const Collection& collection,
                                      std::string_view email, const std::string& password) {
  if (auto weak = check_password(collection, password); !weak) return weak.error();
  auto record = require_user(db, collection, email);
  if (!record) return record.error();
  UserSummary user = summary_of(collection, *record);
  json body = {{"password", password}, {"passwordConfirm", password}};
  auto updated = records::update_record(db, schema, collection, RequestContext::system(), user.id, body);
  if (!updated) return Error::failure("cannot set the password of " + user.email + ": " + updated.error().describe());
  return user;
}

}  // namespace fastcms::core::auth
