#pragma once
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/auth/password_hash.h"
#include "support/records_test_db.h"

namespace fastcms::test {

/// Collections for the records write-path tests, covering every field type, modifiers,
/// rules in each state, auth records and relations (cascading, required, single, multi).
/// bcrypt cost 4 keeps the tests fast.
inline nlohmann::json records_test_collections() {
  return nlohmann::json::parse(R"J([
  {"name": "_superusers", "type": "auth",
   "fields": [{"name": "password", "type": "password", "required": true, "min": 8, "cost": 4}]},
  {"name": "users", "type": "auth", "id": "_pb_users_auth_",
   "fields": [
     {"name": "password", "type": "password", "required": true, "min": 8, "cost": 4},
     {"name": "name", "type": "text", "max": 50},
     {"name": "role", "type": "select", "values": ["member", "admin"], "maxSelect": 1}
   ],
   "listRule": "", "viewRule": "", "createRule": "",
   "updateRule": "id = @request.auth.id || @request.auth.role = 'admin'",
   "deleteRule": "id = @request.auth.id",
   "manageRule": "@request.auth.role = 'admin'"},
  {"name": "posts", "type": "base",
   "fields": [
     {"name": "title", "type": "text", "required": true, "max": 20},
     {"name": "slug", "type": "text", "pattern": "^post-[a-z0-9]+$", "autogeneratePattern": "post-[a-z0-9]{6}"},
     {"name": "views", "type": "number", "min": 0, "onlyInt": true},
     {"name": "rating", "type": "number", "max": 5},
     {"name": "published", "type": "bool"},
     {"name": "contact", "type": "email", "onlyDomains": ["example.com"]},
     {"name": "site", "type": "url"},
     {"name": "body", "type": "editor", "maxSize": 50},
     {"name": "due", "type": "date", "min": "2020-01-01 00:00:00.000Z"},
     {"name": "status", "type": "select", "values": ["draft", "published"], "maxSelect": 1},
     {"name": "tags", "type": "select", "values": ["a", "b", "c", "d"], "maxSelect": 3},
     {"name": "author", "type": "relation", "collection": "users", "maxSelect": 1},
     {"name": "editors", "type": "relation", "collection": "users", "maxSelect": 5},
     {"name": "meta", "type": "json", "maxSize": 40},
     {"name": "location", "type": "geoPoint"},
     {"name": "cover", "type": "file", "maxSelect": 1},
     {"name": "attachments", "type": "file", "maxSelect": 5},
     {"name": "secret", "type": "text", "hidden": true}
   ],
   "indexes": ["CREATE UNIQUE INDEX idx_posts_title ON posts (title)"],
   "listRule": "", "viewRule": "",
   "createRule": "@request.auth.id != '' && author = @request.auth.id",
   "updateRule": "author = @request.auth.id",
   "deleteRule": "author = @request.auth.id"},
  {"name": "comments", "type": "base",
   "fields": [
     {"name": "post", "type": "relation", "collection": "posts", "maxSelect": 1, "required": true, "cascadeDelete": true},
     {"name": "author", "type": "relation", "collection": "users", "maxSelect": 1, "required": true},
     {"name": "text", "type": "text"}
   ],
   "listRule": "", "viewRule": "", "createRule": "", "updateRule": "", "deleteRule": ""},
  {"name": "replies", "type": "base",
   "fields": [
     {"name": "comment", "type": "relation", "collection": "comments", "maxSelect": 1, "required": true, "cascadeDelete": true},
     {"name": "text", "type": "text"}
   ],
   "listRule": "", "viewRule": "", "createRule": "", "updateRule": "", "deleteRule": ""},
  {"name": "pins", "type": "base",
   "fields": [{"name": "comment", "type": "relation", "collection": "comments", "maxSelect": 1, "required": true}],
   "listRule": "", "viewRule": "", "createRule": "", "updateRule": "", "deleteRule": ""},
  {"name": "bundles", "type": "base",
   "fields": [
     {"name": "items", "type": "relation", "collection": "posts", "maxSelect": 10, "cascadeDelete": true},
     {"name": "label", "type": "text"}
   ],
   "listRule": "", "viewRule": "", "createRule": "", "updateRule": "", "deleteRule": ""},
  {"name": "tickets", "type": "base",
   "fields": [
     {"name": "title", "type": "text"},
     {"name": "priority", "type": "number"},
     {"name": "labels", "type": "select", "values": ["x", "y", "z"], "maxSelect": 3}
   ],
   "createRule": "@request.body.priority:isset = true && @request.body.priority <= 3 && @request.body.labels:length <= 2",
   "updateRule": "@request.body.title:changed = false",
   "deleteRule": ""},
  {"name": "locked", "type": "base", "fields": [{"name": "note", "type": "text"}]},
  {"name": "post_titles", "type": "view", "viewQuery": "SELECT id, title FROM posts"}
])J");
}

/// Plain password of every seeded account.
inline const std::string seeded_password = "password123";

/// Ids of the seeded accounts (15 characters [a-z0-9], like PocketBase's).
inline const std::string alice_id = "alice0000000001";  ///< users, role member
inline const std::string bob_id = "bob000000000001";    ///< users, role member
inline const std::string admin_id = "admin0000000001";  ///< users, role admin (passes manageRule)
inline const std::string root_id = "root00000000001";   ///< _superusers

/// Inserts the accounts above with seeded_password (bcrypt cost 4) and tokenKey "<id>-token-key-...".
inline void seed_records_test_accounts(RecordsTestDb& t) {
  auto hash = core::auth::hash_password(seeded_password, 4);
  if (!hash.ok()) FAIL(hash.error().message);
  auto account = [&](const std::string& collection, const std::string& id, const std::string& email,
                     const std::string& role) {
    nlohmann::json row = {{"id", id},           {"email", email},
                          {"password", *hash},  {"tokenKey", id + "-token-key-0123456789abcdefghij"},
                          {"verified", true},   {"emailVisibility", false},
                          {"created", "2024-01-01 00:00:00.000Z"}, {"updated", "2024-01-01 00:00:00.000Z"}};
    if (!role.empty()) row["role"] = role, row["name"] = id.substr(0, id.find('0'));
    t.insert(collection, row);
  };
  account("users", alice_id, "alice@example.com", "member");
  account("users", bob_id, "bob@example.com", "member");
  account("users", admin_id, "admin@example.com", "admin");
  account("_superusers", root_id, "root@example.com", "");
}

}  // namespace fastcms::test
