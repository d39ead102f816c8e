#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/error.h"
#include "core/collections/collection.h"

namespace fastcms::core::collections {

/// Collection ids by name and by id: how relation fields written with a target name
/// (`collection: users`) get their `collectionId`, and back.
class CollectionDirectory {
 public:
  void add(const std::string& id, const std::string& name);
  /// The id of the collection identified by `name_or_id` (an id, or a name compared
  /// case-insensitively); "" when unknown.
  std::string resolve(std::string_view name_or_id) const;
  /// The name of the collection with id `id`; "" when unknown.
  std::string name_of(std::string_view id) const;
  /// Every collection of `schema`.
  static CollectionDirectory of(const Schema& schema);

 private:
  std::map<std::string, std::string, std::less<>> id_by_lower_name_;
  std::map<std::string, std::string, std::less<>> name_by_id_;
};

/// "pbc_" + decimal CRC32-IEEE(type + name): the id a collection gets when none is given.
std::string default_collection_id(const std::string& type, const std::string& name);
/// type + decimal CRC32-IEEE(name): the id a field gets when none is given.
std::string default_field_id(const std::string& type, const std::string& name);

/// The form a definition is stored in (`_collections.definition`) and compared in: id,
/// name, type, system, every field (the implicit ones included) with its id and every
/// option of its type (PocketBase's zero values where the definition is silent; relation
/// fields get `collectionId` resolved through `directory` in place of `collection`),
/// indexes (without the implicit auth ones, which follow from the type), the five rules
/// (null when absent), and per type: viewQuery (view) or every auth option with
/// PocketBase's defaults (auth; token secrets kept when given). fastcms's own `search`
/// and field `readRule`/`writeRule` are kept; created, updated and unknown keys are not.
/// Two definitions that mean the same collection have equal canonical forms.
Result<nlohmann::json> canonical_definition(const nlohmann::json& definition, const CollectionDirectory& directory);

/// The field object as it appears in a canonical definition.
nlohmann::json canonical_field(const Field& field, const CollectionDirectory& directory);

/// `field` (a field object) without the options whose value is its type's default and
/// without null options (PocketBase treats null as the zero value).
nlohmann::json without_default_options(const nlohmann::json& field);

/// The reverse of canonical_definition, for collection files a person reads: leaves out
/// created/updated, an id or field id equal to its default, system:false, options equal
/// to their defaults, implicit fields that equal their implicit form, auth options equal
/// to their defaults and empty indexes; relation targets whose name `directory` knows
/// are written as `collection: <name>`. canonical_definition(tidy_definition(d)) equals
/// canonical_definition(d).
nlohmann::json tidy_definition(const nlohmann::json& definition, const CollectionDirectory& directory);

}  // namespace fastcms::core::collections
