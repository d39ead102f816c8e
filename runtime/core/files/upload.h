#pragma once
#include <string>

namespace fastcms::core::files {

/// A file a client sent (a multipart part with a filename), before validation: `field` is
/// the part's name as given ("avatar", "documents+", "+documents"), `filename` the client's
/// name for it (never used as a path), `content_type` the client's claim (never trusted).
struct Upload {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string content;
};

}  // namespace fastcms::core::files
