#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "core/collections/collection.h"
#include "core/transfer/transfer_format.h"

namespace fastcms::core::transfer {

/// One record read from an import file: the line it starts on and its values by field name.
struct SourceRow {
  std::size_t line = 0;
  nlohmann::json values;
};

/// Reads the records of `text` in `format`. json: an array of objects; ndjson: one object
/// per non-blank line; csv: a header of field names of `collection` then rows, each cell
/// typed by its field (bool "true"/"false"; json, geoPoint and multi-value fields parsed
/// as JSON when they are JSON; an empty json or geoPoint cell is null). A malformed file
/// is an Error naming the line: "line 7: …".
Result<std::vector<SourceRow>> read_record_rows(std::string_view text, TransferFormat format,
                                                const collections::Collection& collection);

}  // namespace fastcms::core::transfer
