#pragma once
#include <map>
#include <string>

#include "common/error.h"
#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/records/field_value.h"

namespace fastcms::core::records {

/// Per-key validation failures of one write, keyed by field (or body key) name: the `data`
/// of PocketBase's 400 response. The first failure recorded for a key wins.
class FieldErrors {
 public:
  /// Records `error` for `key` unless the key already has one.
  void add(const std::string& key, FieldError error);
  /// Adds every entry of `other` (keeping existing ones).
  void merge(const FieldErrors& other);
  bool has(const std::string& key) const { return items_.count(key) > 0; }
  bool empty() const { return items_.empty(); }
  const std::map<std::string, FieldError>& items() const { return items_; }

  /// {"key":{"code","message"[,"params"]}, ...}
  nlohmann::json to_json() const;

 private:
  std::map<std::string, FieldError> items_;
};

/// A 400 with `message` ("Failed to create record." / "Failed to update record.") and the
/// errors as its data.
ApiError validation_failed(const std::string& message, const FieldErrors& errors);

/// For a database unique violation on `collection`'s table, validation_not_unique ("Value
/// must be unique.") on each collection field the violated index covers; empty for any
/// other error or when no column names a field.
FieldErrors unique_violation_errors(const collections::Collection& collection, const Error& error);

}  // namespace fastcms::core::records
