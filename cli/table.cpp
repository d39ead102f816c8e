#include "cli/table.h"

#include <algorithm>
#include <iostream>

#include "cli/output.h"

namespace fastcms::cli {

namespace {

std::string table_line(const std::vector<std::string>& cells, const std::vector<size_t>& widths) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    line += cells[i];
    if (i + 1 < cells.size()) line += std::string(widths[i] - cells[i].size() + 2, ' ');
  }
  return line;
}

}  // namespace

void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& h : headers) widths.push_back(h.size());
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  std::cout << styled(stdout, "1", table_line(headers, widths)) << "\n";
  for (const auto& row : rows) std::cout << table_line(row, widths) << "\n";
}

}  // namespace fastcms::cli
