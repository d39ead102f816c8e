#pragma once
#include <span>
#include <string_view>

namespace fastcms::embedded {

/// One file from templates/ or schemas/, compiled into the binary.
struct EmbeddedFile {
  std::string_view path;  ///< relative to the source root, e.g. "templates/blog/template.json"
  std::string_view data;
};

/// Every embedded file, sorted by path.
std::span<const EmbeddedFile> all_files();

}  // namespace fastcms::embedded
