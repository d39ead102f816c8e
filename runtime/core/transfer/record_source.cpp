#include "core/transfer/record_source.h"

#include <string>

#include "core/transfer/csv.h"

namespace fastcms::core::transfer {

namespace {

using nlohmann::json;

Error at_line(std::size_t line, const std::string& message) {
  return Error::failure("line " + std::to_string(line) + ": " + message);
}

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

/// The line each top-level element of a JSON array starts on.
std::vector<std::size_t> array_element_lines(std::string_view text) {
  std::vector<std::size_t> lines;
  std::size_t line = 1;
  int depth = 0;
  bool in_string = false, escaped = false, expecting = false;
  for (char c : text) {
    if (c == '\n') ++line;
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (depth == 1 && expecting && c != ']') {
      lines.push_back(line);
      expecting = false;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      ++depth;
      if (depth == 1) expecting = true;
    } else if (c == ']' || c == '}') --depth;
    else if (c == ',' && depth == 1) expecting = true;
  }
  return lines;
}

json typed_cell(const collections::Field& field, const std::string& text) {
  const std::string& t = field.type;
  if (t == "bool") {
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0" || text.empty()) return false;
    return text;
  }
  bool json_valued = t == "json" || t == "geoPoint" || (field.is_multi() && !text.empty() && text.front() == '[');
  if (!json_valued) return text;
  if (text.empty()) return t == "json" || t == "geoPoint" ? json(nullptr) : json(text);
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? json(text) : parsed;
}

Result<std::vector<SourceRow>> read_csv(std::string_view text, const collections::Collection& collection) {
  CsvReader reader(text);
  std::vector<std::string> header, cells;
  std::size_t line = 0;
  if (!reader.next(header, line)) return std::vector<SourceRow>{};
  if (!header.empty() && header[0].starts_with("\xEF\xBB\xBF")) header[0].erase(0, 3);  // UTF-8 BOM
  std::vector<const collections::Field*> columns;
  for (const auto& name : header) {
    const auto* field = collection.field(name);
    if (!field) return at_line(line, "column \"" + name + "\" is not a field of " + collection.name);
    columns.push_back(field);
  }
  std::vector<SourceRow> rows;
  while (reader.next(cells, line)) {
    if (cells.size() != columns.size())
      return at_line(line, "the row has " + std::to_string(cells.size()) + " cells, the header has " +
                               std::to_string(columns.size()));
    json values = json::object();
    for (std::size_t i = 0; i < cells.size(); ++i) values[columns[i]->name] = typed_cell(*columns[i], cells[i]);
    rows.push_back({line, std::move(values)});
  }
  return rows;
}

Result<std::vector<SourceRow>> read_ndjson(std::string_view text) {
  std::vector<SourceRow> rows;
  std::size_t line = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line;
    std::string_view content = text.substr(start, end - start);
    start = end + 1;
    if (content.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    json value = json::parse(content, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) return at_line(line, "not valid JSON");
    if (!value.is_object()) return at_line(line, "not a JSON object");
    rows.push_back({line, std::move(value)});
  }
  return rows;
}

Result<std::vector<SourceRow>> read_json(std::string_view text) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    return at_line(line_of_offset(text, e.byte > 0 ? e.byte - 1 : 0), "not valid JSON");
  }
  if (!doc.is_array()) return Error::failure("line 1: expected a JSON array of records");
  auto lines = array_element_lines(text);
  std::vector<SourceRow> rows;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    std::size_t line = i < lines.size() ? lines[i] : 1;
    if (!doc[i].is_object()) return at_line(line, "record " + std::to_string(i + 1) + " is not a JSON object");
    rows.push_back({line, std::move(doc[i])});
  }
  return rows;
}

}  // namespace

Result<std::vector<SourceRow>> read_record_rows(std::string_view text, TransferFormat format,
                                                const collections::Collection& collection) {
  switch (format) {
    case TransferFormat::csv: return read_csv(text, collection);
    case TransferFormat::ndjson: return read_ndjson(text);
    case TransferFormat::json: break;
  }
  return read_json(text);
}

}  // namespace fastcms::core::transfer
