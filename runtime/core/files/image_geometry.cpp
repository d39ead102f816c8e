#include "core/files/image_geometry.h"

#include <algorithm>
#include <cmath>

#include "core/files/image_limits.h"

namespace fastcms::core::files {

ImageArea cover_crop(ImageSize source, ImageSize target, CropAnchor anchor) {
  double source_aspect = double(source.width) / source.height;
  double target_aspect = double(target.width) / target.height;
  ImageArea area{0, 0, source.width, source.height};
  if (source_aspect < target_aspect) {
    double height = double(source.width) * target.height / target.width;
    area.height = std::min(source.height, int(std::max(1.0, height) + 0.5));
  } else {
    double width = double(source.height) * target.width / target.height;
    area.width = std::min(source.width, int(std::max(1.0, width) + 0.5));
  }
  int centred_left = (source.width - area.width) / 2, centred_top = (source.height - area.height) / 2;
  switch (anchor) {
    case CropAnchor::center: area.left = centred_left, area.top = centred_top; break;
    case CropAnchor::top: area.left = centred_left, area.top = 0; break;
    case CropAnchor::bottom: area.left = centred_left, area.top = source.height - area.height; break;
    case CropAnchor::left: area.left = 0, area.top = centred_top; break;
    case CropAnchor::right: area.left = source.width - area.width, area.top = centred_top; break;
  }
  return area;
}

ImageSize keep_aspect(ImageSize source, int width, int height) {
  if (width == 0) width = int(std::max(1.0, std::floor(double(height) * source.width / source.height + 0.5)));
  if (height == 0) height = int(std::max(1.0, std::floor(double(width) * source.height / source.width + 0.5)));
  return {width, height};
}

ImageSize fit_inside(ImageSize source, ImageSize box) {
  double source_aspect = double(source.width) / source.height;
  double box_aspect = double(box.width) / box.height;
  if (source_aspect > box_aspect) return {box.width, std::max(1, int(box.width / source_aspect))};
  return {std::max(1, int(box.height * source_aspect)), box.height};
}

ImageSize within_output_limit(ImageSize size) {
  if (size.width <= max_output_side && size.height <= max_output_side) return size;
  return fit_inside(size, {max_output_side, max_output_side});
}

}  // namespace fastcms::core::files
