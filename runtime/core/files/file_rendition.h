#pragma once
#include <map>
#include <optional>
#include <string>

#include "core/api_error.h"
#include "core/files/file_access.h"
#include "core/files/file_storage.h"

namespace fastcms::core::files {

/// The bytes a download sends and the name it presents them under.
struct Rendition {
  std::string bytes;
  std::string name;
  /// Where these bytes are (or would be) kept in storage: the original's key, or its thumb's
  /// or transform's. Names never get new content, so the key identifies the bytes.
  std::string key;
};

/// At most this many transforms of one file are kept in storage; further ones are rendered
/// on every request, so arbitrary query strings cannot fill the disk or the bucket.
inline constexpr std::size_t max_cached_transforms_per_file = 16;

/// What GET /api/files/… sends for `file`, given the request's query:
/// - any transform parameter (width, height, format, quality, crop, blur, grayscale;
///   image_transform.h): the transformed image, on a transformable image only (400 with the
///   parameter otherwise), cached under "{collectionId}/{recordId}/transforms_{name}/";
/// - `thumb=WxH[t|b|f]` for a size the field lists in `thumbs` or 100x100, on a png, jpeg,
///   gif or webp: the thumbnail, generated once and kept in PocketBase's layout
///   "{collectionId}/{recordId}/thumbs_{name}/{WxH}_{name}"; any other size, another type,
///   or an image that fails to decode: the original (as PocketBase does);
/// - otherwise the original.
/// nullopt when the original is not in storage or the storage fails (logged: clients get
/// the same 404 either way). Renders run on at most PB_THUMBS_MAX_WORKERS threads at once
/// (default: the number of cores) and wait at most PB_THUMBS_MAX_WAIT seconds (default 60)
/// for a turn: a thumb that could not start in time is the original, a transform a 503. A
/// transform that fails to render is a 400 with a fixed message (the detail is logged).
ApiResult<std::optional<Rendition>> read_rendition(FileStorage& storage, const ServedFile& file,
                                                    const std::multimap<std::string, std::string>& query);

}  // namespace fastcms::core::files
