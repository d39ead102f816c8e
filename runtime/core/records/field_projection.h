#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

namespace fastcms::core::records {

/// PocketBase's `fields` query parameter (tools/picker), for any JSON response body:
/// - a comma list of keys to keep; `*` keeps every key of its level; dotted paths pick
///   inside objects (`expand.author.name`) and inside each object of an array;
/// - a key listed whole is kept whole, even when deeper paths below it are listed too;
/// - `path:excerpt(maxLength[,withEllipsis])` turns a string value into a plain-text
///   excerpt (html_excerpt); other values are left as they are; on `*` it applies to every
///   key of that level;
/// - on a list page ({page, perPage, totalItems, totalPages, items}) the fields apply to
///   each item and the paging keys stay.
/// An empty `fields` returns the body unchanged. A malformed parameter (unbalanced
/// parentheses or quotes, an unknown modifier, excerpt without a positive maxLength or with
/// more than two arguments) also leaves the body unchanged: PocketBase fails it only after
/// the 200 status was sent.
nlohmann::json project_fields(const nlohmann::json& body, std::string_view fields);

}  // namespace fastcms::core::records
