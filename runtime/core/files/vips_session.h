#pragma once
#include <vips/vips.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"

/// The libvips plumbing shared by the image code: one-time initialisation and owning handles.
namespace fastcms::core::files::vips {

/// Starts libvips once per process (thread-safe): no operation cache (every call works on its
/// own buffer, so caching would only hold memory), untrusted loaders (ImageMagick, PDF, ...)
/// blocked, libvips' log warnings dropped. Every function that touches libvips calls this first; an error when libvips
/// could not start (then every call reports it).
Status ensure_started();

struct ImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
/// Owns one reference to a VipsImage.
using ImagePtr = std::unique_ptr<VipsImage, ImageUnref>;

struct GFree {
  void operator()(void* memory) const { g_free(memory); }
};
/// Owns memory libvips allocated with g_malloc (save buffers).
using GBuffer = std::unique_ptr<void, GFree>;

/// Takes libvips' pending error text (shared by all threads) and returns an Error of `kind`
/// with `what` followed by that text's first line.
Error failure(std::string_view what, ErrorKind kind = ErrorKind::failure);

/// Runs a libvips operation that writes one image to `VipsImage** out`, e.g.
/// `run([&](VipsImage** out) { return vips_flip(in, out, VIPS_DIRECTION_HORIZONTAL, nullptr); }, "flip")`;
/// `kind` is the error's kind when it fails.
template <class Operation>
Result<ImagePtr> run(Operation&& operation, std::string_view what, ErrorKind kind = ErrorKind::failure) {
  VipsImage* out = nullptr;
  if (operation(&out) != 0) {
    if (out) g_object_unref(out);
    return failure(what, kind);
  }
  return ImagePtr(out);
}

}  // namespace fastcms::core::files::vips
