#pragma once
#include <filesystem>
#include <optional>
#include <string_view>

#include "common/error.h"

namespace fastcms::core::transfer {

/// How records are written and read by export and import.
///   json:   one array of record objects, one record per line;
///   ndjson: one record object per line;
///   csv:    a header of field names, then one row per record (RFC 4180 quoting; arrays
///           and objects as JSON text, null as an empty cell).
enum class TransferFormat { json, ndjson, csv };

/// "json", "ndjson" or "csv"; a usage Error naming the choices otherwise.
Result<TransferFormat> parse_transfer_format(std::string_view name);

/// The format a file's extension names (.json, .ndjson/.jsonl, .csv), or nullopt.
std::optional<TransferFormat> format_of_file(const std::filesystem::path& file);

}  // namespace fastcms::core::transfer
