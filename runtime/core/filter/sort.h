#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "core/filter/compiler.h"

namespace fastcms::core::filter {

/// Bounds on a sort expression (PocketBase's defaults).
struct SortLimits {
  size_t max_fields = 8;
  size_t max_field_length = 255;
};

/// A sort as SQL: `order_by_sql` is the list after ORDER BY ("" when the sort was empty),
/// over the root table aliased `root_alias`, with `params` bound in order.
struct CompiledSort {
  std::string order_by_sql;
  std::vector<SqlValue> params;
};

/// Compiles a PocketBase sort (`-created,id,@random,@rowid`): comma-separated terms, `-`
/// for descending, `+` or nothing for ascending. A term is `@random`, `@rowid` or a field
/// path resolved like in filters (single relations are followed; a path with several values
/// per record is an error, as is an unknown field).
Result<CompiledSort> compile_sort(std::string_view sort, const collections::Collection& root,
                                  const collections::Schema& schema, const RequestInfo& request,
                                  const CompileOptions& options = {}, const SortLimits& limits = {});

}  // namespace fastcms::core::filter
