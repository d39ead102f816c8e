#include "core/records/record_validation.h"

#include <algorithm>

#include "common/strings.h"
#include "core/records/body_modifiers.h"

namespace fastcms::core::records {
using nlohmann::json;

namespace {

Result<std::optional<FieldError>> missing_relations(db::Connection& db, const collections::Schema& schema,
                                                    const collections::Field& field, const json& value) {
  const std::vector<std::string> ids = unique_strings(value);
  if (ids.empty()) return std::optional<FieldError>();
  const collections::Collection* target = schema.find(field.relation_target());
  if (!target)
    return std::optional<FieldError>(
        FieldError{"validation_missing_rel_collection", "Relation connection is missing or cannot be accessed."});
  const auto& dialect = db.dialect();
  std::string in;
  db::Params params;
  for (const auto& id : ids) {
    params.emplace_back(id);
    in += (params.size() > 1 ? ", " : "") + dialect.placeholder(params.size());
  }
  auto found = db.query_value("SELECT count(*) FROM " + dialect.quote_identifier(target->name) + " WHERE " +
                                  dialect.quote_identifier("id") + " IN (" + in + ")",
                              params);
  if (!found) return found.error();
  if (found->to_int64() == static_cast<std::int64_t>(ids.size())) return std::optional<FieldError>();
  return std::optional<FieldError>(
      FieldError{"validation_missing_rel_records", "Failed to find all relation records with the provided ids."});
}

std::optional<FieldError> unknown_file_names(const json& current, const json& value,
                                             const std::map<std::string, NewFile>& new_files) {
  const std::vector<std::string> existing = unique_strings(current);
  std::vector<std::string> unknown;
  for (const auto& name : unique_strings(value))
    if (std::find(existing.begin(), existing.end(), name) == existing.end() && !new_files.count(name))
      unknown.push_back(name);
  if (unknown.empty()) return std::nullopt;
  return FieldError{"validation_invalid_file", "Invalid new files: [" + strings::join(unknown, " ") + "].",
                    {{"invalidFiles", unknown}}};
}

}  // namespace

Status check_draft_references(db::Connection& db, const collections::Schema& schema,
                              const collections::Collection& collection, const json& current, RecordDraft& draft) {
  for (const auto& field : collection.fields) {
    if (draft.errors.has(field.name)) continue;
    const json& value = draft.values[field.name];
    if (field.type == "relation") {
      auto missing = missing_relations(db, schema, field, value);
      if (!missing) return missing.error();
      if (*missing) draft.errors.add(field.name, std::move(**missing));
    } else if (field.type == "file" && draft.was_submitted(field.name)) {
      if (auto e = unknown_file_names(current.contains(field.name) ? current[field.name] : json(), value,
                                      draft.new_files))
        draft.errors.add(field.name, std::move(*e));
    }
  }
  return Ok{};
}

}  // namespace fastcms::core::records
