#include "core/auth/api_keys.h"

#include "common/datetime.h"
#include "common/sha256.h"
#include "common/random.h"
#include "core/auth/api_key_scopes.h"
#include "core/auth/auth_record_lookup.h"
#include "core/auth/require_auth.h"
#include "core/form_errors.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

constexpr std::string_view key_prefix = "fck_";
constexpr size_t key_random_length = 40;
constexpr size_t display_prefix_length = 12;
constexpr size_t max_name_length = 100;
constexpr auto last_used_interval = std::chrono::seconds(60);

const char* const columns = "id, name, collectionRef, recordRef, prefix, scopes, expires, lastUsed, revoked, created";

/// `n` characters drawn uniformly from [0-9A-Za-z] (rejection sampling over random bytes).
std::string random_base62(size_t n) {
  static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string out;
  while (out.size() < n) {
    for (unsigned char byte : random::bytes(n)) {
      if (byte >= 248) continue;  // 248 = 62 * 4: keeps the distribution uniform
      out += alphabet[byte % 62];
      if (out.size() == n) break;
    }
  }
  return out;
}

std::string text_of(const db::Row& row, std::string_view column) {
  const auto& value = row[column];
  return value.is_null() ? std::string() : value.to_text();
}

json describe(const db::Row& row) {
  json scopes = json::parse(text_of(row, "scopes"), nullptr, false);
  std::string revoked = text_of(row, "revoked");
  return {{"id", text_of(row, "id")},
          {"name", text_of(row, "name")},
          {"collectionId", text_of(row, "collectionRef")},
          {"recordId", text_of(row, "recordRef")},
          {"prefix", text_of(row, "prefix")},
          {"scopes", scopes.is_array() ? scopes : json::array()},
          {"expires", text_of(row, "expires")},
          {"lastUsed", text_of(row, "lastUsed")},
          {"revoked", revoked == "1" || revoked == "true"},
          {"created", text_of(row, "created")}};
}

struct KeyForm {
  std::string name;
  std::vector<std::string> scopes;
  std::string expires;  ///< canonical datetime or ""
  std::string collection;
  std::string record;
};

/// Binds and validates the body; field errors in PocketBase's shape.
ApiResult<KeyForm> bind_key_form(const json& body, std::chrono::system_clock::time_point now) {
  if (!body.is_object()) return ApiError::bad_request(form_errors::load_failed_message);
  KeyForm form;
  json errors = json::object();
  auto name = body.find("name");
  if (name != body.end() && !name->is_string()) return ApiError::bad_request(form_errors::load_failed_message);
  if (name != body.end()) form.name = name->get<std::string>();
  if (form.name.empty())
    errors["name"] = form_errors::required();
  else if (form.name.size() > max_name_length)
    errors["name"] = form_errors::length_out_of_range(1, max_name_length);

  auto scopes = body.find("scopes");
  if (scopes == body.end() || !scopes->is_array() || scopes->empty()) {
    errors["scopes"] = form_errors::item("validation_required",
                                         "List at least one scope, e.g. [\"posts:read\"] or [\"*\"].");
  } else {
    for (const auto& scope : *scopes) {
      if (!scope.is_string()) return ApiError::bad_request(form_errors::load_failed_message);
      if (auto problem = scope_error(scope.get<std::string>())) {
        errors["scopes"] = form_errors::item("validation_invalid_scope", *problem);
        break;
      }
      form.scopes.push_back(scope.get<std::string>());
    }
  }

  auto expires = body.find("expires");
  if (expires != body.end() && !expires->is_null() && !(expires->is_string() && expires->get<std::string>().empty())) {
    auto parsed = expires->is_string() ? datetime::parse(expires->get<std::string>()) : std::nullopt;
    if (!parsed)
      errors["expires"] = form_errors::item("validation_invalid_datetime", "Must be a valid date, e.g. 2030-01-31 00:00:00Z.");
    else if (*parsed <= now)
      errors["expires"] = form_errors::item("validation_min_date", "The expiry must be in the future.");
    else
      form.expires = datetime::format(*parsed);
  }
  for (const char* key : {"collection", "record"}) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_string()) return ApiError::bad_request(form_errors::load_failed_message);
    (std::string_view(key) == "collection" ? form.collection : form.record) = it->get<std::string>();
  }
  if (!errors.empty()) return ApiError::bad_request(form_errors::validation_failed_message, std::move(errors));
  return form;
}

