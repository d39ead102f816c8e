#include "core/realtime/sse_frame.h"

namespace fastcms::core::realtime {

std::string sse_frame(std::string_view id, std::string_view event, std::string_view data) {
  std::string frame;
  frame.reserve(id.size() + event.size() + data.size() + 20);
  frame.append("id:").append(id).append("\nevent:").append(event).append("\ndata:").append(data).append("\n\n");
  return frame;
}

}  // namespace fastcms::core::realtime
