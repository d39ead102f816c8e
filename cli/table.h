#pragma once
#include <cstdio>
#include <string>
#include <vector>

namespace fastcms::cli {

/// Prints `rows` under `headers` to stdout as left-aligned columns two spaces apart, each
/// as wide as its widest cell (the last column unpadded); the header line is bold on a
/// colour terminal.
void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows);

}  // namespace fastcms::cli
