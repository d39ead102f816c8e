#pragma once
#include <nlohmann/json.hpp>

#include "core/collections/collection.h"

namespace fastcms::core::codegen::openapi {

/// Adds `collection`'s record schemas to `schemas`: `<Stem>Record` (as the API returns a
/// record: hidden and password fields left out, `expand` typed by the related collections'
/// records), `<Stem>ListResult`, and for base and auth collections `<Stem>Create` and
/// `<Stem>Update` (the JSON bodies: autodate fields and tokenKey left out, auth collections
/// with password, passwordConfirm and, on update, oldPassword).
void add_record_schemas(nlohmann::ordered_json& schemas, const collections::Schema& schema,
                        const collections::Collection& collection);

/// Adds the records endpoints of `collection` to `paths`: list and view, plus create, update
/// and delete unless it is a view collection; each operation states its rule.
void add_record_paths(nlohmann::ordered_json& paths, const collections::Collection& collection);

}  // namespace fastcms::core::codegen::openapi
