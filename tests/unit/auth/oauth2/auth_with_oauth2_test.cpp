// POST auth-with-oauth2 through the whole API pipeline (router, request context, records
// service, real SQLite) with the provider answered by a FakeHttpClient.
#include <doctest/doctest.h>

#include "core/app/app.h"
#include "core/auth/external_auths_collection.h"
#include "core/collections/schema_store.h"
#include "core/collections/schema_sync.h"
#include "core/collections/system_tables.h"
#include "core/records/record_delete.h"
#include "core/records/record_write.h"
#include "http/api_pipeline.h"
#include "http/app_server.h"
#include "support/fake_http_client.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
using nlohmann::json;
namespace core = fastcms::core;

constexpr const char* oauth2_test_secret = "oauth2-test-secret-oauth2-test-secret-0123";

json oauth2_users_definition() {
  return json::parse(R"J({
    "name": "users", "type": "auth", "createRule": "", "listRule": "id = @request.auth.id",
    "viewRule": "id = @request.auth.id",
    "fields": [{"name": "name", "type": "text", "max": 40}, {"name": "username", "type": "text"}],
    "indexes": ["CREATE UNIQUE INDEX idx_users_username ON users (username) WHERE username != ''"],
    "oauth2": {"enabled": true,
      "providers": [{"name": "oidc", "clientId": "cid", "clientSecret": "csecret",
                     "authURL": "https://idp.test/authorize", "tokenURL": "https://idp.test/token",
                     "userInfoURL": "https://idp.test/userinfo"}],
      "mappedFields": {"name": "name", "username": "username"}}})J");
}

struct OAuth2Api {
  fastcms::test::TempDir dir;
  std::unique_ptr<core::App> app;
  std::shared_ptr<fastcms::http::Router> router;
  std::shared_ptr<fastcms::test::FakeHttpClient> idp = std::make_shared<fastcms::test::FakeHttpClient>();

  explicit OAuth2Api(json users = oauth2_users_definition()) {
    app = std::make_unique<core::App>(fastcms::test::open_test_sqlite(dir.path() / "app.db"),
                                      core::App::Options{dir.path(), oauth2_test_secret, true});
    if (auto s = core::collections::ensure_system_tables(app->db()); !s.ok()) FAIL(s.error().message);
    std::vector<json> files = {std::move(users), json{{"name", "posts"}, {"type", "base"}}};
    if (auto r = core::collections::sync_collection_files(app->db(), files); !r.ok()) FAIL(r.error().message);
    auto schema = core::collections::load_schema(app->db());
    if (!schema.ok()) FAIL(schema.error().message);
    app->set_schema(*schema);
    app->set_http_client(idp);
    router = fastcms::http::build_api_router(*app);
    idp->answer("https://idp.test/token", 200,
                R"({"access_token":"at-1","refresh_token":"rt-1","token_type":"Bearer","expires_in":3600})");
  }

  void provider_user(const json& user) { idp->answer("https://idp.test/userinfo", 200, user.dump()); }

  fastcms::http::ApiResponse sign_in(json body, const std::string& collection = "users", std::string token = "") {
    fastcms::http::ApiRequest request;
    request.method = "POST";
    request.path = "/api/collections/" + collection + "/auth-with-oauth2";
    request.body = std::move(body);
    if (!token.empty()) request.headers["authorization"] = token;
    return fastcms::http::handle_api_request(*app, *router, request);
  }

  json flow(const std::string& code = "code-1") {
    return {{"provider", "oidc"}, {"code", code}, {"codeVerifier", "verifier-1"}, {"redirectURL", "http://app.test/cb"}};
  }

  const core::collections::Collection& users() { return *app->schema()->find("users"); }

  std::vector<core::auth::ExternalAuth> links_of(const std::string& record_id) {
    auto links = core::auth::external_auths_of(app->db(), users().id, record_id);
    if (!links.ok()) FAIL(links.error().message);
    return *links;
  }

  json create_password_user(const std::string& email, bool verified) {
    json body = {{"email", email}, {"password", "password123"}, {"passwordConfirm", "password123"}, {"verified", verified}};
    auto created = core::records::create_record(app->db(), *app->schema(), users(), core::RequestContext::system(), body);
    if (!created.ok()) FAIL(created.error().describe());
    return *created;
  }

  json stored(const std::string& id) {
    auto row = app->db().query_one("SELECT password, verified, email FROM users WHERE id = ?1", {id});
    if (!row.ok() || !row->has_value()) FAIL("no user " << id);
    return fastcms::db::to_json(**row);
  }
};

