// Data-driven API scenarios: each tests/data/api/*.json file declares collections, users
// and seed records, then a list of requests with the status and body parts expected. The
// requests go through the real router and pipeline (auth header → rules → services →
// `fields`), without a socket. Format: tests/data/api/README.md.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "common/strings.h"
#include "core/app/app.h"
#include "core/auth/record_token.h"
#include "core/collections/schema_store.h"
#include "core/collections/schema_sync.h"
#include "core/collections/system_tables.h"
#include "core/records/record_write.h"
#include "core/settings/settings_store.h"
#include "http/api_pipeline.h"
#include "http/app_server.h"
#include "support/json_match.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* scenario_secret = "scenario-secret-scenario-secret-0123456789";
constexpr const char* scenario_password = "password123";

struct Scenario {
  fastcms::test::TempDir dir;
  std::unique_ptr<fastcms::core::App> app;
  std::shared_ptr<fastcms::http::Router> router;
  std::map<std::string, std::string> vars;    ///< {{name}} → value
  std::map<std::string, std::string> tokens;  ///< user name → token
};

std::string substitute(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [name, value] : vars) text = fastcms::strings::replace_all(text, "{{" + name + "}}", value);
  return text;
}

json substitute_json(const json& value, const std::map<std::string, std::string>& vars) {
  return json::parse(substitute(value.dump(), vars));
}

void open_scenario(Scenario& s, const json& spec) {
  auto database = fastcms::test::open_test_sqlite(s.dir.path() / "app.db");
  s.app = std::make_unique<fastcms::core::App>(std::move(database),
                                               fastcms::core::App::Options{s.dir.path(), scenario_secret, true});
  auto& db = s.app->db();
  if (auto st = fastcms::core::collections::ensure_system_tables(db); !st.ok()) FAIL(st.error().message);
  json declared = spec.value("collections", json::array());
  std::vector<json> definitions(declared.begin(), declared.end());
  if (auto r = fastcms::core::collections::sync_collection_files(db, definitions); !r.ok()) FAIL(r.error().message);
  auto schema = fastcms::core::collections::load_schema(db);
  if (!schema.ok()) FAIL(schema.error().message);
  s.app->set_schema(*schema);
  auto settings = fastcms::core::settings::load_settings(db);
  if (!settings.ok()) FAIL(settings.error().message);
  json merged = *settings;
  merged.merge_patch(spec.value("settings", json::object()));
  s.app->set_settings(merged);
  s.router = fastcms::http::build_api_router(*s.app);
}

void create_users(Scenario& s, const json& users) {
  auto schema = s.app->schema();
  for (const auto& [name, user] : users.items()) {
    const auto* collection = schema->find(user.value("collection", "users"));
    REQUIRE_MESSAGE(collection, "scenario user " << name << ": unknown collection");
    json body = user.value("fields", json::object());
    body["email"] = user.value("email", name + "@example.com");
    body["password"] = body["passwordConfirm"] = scenario_password;
    auto created = fastcms::core::records::create_record(s.app->db(), *schema, *collection,
                                                         fastcms::core::RequestContext::system(), body);
    if (!created.ok()) FAIL("scenario user " << name << ": " << created.error().describe());
    auto token = fastcms::core::auth::issue_token(*collection, *created, fastcms::core::auth::TokenKind::auth,
                                                  scenario_secret);
    if (!token.ok()) FAIL(token.error().message);
    s.tokens[name] = *token;
    s.vars[name + ".id"] = created->value("id", "");
    s.vars[name + ".token"] = *token;
  }
}

void seed_records(Scenario& s, const json& records) {
  auto schema = s.app->schema();
  for (const auto& seed : records) {
    const auto* collection = schema->find(seed.value("collection", ""));
    REQUIRE_MESSAGE(collection, "seed record: unknown collection " << seed.dump());
    auto created = fastcms::core::records::create_record(s.app->db(), *schema, *collection,
                                                         fastcms::core::RequestContext::system(),
                                                         substitute_json(seed.value("body", json::object()), s.vars));
    if (!created.ok()) FAIL("seed record " << seed.dump() << ": " << created.error().describe());
    if (seed.contains("save")) s.vars[seed["save"].get<std::string>()] = created->value("id", "");
  }
}

fastcms::http::ApiRequest build_request(const Scenario& s, const json& step) {
  fastcms::http::ApiRequest request;
  request.method = step.value("method", "GET");
  std::string url = substitute(step.value("url", ""), s.vars);
  auto q = url.find('?');
  request.path = url.substr(0, q);
  if (q != std::string::npos)
    for (const auto& pair : fastcms::strings::split_trimmed(url.substr(q + 1), '&')) {
      auto eq = pair.find('=');
      request.query.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
    }
  json query = step.value("query", json::object());
  for (const auto& [name, value] : query.items())
    request.query.emplace(name, substitute(value.is_string() ? value.get<std::string>() : value.dump(), s.vars));
  std::string as = step.value("as", "guest");
  if (as != "guest") {
    auto it = s.tokens.find(as);
    REQUIRE_MESSAGE(it != s.tokens.end(), "unknown user " << as);
    request.headers["authorization"] = it->second;
  }
  if (step.contains("token")) request.headers["authorization"] = substitute(step["token"].get<std::string>(), s.vars);
  if (step.contains("body")) request.body = substitute_json(step["body"], s.vars);
  return request;
}

void run_step(Scenario& s, const json& step, size_t index) {
  std::string label = "step " + std::to_string(index) + " (" + step.value("name", step.value("url", "")) + ")";
  auto request = build_request(s, step);
  auto response = fastcms::http::handle_api_request(*s.app, *s.router, request);
  INFO(label << ": " << request.method << " " << step.value("url", "") << " → " << response.status << " "
             << response.body.dump());
  CHECK(response.status == step.value("status", 200));
  if (step.contains("expect")) {
    std::string where;
    CHECK_MESSAGE(fastcms::test::json_contains(response.body, substitute_json(step["expect"], s.vars), where),
                  "body differs at " << where);
  }
  json absent = step.value("absent", json::array());
  for (const auto& pointer : absent)
    CHECK_MESSAGE(!response.body.contains(json::json_pointer(pointer.get<std::string>())),
                  pointer.get<std::string>() << " should be absent");
  json saves = step.value("save", json::object());
  for (const auto& [name, pointer] : saves.items()) {
    json::json_pointer ptr(pointer.get<std::string>());
    REQUIRE_MESSAGE(response.body.contains(ptr), "cannot save " << name << ": " << pointer);
    const auto& value = response.body[ptr];
    s.vars[name] = value.is_string() ? value.get<std::string>() : value.dump();
  }
}

std::vector<fs::path> scenario_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(FASTCMS_SOURCE_DIR) / "tests/data/api"))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("API scenarios (tests/data/api)") {
  auto files = scenario_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    SUBCASE(file.filename().string().c_str()) {
      std::ifstream in(file);
      json spec = json::parse(in);
      Scenario s;
      open_scenario(s, spec);
      create_users(s, spec.value("users", json::object()));
      seed_records(s, spec.value("records", json::array()));
      const auto& steps = spec.at("steps");
      for (size_t i = 0; i < steps.size(); ++i) run_step(s, steps[i], i);
    }
  }
}
