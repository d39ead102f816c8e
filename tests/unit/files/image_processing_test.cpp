// Thumbnails and transforms on images generated with libvips: exact sizes, the part a crop keeps,
// formats (checked by sniffing the output), and every refusal (bombs, truncation, SVG, TIFF).
#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <thread>
#include <vector>

#include "core/files/content_type.h"
#include "core/files/image_geometry.h"
#include "core/files/image_processing.h"
#include "core/files/vips_session.h"

namespace files = fastcms::core::files;
namespace vips = fastcms::core::files::vips;
using files::ImageTransform;
using files::make_thumbnail;
using files::parse_thumb_spec;
using files::transform_image;

namespace {

vips::ImagePtr checked_image(vips::ImagePtr image) {
  REQUIRE_MESSAGE(image, vips_error_buffer());
  return image;
}

/// A grey image whose pixels change with x and y (xyz scaled to 0..255), 3 bands sRGB.
vips::ImagePtr gradient_image(int width, int height) {
  REQUIRE(vips::ensure_started().ok());
  VipsImage *xy = nullptr, *band = nullptr, *scaled = nullptr, *rgb = nullptr, *typed = nullptr;
  REQUIRE(vips_xyz(&xy, width, height, nullptr) == 0);
  vips::ImagePtr xy_owned(xy);
  REQUIRE(vips_extract_band(xy, &band, 0, nullptr) == 0);
  vips::ImagePtr band_owned(band);
  REQUIRE(vips_linear1(band, &scaled, 255.0 / width, 0, "uchar", TRUE, nullptr) == 0);
  vips::ImagePtr scaled_owned(scaled);
  std::array<VipsImage*, 3> bands = {scaled, scaled, scaled};
  REQUIRE(vips_bandjoin(bands.data(), &rgb, 3, nullptr) == 0);
  vips::ImagePtr rgb_owned(rgb);
  REQUIRE(vips_copy(rgb, &typed, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr) == 0);
  return checked_image(vips::ImagePtr(typed));
}

/// White where `coordinate` (0 = x, 1 = y) is below `edge`, black elsewhere; 3 bands sRGB.
vips::ImagePtr two_tone_image(int width, int height, int coordinate, int edge) {
  REQUIRE(vips::ensure_started().ok());
  VipsImage *xy = nullptr, *band = nullptr, *mask = nullptr, *rgb = nullptr, *typed = nullptr;
  REQUIRE(vips_xyz(&xy, width, height, nullptr) == 0);
  vips::ImagePtr xy_owned(xy);
  REQUIRE(vips_extract_band(xy, &band, coordinate, nullptr) == 0);
  vips::ImagePtr band_owned(band);
  REQUIRE(vips_relational_const1(band, &mask, VIPS_OPERATION_RELATIONAL_LESS, edge, nullptr) == 0);
  vips::ImagePtr mask_owned(mask);
  std::array<VipsImage*, 3> bands = {mask, mask, mask};
  REQUIRE(vips_bandjoin(bands.data(), &rgb, 3, nullptr) == 0);
  vips::ImagePtr rgb_owned(rgb);
  REQUIRE(vips_copy(rgb, &typed, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr) == 0);
  return checked_image(vips::ImagePtr(typed));
}

/// Random noise: content whose encoded size depends on the quality.
vips::ImagePtr noise_image(int width, int height) {
  REQUIRE(vips::ensure_started().ok());
  VipsImage *noise = nullptr, *cast = nullptr, *typed = nullptr;
  REQUIRE(vips_gaussnoise(&noise, width, height, "mean", 128.0, "sigma", 40.0, nullptr) == 0);
  vips::ImagePtr noise_owned(noise);
  REQUIRE(vips_cast_uchar(noise, &cast, nullptr) == 0);
  vips::ImagePtr cast_owned(cast);
  std::array<VipsImage*, 3> bands = {cast, cast, cast};
  REQUIRE(vips_bandjoin(bands.data(), &typed, 3, nullptr) == 0);
  return checked_image(vips::ImagePtr(typed));
}

/// `image` with an alpha band that is 0 (transparent) everywhere.
vips::ImagePtr transparent_image(VipsImage* image) {
  VipsImage* with_alpha = nullptr;
  REQUIRE(vips_bandjoin_const1(image, &with_alpha, 0, nullptr) == 0);
  return checked_image(vips::ImagePtr(with_alpha));
}

/// `image` encoded by libvips for a file name suffix (".png", ".jpg", ".gif", ".webp", ".avif", ".tif").
std::string encoded_as(VipsImage* image, const char* suffix) {
  void* memory = nullptr;
  size_t length = 0;
  REQUIRE_MESSAGE(vips_image_write_to_buffer(image, suffix, &memory, &length, nullptr) == 0, vips_error_buffer());
  vips::GBuffer owned(memory);
  return std::string(static_cast<const char*>(memory), length);
}

/// Decodes an output fully into memory (so `bytes` may go away).
vips::ImagePtr decoded_output(const std::string& bytes) {
  VipsImage* lazy = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  REQUIRE_MESSAGE(lazy, vips_error_buffer());
  vips::ImagePtr lazy_owned(lazy);
  return checked_image(vips::ImagePtr(vips_image_copy_memory(lazy)));
}

files::ImageSize output_size(const std::string& bytes) {
  auto image = decoded_output(bytes);
  return {vips_image_get_width(image.get()), vips_image_get_height(image.get())};
}

/// The first band of the pixel at (x, y).
double output_pixel(VipsImage* image, int x, int y) {
  double* values = nullptr;
  int count = 0;
  REQUIRE(vips_getpoint(image, &values, &count, x, y, nullptr) == 0);
  double first = values[0];
  g_free(values);
  return first;
}

files::RenderedImage thumbnail_of(const std::string& image, const char* spec_text) {
  auto spec = parse_thumb_spec(spec_text);
  REQUIRE_MESSAGE(spec.has_value(), spec_text);
  auto thumb = make_thumbnail(image, *spec);
  if (!thumb.ok()) FAIL(spec_text << ": " << thumb.error().message);
  return std::move(*thumb);
}

files::RenderedImage transformed(const std::string& image, ImageTransform transform) {
  auto result = transform_image(image, transform);
  if (!result.ok()) FAIL(transform.cache_key() << ": " << result.error().message);
  return std::move(*result);
}

ImageTransform format_only(const char* format) {
  ImageTransform transform;
  transform.format = format;
  return transform;
}

ImageTransform width_only(int width) {
  ImageTransform transform;
  transform.width = width;
  return transform;
}

std::string sniffed_mime(const std::string& bytes) { return files::sniff_content_type(bytes).mime; }

std::uint32_t png_crc(std::string_view bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

void put_big_endian(std::string& bytes, size_t offset, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[offset + i] = char((value >> (24 - 8 * i)) & 0xFF);
}

/// A real PNG whose IHDR (width at 16, height at 20, CRC over bytes 12..28 at 29) claims another size.
std::string png_claiming(std::uint32_t width, std::uint32_t height) {
  std::string png = encoded_as(gradient_image(8, 8).get(), ".png");
  REQUIRE(png.substr(12, 4) == "IHDR");
  put_big_endian(png, 16, width);
  put_big_endian(png, 20, height);
  put_big_endian(png, 29, png_crc(std::string_view(png).substr(12, 17)));
  return png;
}

void* count_live_vips_object(VipsObject*, void* counter, void*) {
  ++*static_cast<int*>(counter);
  return nullptr;
}

int live_vips_objects() {
  int count = 0;
  vips_object_map(reinterpret_cast<VipsSListMap2Fn>(count_live_vips_object), &count, nullptr);
  return count;
}

}  // namespace

TEST_SUITE("files image processing") {
  TEST_CASE("thumbable and transformable types") {
    for (const char* mime : {"image/png", "image/jpeg", "image/gif", "image/webp"}) {
      CHECK(files::is_thumbable_mime(mime));
      CHECK(files::is_transformable_mime(mime));
    }
    CHECK(!files::is_thumbable_mime("image/avif"));
    CHECK(files::is_transformable_mime("image/avif"));
    for (const char* mime : {"image/svg+xml", "image/tiff", "image/bmp", "application/pdf", "image/x-icon", ""}) {
      CHECK(!files::is_thumbable_mime(mime));
      CHECK(!files::is_transformable_mime(mime));
    }
  }

  TEST_CASE("every thumb mode gives PocketBase's exact size") {
    std::string wide = encoded_as(gradient_image(400, 200).get(), ".png");
    struct SizeCase {
      const char* spec;
      files::ImageSize size;
    };
    for (auto [spec, size] : std::vector<SizeCase>{{"100x100", {100, 100}},
                                                   {"100x100t", {100, 100}},
                                                   {"100x100b", {100, 100}},
                                                   {"100x100f", {100, 50}},
                                                   {"150x100f", {150, 75}},
                                                   {"0x50", {100, 50}},
                                                   {"50x0", {50, 25}},
                                                   {"800x800f", {400, 200}},  // fit never enlarges
                                                   {"800x600", {800, 600}},   // fill does
                                                   {"0x400", {800, 400}},
                                                   {"400x200", {400, 200}},
                                                   {"33x77", {33, 77}}}) {
      auto thumb = thumbnail_of(wide, spec);
      CHECK_MESSAGE(output_size(thumb.bytes) == size, spec);
      CHECK(thumb.mime == "image/png");
      CHECK(sniffed_mime(thumb.bytes) == "image/png");
    }
  }

  TEST_CASE("a keep-aspect thumb of a very long image stays within the output limit") {
    std::string strip = encoded_as(gradient_image(16000, 100).get(), ".png");
    CHECK(output_size(thumbnail_of(strip, "0x4096").bytes) == files::ImageSize{4096, 25});
  }

  TEST_CASE("crops keep the centre, the top or the bottom band") {
    // 200x400, top half white, bottom half black: a square crop is the top, middle or bottom 200x200.
    std::string tall = encoded_as(two_tone_image(200, 400, 1, 200).get(), ".png");
    auto top = decoded_output(thumbnail_of(tall, "100x100t").bytes);
    CHECK(output_pixel(top.get(), 50, 5) == 255);
    CHECK(output_pixel(top.get(), 50, 95) == 255);
    auto bottom = decoded_output(thumbnail_of(tall, "100x100b").bytes);
    CHECK(output_pixel(bottom.get(), 50, 5) == 0);
    CHECK(output_pixel(bottom.get(), 50, 95) == 0);
    auto centre = decoded_output(thumbnail_of(tall, "100x100").bytes);
    CHECK(output_pixel(centre.get(), 50, 5) == 255);
    CHECK(output_pixel(centre.get(), 50, 95) == 0);
  }

  TEST_CASE("thumbs keep the source format") {
    auto source = gradient_image(120, 80);
    for (const char* suffix : {".jpg", ".gif", ".webp"}) {
      std::string bytes = encoded_as(source.get(), suffix);
      auto thumb = thumbnail_of(bytes, "60x60");
      CHECK(thumb.mime == sniffed_mime(bytes));
      CHECK(sniffed_mime(thumb.bytes) == thumb.mime);
      CHECK(output_size(thumb.bytes) == files::ImageSize{60, 60});
    }
  }

  TEST_CASE("an animated GIF is sized by its first frame") {
    auto strip = gradient_image(60, 120);  // three 60x40 frames stacked
    VipsImage* frames = nullptr;
    REQUIRE(vips_copy(strip.get(), &frames, nullptr) == 0);
    vips::ImagePtr frames_owned(frames);
    vips_image_set_int(frames, VIPS_META_PAGE_HEIGHT, 40);
    std::string gif = encoded_as(frames, ".gif");
    auto thumb = thumbnail_of(gif, "0x20");
    CHECK(thumb.mime == "image/gif");
    CHECK(output_size(thumb.bytes) == files::ImageSize{30, 20});
    CHECK(output_size(transformed(gif, format_only("webp")).bytes) == files::ImageSize{60, 40});
  }

  TEST_CASE("AVIF is transformable but not thumbable") {
    std::string avif = encoded_as(gradient_image(64, 48).get(), ".avif");
    REQUIRE(sniffed_mime(avif) == "image/avif");
    auto thumb = make_thumbnail(avif, *parse_thumb_spec("10x10"));
    REQUIRE(!thumb.ok());
    CHECK(thumb.error().message == "Unsupported image type image/avif.");
    ImageTransform smaller;
    smaller.width = 32;
    auto png = transformed(avif, smaller);
    CHECK(png.mime == "image/avif");
    CHECK(output_size(png.bytes) == files::ImageSize{32, 24});
  }

  TEST_CASE("transforms re-encode to the asked format") {
    std::string png = encoded_as(gradient_image(90, 60).get(), ".png");
    for (const char* format : {"webp", "jpeg", "png", "avif"}) {
      ImageTransform transform;
      transform.format = format;
      auto out = transformed(png, transform);
      CHECK(out.mime == std::string("image/") + format);
      CHECK(sniffed_mime(out.bytes) == out.mime);
      CHECK(output_size(out.bytes) == files::ImageSize{90, 60});
    }
    ImageTransform keep;
    keep.grayscale = true;
    CHECK(sniffed_mime(transformed(encoded_as(gradient_image(20, 20).get(), ".webp"), keep).bytes) == "image/webp");
  }

  TEST_CASE("grayscale works for every output format") {
    std::string png = encoded_as(gradient_image(40, 30).get(), ".png");
    for (const char* format : {"webp", "jpeg", "png", "avif"}) {
      ImageTransform grey = format_only(format);
      grey.grayscale = true;
      auto out = transformed(png, grey);
      CHECK(sniffed_mime(out.bytes) == out.mime);
      CHECK(output_size(out.bytes) == files::ImageSize{40, 30});
    }
  }

  TEST_CASE("a JPEG's EXIF orientation is applied before sizing and not kept") {
    // 200x100 pixels tagged "rotate 90° clockwise to view": upright it is 100x200.
    auto sideways = gradient_image(200, 100);
    VipsImage* tagged = nullptr;
    REQUIRE(vips_copy(sideways.get(), &tagged, nullptr) == 0);
    vips::ImagePtr tagged_owned(tagged);
    vips_image_set_int(tagged, VIPS_META_ORIENTATION, 6);
    std::string jpeg = encoded_as(tagged, ".jpg");
    auto thumb = thumbnail_of(jpeg, "0x50");
    CHECK(output_size(thumb.bytes) == files::ImageSize{25, 50});
    auto out = decoded_output(thumb.bytes);
    CHECK(!vips_image_get_typeof(out.get(), VIPS_META_ORIENTATION));
    CHECK(output_size(transformed(jpeg, width_only(50)).bytes) == files::ImageSize{50, 100});
  }

  TEST_CASE("transparent PNG to JPEG is flattened onto white") {
    auto clear = transparent_image(gradient_image(40, 40).get());
    ImageTransform to_jpeg;
    to_jpeg.format = "jpeg";
    auto out = decoded_output(transformed(encoded_as(clear.get(), ".png"), to_jpeg).bytes);
    CHECK(vips_image_get_bands(out.get()) == 3);
    CHECK(output_pixel(out.get(), 20, 20) >= 250);
  }

  TEST_CASE("quality changes the encoded size") {
    std::string png = encoded_as(noise_image(200, 200).get(), ".png");
    for (const char* format : {"jpeg", "webp", "avif"}) {
      ImageTransform low, high;
      low.format = high.format = format;
      low.quality = 10;
      high.quality = 95;
      CHECK_MESSAGE(transformed(png, low).bytes.size() < transformed(png, high).bytes.size() / 2, format);
    }
  }

  TEST_CASE("transform sizes: one side keeps the aspect, both fit or cover, none keeps the size") {
    std::string wide = encoded_as(gradient_image(400, 200).get(), ".png");
    struct SizeCase {
      int width, height;
      const char* crop;
      files::ImageSize size;
    };
    for (auto [width, height, crop, size] : std::vector<SizeCase>{{100, 0, "", {100, 50}},
                                                                  {0, 100, "", {200, 100}},
                                                                  {100, 100, "", {100, 50}},
                                                                  {800, 800, "", {800, 400}},
                                                                  {100, 100, "center", {100, 100}},
                                                                  {30, 90, "left", {30, 90}},
                                                                  {0, 0, "", {400, 200}}}) {
      ImageTransform transform;
      transform.width = width;
      transform.height = height;
      transform.crop = crop;
      CHECK_MESSAGE(output_size(transformed(wide, transform).bytes) == size, transform.cache_key());
    }
    ImageTransform same_size;
    same_size.format = "png";
    std::string long_strip = encoded_as(gradient_image(5000, 100).get(), ".png");
    CHECK(output_size(transformed(long_strip, same_size).bytes) == files::ImageSize{4096, 81});
  }

  TEST_CASE("transform crops keep the left, right, top or bottom part") {
    // 400x200, left half white: a 100x100 square is the left, middle or right 200x200.
    std::string wide = encoded_as(two_tone_image(400, 200, 0, 200).get(), ".png");
    auto crop_pixels = [&](const char* crop) {
      ImageTransform transform;
      transform.width = transform.height = 100;
      transform.crop = crop;
      auto image = decoded_output(transformed(wide, transform).bytes);
      return std::pair{output_pixel(image.get(), 5, 50), output_pixel(image.get(), 95, 50)};
    };
    CHECK(crop_pixels("left") == std::pair{255.0, 255.0});
    CHECK(crop_pixels("right") == std::pair{0.0, 0.0});
    CHECK(crop_pixels("center") == std::pair{255.0, 0.0});
    CHECK(crop_pixels("top") == std::pair{255.0, 0.0});  // top/bottom centre horizontally
    std::string tall = encoded_as(two_tone_image(200, 400, 1, 200).get(), ".png");
    ImageTransform bottom;
    bottom.width = bottom.height = 100;
    bottom.crop = "bottom";
    auto image = decoded_output(transformed(tall, bottom).bytes);
    CHECK(output_pixel(image.get(), 50, 5) == 0);
  }

  TEST_CASE("grayscale gives one band, blur softens an edge") {
    std::string png = encoded_as(two_tone_image(100, 100, 0, 50).get(), ".png");
    ImageTransform grey;
    grey.grayscale = true;
    auto grey_out = decoded_output(transformed(png, grey).bytes);
    CHECK(vips_image_get_bands(grey_out.get()) == 1);
    ImageTransform grey_jpeg = grey;
    grey_jpeg.format = "jpeg";
    CHECK(vips_image_get_bands(decoded_output(transformed(png, grey_jpeg).bytes).get()) == 1);

    auto sharp = decoded_output(transformed(png, format_only("png")).bytes);
    CHECK(output_pixel(sharp.get(), 49, 50) == 255);
    CHECK(output_pixel(sharp.get(), 50, 50) == 0);
    ImageTransform soft;
    soft.blur = 3;
    auto blurred = decoded_output(transformed(png, soft).bytes);
    CHECK(output_pixel(blurred.get(), 49, 50) < 250);
    CHECK(output_pixel(blurred.get(), 50, 50) > 5);
    CHECK(output_pixel(blurred.get(), 5, 50) >= 254);  // far from the edge nothing changes
    soft.blur = 0.01;
    CHECK(output_size(transformed(png, soft).bytes) == files::ImageSize{100, 100});
  }

  TEST_CASE("a PNG whose header claims 100000x100000 is refused at once, naming the limit") {
    std::string bomb = png_claiming(100000, 100000);
    auto started = std::chrono::steady_clock::now();
    auto thumb = make_thumbnail(bomb, *parse_thumb_spec("100x100"));
    auto transform = transform_image(bomb, width_only(10));
    auto elapsed = std::chrono::steady_clock::now() - started;
    REQUIRE(!thumb.ok());
    CHECK(thumb.error().kind == fastcms::ErrorKind::usage);
    CHECK(thumb.error().message ==
          "The image is 100000x100000, over the limit of 16384 pixels per side and 50 megapixels.");
    REQUIRE(!transform.ok());
    CHECK(transform.error().message == thumb.error().message);
    CHECK(elapsed < std::chrono::milliseconds(500));
    // within the side limit but over the pixel count
    auto many = make_thumbnail(png_claiming(10000, 6000), *parse_thumb_spec("100x100"));
    REQUIRE(!many.ok());
    CHECK(many.error().message.find("10000x6000") != std::string::npos);
  }

  TEST_CASE("truncated or corrupt images fail with an error") {
    auto noise = noise_image(300, 300);
    for (const char* suffix : {".png", ".jpg", ".webp", ".gif"}) {
      std::string whole = encoded_as(noise.get(), suffix);
      std::string cut = whole.substr(0, whole.size() / 2);
      auto thumb = make_thumbnail(cut, *parse_thumb_spec("50x50"));
      CHECK_MESSAGE(!thumb.ok(), suffix);
      if (!thumb.ok()) CHECK(thumb.error().kind == fastcms::ErrorKind::usage);
      if (!thumb.ok())
        CHECK_MESSAGE(thumb.error().message.find(" (truncated or corrupt file): ") != std::string::npos,
                      thumb.error().message);
    }
    std::string header_only = encoded_as(noise.get(), ".png").substr(0, 20);
    CHECK(!make_thumbnail(header_only, *parse_thumb_spec("50x50")).ok());
    std::string garbage = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'x');
    CHECK(!make_thumbnail(garbage, *parse_thumb_spec("50x50")).ok());
    CHECK(!make_thumbnail("", *parse_thumb_spec("50x50")).ok());
  }

