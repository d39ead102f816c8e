#include "core/transfer/record_import.h"

#include "common/datetime.h"
#include "core/records/record_rows.h"
#include "core/records/record_write.h"
#include "core/request_context.h"

namespace fastcms::core::transfer {

namespace {

using nlohmann::json;

/// Sets the autodate fields `row` gives as valid datetimes on the stored record `id`.
Status keep_autodates(db::Connection& db, const collections::Collection& collection, const std::string& id,
                      const json& row) {
  std::string sets;
  db::Params params;
  for (const auto& f : collection.fields) {
    if (f.type != "autodate" || !row.contains(f.name) || !row[f.name].is_string()) continue;
    auto normalized = datetime::normalize(row[f.name].get<std::string>());
    if (!normalized) continue;
    params.push_back(*normalized);
    sets += (sets.empty() ? "" : ", ") + db.dialect().quote_identifier(f.name) + " = ?" + std::to_string(params.size());
  }
  if (sets.empty()) return Ok{};
  params.push_back(id);
  auto done = db.exec("UPDATE " + db.dialect().quote_identifier(collection.name) + " SET " + sets +
                          " WHERE " + db.dialect().quote_identifier("id") + " = ?" + std::to_string(params.size()),
                      params);
  if (!done.ok()) return done.error();
  return Ok{};
}

/// Creates or (with upsert, for a stored id) updates one record; returns whether it was an update.
Result<bool> write_row(db::Connection& db, const collections::Schema& schema, const collections::Collection& collection,
                       const SourceRow& row, bool upsert) {
  const auto ctx = RequestContext::system();
  std::string id = row.values.contains("id") && row.values["id"].is_string() ? row.values["id"].get<std::string>() : "";
  bool update = false;
  if (upsert && !id.empty()) {
    auto existing = records::load_record(db, collection, id);
    if (!existing.ok()) return existing.error();
    update = existing->has_value();
  }
  json body = row.values;
  body.erase("collectionId");
  body.erase("collectionName");
  auto written = update ? records::update_record(db, schema, collection, ctx, id, body)
                        : records::create_record(db, schema, collection, ctx, body);
  if (!written.ok()) return Error::failure("line " + std::to_string(row.line) + ": " + written.error().describe());
  if (auto kept = keep_autodates(db, collection, (*written)["id"].get<std::string>(), row.values); !kept.ok())
    return Error::failure("line " + std::to_string(row.line) + ": " + kept.error().message);
  return update;
}

}  // namespace

Result<ImportReport> import_records(db::Connection& db, const collections::Schema& schema,
                                    const collections::Collection& collection, const std::vector<SourceRow>& rows,
                                    const ImportOptions& options, const ProgressFn& progress) {
  if (collection.type == "view")
    return Error::usage(collection.name + " is a view collection: its records cannot be imported");
  ImportReport report;
  auto st = db.transaction([&](db::Connection& tx) -> Status {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      Result<bool> outcome = false;
      if (options.skip_invalid) {
        // A savepoint per row, so that a bad row is undone alone.
        auto one = tx.transaction([&](db::Connection& row_tx) -> Status {
          outcome = write_row(row_tx, schema, collection, rows[i], options.upsert);
          if (!outcome.ok()) return outcome.error();
          return Ok{};
        });
        if (!one.ok()) report.skipped.push_back({rows[i].line, one.error().message});
      } else {
        outcome = write_row(tx, schema, collection, rows[i], options.upsert);
        if (!outcome.ok()) return outcome.error();  // rolls back the whole import
      }
      if (outcome.ok()) ++(*outcome ? report.updated : report.created);
      if (progress && ((i + 1) % options.batch_size == 0 || i + 1 == rows.size())) progress(i + 1, rows.size());
    }
    return Ok{};
  });
  if (!st.ok()) return st.error();
  return report;
}

}  // namespace fastcms::core::transfer
