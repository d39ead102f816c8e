#pragma once
#include <string>
#include <string_view>

#include "common/error.h"
#include "core/files/vips_session.h"

namespace fastcms::core::files {

/// An image that passed every check, its pixels decoded on demand by libvips.
struct SourceImage {
  vips::ImagePtr image;  ///< upright (EXIF orientation applied)
  std::string mime;      ///< image/png, image/jpeg, image/gif, image/webp or image/avif
};

/// Opens `bytes` (which must outlive the returned image) for processing. Refuses: content whose
/// sniffed type is not accepted by `allowed` or that libvips would not load with that type's own
/// loader (so the SVG, PDF, TIFF and ImageMagick loaders are never used); a header claiming more
/// than max_input_side on a side or max_input_pixels (core/files/image_limits.h), checked before
/// any pixel is decoded; a header that does not parse. Only the first frame of an animation
/// counts. Truncated or corrupt pixel data fails later, when the pixels are read.
Result<SourceImage> open_source_image(std::string_view bytes, bool (*allowed)(std::string_view mime));

}  // namespace fastcms::core::files
