#include "core/realtime/outbox.h"

namespace fastcms::core::realtime {

bool Outbox::push(std::string_view frame) {
  std::lock_guard lock(mutex_);
  if (bytes_.size() + frame.size() > max_bytes_) return false;
  bytes_.append(frame);
  return true;
}

std::string Outbox::take() {
  std::lock_guard lock(mutex_);
  std::string out;
  out.swap(bytes_);
  return out;
}

void Outbox::unshift(std::string rest) {
  std::lock_guard lock(mutex_);
  rest.append(bytes_);
  bytes_.swap(rest);
}

size_t Outbox::pending_bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_.size();
}

}  // namespace fastcms::core::realtime
