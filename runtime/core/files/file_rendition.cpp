#include "core/files/file_rendition.h"

#include <algorithm>
#include <iostream>
#include <semaphore>
#include <thread>

#include "core/files/content_type.h"
#include "core/files/image_processing.h"
#include "core/files/image_transform.h"
#include "core/files/thumb_spec.h"

namespace fastcms::core::files {

namespace {

/// Renders at once at most this many images (each may hold a decoded image in memory).
std::counting_semaphore<64>& render_slots() {
  static std::counting_semaphore<64> slots(std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 2, 64));
  return slots;
}

template <typename Render>
auto with_render_slot(Render&& render) {
  render_slots().acquire();
  struct Release {
    ~Release() { render_slots().release(); }
  } release;
  return render();
}

std::optional<Rendition> some(Rendition rendition) { return rendition; }

std::string query_value(const std::multimap<std::string, std::string>& query, const std::string& name) {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

std::string record_prefix(const ServedFile& file) { return file.collection->id + "/" + file.record_id + "/"; }

bool thumb_allowed(const ServedFile& file, const ThumbSpec& spec) {
  std::string size = spec.text();
  if (size == "100x100") return true;
  auto thumbs = file.field->options.find("thumbs");
  if (thumbs == file.field->options.end() || !thumbs->is_array()) return false;
  return std::any_of(thumbs->begin(), thumbs->end(),
                     [&](const nlohmann::json& t) { return t.is_string() && t.get<std::string>() == size; });
}

/// The name of `name` once re-encoded as `extension` (".webp"): "cover_abc.png" → "cover_abc.webp".
std::string renamed(const std::string& name, const std::string& extension) {
  if (extension.empty()) return name;
  auto dot = name.rfind('.');
  return (dot == std::string::npos ? name : name.substr(0, dot)) + extension;
}

ApiResult<std::optional<std::string>> read_original(FileStorage& storage, const ServedFile& file) {
  auto bytes = storage.get(file.storage_key);
  if (!bytes.ok()) return ApiError::from(bytes.error());
  return std::move(*bytes);
}

void warn(const std::string& what, const ServedFile& file, const std::string& why) {
  std::cerr << "fastcms: " << what << " of " << file.storage_key << ": " << why << "\n";
}

ApiResult<std::optional<Rendition>> thumbnail(FileStorage& storage, const ServedFile& file, const ThumbSpec& spec) {
  std::string key = record_prefix(file) + "thumbs_" + file.name + "/" + spec.text() + "_" + file.name;
  auto cached = storage.get(key);
  if (cached.ok() && cached->has_value()) return some(Rendition{std::move(**cached), file.name});
  auto original = read_original(storage, file);
  if (!original.ok()) return original.error();
  if (!original->has_value()) return std::optional<Rendition>();
  if (!is_thumbable_mime(base_mime(sniff_content_type(**original).mime))) return some(Rendition{std::move(**original), file.name});
  auto rendered = with_render_slot([&] { return make_thumbnail(**original, spec); });
  if (!rendered.ok()) {
    warn("thumbnail " + spec.text(), file, rendered.error().message);
    return some(Rendition{std::move(**original), file.name});
  }
  if (auto kept = storage.put(key, rendered->bytes); !kept.ok()) warn("storing thumbnail", file, kept.error().message);
  return some(Rendition{std::move(rendered->bytes), file.name});
}

ApiResult<std::optional<Rendition>> transformed(FileStorage& storage, const ServedFile& file,
                                                const ImageTransform& transform) {
  std::string folder = record_prefix(file) + "transforms_" + file.name;
  auto cached_keys = storage.list(folder);
  std::string stem = transform.cache_key() + "_";
  if (cached_keys.ok())
    for (const auto& key : *cached_keys)
      if (key.compare(folder.size() + 1, stem.size(), stem) == 0)
        if (auto cached = storage.get(key); cached.ok() && cached->has_value())
          return some(Rendition{std::move(**cached), key.substr(folder.size() + 1 + stem.size())});

  auto original = read_original(storage, file);
  if (!original.ok()) return original.error();
  if (!original->has_value()) return std::optional<Rendition>();
  if (!is_transformable_mime(base_mime(sniff_content_type(**original).mime)))
    return ApiError::bad_request("Only png, jpeg, gif, webp and avif images can be transformed; \"" + file.name +
                                 "\" is " + base_mime(sniff_content_type(**original).mime) + ".");
  auto rendered = with_render_slot([&] { return transform_image(**original, transform); });
  if (!rendered.ok()) return ApiError::bad_request("Failed to transform \"" + file.name + "\": " + rendered.error().message);
  std::string name = renamed(file.name, sniff_content_type(rendered->bytes).extension);
  if (cached_keys.ok() && cached_keys->size() < max_cached_transforms_per_file)
    if (auto kept = storage.put(folder + "/" + stem + name, rendered->bytes); !kept.ok())
      warn("storing transform", file, kept.error().message);
  return some(Rendition{std::move(rendered->bytes), name});
}

}  // namespace

ApiResult<std::optional<Rendition>> read_rendition(FileStorage& storage, const ServedFile& file,
                                                    const std::multimap<std::string, std::string>& query) {
  auto transform = parse_image_transform(query);
  if (!transform.ok()) return transform.error();
  if (transform->has_value()) return transformed(storage, file, **transform);
  if (auto spec = parse_thumb_spec(query_value(query, "thumb")); spec && thumb_allowed(file, *spec))
    return thumbnail(storage, file, *spec);
  auto original = read_original(storage, file);
  if (!original.ok()) return original.error();
  if (!original->has_value()) return std::optional<Rendition>();
  return some(Rendition{std::move(**original), file.name});
}

}  // namespace fastcms::core::files