/// The auth record the key will act as: the caller, or (superusers only) the named one.
ApiResult<std::pair<std::string, std::string>> key_owner(db::Connection& db, const collections::Schema& schema,
                                                         const KeyForm& form, const RequestContext& ctx) {
  bool names_other = !form.collection.empty() || !form.record.empty();
  if (!names_other) {
    if (ctx.is_guest()) return ApiError::bad_request(form_errors::validation_failed_message,
                                                     {{"record", form_errors::required()}});
    return std::pair{ctx.info.auth_collection->id, ctx.auth_id()};
  }
  if (!ctx.bypasses_rules()) {
    bool self = ctx.info.auth_collection && (form.collection == ctx.info.auth_collection->id ||
                                             form.collection == ctx.info.auth_collection->name) &&
                form.record == ctx.auth_id();
    if (!self) return ApiError::forbidden("Only superusers may create API keys for another record.");
  }
  const auto* collection = schema.find(form.collection);
  if (!collection || !collection->is_auth())
    return ApiError::bad_request(form_errors::validation_failed_message,
                                 {{"collection", form_errors::item("validation_invalid_collection",
                                                                   "Name an auth collection.")}});
  auto record = find_record_by_id(db, *collection, form.record);
  if (!record) return ApiError::internal();
  if (!record->has_value())
    return ApiError::bad_request(form_errors::validation_failed_message,
                                 {{"record", form_errors::item("validation_missing_record",
                                                               "No such record in " + collection->name + ".")}});
  return std::pair{collection->id, form.record};
}

}  // namespace

std::vector<std::string> api_keys_table_statements(const db::Dialect& d) {
  auto q = [&](std::string_view name) { return d.quote_identifier(name); };
  using T = db::LogicalType;
  auto col = [&](const char* name, T type, const char* rest) {
    return q(name) + " " + d.column_type(type) + " " + rest;
  };
  std::string table = "CREATE TABLE " + q(api_keys_table) + " (" + col("id", T::text, "PRIMARY KEY NOT NULL") + ", " +
                      col("name", T::text, "DEFAULT '' NOT NULL") + ", " +
                      col("collectionRef", T::text, "NOT NULL") + ", " + col("recordRef", T::text, "NOT NULL") + ", " +
                      col("prefix", T::text, "NOT NULL") + ", " + col("hash", T::text, "NOT NULL") + ", " +
                      col("scopes", T::json, "NOT NULL") + ", " + col("expires", T::datetime, "DEFAULT '' NOT NULL") +
                      ", " + col("lastUsed", T::datetime, "DEFAULT '' NOT NULL") + ", " +
                      col("revoked", T::boolean, "DEFAULT FALSE NOT NULL") + ", " +
                      col("created", T::datetime, "DEFAULT '' NOT NULL") + ")";
  return {table,
          "CREATE UNIQUE INDEX " + q("idx__apiKeys_hash") + " ON " + q(api_keys_table) + " (" + q("hash") + ")",
          "CREATE INDEX " + q("idx__apiKeys_owner") + " ON " + q(api_keys_table) + " (" + q("collectionRef") + ", " +
              q("recordRef") + ")"};
}

bool is_api_key(std::string_view token) { return token.starts_with(key_prefix); }

ApiResult<json> create_api_key(db::Connection& db, const collections::Schema& schema, const json& body,
                               const RequestContext& ctx, std::chrono::system_clock::time_point now) {
  if (!ctx.system_caller)
    if (auto signed_in = require_auth(ctx); !signed_in.ok()) return signed_in.error();
  auto form = bind_key_form(body, now);
  if (!form.ok()) return form.error();
  auto owner = key_owner(db, schema, *form, ctx);
  if (!owner.ok()) return owner.error();

  std::string key = std::string(key_prefix) + random_base62(key_random_length);
  std::string id = random::token(15);
  std::string created = datetime::format(now);
  auto inserted = db.exec("INSERT INTO " + db.dialect().quote_identifier(api_keys_table) +
                              " (id, name, collectionRef, recordRef, prefix, hash, scopes, expires, lastUsed, revoked, "
                              "created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', 0, ?9)",
                          {id, form->name, owner->first, owner->second, key.substr(0, display_prefix_length),
                           sha256_hex(key), json(form->scopes).dump(), form->expires, created});
  if (!inserted) return ApiError::from(inserted.error());
  auto row = db.query_one(std::string("SELECT ") + columns + " FROM " +
                              db.dialect().quote_identifier(api_keys_table) + " WHERE id = ?1",
                          {id});
  if (!row || !row->has_value()) return ApiError::internal();
  json answer = describe(**row);
  answer["key"] = key;
  return answer;
}