  TEST_CASE("SVG, TIFF and other types are refused, whatever libvips could load") {
    std::string svg =
        R"S(<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><rect width="50" height="50"/></svg>)S";
    auto thumb = make_thumbnail(svg, *parse_thumb_spec("10x10"));
    REQUIRE(!thumb.ok());
    CHECK(thumb.error().message == "Unsupported image type image/svg+xml.");
    CHECK(thumb.error().kind == fastcms::ErrorKind::usage);
    CHECK(!transform_image(svg, format_only("png")).ok());
    std::string tiff = encoded_as(gradient_image(20, 20).get(), ".tif");
    auto tiff_thumb = make_thumbnail(tiff, *parse_thumb_spec("10x10"));
    REQUIRE(!tiff_thumb.ok());
    CHECK(tiff_thumb.error().message == "Unsupported image type image/tiff.");
    CHECK(!make_thumbnail("hello world", *parse_thumb_spec("10x10")).ok());
  }

  TEST_CASE("no libvips object outlives a call, whether it succeeds or fails") {
    std::string jpeg = encoded_as(two_tone_image(300, 200, 1, 100).get(), ".jpg");
    std::string cut = jpeg.substr(0, jpeg.size() / 2);
    std::string bomb = png_claiming(100000, 100000);
    ImageTransform everything;
    everything.width = everything.height = 50;
    everything.crop = "right";
    everything.blur = 2;
    everything.grayscale = true;
    everything.format = "webp";
    REQUIRE(live_vips_objects() == 0);
    CHECK(make_thumbnail(jpeg, *parse_thumb_spec("50x50b")).ok());
    CHECK(make_thumbnail(jpeg, *parse_thumb_spec("0x20")).ok());
    CHECK(transform_image(jpeg, everything).ok());
    CHECK(!make_thumbnail(cut, *parse_thumb_spec("50x50")).ok());
    CHECK(!transform_image(cut, everything).ok());
    CHECK(!make_thumbnail(bomb, *parse_thumb_spec("50x50")).ok());
    CHECK(live_vips_objects() == 0);
  }

  TEST_CASE("many threads thumbnail at once") {
    std::string png = encoded_as(gradient_image(300, 200).get(), ".png");
    std::string jpeg = encoded_as(gradient_image(200, 300).get(), ".jpg");
    std::vector<std::thread> workers;
    std::vector<int> good(8, 0);
    for (int w = 0; w < 8; ++w)
      workers.emplace_back([&, w] {
        for (int round = 0; round < 6; ++round) {
          const std::string& source = (w + round) % 2 ? png : jpeg;
          auto thumb = make_thumbnail(source, files::ThumbSpec{40 + w, 30 + round});
          if (!thumb.ok()) continue;
          VipsImage* out = vips_image_new_from_buffer(thumb->bytes.data(), thumb->bytes.size(), "", nullptr);
          if (!out) continue;
          vips::ImagePtr owned(out);
          if (vips_image_get_width(out) == 40 + w && vips_image_get_height(out) == 30 + round) ++good[w];
        }
      });
    for (auto& worker : workers) worker.join();
    for (int w = 0; w < 8; ++w) CHECK_MESSAGE(good[w] == 6, "thread " << w);
  }
}
