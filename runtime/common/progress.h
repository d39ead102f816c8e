#pragma once
#include <cstdint>
#include <functional>

namespace fastcms {

/// Reports how far a long operation is: `done` of `total` units (bytes or rows). May be
/// empty; callers check before calling.
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

}  // namespace fastcms
