#pragma once
#include <string>
#include <string_view>

namespace fastcms::core::files {

/// The name a file uploaded as `original` is stored under, as PocketBase names it:
/// `{snake_case base, at most 100 characters}_{10 random [a-z0-9]}{.ext lower-cased}`.
/// Only the last path component of `original` counts and every character outside
/// [a-z0-9_] is replaced, so the result never contains a path separator, "..", a NUL or
/// a leading dot; a base shorter than 3 characters gets 10 random characters appended.
/// `detected_extension` (e.g. ".png", from the content) is used when `original` has none.
std::string stored_file_name(std::string_view original, std::string_view detected_extension = "");

/// True for names stored_file_name can produce: what a file route accepts before looking
/// anything up, so no client-chosen path reaches the storage.
bool is_stored_file_name(std::string_view name);

}  // namespace fastcms::core::files
