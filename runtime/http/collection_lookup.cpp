#include "http/collection_lookup.h"

namespace fastcms::http {

core::ApiResult<const core::collections::Collection*> find_collection(const core::collections::Schema& schema,
                                                                      std::string_view name_or_id) {
  if (const auto* c = schema.find(name_or_id)) return c;
  return core::ApiError::not_found("Missing collection context.");
}

}  // namespace fastcms::http
