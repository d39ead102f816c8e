#pragma once
#include <string>
#include <string_view>

namespace fastcms::core::realtime {

/// One Server-Sent Events message as PocketBase writes it:
/// "id:{id}\nevent:{event}\ndata:{data}\n\n". `data` must be one line (compact JSON is).
std::string sse_frame(std::string_view id, std::string_view event, std::string_view data);

/// An SSE comment line that keeps a connection alive and reveals a dead peer; clients
/// ignore it.
inline constexpr std::string_view sse_heartbeat = ":\n\n";

}  // namespace fastcms::core::realtime
