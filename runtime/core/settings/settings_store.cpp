#include "core/settings/settings_store.h"

#include "common/datetime.h"
#include "core/settings/settings_defaults.h"
#include "core/settings/settings_merge.h"

namespace fastcms::core::settings {

namespace {
constexpr const char* params_table = "_params";
constexpr const char* settings_key = "settings";
}  // namespace

Result<nlohmann::json> load_settings(db::Connection& db) {
  const auto& d = db.dialect();
  auto value = db.query_value("SELECT " + d.quote_identifier("value") + " FROM " + d.quote_identifier(params_table) +
                                  " WHERE " + d.quote_identifier("key") + " = " + d.placeholder(1),
                              {settings_key});
  if (!value) return value.error();
  if (value->is_null() || value->to_text().empty()) return default_settings();
  auto stored = nlohmann::json::parse(value->to_text(), nullptr, false);
  if (!stored.is_object()) return Error::failure("the stored settings (_params \"settings\") are not a JSON object");
  auto merged = merge_settings(default_settings(), stored);
  if (!merged.errors.empty())
    return Error::failure("the stored settings (_params \"settings\") have values of the wrong type: " +
                          merged.errors.dump());
  return std::move(merged.settings);
}

Status save_settings(db::Connection& db, const nlohmann::json& settings) {
  const auto& d = db.dialect();
  std::string now = datetime::now();
  std::string sql = "INSERT INTO " + d.quote_identifier(params_table) + " (" + d.quote_identifier("key") + ", " +
                    d.quote_identifier("value") + ", " + d.quote_identifier("created") + ", " +
                    d.quote_identifier("updated") + ") VALUES (" + d.placeholder(1) + ", " + d.placeholder(2) + ", " +
                    d.placeholder(3) + ", " + d.placeholder(3) + ") " + d.upsert_clause({"key"}, {"value", "updated"});
  auto r = db.exec(sql, {settings_key, settings.dump(), now});
  if (!r) return r.error();
  return Ok{};
}

}  // namespace fastcms::core::settings
