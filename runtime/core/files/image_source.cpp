#include "core/files/image_source.h"

#include <array>

#include "core/files/content_type.h"
#include "core/files/image_limits.h"

namespace fastcms::core::files {

namespace {

using BufferLoader = int (*)(void* buffer, size_t length, VipsImage** out, ...);

/// The one libvips loader each accepted type is decoded with.
struct ImageDecoder {
  std::string_view mime;
  std::string_view loader;  ///< the class vips_foreign_find_load_buffer names for such bytes
  BufferLoader load;
};

const std::array<ImageDecoder, 5> image_decoders = {{
    {"image/png", "VipsForeignLoadPngBuffer", vips_pngload_buffer},
    {"image/jpeg", "VipsForeignLoadJpegBuffer", vips_jpegload_buffer},
    {"image/gif", "VipsForeignLoadNsgifBuffer", vips_gifload_buffer},
    {"image/webp", "VipsForeignLoadWebpBuffer", vips_webpload_buffer},
    {"image/avif", "VipsForeignLoadHeifBuffer", vips_heifload_buffer},
}};

const ImageDecoder* decoder_for(std::string_view mime) {
  for (const auto& decoder : image_decoders)
    if (decoder.mime == mime) return &decoder;
  return nullptr;
}

Result<vips::ImagePtr> load(const ImageDecoder& decoder, std::string_view bytes, VipsAccess access) {
  auto* data = const_cast<char*>(bytes.data());  // the loaders only read it
  return vips::run(
      [&](VipsImage** out) {
        return decoder.load(data, bytes.size(), out, "access", access, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      },
      "The image header could not be read (truncated or corrupt file)", ErrorKind::usage);
}

Status check_dimensions(VipsImage* image) {
  long long width = vips_image_get_width(image), height = vips_image_get_height(image);
  if (width > max_input_side || height > max_input_side || width * height > max_input_pixels)
    return Error::usage("The image is " + std::to_string(width) + "x" + std::to_string(height) +
                        ", over the limit of " + std::to_string(max_input_side) + " pixels per side and " +
                        std::to_string(max_input_pixels / 1'000'000) + " megapixels.");
  return Ok{};
}

}  // namespace

Result<SourceImage> open_source_image(std::string_view bytes, bool (*allowed)(std::string_view mime)) {
  if (auto started = vips::ensure_started(); !started) return started.error();
  std::string mime = base_mime(sniff_content_type(bytes).mime);
  const ImageDecoder* decoder = allowed(mime) ? decoder_for(mime) : nullptr;
  if (!decoder) return Error::usage("Unsupported image type " + mime + ".");
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (!loader) vips_error_clear();  // "not in a known format": the message below says it
  if (!loader || decoder->loader != loader)
    return Error::usage("The file looks like " + mime + " but is not a valid " + mime + " image.");

  auto image = load(*decoder, bytes, VIPS_ACCESS_SEQUENTIAL);
  if (!image) return image.error();
  if (auto fits = check_dimensions(image->get()); !fits) return fits.error();
  if (vips_image_get_orientation(image->get()) > 1) {
    // Turning needs random access to the pixels: reopen that way, then rotate upright.
    image = load(*decoder, bytes, VIPS_ACCESS_RANDOM);
    if (!image) return image.error();
    VipsImage* turned_from = image->get();
    image = vips::run([&](VipsImage** out) { return vips_autorot(turned_from, out, nullptr); },
                      "The image could not be rotated upright");
    if (!image) return image.error();
  }
  return SourceImage{std::move(*image), std::move(mime)};
}

}  // namespace fastcms::core::files
