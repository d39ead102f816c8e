#pragma once
#include <chrono>
#include <cstdint>
#include <string>

#include "common/progress.h"

namespace fastcms::cli {

/// A one-line progress bar on stderr, drawn only when stderr is a terminal (never in
/// scripts or CI logs), redrawn at most 10 times a second, ended with a newline.
class ProgressBar {
 public:
  enum class Unit { bytes, rows };
  ProgressBar(std::string label, Unit unit);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// The callback to hand to the operation; empty when stderr is not a terminal.
  ProgressFn callback();

 private:
  void draw(std::uint64_t done, std::uint64_t total);
  std::string label_;
  Unit unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace fastcms::cli
