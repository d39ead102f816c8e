#pragma once
#include <map>
#include <optional>
#include <string>

#include "core/api_error.h"

namespace fastcms::core::files {

/// A FastCMS image transform, from the query of a file download:
/// `?width&height&format&quality&crop&blur&grayscale` (applied by transform_image in
/// core/files/image_processing.h).
struct ImageTransform {
  int width = 0;   ///< 1..max_output_side, or 0 = keep the aspect ratio (both 0: keep the size)
  int height = 0;  ///< as width
  std::string format;  ///< "" = keep the source format, or webp|jpeg|png|avif
  int quality = 0;     ///< 1..100 for jpeg, webp and avif (png ignores it); 0 = the encoder's default
  /// "" = fit inside the width×height box keeping the aspect ratio; center|top|bottom|left|right
  /// = cover the box and crop the overflow, keeping that part (top keeps the top, centred
  /// horizontally; left keeps the left, centred vertically). Only matters with both sides given.
  std::string crop;
  double blur = 0;         ///< gaussian blur sigma in output pixels, 0..100; 0 = none
  bool grayscale = false;  ///< convert to one grey band (plus alpha if the image has one)

  /// A name for the cached result: only [a-z0-9_.-], distinct for distinct transforms, e.g.
  /// "w200_h0_fwebp_q80_ccenter_b0_g1" ("forig" keeps the format, "cfit" is no crop).
  std::string cache_key() const;
};

/// Reads a transform from a download's query. nullopt when the query has none of width, height,
/// format, quality, crop, blur, grayscale (an empty value counts as absent); the first value of a
/// repeated parameter counts. Anything invalid is a 400 "Invalid image transform parameters."
/// whose data names each bad parameter: {"width":{"code":"validation_out_of_range","message":
/// "Must be an integer between 0 and 4096 (0 keeps the aspect ratio).","params":{"min":0,
/// "max":4096}}}; quality 1..100 and blur 0..100 the same way; format and crop outside their
/// lists are "validation_in_invalid", grayscale other than 1/true/0/false "validation_invalid_bool".
ApiResult<std::optional<ImageTransform>> parse_image_transform(const std::multimap<std::string, std::string>& query);

}  // namespace fastcms::core::files
