#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "db/connection.h"

namespace fastcms::core::files {

/// A stored file that a download request named and may read.
struct ServedFile {
  const collections::Collection* collection = nullptr;  ///< owned by the schema passed in
  const collections::Field* field = nullptr;            ///< the file field holding the name
  std::string record_id;
  std::string name;         ///< the stored name
  std::string storage_key;  ///< "{collectionId}/{recordId}/{name}"
  bool is_protected() const;
};

/// The storage key of a record's file: "{collectionId}/{recordId}/{name}" (PocketBase's layout).
std::string file_storage_key(const collections::Collection& collection, std::string_view record_id,
                             std::string_view name);

/// PocketBase's download lookup for GET /api/files/{collection}/{record}/{name}:
/// - the collection (name or id) exists, `name` is a name stored_file_name() can produce,
///   the record exists and one of its file fields holds `name`;
/// - a `protected` field also needs `file_token`, a file token (POST /api/files/token) of an
///   auth record, for which the collection's viewRule holds with @request.context
///   "protectedFile" (a null viewRule: superusers only). Files of unprotected fields are
///   public to whoever knows the (unguessable) name, as in PocketBase.
/// Every failure is the same 404, so a requester cannot tell a missing file from one it
/// may not read.
ApiResult<ServedFile> find_served_file(db::Connection& db, const collections::Schema& schema,
                                       std::string_view collection, std::string_view record_id,
                                       std::string_view name, std::string_view file_token,
                                       std::string_view project_secret);

}  // namespace fastcms::core::files