ApiResult<json> list_api_keys(db::Connection& db, const RequestContext& ctx) {
  if (!ctx.system_caller)
    if (auto signed_in = require_auth(ctx); !signed_in.ok()) return signed_in.error();
  std::string sql = std::string("SELECT ") + columns + " FROM " + db.dialect().quote_identifier(api_keys_table);
  db::Params params;
  if (!ctx.bypasses_rules()) {
    sql += " WHERE collectionRef = ?1 AND recordRef = ?2";
    params = {ctx.info.auth_collection->id, ctx.auth_id()};
  }
  auto rows = db.query(sql + " ORDER BY created DESC, id", params);
  if (!rows) return ApiError::from(rows.error());
  json items = json::array();
  for (const auto& row : *rows) items.push_back(describe(row));
  return json{{"items", std::move(items)}};
}

ApiStatus revoke_api_key(db::Connection& db, const RequestContext& ctx, std::string_view id) {
  if (!ctx.system_caller)
    if (auto signed_in = require_auth(ctx); !signed_in.ok()) return signed_in.error();
  std::string sql = "UPDATE " + db.dialect().quote_identifier(api_keys_table) + " SET revoked = 1 WHERE id = ?1";
  db::Params params = {std::string(id)};
  if (!ctx.bypasses_rules()) {
    sql += " AND collectionRef = ?2 AND recordRef = ?3";
    params.push_back(ctx.info.auth_collection->id);
    params.push_back(ctx.auth_id());
  }
  auto changed = db.exec(sql, params);
  if (!changed) return ApiError::from(changed.error());
  if (changed->changes == 0) return ApiError::not_found();
  return Ok{};
}

Result<AuthenticatedRecord> authenticate_api_key(db::Connection& db, const collections::Schema& schema,
                                                 std::string_view key, std::chrono::system_clock::time_point now) {
  std::string table = db.dialect().quote_identifier(api_keys_table);
  auto row = db.query_one(std::string("SELECT ") + columns + " FROM " + table + " WHERE hash = ?1",
                          {sha256_hex(key)});
  if (!row) return row.error();
  if (!row->has_value()) return Error::failure("unknown API key");
  json described = describe(**row);
  if (described["revoked"].get<bool>()) return Error::failure("API key " + described["prefix"].get<std::string>() + "… is revoked");
  std::string expires = described["expires"];
  if (!expires.empty()) {
    auto at = datetime::parse(expires);
    if (!at || *at <= now) return Error::failure("API key " + described["prefix"].get<std::string>() + "… expired");
  }
  const auto* collection = schema.find(described["collectionId"].get<std::string>());
  if (!collection || !collection->is_auth()) return Error::failure("API key owner collection no longer exists");
  auto record = find_record_by_id(db, *collection, described["recordId"].get<std::string>());
  if (!record) return record.error();
  if (!record->has_value()) return Error::failure("API key owner record no longer exists");

  std::string last_used = described["lastUsed"];
  auto last = datetime::parse(last_used);
  if (!last || now - *last >= last_used_interval)  // best effort: a failed write does not refuse the key
    (void)db.exec("UPDATE " + table + " SET lastUsed = ?1 WHERE id = ?2",
                  {datetime::format(now), described["id"].get<std::string>()});
  json claims = {{"type", "apiKey"}, {"keyId", described["id"]}, {"scopes", described["scopes"]}};
  return AuthenticatedRecord{std::move(**record), collection, std::move(claims)};
}

}  // namespace fastcms::core::auth
