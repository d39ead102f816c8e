#include "core/files/file_rendition.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <semaphore>
#include <thread>

#include "core/files/content_type.h"
#include "core/files/image_processing.h"
#include "core/files/image_transform.h"
#include "core/files/thumb_spec.h"

namespace fastcms::core::files {

namespace {

long long env_number(const char* name, long long fallback, long long min, long long max) {
  const char* text = std::getenv(name);
  if (!text || !*text) return fallback;
  char* end = nullptr;
  long long value = std::strtoll(text, &end, 10);
  return *end == '\0' ? std::clamp(value, min, max) : fallback;
}

/// Renders at once at most this many images (each may hold a decoded image in memory).
std::counting_semaphore<64>& render_slots() {
  static std::counting_semaphore<64> slots(static_cast<std::ptrdiff_t>(env_number(
      "PB_THUMBS_MAX_WORKERS", std::clamp<long long>(std::thread::hardware_concurrency(), 2, 64), 1, 64)));
  return slots;
}

std::chrono::seconds render_wait() {
  static const std::chrono::seconds wait(env_number("PB_THUMBS_MAX_WAIT", 60, 1, 3600));
  return wait;
}

/// `render()` on a render slot, or nullopt when none became free within render_wait().
template <typename Render>
auto with_render_slot(Render&& render) -> std::optional<decltype(render())> {
  if (!render_slots().try_acquire_for(render_wait())) return std::nullopt;
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

void warn(const std::string& what, const ServedFile& file, const std::string& why) {
  std::cerr << "fastcms: " << what << " of " << file.storage_key << ": " << why << "\n";
}

/// The original's bytes; nullopt when it is missing or the storage fails (logged).
std::optional<std::string> read_original(FileStorage& storage, const ServedFile& file) {
  auto bytes = storage.get(file.storage_key);
  if (bytes.ok()) return std::move(*bytes);
  warn("reading", file, bytes.error().message);
  return std::nullopt;
}

ApiResult<std::optional<Rendition>> thumbnail(FileStorage& storage, const ServedFile& file, const ThumbSpec& spec) {
  std::string key = record_prefix(file) + "thumbs_" + file.name + "/" + spec.text() + "_" + file.name;
  auto cached = storage.get(key);
  if (cached.ok() && cached->has_value()) return some(Rendition{std::move(**cached), file.name, key});
  auto original = read_original(storage, file);
  if (!original) return std::optional<Rendition>();
  if (!is_thumbable_mime(base_mime(sniff_content_type(*original).mime))) return some(Rendition{std::move(*original), file.name, file.storage_key});
  auto rendered = with_render_slot([&] { return make_thumbnail(*original, spec); });
  if (!rendered || !rendered->ok()) {
    warn("thumbnail " + spec.text(), file, rendered ? rendered->error().message : "no render slot became free in time");
    return some(Rendition{std::move(*original), file.name, file.storage_key});
  }
  if (auto kept = storage.put(key, (*rendered)->bytes); !kept.ok()) warn("storing thumbnail", file, kept.error().message);
  return some(Rendition{std::move((*rendered)->bytes), file.name, key});
}

/// The extension sniff_content_type gives images of `format` ("" when the format is kept).
std::string extension_of_format(const std::string& format) {
  if (format == "jpeg") return ".jpg";
  return format.empty() ? std::string() : "." + format;
}

ApiResult<std::optional<Rendition>> transformed(FileStorage& storage, const ServedFile& file,
                                                const ImageTransform& transform) {
  std::string folder = record_prefix(file) + "transforms_" + file.name;
  std::string stem = transform.cache_key() + "_";
  // With a format the cached name is known: one read instead of a listing.
  if (std::string extension = extension_of_format(transform.format); !extension.empty()) {
    std::string name = renamed(file.name, extension), key = folder + "/" + stem + name;
    if (auto cached = storage.get(key); cached.ok() && cached->has_value())
      return some(Rendition{std::move(**cached), name, key});
  }
  auto cached_keys = storage.list(folder);
  if (cached_keys.ok())
    for (const auto& key : *cached_keys)
      if (key.compare(folder.size() + 1, stem.size(), stem) == 0)
        if (auto cached = storage.get(key); cached.ok() && cached->has_value())
          return some(Rendition{std::move(**cached), key.substr(folder.size() + 1 + stem.size()), key});

  auto original = read_original(storage, file);
  if (!original) return std::optional<Rendition>();
  std::string type = base_mime(sniff_content_type(*original).mime);
  if (!is_transformable_mime(type))
    return ApiError::bad_request("Only png, jpeg, gif, webp and avif images can be transformed; \"" + file.name +
                                 "\" is " + type + ".");
  auto rendered = with_render_slot([&] { return transform_image(*original, transform); });
  if (!rendered)
    return ApiError{503, "The server is busy rendering other images; try again shortly.", nlohmann::json::object()};
  if (!rendered->ok()) {
    warn("transform " + transform.cache_key(), file, rendered->error().message);
    return ApiError::bad_request("Failed to transform \"" + file.name + "\": it is not a valid " + type +
                                 " image or it is larger than the limits allow.");
  }
  auto& image = **rendered;
  std::string name = renamed(file.name, sniff_content_type(image.bytes).extension);
  if (cached_keys.ok() && cached_keys->size() < max_cached_transforms_per_file)
    if (auto kept = storage.put(folder + "/" + stem + name, image.bytes); !kept.ok())
      warn("storing transform", file, kept.error().message);
  return some(Rendition{std::move(image.bytes), name, folder + "/" + stem + name});
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
  if (!original) return std::optional<Rendition>();
  return some(Rendition{std::move(*original), file.name, file.storage_key});
}

}  // namespace fastcms::core::files
