#pragma once

/// The arithmetic of thumbnails and transforms, as PocketBase's imaging library does it.
namespace fastcms::core::files {

struct ImageSize {
  int width = 0;
  int height = 0;
  bool operator==(const ImageSize&) const = default;
};

/// A rectangle inside an image.
struct ImageArea {
  int left = 0;
  int top = 0;
  int width = 0;
  int height = 0;
};

/// Which part of an image a cover crop keeps: top / bottom are centred horizontally, left / right
/// vertically.
enum class CropAnchor { center, top, bottom, left, right };

/// The largest area of `source` with the aspect ratio of `target`, placed at `anchor`: what
/// scaled to `target` covers it exactly (imaging.Fill's crop).
ImageArea cover_crop(ImageSize source, ImageSize target, CropAnchor anchor);

/// `source` resized to the given width (height 0) or height (width 0), keeping the aspect ratio;
/// the free side rounded, at least 1 (imaging.Resize).
ImageSize keep_aspect(ImageSize source, int width, int height);

/// `source` scaled up or down to fit inside `box` keeping the aspect ratio, the free side
/// truncated, at least 1 (imaging.Fit's arithmetic, without its "never enlarge").
ImageSize fit_inside(ImageSize source, ImageSize box);

/// `size`, scaled down to fit max_output_side × max_output_side when it does not.
ImageSize within_output_limit(ImageSize size);

}  // namespace fastcms::core::files
