#pragma once
#include <string>
#include <string_view>

namespace fastcms::core::files {

/// What the bytes of a file are, decided from its content only (never from the name or a
/// client's Content-Type).
struct SniffedType {
  std::string mime;       ///< e.g. "image/png", "text/plain; charset=utf-8", "application/octet-stream"
  std::string extension;  ///< the usual extension with its dot (".png"), "" when unknown
};

/// Recognises images (PNG, JPEG, GIF, WebP, AVIF, BMP, ICO, TIFF, SVG), PDF, ZIP, GZIP,
/// MP3, MP4, WAV, HTML and UTF-8 text from their leading bytes; anything else is
/// application/octet-stream.
SniffedType sniff_content_type(std::string_view content);

/// The media type without parameters, lower-cased: "text/plain; charset=utf-8" → "text/plain".
std::string base_mime(std::string_view mime);

}  // namespace fastcms::core::files
