#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace fastcms::core::collections {

/// One field of a collection, typed. Options other than the common ones (id, name, type,
/// required, hidden, system, presentable, help) stay in `options` as in the definition
/// (PocketBase keeps them flat on the field object: `{name, type, maxSelect, ...}`).
struct Field {
  std::string id;    ///< as declared, else type + decimal CRC32-IEEE(name), e.g. "text3208210256" for id
  std::string name;  ///< also the column name
  std::string type;  ///< text, number, bool, email, url, editor, date, autodate, select, json, relation, file, password, geoPoint
  bool required = false;
  bool hidden = false;
  bool system = false;
  bool presentable = false;  ///< shown as the record's label in relation pickers (dashboard)
  std::string help;          ///< help text for the dashboard
  nlohmann::json options = nlohmann::json::object();

  /// True for select, file and relation fields whose maxSelect is greater than 1: their
  /// value is stored as a JSON array text; otherwise as a single value (PocketBase rule:
  /// maxSelect ≤ 1, or absent, means single).
  bool is_multi() const;
  /// True for the types that may hold several values (select, file, relation), whatever maxSelect.
  bool is_multi_capable() const;
  /// The "collection" option (a name) if present, else "collectionId"; "" for non-relations.
  std::string relation_target() const;
};

/// A collection as the runtime uses it: its fields (the implicit ones included) and rules.
struct Collection {
  std::string id;    ///< as declared, else "pbc_" + decimal CRC32-IEEE(type + name)
  std::string name;  ///< also the table name
  std::string type;  ///< base | auth | view
  std::vector<Field> fields;
  std::optional<std::string> list_rule, view_rule, create_rule, update_rule, delete_rule;
  std::optional<std::string> auth_rule, manage_rule;  ///< auth collections only
  nlohmann::json definition;                          ///< the definition it was built from

  /// The field named `name`, or nullptr.
  const Field* field(std::string_view name) const;
  /// Every field name, in order (for messages and suggestions).
  std::vector<std::string> field_names() const;
  bool is_auth() const { return type == "auth"; }
};

/// Decimal CRC32-IEEE of `text` (the checksum PocketBase uses for default ids).
uint32_t crc32_ieee(std::string_view text);

/// Builds the typed model from a PocketBase-shaped collection definition. Adds the implicit
/// fields every collection has (id, created, updated; auth collections also email,
/// emailVisibility, verified, password, tokenKey; view collections only id) unless the
/// definition declares them itself. Fails with a message naming the problem when the
/// definition lacks a name, has a malformed field, or declares a field twice.
Result<Collection> collection_from_json(const nlohmann::json& definition);

/// A set of collections, looked up by name or by id. Pointers returned stay valid for the
/// lifetime of the Schema (and across add()).
class Schema {
 public:
  Schema() = default;
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;
  Schema(Schema&&) = default;
  Schema& operator=(Schema&&) = default;

  /// Adds a collection; fails if its name or id is already taken.
  Status add(Collection collection);
  /// The collection whose name or id is `name_or_id`, or nullptr.
  const Collection* find(std::string_view name_or_id) const;
  /// Every collection name, in insertion order.
  std::vector<std::string> names() const;
  const std::vector<std::unique_ptr<Collection>>& collections() const { return items_; }

 private:
  std::vector<std::unique_ptr<Collection>> items_;
  std::map<std::string, const Collection*, std::less<>> by_name_, by_id_;
};

/// A Schema from an array of collection definitions (collection_from_json on each).
Result<Schema> schema_from_json(const nlohmann::json& definitions);

}  // namespace fastcms::core::collections
