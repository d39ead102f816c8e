#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::records {

/// Relation levels one expand path may follow; deeper segments are ignored (PocketBase).
inline constexpr size_t max_expand_depth = 6;

/// One node of a parsed `expand` parameter: a relation name and what to expand below it.
struct ExpandPath {
  std::string name;
  std::vector<ExpandPath> children;
};

/// `expand` as a tree, normalised like PocketBase: a comma list of dotted paths; spaces are
/// removed, leading/trailing dots trimmed, empty items dropped; paths sharing a prefix
/// share nodes ("a.b,a.c" → a{b,c}); segments past max_expand_depth are dropped.
std::vector<ExpandPath> parse_expand(std::string_view expand);

/// Expands relations of `records` (presented records of `collection`: a JSON array, or a
/// single record object), in place, PocketBase's way:
/// - a relation field `rel` puts the related records under "expand": {"rel": …}: an object
///   for a single relation, an array (in the field's order) for a multiple one;
/// - a back-relation `other_via_field` (records of `other` whose relation `field` points
///   here) gives an array in insertion order, at most 1000 per record, or an object when
///   `field` has a single-column UNIQUE index;
/// - nested paths expand the expanded records (at most max_expand_depth levels);
/// - only records the requester may view are included: the related collection's viewRule
///   is applied with @request.context = "expand"; a null viewRule makes the path fail for
///   non-superusers. Related records are presented (present_record) for the requester.
/// - A path that cannot be expanded (unknown field, not a relation, hidden collection, a
///   rule that no longer compiles) is silently left out, as a whole, like PocketBase; every
///   record a successful path reached gets an "expand" object, even an empty one.
/// Queries are batched: one per relation path and level, never one per record.
/// Errors: only database failures (400 with the generic message).
ApiStatus expand_records(db::Connection& db, const collections::Schema& schema,
                         const collections::Collection& collection, const RequestContext& ctx,
                         nlohmann::json& records, std::string_view expand);

}  // namespace fastcms::core::records
