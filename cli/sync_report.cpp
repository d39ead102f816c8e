#include "cli/sync_report.h"

#include <sstream>

namespace fastcms::cli {

void print_sync_report(std::ostream& out, const core::collections::SyncReport& report, bool only_changes) {
  std::istringstream lines(core::collections::format_sync_report(report));
  std::string line;
  while (std::getline(lines, line))
    if (!only_changes || line.rfind("= ", 0) != 0) out << line << "\n";
}

}  // namespace fastcms::cli
