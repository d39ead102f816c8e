// PocketBase's ?thumb= sizes: ^(\d+)x(\d+)(t|b|f)?$, no 0x0, nothing above the output limit.
#include <doctest/doctest.h>

#include "core/files/image_limits.h"
#include "core/files/thumb_spec.h"

using fastcms::core::files::parse_thumb_spec;
using fastcms::core::files::ThumbSpec;

TEST_SUITE("files thumb spec") {
  TEST_CASE("every PocketBase form parses and prints back") {
    for (const char* text : {"100x100", "100x100t", "100x100b", "100x100f", "0x50", "50x0", "4096x4096", "1x1"}) {
      auto spec = parse_thumb_spec(text);
      REQUIRE_MESSAGE(spec.has_value(), text);
      CHECK(spec->text() == text);
    }
    auto top = parse_thumb_spec("120x80t");
    REQUIRE(top);
    CHECK(top->width == 120);
    CHECK(top->height == 80);
    CHECK(top->mode == ThumbSpec::Mode::top);
    CHECK(parse_thumb_spec("120x80")->mode == ThumbSpec::Mode::center);
    CHECK(parse_thumb_spec("120x80b")->mode == ThumbSpec::Mode::bottom);
    CHECK(parse_thumb_spec("120x80f")->mode == ThumbSpec::Mode::fit);
    CHECK(parse_thumb_spec("0050x0100")->text() == "50x100");  // \d+ allows leading zeros
  }

  TEST_CASE("anything outside the pattern, 0x0 and sizes above the limit are refused") {
    for (const char* text : {"", "x", "100", "100x", "x100", "0x0", "00x000", "100x100c", "100x100tt", "100X100",
                             "-1x100", "100x-1", " 100x100", "100x100 ", "1.5x2", "4097x10", "10x4097",
                             "99999999999999999999x1", "100x100f?"})
      CHECK_MESSAGE(!parse_thumb_spec(text).has_value(), text);
    CHECK(parse_thumb_spec(std::to_string(fastcms::core::files::max_output_side) + "x0").has_value());
  }
}
