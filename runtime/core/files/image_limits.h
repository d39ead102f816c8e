#pragma once

/// The size limits of thumbnails and image transforms (core/files/image_processing.h).
namespace fastcms::core::files {

/// Largest width or height a thumb (`?thumb=`) or transform (`?width&height`) may ask for, and
/// the largest side an output image ever has: results that would be larger (a keep-aspect resize
/// of a very long image, a transform that keeps a large source's size) are scaled down to fit.
inline constexpr int max_output_side = 4096;

/// Inputs whose header claims a wider or taller image are refused before any pixel is decoded.
inline constexpr int max_input_side = 16384;

/// Inputs whose header claims more pixels (width × height) are refused before any pixel is
/// decoded: a small file cannot make the server decode a 100000×100000 "decompression bomb".
inline constexpr long long max_input_pixels = 50'000'000;

}  // namespace fastcms::core::files
