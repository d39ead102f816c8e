#pragma once

namespace fastcms::cli::exit_code {
inline constexpr int success = 0;
inline constexpr int failure = 1;
inline constexpr int usage = 2;
inline constexpr int interrupted = 130;
}  // namespace fastcms::cli::exit_code
