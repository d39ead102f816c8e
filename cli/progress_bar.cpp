#include "cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace fastcms::cli {

namespace {

std::string amount(std::uint64_t n, ProgressBar::Unit unit) {
  std::ostringstream out;
  if (unit == ProgressBar::Unit::rows) {
    out << n;
  } else {
    out.precision(1);
    out << std::fixed << static_cast<double>(n) / (1024.0 * 1024.0) << " MiB";
  }
  return out.str();
}

}  // namespace

ProgressBar::ProgressBar(std::string label, Unit unit)
    : label_(std::move(label)), unit_(unit), enabled_(isatty(STDERR_FILENO) != 0) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::cerr << "\n" << std::flush;
}

ProgressFn ProgressBar::callback() {
  if (!enabled_) return {};
  return [this](std::uint64_t done, std::uint64_t total) { draw(done, total); };
}

void ProgressBar::draw(std::uint64_t done, std::uint64_t total) {
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  constexpr int width = 30;
  int filled = total ? static_cast<int>(width * std::min(done, total) / total) : width;
  int percent = total ? static_cast<int>(100 * std::min(done, total) / total) : 100;
  std::cerr << "\r" << label_ << " [" << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << percent << "% "
            << amount(done, unit_) << " / " << amount(total, unit_) << "   " << std::flush;
}

}  // namespace fastcms::cli
