#pragma once
#include <chrono>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/http_client.h"
#include "core/files/upload.h"

namespace fastcms::core::files {

/// Downloads `url` as an upload to `field`, as PocketBase's NewFileFromURL does for OAuth2
/// avatars: http and https only, a 2xx answer, at most `max_bytes` (a longer body fails the
/// download), within `timeout`. The upload's filename is the URL path's last segment
/// ("file" when it has none); stored_file_name() later makes it safe like any client name.
Result<Upload> fetch_remote_file(HttpClient& http, std::string_view url, std::string field, std::size_t max_bytes,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(15));

}  // namespace fastcms::core::files
