#pragma once
#include <filesystem>
#include <string>

#include "common/error.h"

namespace fastcms::files {

/// Reads a whole file; the error names the path and the OS reason.
Result<std::string> read(const std::filesystem::path& path);

/// Writes `content` to a temp file beside `path`, fsyncs it and renames it over `path`,
/// so readers see either the old or the new file, never a half-written one.
Status write_atomic(const std::filesystem::path& path, const std::string& content,
                    std::filesystem::perms perms = std::filesystem::perms::owner_read |
                                                   std::filesystem::perms::owner_write |
                                                   std::filesystem::perms::group_read |
                                                   std::filesystem::perms::others_read);

/// A fresh, uniquely named directory next to `beside` (same filesystem, so a later
/// rename into place is atomic). The name starts with ".<stem>.tmp-".
Result<std::filesystem::path> make_temp_dir_beside(const std::filesystem::path& beside);

/// The OS error text for the current errno, e.g. "Permission denied".
std::string last_os_error();

}  // namespace fastcms::files