json ada_claims() {
  return {{"sub", "ada-1"}, {"email", "ada@example.com"}, {"email_verified", true}, {"name", "Ada Lovelace"},
          {"preferred_username", "ada"}, {"picture", "https://idp.test/ada.png"}};
}
}  // namespace

TEST_SUITE("auth-with-oauth2") {
  TEST_CASE("a first sign-in creates the record, verified, with the mapped fields and a link") {
    OAuth2Api api;
    api.provider_user(ada_claims());
    auto r = api.sign_in(api.flow());
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    const json& record = r.body["record"];
    CHECK(r.body["token"].is_string());
    CHECK(record["email"] == "ada@example.com");
    CHECK(record["verified"] == true);
    CHECK(record["name"] == "Ada Lovelace");
    CHECK(record["username"] == "ada");
    CHECK_FALSE(record.contains("password"));
    const json& meta = r.body["meta"];
    CHECK(meta["id"] == "ada-1");
    CHECK(meta["name"] == "Ada Lovelace");
    CHECK(meta["username"] == "ada");
    CHECK(meta["email"] == "ada@example.com");
    CHECK(meta["avatarURL"] == "https://idp.test/ada.png");
    CHECK(meta["accessToken"] == "at-1");
    CHECK(meta["refreshToken"] == "rt-1");
    CHECK(meta["expiry"].get<std::string>().size() == 24);
    CHECK(meta["isNew"] == true);
    CHECK(meta["rawUser"] == ada_claims());
    auto links = api.links_of(record["id"]);
    REQUIRE(links.size() == 1);
    CHECK(links[0].provider == "oidc");
    CHECK(links[0].provider_id == "ada-1");
    CHECK(links[0].collection_ref == api.users().id);

    // The code went to the token endpoint with the PKCE verifier and the redirect URL.
    auto sent = api.idp->requests().at(0);
    CHECK(sent.body.find("code=code-1") != std::string::npos);
    CHECK(sent.body.find("code_verifier=verifier-1") != std::string::npos);
    CHECK(sent.body.find("redirect_uri=http%3A%2F%2Fapp.test%2Fcb") != std::string::npos);
  }

  TEST_CASE("a mapped avatarURL file field gets the provider's image on sign-up; an unusable one is left out") {
    json users = oauth2_users_definition();
    users["fields"].push_back({{"name", "avatar"}, {"type", "file"}, {"maxSelect", 1}, {"maxSize", 100},
                               {"mimeTypes", {"image/png"}}});
    users["oauth2"]["mappedFields"]["avatarURL"] = "avatar";
    OAuth2Api api(users);
    const std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(20, 'p');
    api.idp->answer("https://idp.test/ada.png", 200, png, "image/png");
    api.provider_user(ada_claims());
    auto r = api.sign_in(api.flow());
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    std::string avatar = r.body["record"]["avatar"];
    CHECK(avatar.rfind("ada_", 0) == 0);
    auto stored = api.app->file_storage()->get(api.users().id + "/" + r.body["record"]["id"].get<std::string>() + "/" + avatar);
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    CHECK(**stored == png);

    // Too big for the field, or not a PNG: the sign-up goes on without an avatar.
    json grace = {{"sub", "grace-1"}, {"email", "grace@example.com"}, {"email_verified", true},
                  {"picture", "https://idp.test/grace.png"}};
    api.idp->answer("https://idp.test/grace.png", 200, png + std::string(200, 'x'), "image/png");
    api.provider_user(grace);
    auto big = api.sign_in(api.flow("code-2"));
    REQUIRE_MESSAGE(big.status == 200, big.body.dump());
    CHECK(big.body["record"]["avatar"] == "");
    json alan = {{"sub", "alan-1"}, {"email", "alan@example.com"}, {"email_verified", true},
                 {"picture", "https://idp.test/alan.png"}};
    api.idp->answer("https://idp.test/alan.png", 200, "<svg/>", "image/png");
    api.provider_user(alan);
    auto svg = api.sign_in(api.flow("code-3"));
    REQUIRE_MESSAGE(svg.status == 200, svg.body.dump());
    CHECK(svg.body["record"]["avatar"] == "");

    // A returning user keeps its avatar: nothing is downloaded again.
    std::size_t before = api.idp->requests().size();
    api.provider_user(ada_claims());
    auto again = api.sign_in(api.flow("code-4"));
    REQUIRE(again.status == 200);
    CHECK(again.body["record"]["avatar"] == avatar);
    for (std::size_t i = before; i < api.idp->requests().size(); ++i)
      CHECK(api.idp->requests()[i].url != "https://idp.test/ada.png");
  }

  TEST_CASE("a second sign-in finds the same record through its link") {
    OAuth2Api api;
    api.provider_user(ada_claims());
    auto first = api.sign_in(api.flow("c1"));
    REQUIRE(first.status == 200);
    json changed = ada_claims();
    changed["email"] = "ada.new@example.com";  // the link wins over the email
    api.provider_user(changed);
    auto second = api.sign_in(api.flow("c2"));
    REQUIRE_MESSAGE(second.status == 200, second.body.dump());
    CHECK(second.body["record"]["id"] == first.body["record"]["id"]);
    CHECK(second.body["record"]["email"] == "ada@example.com");
    CHECK(second.body["meta"]["isNew"] == false);
    CHECK(api.links_of(first.body["record"]["id"]).size() == 1);
  }

  TEST_CASE("an existing record with the provider's email is linked, not duplicated") {
    OAuth2Api api;
    json bob = api.create_password_user("bob@example.com", /*verified=*/false);
    const std::string old_hash = api.stored(bob["id"])["password"];
    api.provider_user({{"sub", "bob-1"}, {"email", "bob@example.com"}, {"email_verified", true}});
    auto r = api.sign_in(api.flow());
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    CHECK(r.body["record"]["id"] == bob["id"]);
    CHECK(r.body["meta"]["isNew"] == false);
    CHECK(r.body["record"]["verified"] == true);
    // Unverified before: someone else may have registered the address; its password is replaced.
    CHECK(api.stored(bob["id"])["password"] != old_hash);
    CHECK(api.links_of(bob["id"]).size() == 1);
    auto count = api.app->db().query_value("SELECT count(*) FROM users");
    CHECK(count->to_int64() == 1);
  }

  TEST_CASE("a verified existing record keeps its password") {
    OAuth2Api api;
    json carol = api.create_password_user("carol@example.com", /*verified=*/true);
    const std::string old_hash = api.stored(carol["id"])["password"];
    api.provider_user({{"sub", "carol-1"}, {"email", "carol@example.com"}, {"email_verified", true}});
    auto r = api.sign_in(api.flow());
    REQUIRE(r.status == 200);
    CHECK(r.body["record"]["id"] == carol["id"]);
    CHECK(api.stored(carol["id"])["password"] == old_hash);
  }

  TEST_CASE("an unverified provider email neither links nor verifies") {
    OAuth2Api api;
    json dave = api.create_password_user("dave@example.com", true);
    api.provider_user({{"sub", "dave-1"}, {"email", "dave@example.com"}, {"email_verified", false}});
    auto r = api.sign_in(json{{"provider", "oidc"}, {"code", "c"}, {"redirectURL", "http://app.test/cb"},
                              {"createData", {{"email", "ignored@example.com"}}}});
    // A new record would need an email: the create fails with the records API's error.
    CHECK(r.status == 400);
    CHECK(r.body["message"] == "Failed to create record.");
    CHECK(api.links_of(dave["id"]).empty());
  }

  TEST_CASE("createData is validated by the records service") {
    OAuth2Api api;
    api.provider_user(ada_claims());
    json body = api.flow();
    body["createData"] = {{"name", std::string(50, 'x')}};
    auto r = api.sign_in(body);
    CHECK(r.status == 400);
    CHECK(r.body["message"] == "Failed to create record.");
    CHECK(r.body["data"].contains("name"));
    auto count = api.app->db().query_value("SELECT count(*) FROM _externalAuths");
    CHECK(count->to_int64() == 0);  // the whole sign-in was rolled back

    body["createData"] = {{"name", "Countess"}};
    auto ok = api.sign_in(body);
    REQUIRE(ok.status == 200);
    CHECK(ok.body["record"]["name"] == "Countess");  // createData wins over the mapping
  }

  TEST_CASE("the createRule applies to a guest's sign-up") {
    json users = oauth2_users_definition();
    users["createRule"] = nullptr;
    OAuth2Api api(users);
    api.provider_user(ada_claims());
    auto r = api.sign_in(api.flow());
    CHECK(r.status == 403);
    CHECK(r.body["message"] == "Only superusers can perform this action.");
  }

  TEST_CASE("the authRule still decides") {
    json users = oauth2_users_definition();
    users["authRule"] = "verified = false";
    OAuth2Api api(users);
    api.provider_user(ada_claims());
    auto r = api.sign_in(api.flow());
    CHECK(r.status == 403);
    CHECK(r.body["message"] == "The request doesn't satisfy the collection requirements to authenticate.");
  }

  TEST_CASE("no code_verifier is sent to a provider without PKCE") {
    json users = oauth2_users_definition();
    users["oauth2"]["providers"][0]["pkce"] = false;
    OAuth2Api api(users);
    api.provider_user(ada_claims());
    REQUIRE(api.sign_in(api.flow()).status == 200);
    CHECK(api.idp->requests().at(0).body.find("code_verifier") == std::string::npos);
  }

  TEST_CASE("refusals and PocketBase's messages") {
    OAuth2Api api;
    api.provider_user(ada_claims());
    auto posts = api.sign_in(api.flow(), "posts");
    CHECK(posts.status == 404);
    CHECK(posts.body["message"] == "Missing or invalid auth collection context.");

    auto wrong_type = api.sign_in(json{{"provider", 1}});
    CHECK(wrong_type.status == 400);
    CHECK(wrong_type.body == json{{"status", 400},
                                  {"message", "An error occurred while loading the submitted data."},
                                  {"data", json::object()}});

    auto blank = api.sign_in(json::object());
    CHECK(blank.status == 400);
    CHECK(blank.body["message"] == "An error occurred while loading the submitted data.");
    CHECK(blank.body["data"]["provider"]["code"] == "validation_required");
    CHECK(blank.body["data"]["code"]["code"] == "validation_required");
    CHECK(blank.body["data"]["redirectURL"]["code"] == "validation_required");

    json unknown = api.flow();
    unknown["provider"] = "github";
    auto not_configured = api.sign_in(unknown);
    CHECK(not_configured.status == 400);
    CHECK(not_configured.body["data"]["provider"] ==
          json{{"code", "validation_invalid_provider"},
               {"message", "Provider with name \"github\" is missing or is not enabled."},
               {"params", {{"name", "github"}}}});

    api.idp->answer("https://idp.test/token", 400, R"({"error":"invalid_grant"})");
    auto bad_code = api.sign_in(api.flow());
    CHECK(bad_code.status == 400);
    CHECK(bad_code.body["message"] == "Failed to fetch OAuth2 token.");

    api.idp->answer("https://idp.test/token", 200, R"({"access_token":"at"})");
    api.idp->answer("https://idp.test/userinfo", 401, R"({"error":"invalid_token"})");
    auto no_user = api.sign_in(api.flow());
    CHECK(no_user.status == 400);
    CHECK(no_user.body["message"] == "Failed to fetch OAuth2 user.");
  }

  TEST_CASE("oauth2 disabled: 403") {
    json users = oauth2_users_definition();
    users["oauth2"]["enabled"] = false;
    OAuth2Api api(users);
    auto r = api.sign_in(api.flow());
    CHECK(r.status == 403);
    CHECK(r.body["message"] == "The collection is not configured to allow OAuth2 authentication.");
  }

  TEST_CASE("deleting a record removes its links") {
    OAuth2Api api;
    api.provider_user(ada_claims());
    auto r = api.sign_in(api.flow());
    REQUIRE(r.status == 200);
    const std::string id = r.body["record"]["id"];
    REQUIRE(api.links_of(id).size() == 1);
    auto deleted = core::records::delete_record(api.app->db(), *api.app->schema(), api.users(),
                                                core::RequestContext::system(), id);
    REQUIRE(deleted.ok());
    CHECK(api.links_of(id).empty());
  }

  TEST_CASE("/api/oauth2-redirect delivers to the waiting client") {
    OAuth2Api api;
    std::string delivered;
    api.app->oauth2_redirects().wait("client-1", [&](const core::auth::oauth2::RedirectData& d) { delivered = d.code; });
    fastcms::http::ApiRequest get;
    get.method = "GET";
    get.path = "/api/oauth2-redirect";
    get.query = {{"state", "client-1"}, {"code", "abc"}};
    auto ok = fastcms::http::handle_api_request(*api.app, *api.router, get);
    CHECK(ok.status == 200);
    CHECK(ok.raw_body == std::optional<std::string>("Auth completed. You can close this window and go back to the app."));
    CHECK(delivered == "abc");
    fastcms::http::ApiRequest post;
    post.method = "POST";
    post.path = "/api/oauth2-redirect";
    post.body = {{"state", "client-1"}, {"code", "again"}};
    auto used = fastcms::http::handle_api_request(*api.app, *api.router, post);
    CHECK(used.status == 200);
    CHECK(used.raw_body ==
          std::optional<std::string>("Failed to authenticate. You can close this window and go back to the app to try again."));
    CHECK(delivered == "abc");
  }
}
