#pragma once
#include <string>

#include "core/collections/collection.h"

namespace fastcms::core::codegen {

/// TypeScript declarations for the records of every collection in `schema`, as the API
/// returns them: `<Name>Record` interfaces (field types mapped, select values as string
/// literal unions, relations as record ids, hidden fields left out, `expand?` typed by
/// `<Name>Expand` with the related records), plus `CollectionRecords` (name → record type)
/// and `CollectionName`. Compiles under `tsc --strict`.
std::string typescript_types(const collections::Schema& schema);

}  // namespace fastcms::core::codegen
