#include "core/files/storage_from_settings.h"

#include "core/files/local_file_storage.h"
#include "core/files/s3_file_storage.h"

namespace fastcms::core::files {

namespace {

std::string text_of(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

S3Options s3_options_from_settings(const nlohmann::json& s3) {
  S3Options options;
  options.endpoint = text_of(s3, "endpoint");
  options.bucket = text_of(s3, "bucket");
  if (auto region = text_of(s3, "region"); !region.empty()) options.region = region;
  options.access_key = text_of(s3, "accessKey");
  options.secret = text_of(s3, "secret");
  options.force_path_style = s3.value("forcePathStyle", false);
  return options;
}

std::filesystem::path local_storage_root(const std::filesystem::path& project_root) {
  return project_root / "data" / "storage";
}

std::shared_ptr<FileStorage> storage_from_settings(const nlohmann::json& settings,
                                                   const std::filesystem::path& project_root,
                                                   std::shared_ptr<HttpClient> http) {
  auto s3 = settings.find("s3");
  if (s3 != settings.end() && s3->is_object() && s3->value("enabled", false))
    return std::make_shared<S3FileStorage>(s3_options_from_settings(*s3), std::move(http));
  return std::make_shared<LocalFileStorage>(local_storage_root(project_root));
}

}  // namespace fastcms::core::files
