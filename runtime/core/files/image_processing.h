#pragma once
#include <string>
#include <string_view>

#include "common/error.h"
#include "core/files/image_limits.h"
#include "core/files/image_transform.h"
#include "core/files/thumb_spec.h"

/// Thumbnails and transforms of uploaded images, with libvips. Safe to call from many threads at
/// once. Inputs are checked before any pixel is decoded: only PNG, JPEG, GIF, WebP (and AVIF for
/// transforms) decoded by their own libvips loader (never SVG, PDF, TIFF or ImageMagick), at most
/// max_input_side per side and max_input_pixels (core/files/image_limits.h); outputs are at most
/// max_output_side per side and carry no metadata. Only the first frame of an animated GIF or
/// WebP is used. Errors caused by the input (unsupported type, over the limits, truncated or
/// corrupt) are ErrorKind::usage and their message says what was wrong (naming the limits of a
/// too-large image); anything else is ErrorKind::failure.
namespace fastcms::core::files {

/// The types PocketBase makes thumbs of: image/png, image/jpeg, image/gif, image/webp.
bool is_thumbable_mime(std::string_view base_mime);

/// The thumbable types and image/avif; never SVG.
bool is_transformable_mime(std::string_view base_mime);

/// Encoded image bytes and their media type.
struct RenderedImage {
  std::string bytes;
  std::string mime;  ///< image/png, image/jpeg, image/gif, image/webp or image/avif
};

/// A PocketBase thumb of `image`, in the source's format (GIF stays GIF, first frame only):
/// WxH is exactly WxH cropped from the centre (t: from the top, b: from the bottom, both centred
/// horizontally), WxHf fits inside WxH keeping the aspect ratio and never enlarges, 0xH / Wx0
/// keep the aspect ratio (scaled down to fit max_output_side if the free side would exceed it).
Result<RenderedImage> make_thumbnail(std::string_view image, const ThumbSpec& spec);

/// `image` resized (one side given keeps the aspect ratio; both: fit inside the box, or cover it
/// and crop at transform.crop; none: the source size, scaled down to max_output_side), blurred,
/// made grey, and encoded as transform.format (or the source's format) at transform.quality.
Result<RenderedImage> transform_image(std::string_view image, const ImageTransform& transform);

}  // namespace fastcms::core::files
