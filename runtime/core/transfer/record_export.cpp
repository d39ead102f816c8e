#include "core/transfer/record_export.h"

#include "core/records/record_json.h"
#include "core/transfer/csv.h"

namespace fastcms::core::transfer {

namespace {

std::string cell_text(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

}  // namespace

std::vector<const collections::Field*> exported_fields(const collections::Collection& collection) {
  std::vector<const collections::Field*> fields;
  for (const auto& f : collection.fields)
    if (!(collection.is_auth() && (f.name == "password" || f.name == "tokenKey"))) fields.push_back(&f);
  return fields;
}

Result<std::uint64_t> export_records(db::Connection& db, const collections::Collection& collection,
                                     TransferFormat format, std::ostream& out, const ProgressFn& progress) {
  const std::string table = db.dialect().quote_identifier(collection.name);
  auto total = db.query_value("SELECT count(*) FROM " + table);
  if (!total.ok()) return total.error();
  const std::uint64_t count = static_cast<std::uint64_t>(total->to_int64());
  const auto fields = exported_fields(collection);

  if (format == TransferFormat::csv) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_cell(fields[i]->name);
    out << "\n";
  } else if (format == TransferFormat::json) {
    out << "[";
  }
  std::uint64_t written = 0;
  const std::string order = collection.type == "view" ? "" : " ORDER BY rowid";
  auto st = db.for_each_row("SELECT * FROM " + table + order, {}, [&](const db::Row& row) -> Status {
    nlohmann::json record = records::record_from_row(collection, row);
    if (format == TransferFormat::csv) {
      for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_cell(cell_text(record[fields[i]->name]));
      out << "\n";
    } else {
      nlohmann::ordered_json line = nlohmann::ordered_json::object();  // fields in schema order
      for (const auto* f : fields) line[f->name] = nlohmann::ordered_json(record[f->name]);
      if (format == TransferFormat::json) out << (written ? ",\n" : "\n");
      out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      if (format == TransferFormat::ndjson) out << "\n";
    }
    ++written;
    if (progress && (written % 1000 == 0 || written == count)) progress(written, count);
    if (!out) return Error::failure("cannot write the export: output failed");
    return Ok{};
  });
  if (!st.ok()) return st.error();
  if (format == TransferFormat::json) out << (written ? "\n]\n" : "]\n");
  if (!out) return Error::failure("cannot write the export: output failed");
  return written;
}

}  // namespace fastcms::core::transfer
