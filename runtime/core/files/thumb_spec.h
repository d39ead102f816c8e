#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace fastcms::core::files {

/// A PocketBase thumb size, the value of `?thumb=` on a file download.
struct ThumbSpec {
  int width = 0;   ///< 0 = follow the height, keeping the aspect ratio
  int height = 0;  ///< 0 = follow the width, keeping the aspect ratio
  /// With both sides given: center crops to exactly WxH from the centre, top / bottom crop from
  /// the top / bottom (centred horizontally), fit resizes to fit inside WxH keeping the aspect
  /// ratio (never enlarging). Ignored when a side is 0.
  enum class Mode { center, top, bottom, fit } mode = Mode::center;

  /// The canonical text: "100x100", "100x100t", "100x100b", "100x100f", "0x50".
  std::string text() const;
};

/// Parses PocketBase's `^(\d+)x(\d+)(t|b|f)?$`. nullopt for anything else, for "0x0" and for a
/// side above max_output_side (core/files/image_limits.h).
std::optional<ThumbSpec> parse_thumb_spec(std::string_view text);

}  // namespace fastcms::core::files
