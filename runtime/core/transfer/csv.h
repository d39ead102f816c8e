#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

/// RFC 4180 CSV, by hand: the format is small and no Debian C++ library covers it with
/// line tracking (needed to report a bad row by its line).
namespace fastcms::core::transfer {

/// `cell` quoted when it holds a comma, a quote, CR or LF (quotes doubled), else as is.
std::string csv_cell(std::string_view cell);

/// Reads rows from `text` (quoted cells may span lines; CRLF or LF line ends).
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}
  /// The next row into `cells` and the 1-based line it starts on; false at the end.
  /// An unterminated quote ends the row at the end of the text (reported by the caller
  /// through the column count).
  bool next(std::vector<std::string>& cells, std::size_t& line);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace fastcms::core::transfer
