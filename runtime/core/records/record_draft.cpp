#include "core/records/record_draft.h"

#include "core/records/autogenerate_pattern.h"
#include "core/records/body_modifiers.h"
#include "core/records/password_field.h"

namespace fastcms::core::records {
using nlohmann::json;
using collections::Field;

namespace {

std::string plain_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

bool blank_text(const json& v) { return v.is_null() || (v.is_string() && v.get<std::string>().empty()); }

bool accepts_body_value(const collections::Collection& c, const Field& f, const DraftOptions& options) {
  if (!f.hidden || options.may_set_hidden) return true;
  return c.is_auth() && f.name == "password";
}

void draft_password(const Field& f, const json& current, const json* given, RecordDraft& d) {
  std::string plain;
  if (given) {
    plain = plain_text(*given);
    d.passwords[f.name] = plain;
    if (auto e = check_plain_password(f, plain)) d.errors.add(f.name, std::move(*e));
  }
  const bool empty = given ? plain.empty() : blank_text(current);
  if (f.required && empty) d.errors.add(f.name, required_field_error());
}

}  // namespace

RecordDraft make_draft(const collections::Collection& collection, const json& current, const json& body,
                       const DraftOptions& options) {
  RecordDraft d;
  const json merged = options.uploads.empty() ? json()
                                              : merge_uploads(collection, options.uploads, body, d.new_files, d.errors);
  ResolvedBody resolved = resolve_body(collection, options.uploads.empty() ? body : merged, current);
  d.errors.merge(resolved.errors);
  d.extra = std::move(resolved.extra);

  for (const Field& f : collection.fields) {
    const json stored = current.contains(f.name) ? current[f.name] : zero_value(f);
    d.values[f.name] = stored;
    const json* given = resolved.fields.contains(f.name) && accepts_body_value(collection, f, options)
                            ? &resolved.fields[f.name]
                            : nullptr;
    if (f.type == "autodate") {
      if (given) d.submitted[f.name] = stored;  // set by the server; the body shows the current value
      continue;
    }
    if (given) d.submitted[f.name] = *given;
    if (f.name == "id" && !options.is_new) continue;  // a stored primary key is not revalidated (nor changed)
    if (f.type == "password") {
      draft_password(f, stored, given, d);
      continue;
    }
    json input = given ? *given : stored;
    bool generated = false;
    const std::string pattern = f.options.value("autogeneratePattern", std::string());
    if (options.is_new && f.type == "text" && !pattern.empty() && blank_text(input)) {
      auto value = random_string_from_pattern(pattern);
      if (!value) {
        d.errors.add(f.name, {"validation_invalid_autogenerate_pattern", value.error().message});
        continue;
      }
      input = std::move(*value);
      generated = true;
    }
    auto normalized = normalize_value(f, input);
    if (auto* error = std::get_if<FieldError>(&normalized)) {
      d.errors.add(f.name, std::move(*error));
      if (given) d.values[f.name] = zero_value(f);
    } else if (given || generated) {
      d.values[f.name] = std::move(std::get<json>(normalized));
      if (f.type == "file" && !d.new_files.empty())
        if (auto e = new_file_error(f, d.values[f.name], d.new_files)) d.errors.add(f.name, std::move(*e));
    }
  }
  return d;
}

json request_body(const RecordDraft& draft) {
  json out = draft.extra;
  for (auto it = draft.submitted.begin(); it != draft.submitted.end(); ++it) {
    const std::string& name = it.key();
    const bool usable = !draft.passwords.count(name) && !draft.errors.has(name);
    out[name] = usable ? draft.values[name] : it.value();
  }
  return out;
}

json blank_record(const collections::Collection& collection) {
  json out = json::object();
  out["collectionId"] = collection.id;
  out["collectionName"] = collection.name;
  for (const auto& f : collection.fields) out[f.name] = zero_value(f);
  return out;
}

}  // namespace fastcms::core::records
