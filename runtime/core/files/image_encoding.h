#pragma once
#include <string>
#include <string_view>

#include "common/error.h"
#include "core/files/image_processing.h"
#include "core/files/vips_session.h"

namespace fastcms::core::files {

/// Encodes `image` as `mime` (image/png, image/jpeg, image/gif, image/webp, image/avif) without
/// metadata (EXIF, XMP, ICC). `quality` 1..100 applies to jpeg, webp and avif, 0 means the
/// encoder's default; png and gif ignore it. An alpha channel is flattened onto white for jpeg.
/// This is where the pixels are decoded, into memory (bounded by the output limit): truncated or
/// corrupt input fails here with "The image could not be decoded (truncated or corrupt file)".
Result<RenderedImage> encode_image(VipsImage* image, std::string_view mime, int quality);

}  // namespace fastcms::core::files
