#include "core/transfer/transfer_format.h"

#include <string>

#include "common/strings.h"

namespace fastcms::core::transfer {

Result<TransferFormat> parse_transfer_format(std::string_view name) {
  if (name == "json") return TransferFormat::json;
  if (name == "ndjson") return TransferFormat::ndjson;
  if (name == "csv") return TransferFormat::csv;
  return Error::usage("unknown format \"" + std::string(name) + "\": use json, ndjson or csv");
}

std::optional<TransferFormat> format_of_file(const std::filesystem::path& file) {
  std::string ext = strings::to_lower(file.extension().string());
  if (ext == ".json") return TransferFormat::json;
  if (ext == ".ndjson" || ext == ".jsonl") return TransferFormat::ndjson;
  if (ext == ".csv") return TransferFormat::csv;
  return std::nullopt;
}

}  // namespace fastcms::core::transfer
