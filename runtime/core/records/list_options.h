#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/api_error.h"

namespace fastcms::core::records {

/// PocketBase's list paging bounds (tools/search/provider.go).
inline constexpr long long default_per_page = 30;
inline constexpr long long max_per_page = 1000;

/// The query parameters of a records list (`GET /api/collections/{c}/records`).
struct ListOptions {
  long long page = 1;        ///< ≤0 means 1
  long long per_page = 30;   ///< ≤0 means 30; more than 1000 means 1000
  std::string sort, filter, expand;
  bool skip_total = false;   ///< no COUNT query; totalItems and totalPages are -1
};

/// One page of a list, as PocketBase answers it.
struct ListPage {
  long long page = 1, per_page = default_per_page, total_items = -1, total_pages = -1;
  nlohmann::json items = nlohmann::json::array();

  /// {"items":[…],"page":N,"perPage":N,"totalItems":N,"totalPages":N}
  nlohmann::json to_json() const;
};

/// ListOptions from URL query parameters (`page`, `perPage`, `sort`, `filter`, `expand`,
/// `skipTotal`), parsed like PocketBase: an empty value is absent; page/perPage must be
/// integers (Go strconv.Atoi) and skipTotal a Go bool (1, t, T, TRUE, true, True, 0, f, …),
/// else 400 with the generic message and data {"<param>": {code, message}}.
ApiResult<ListOptions> parse_list_options(const std::map<std::string, std::string>& query);

}  // namespace fastcms::core::records
