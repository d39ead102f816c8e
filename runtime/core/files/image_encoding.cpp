#include "core/files/image_encoding.h"

namespace fastcms::core::files {

namespace {

constexpr int default_jpeg_quality = 75, default_webp_quality = 75, default_avif_quality = 50;

int or_default(int quality, int fallback) { return quality > 0 ? quality : fallback; }

Result<vips::ImagePtr> flattened_on_white(VipsImage* image) {
  VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
  auto flat = vips::run([&](VipsImage** out) { return vips_flatten(image, out, "background", white, nullptr); },
                        "The image could not be flattened");
  vips_area_unref(VIPS_AREA(white));
  return flat;
}

/// Runs the saver for `mime`; 0 on success, as libvips does.
int save(VipsImage* image, std::string_view mime, int quality, void** buffer, size_t* length) {
  if (mime == "image/png") return vips_pngsave_buffer(image, buffer, length, "strip", TRUE, nullptr);
  if (mime == "image/jpeg")
    return vips_jpegsave_buffer(image, buffer, length, "strip", TRUE, "Q", or_default(quality, default_jpeg_quality),
                                nullptr);
  if (mime == "image/gif") return vips_gifsave_buffer(image, buffer, length, "strip", TRUE, nullptr);
  if (mime == "image/webp")
    return vips_webpsave_buffer(image, buffer, length, "strip", TRUE, "Q", or_default(quality, default_webp_quality),
                                nullptr);
  if (mime == "image/avif")
    return vips_heifsave_buffer(image, buffer, length, "strip", TRUE, "compression",
                                VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "Q",
                                or_default(quality, default_avif_quality), nullptr);
  vips_error("fastcms", "no encoder for %s", std::string(mime).c_str());
  return -1;
}

}  // namespace

Result<RenderedImage> encode_image(VipsImage* image, std::string_view mime, int quality) {
  // Decode and process into memory first (outputs are at most max_output_side square, so this
  // is bounded): bad input fails here with its own message, and the encoders never see a
  // failing input (libvips 8.14's webpsave leaks its objects when its input fails, fixed in 8.15.5).
  vips::ImagePtr pixels(vips_image_copy_memory(image));
  if (!pixels) return vips::failure("The image could not be decoded (truncated or corrupt file)", ErrorKind::usage);
  if (mime == "image/jpeg" && vips_image_hasalpha(pixels.get())) {
    auto flattened = flattened_on_white(pixels.get());
    if (!flattened) return flattened.error();
    pixels = std::move(*flattened);
  }
  void* memory = nullptr;
  size_t length = 0;
  if (save(pixels.get(), mime, quality, &memory, &length) != 0) {
    g_free(memory);
    return vips::failure("The image could not be encoded as " + std::string(mime));
  }
  vips::GBuffer owned(memory);
  return RenderedImage{std::string(static_cast<const char*>(memory), length), std::string(mime)};
}

}  // namespace fastcms::core::files
