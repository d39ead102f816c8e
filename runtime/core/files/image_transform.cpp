#include "core/files/image_transform.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

#include "core/files/image_limits.h"
#include "core/form_errors.h"

namespace fastcms::core::files {

namespace {

constexpr const char* invalid_transform_message = "Invalid image transform parameters.";
constexpr std::array<std::string_view, 4> transform_formats = {"webp", "jpeg", "png", "avif"};
constexpr std::array<std::string_view, 5> transform_crops = {"center", "top", "bottom", "left", "right"};
constexpr std::array<std::string_view, 7> transform_parameters = {"width", "height", "format", "quality",
                                                                  "crop",  "blur",   "grayscale"};

/// The first non-empty value of `name`, nullopt when absent or empty.
std::optional<std::string_view> query_value(const std::multimap<std::string, std::string>& query,
                                            std::string_view name) {
  auto it = query.lower_bound(std::string(name));
  if (it == query.end() || it->first != name || it->second.empty()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<long long> whole_number(std::string_view text) {
  long long value = 0;
  if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> decimal_number(std::string_view text) {
  double value = 0;
  if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

nlohmann::json out_of_range(std::string message, long long min, long long max) {
  return form_errors::item("validation_out_of_range", message, {{"min", min}, {"max", max}});
}

std::string list_text(const auto& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out += values[i];
  }
  return out;
}

/// Collects the transform field by field, recording one data item per bad parameter.
class TransformReader {
 public:
  explicit TransformReader(const std::multimap<std::string, std::string>& query) : query_(query) {}

  void side(std::string_view name, int& out) {
    auto text = query_value(query_, name);
    if (!text) return;
    auto value = whole_number(*text);
    if (value && *value <= max_output_side) {
      out = static_cast<int>(*value);
      return;
    }
    errors_[std::string(name)] = out_of_range("Must be an integer between 0 and " + std::to_string(max_output_side) +
                                                  " (0 keeps the aspect ratio).",
                                              0, max_output_side);
  }

  void quality(int& out) {
    auto text = query_value(query_, "quality");
    if (!text) return;
    auto value = whole_number(*text);
    if (value && *value >= 1 && *value <= 100) {
      out = static_cast<int>(*value);
      return;
    }
    errors_["quality"] = out_of_range("Must be an integer between 1 and 100.", 1, 100);
  }

  void blur(double& out) {
    auto text = query_value(query_, "blur");
    if (!text) return;
    auto value = decimal_number(*text);
    if (value && *value <= 100) {
      out = *value;
      return;
    }
    errors_["blur"] = out_of_range("Must be a number between 0 and 100.", 0, 100);
  }

  void one_of(std::string_view name, const auto& allowed, std::string& out) {
    auto text = query_value(query_, name);
    if (!text) return;
    if (std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) {
      out = std::string(*text);
      return;
    }
    errors_[std::string(name)] =
        form_errors::item("validation_in_invalid", "Must be one of " + list_text(allowed) + ".");
  }

  void flag(std::string_view name, bool& out) {
    auto text = query_value(query_, name);
    if (!text) return;
    if (*text == "1" || *text == "true") out = true;
    else if (*text == "0" || *text == "false") out = false;
    else errors_[std::string(name)] = form_errors::item("validation_invalid_bool", "Must be 1, true, 0 or false.");
  }

  const nlohmann::json& errors() const { return errors_; }

 private:
  const std::multimap<std::string, std::string>& query_;
  nlohmann::json errors_ = nlohmann::json::object();
};

std::string shortest_text(double value) {
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), end);
}

}  // namespace

std::string ImageTransform::cache_key() const {
  return "w" + std::to_string(width) + "_h" + std::to_string(height) + "_f" + (format.empty() ? "orig" : format) +
         "_q" + std::to_string(quality) + "_c" + (crop.empty() ? "fit" : crop) + "_b" + shortest_text(blur) + "_g" +
         (grayscale ? "1" : "0");
}

ApiResult<std::optional<ImageTransform>> parse_image_transform(const std::multimap<std::string, std::string>& query) {
  bool asked = std::any_of(transform_parameters.begin(), transform_parameters.end(),
                           [&](std::string_view name) { return query_value(query, name).has_value(); });
  if (!asked) return std::optional<ImageTransform>();
  ImageTransform transform;
  TransformReader reader(query);
  reader.side("width", transform.width);
  reader.side("height", transform.height);
  reader.one_of("format", transform_formats, transform.format);
  reader.quality(transform.quality);
  reader.one_of("crop", transform_crops, transform.crop);
  reader.blur(transform.blur);
  reader.flag("grayscale", transform.grayscale);
  if (!reader.errors().empty()) return ApiError::bad_request(invalid_transform_message, reader.errors());
  return std::optional<ImageTransform>(std::move(transform));
}

}  // namespace fastcms::core::files
