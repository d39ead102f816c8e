#include "core/files/image_processing.h"

#include "core/files/image_encoding.h"
#include "core/files/image_geometry.h"
#include "core/files/image_source.h"

namespace fastcms::core::files {

namespace {

ImageSize size_of(VipsImage* image) { return {vips_image_get_width(image), vips_image_get_height(image)}; }

/// `image` resized to exactly `target` (the same image when it already has that size).
Result<vips::ImagePtr> resized(vips::ImagePtr image, ImageSize target) {
  if (size_of(image.get()) == target) return image;
  VipsImage* in = image.get();
  return vips::run(
      [&](VipsImage** out) {
        return vips_thumbnail_image(in, out, target.width, "height", target.height, "size", VIPS_SIZE_FORCE,
                                    "no_rotate", TRUE, nullptr);
      },
      "The image could not be resized");
}

/// `image` cropped to the aspect ratio of `target` at `anchor`, then resized to exactly `target`.
Result<vips::ImagePtr> covered(vips::ImagePtr image, ImageSize target, CropAnchor anchor) {
  ImageArea area = cover_crop(size_of(image.get()), target, anchor);
  VipsImage* in = image.get();
  auto cropped = vips::run(
      [&](VipsImage** out) {
        return vips_extract_area(in, out, area.left, area.top, area.width, area.height, nullptr);
      },
      "The image could not be cropped");
  if (!cropped) return cropped.error();
  return resized(std::move(*cropped), target);
}

CropAnchor thumb_anchor(ThumbSpec::Mode mode) {
  if (mode == ThumbSpec::Mode::top) return CropAnchor::top;
  if (mode == ThumbSpec::Mode::bottom) return CropAnchor::bottom;
  return CropAnchor::center;
}

CropAnchor transform_anchor(std::string_view crop) {
  if (crop == "top") return CropAnchor::top;
  if (crop == "bottom") return CropAnchor::bottom;
  if (crop == "left") return CropAnchor::left;
  if (crop == "right") return CropAnchor::right;
  return CropAnchor::center;
}

Result<vips::ImagePtr> thumb_geometry(vips::ImagePtr image, const ThumbSpec& spec) {
  ImageSize source = size_of(image.get());
  if (spec.width == 0 || spec.height == 0)
    return resized(std::move(image), within_output_limit(keep_aspect(source, spec.width, spec.height)));
  ImageSize box{spec.width, spec.height};
  if (spec.mode != ThumbSpec::Mode::fit) return covered(std::move(image), box, thumb_anchor(spec.mode));
  if (source.width <= box.width && source.height <= box.height) return image;
  return resized(std::move(image), fit_inside(source, box));
}

Result<vips::ImagePtr> transform_geometry(vips::ImagePtr image, const ImageTransform& transform) {
  ImageSize source = size_of(image.get());
  if (transform.width == 0 && transform.height == 0) return resized(std::move(image), within_output_limit(source));
  if (transform.width == 0 || transform.height == 0)
    return resized(std::move(image), within_output_limit(keep_aspect(source, transform.width, transform.height)));
  ImageSize box{transform.width, transform.height};
  if (transform.crop.empty()) return resized(std::move(image), fit_inside(source, box));
  return covered(std::move(image), box, transform_anchor(transform.crop));
}

Result<vips::ImagePtr> blurred(vips::ImagePtr image, double sigma) {
  if (sigma <= 0) return image;
  VipsImage* in = image.get();
  return vips::run([&](VipsImage** out) { return vips_gaussblur(in, out, sigma, nullptr); },
                   "The image could not be blurred");
}

Result<vips::ImagePtr> greyed(vips::ImagePtr image, bool grey) {
  if (!grey) return image;
  VipsImage* in = image.get();
  return vips::run([&](VipsImage** out) { return vips_colourspace(in, out, VIPS_INTERPRETATION_B_W, nullptr); },
                   "The image could not be made grey");
}

std::string transform_mime(const std::string& format, const std::string& source_mime) {
  return format.empty() ? source_mime : "image/" + format;
}

}  // namespace

bool is_thumbable_mime(std::string_view base_mime) {
  return base_mime == "image/png" || base_mime == "image/jpeg" || base_mime == "image/gif" ||
         base_mime == "image/webp";
}

bool is_transformable_mime(std::string_view base_mime) {
  return is_thumbable_mime(base_mime) || base_mime == "image/avif";
}

Result<RenderedImage> make_thumbnail(std::string_view image, const ThumbSpec& spec) {
  auto source = open_source_image(image, is_thumbable_mime);
  if (!source) return source.error();
  auto thumb = thumb_geometry(std::move(source->image), spec);
  if (!thumb) return thumb.error();
  return encode_image(thumb->get(), source->mime, 0);
}

Result<RenderedImage> transform_image(std::string_view image, const ImageTransform& transform) {
  auto source = open_source_image(image, is_transformable_mime);
  if (!source) return source.error();
  auto result = transform_geometry(std::move(source->image), transform);
  if (result) result = blurred(std::move(*result), transform.blur);
  if (result) result = greyed(std::move(*result), transform.grayscale);
  if (!result) return result.error();
  return encode_image(result->get(), transform_mime(transform.format, source->mime), transform.quality);
}

}  // namespace fastcms::core::files
