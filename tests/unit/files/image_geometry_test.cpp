// The arithmetic of thumbs and transforms, checked against what PocketBase's imaging library gives.
#include <doctest/doctest.h>

#include "core/files/image_geometry.h"

namespace geometry = fastcms::core::files;
using geometry::CropAnchor;
using geometry::ImageSize;

namespace {

bool same_area(geometry::ImageArea area, int left, int top, int width, int height) {
  return area.left == left && area.top == top && area.width == width && area.height == height;
}

}  // namespace

TEST_SUITE("files image geometry") {
  TEST_CASE("cover crops take the target's aspect ratio at the anchor") {
    ImageSize wide{400, 200}, tall{200, 400};
    CHECK(same_area(geometry::cover_crop(wide, {100, 100}, CropAnchor::center), 100, 0, 200, 200));
    CHECK(same_area(geometry::cover_crop(wide, {100, 100}, CropAnchor::left), 0, 0, 200, 200));
    CHECK(same_area(geometry::cover_crop(wide, {100, 100}, CropAnchor::right), 200, 0, 200, 200));
    CHECK(same_area(geometry::cover_crop(wide, {100, 100}, CropAnchor::top), 100, 0, 200, 200));
    CHECK(same_area(geometry::cover_crop(tall, {100, 100}, CropAnchor::top), 0, 0, 200, 200));
    CHECK(same_area(geometry::cover_crop(tall, {100, 100}, CropAnchor::bottom), 0, 200, 200, 200));
    CHECK(same_area(geometry::cover_crop(tall, {100, 100}, CropAnchor::center), 0, 100, 200, 200));
    CHECK(same_area(geometry::cover_crop(tall, {100, 100}, CropAnchor::left), 0, 100, 200, 200));
    // 333x100 into 100x33: width 100*100/33 = 303.03 → 303, centred at (333-303)/2 = 15
    CHECK(same_area(geometry::cover_crop({333, 100}, {100, 33}, CropAnchor::center), 15, 0, 303, 100));
    // a 1-pixel-high sliver still crops at least one pixel
    CHECK(same_area(geometry::cover_crop({1, 1000}, {4096, 1}, CropAnchor::center), 0, 499, 1, 1));
    CHECK(same_area(geometry::cover_crop({50, 50}, {50, 50}, CropAnchor::bottom), 0, 0, 50, 50));
  }

  TEST_CASE("keep aspect rounds the free side and keeps it at least 1") {
    CHECK(geometry::keep_aspect({400, 200}, 0, 50) == ImageSize{100, 50});
    CHECK(geometry::keep_aspect({400, 200}, 50, 0) == ImageSize{50, 25});
    CHECK(geometry::keep_aspect({3, 2}, 0, 3) == ImageSize{5, 3});  // 4.5 rounds up
    CHECK(geometry::keep_aspect({1000, 1}, 10, 0) == ImageSize{10, 1});
  }

  TEST_CASE("fit inside truncates the free side; the output limit scales down only") {
    CHECK(geometry::fit_inside({400, 200}, {100, 100}) == ImageSize{100, 50});
    CHECK(geometry::fit_inside({300, 200}, {100, 100}) == ImageSize{100, 66});  // 66.67 truncated
    CHECK(geometry::fit_inside({200, 400}, {1000, 1000}) == ImageSize{500, 1000});
    CHECK(geometry::fit_inside({10000, 1}, {100, 100}) == ImageSize{100, 1});
    CHECK(geometry::within_output_limit({4096, 4096}) == ImageSize{4096, 4096});
    CHECK(geometry::within_output_limit({20, 10}) == ImageSize{20, 10});
    CHECK(geometry::within_output_limit({8192, 100}) == ImageSize{4096, 50});
    CHECK(geometry::within_output_limit({100, 5000}) == ImageSize{81, 4096});
  }
}
