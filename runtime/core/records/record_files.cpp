#include "core/records/record_files.h"

#include <algorithm>
#include <iostream>

#include "common/strings.h"
#include "core/files/content_type.h"
#include "core/files/stored_file_name.h"
#include "core/records/body_modifiers.h"
#include "core/records/field_value.h"

namespace fastcms::core::records {
using nlohmann::json;
using collections::Field;

namespace {

/// The file field an upload key addresses ("field", "field+", "+field"), or null.
const Field* upload_target(const collections::Collection& c, const std::string& key) {
  std::string name = key;
  if (name.size() > 1 && name.front() == '+') name = name.substr(1);
  else if (name.size() > 1 && name.back() == '+') name.pop_back();
  const Field* f = c.field(name);
  return f && f->type == "file" ? f : nullptr;
}

FieldError not_a_file_field(const std::string& key) {
  return {"validation_invalid_file",
          "Files can be uploaded only to file fields (as \"field\", \"field+\" or \"+field\"), not to \"" + key + "\".",
          json{{"key", key}}};
}

long long max_size(const Field& f) {
  auto it = f.options.find("maxSize");
  long long n = it != f.options.end() && it->is_number() ? it->get<long long>() : 0;
  return n > 0 ? n : default_file_max_size;
}

std::vector<std::string> mime_types(const Field& f) {
  std::vector<std::string> out;
  if (auto it = f.options.find("mimeTypes"); it != f.options.end() && it->is_array())
    for (const auto& t : *it)
      if (t.is_string() && !t.get<std::string>().empty()) out.push_back(t.get<std::string>());
  return out;
}

}  // namespace

std::vector<std::string> file_names(const json& value) { return unique_strings(value); }

json merge_uploads(const collections::Collection& collection, std::span<const files::Upload> uploads, const json& body,
                   std::map<std::string, NewFile>& new_files, FieldErrors& errors) {
  json out = body.is_object() ? body : json::object();
  // Checked before any part is sniffed, so that a flood of tiny parts costs nothing: a
  // multi-file field refuses more parts than its maxSelect; a single-file field keeps only
  // the last part of each key (the others could never be kept).
  std::map<std::string, long long> parts;  // field name → parts sent to it
  std::map<std::string, const files::Upload*> last_single;  // key → its last part
  for (const auto& upload : uploads)
    if (const Field* field = upload_target(collection, upload.field)) {
      ++parts[field->name];
      if (!field->is_multi()) last_single[upload.field] = &upload;
    }
  for (const auto& [name, count] : parts)
    if (const Field* field = collection.field(name); field->is_multi() && count > max_files(*field))
      errors.add(name, too_many_files_error(max_files(*field)));

  std::map<std::string, std::vector<std::string>> added;  // key → stored names, in upload order
  for (const auto& upload : uploads) {
    const Field* field = upload_target(collection, upload.field);
    if (!field) {
      errors.add(upload.field, not_a_file_field(upload.field));
      continue;
    }
    if (field->is_multi() ? parts[field->name] > max_files(*field) : last_single[upload.field] != &upload) continue;
    const auto sniffed = files::sniff_content_type(upload.content);
    std::string name = files::stored_file_name(upload.filename, sniffed.extension);
    added[upload.field].push_back(name);
    new_files[std::move(name)] = NewFile{&upload, field->name, files::base_mime(sniffed.mime)};
  }
  for (auto& [key, names] : added) {
    std::vector<std::string> merged = out.contains(key) ? file_names(out[key]) : std::vector<std::string>{};
    merged.insert(merged.end(), names.begin(), names.end());
    const Field* field = upload_target(collection, key);
    const bool plain = key == field->name;
    // A single-file field keeps the last file, as PocketBase normalizes it.
    if (plain && !field->is_multi()) out[key] = merged.back();
    else out[key] = merged;
  }
  return out;
}

std::optional<FieldError> new_file_error(const Field& field, const json& value,
                                         const std::map<std::string, NewFile>& new_files) {
  const long long limit = max_size(field);
  const auto allowed = mime_types(field);
  for (const auto& name : file_names(value)) {
    auto it = new_files.find(name);
    if (it == new_files.end()) continue;
    const NewFile& file = it->second;
    if (static_cast<long long>(file.upload->content.size()) > limit)
      return FieldError{"validation_file_size_limit",
                        "Failed to upload " + file.upload->filename + " - the maximum allowed file size is " +
                            std::to_string(limit) + " bytes.",
                        json{{"file", file.upload->filename}, {"maxSize", limit}}};
    if (!allowed.empty()) {
      const bool ok = std::any_of(allowed.begin(), allowed.end(),
                                  [&](const std::string& t) { return files::base_mime(t) == file.mime; });
      if (!ok)
        return FieldError{"validation_invalid_mime_type",
                          "\"" + name + "\" mime type must be one of: " + strings::join(allowed, ", ") + "."};
    }
  }
  return std::nullopt;
}

FieldErrors store_new_files(db::Connection& db, const std::shared_ptr<files::FileStorage>& storage,
                            const collections::Collection& collection, const json& values,
                            const std::map<std::string, NewFile>& new_files) {
  FieldErrors errors;
  if (new_files.empty()) return errors;
  const std::string folder = collection.id + "/" + values.value("id", std::string()) + "/";
  auto written = std::make_shared<std::vector<std::string>>();
  db.after_transaction([storage, written](bool committed) {
    if (committed || !storage) return;
    for (const auto& key : *written)
      if (auto removed = storage->remove(key); !removed)
        std::cerr << "fastcms: removing an uploaded file after a rollback failed (the orphan sweep will retry): "
                  << removed.error().message << std::endl;
  });
  for (const auto& field : collection.fields) {
    if (field.type != "file" || !values.contains(field.name)) continue;
    for (const auto& name : file_names(values[field.name])) {
      auto it = new_files.find(name);
      if (it == new_files.end()) continue;
      const std::string key = folder + name;
      written->push_back(key);  // before the put: a partial write is removed too
      Status put = storage ? storage->put(key, it->second.upload->content)
                           : Status(Error::failure("no file storage was given for the upload"));
      if (!put) {
        std::cerr << "fastcms: storing the upload " << key << " failed: " << put.error().message << std::endl;
        errors.add(field.name, {"validation_file_upload_failed",
                                "Failed to store the uploaded file " + it->second.upload->filename + "."});
        return errors;
      }
    }
  }
  return errors;
}

files::FileDiscard replaced_files(const collections::Collection& collection, const json& original, const json& values) {
  files::FileDiscard discard;
  const std::string id = original.value("id", std::string());
  for (const auto& field : collection.fields) {
    if (field.type != "file" || !original.contains(field.name)) continue;
    const auto kept = file_names(values.contains(field.name) ? values[field.name] : json());
    for (const auto& name : file_names(original[field.name]))
      if (std::find(kept.begin(), kept.end(), name) == kept.end()) discard.add_file(collection.id, id, name);
  }
  return discard;
}

}  // namespace fastcms::core::records
