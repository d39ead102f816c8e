#pragma once
#include <string>

#include "http/api_request.h"

namespace fastcms::http {

/// How a stored file is presented to the client.
struct FilePresentation {
  std::string name;           ///< the file name the client sees (Content-Disposition)
  std::string content_type;   ///< what the bytes are (sniffed, never the uploader's claim)
  std::string cache_control;  ///< e.g. "max-age=2592000, stale-while-revalidate=86400"
  bool download = false;      ///< ?download=1: always "attachment"
  /// What identifies the bytes for their ETag (with their size), e.g. their storage key: a
  /// stored name never gets other content. Empty: the ETag hashes the bytes themselves.
  std::string etag_source;
};

/// A file download as browsers and media players expect it:
/// - ETag (a hash of etag_source and the size, or of the bytes); If-None-Match matching it
///   → 304 without a body;
/// - Accept-Ranges: bytes; one `Range` → 206 with Content-Range (If-Range naming another
///   ETag → the whole file); a range past the end → 416 with "bytes */size";
/// - Content-Disposition "inline" only for media a browser shows without running it
///   (raster images, audio, video, PDF), otherwise and with `download` "attachment";
/// - Content-Security-Policy sandboxing the response and X-Content-Type-Options nosniff,
///   so an uploaded HTML or SVG file cannot run script on this origin.
ApiResponse file_response(const ApiRequest& request, std::string bytes, const FilePresentation& presentation);

}  // namespace fastcms::http
