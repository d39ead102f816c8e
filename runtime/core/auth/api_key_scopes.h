#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fastcms::core::auth {

/// What a request does to a collection's records, as API key scopes see it.
enum class ScopeAction { read, write };

/// Checks one scope string: "*" (everything the owner may do), or TARGET:ACTION where
/// TARGET is "records" or "*" (every collection) or a collection name ([A-Za-z0-9_]+) and
/// ACTION is "read", "write" or "*". Returns the reason it is invalid, or nullopt.
std::optional<std::string> scope_error(std::string_view scope);

/// Whether `scopes` let a key act on the records of `collection` with `action`. Keys only
/// narrow what their owner may do: the collection rules still apply on top.
bool scopes_allow_records(const std::vector<std::string>& scopes, std::string_view collection, ScopeAction action);

/// Whether `scopes` hold "*", which every non-records endpoint (collections, settings,
/// auth, batch…) requires of an API key.
bool scopes_allow_everything(const std::vector<std::string>& scopes);

}  // namespace fastcms::core::auth
