#include "core/files/s3_settings_probe.h"

#include "common/random.h"
#include "core/files/s3_file_storage.h"
#include "core/files/storage_from_settings.h"

namespace fastcms::core::files {

namespace {

constexpr const char* test_failed = "Failed to test the S3 filesystem.";

ApiError failure(const std::string& code, const std::string& message) {
  return ApiError::bad_request(test_failed, {{"filesystem", {{"code", code}, {"message", message}}}});
}

Status probe(FileStorage& storage) {
  std::string lowercase = random::alphanumeric(5);
  for (auto& c : lowercase) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string prefix = "fastcms_settings_test_" + lowercase;
  const std::string key = prefix + "/test.txt";
  if (auto put = storage.put(key, "test"); !put) return put;
  auto read = storage.get(key);
  auto removed = storage.remove_prefix(prefix);  // whether or not the read-back worked
  if (!read) return read.error();
  if (!*read || **read != "test") return Error::failure("the test file " + key + " could not be read back");
  return removed;
}

}  // namespace

ApiStatus probe_s3_settings(const nlohmann::json& settings, const nlohmann::json& body, std::shared_ptr<HttpClient> http) {
  const auto filesystem = body.is_object() ? body.find("filesystem") : body.end();
  if (!body.is_object() || filesystem == body.end() || !filesystem->is_string() || filesystem->get<std::string>().empty())
    return failure("validation_required", "Missing required value.");
  const std::string which = filesystem->get<std::string>();
  if (which == "backups")
    return failure("validation_unsupported",
                   "S3 backups are not supported yet: backups are kept in the project's data/backups folder.");
  if (which != "storage") return failure("validation_in_invalid", "Must be a valid value.");
  const auto s3 = settings.find("s3");
  if (s3 == settings.end() || !s3->is_object() || !s3->value("enabled", false))
    return failure("validation_s3_disabled", "S3 storage filesystem is not enabled.");
  S3FileStorage storage(s3_options_from_settings(*s3), std::move(http));
  if (auto probed = probe(storage); !probed) return failure("validation_s3_failed", probed.error().message);
  return Ok{};
}

}  // namespace fastcms::core::files
