#pragma once
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

namespace fastcms::core::realtime {

/// The bytes waiting to be written to one realtime client, bounded: a client that does not
/// read fast enough overflows its outbox and is dropped, so it never holds back others.
/// Thread-safe (the hub appends, the transport takes).
class Outbox {
 public:
  explicit Outbox(size_t max_bytes) : max_bytes_(max_bytes) {}

  /// Appends `frame`; false (and nothing appended) when it would exceed the bound.
  bool push(std::string_view frame);
  /// Everything pending, emptying the outbox.
  std::string take();
  /// Puts back the part of a taken chunk that could not be written yet, before anything
  /// appended since.
  void unshift(std::string rest);
  size_t pending_bytes() const;

 private:
  const size_t max_bytes_;
  mutable std::mutex mutex_;
  std::string bytes_;
};

}  // namespace fastcms::core::realtime
