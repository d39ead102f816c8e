#include <doctest/doctest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "http/server.h"

namespace {
using fastcms::http::ApiServer;
using fastcms::http::ServerOptions;

struct RunningServer {
  explicit RunningServer(ServerOptions o) : server(std::move(o)) {
    server.raw().Get("/api/health", [](const httplib::Request&, httplib::Response& res) {
      fastcms::http::send_json(res, 200, {{"message", "API is healthy."}, {"code", 200}, {"data", nlohmann::json::object()}});
    });
    server.raw().Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.body, "text/plain");
    });
    server.raw().Get("/boom", [](const httplib::Request&, httplib::Response&) { throw std::runtime_error("bug"); });
    auto p = server.start("127.0.0.1", 0);
    REQUIRE(p.ok());
    port = *p;
  }
  ~RunningServer() { server.stop(); }
  httplib::Client client() const { return httplib::Client("127.0.0.1", port); }
  ApiServer server;
  int port = 0;
};
}  // namespace

TEST_SUITE("http server") {
  TEST_CASE("health answers PocketBase's body") {
    RunningServer s({});
    auto res = s.client().Get("/api/health");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    auto body = nlohmann::json::parse(res->body);
    CHECK(body == nlohmann::json{{"message", "API is healthy."}, {"code", 200}, {"data", nlohmann::json::object()}});
    CHECK(res->get_header_value("X-Request-Id").size() == 16);
    CHECK_FALSE(res->has_header("X-Fastcms-Started-Ns"));
  }

  TEST_CASE("a Range header never cuts a JSON answer (only the file route honours ranges)") {
    RunningServer s({});
    auto res = s.client().Get("/api/health", {{"Range", "bytes=0-5"}});
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK_FALSE(res->has_header("Content-Range"));
    CHECK(nlohmann::json::parse(res->body)["code"] == 200);
  }

  TEST_CASE("unknown routes and exceptions give PocketBase-shaped JSON, never a crash") {
    RunningServer s({});
    auto missing = s.client().Get("/api/nope");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(nlohmann::json::parse(missing->body)["message"] == "The requested resource wasn't found.");
    auto boom = s.client().Get("/boom");
    REQUIRE(boom);
    CHECK(boom->status == 400);
    auto body = nlohmann::json::parse(boom->body);
    CHECK(body["data"].is_object());
    // Still serving afterwards.
    CHECK(s.client().Get("/api/health")->status == 200);
  }

  TEST_CASE("bodies over the limit get 413 JSON") {
    ServerOptions o;
    o.max_body_size = 1024;
    RunningServer s(o);
    auto ok = s.client().Post("/echo", std::string(1000, 'a'), "text/plain");
    REQUIRE(ok);
    CHECK(ok->status == 200);
    auto big = s.client().Post("/echo", std::string(4096, 'a'), "text/plain");
    REQUIRE(big);
    CHECK(big->status == 413);
    CHECK(nlohmann::json::parse(big->body)["status"] == 413);
  }

  TEST_CASE("CORS: allowed origins are echoed, preflight answered, others refused") {
    ServerOptions o;
    o.origins = {"http://app.test"};
    RunningServer s(o);
    auto c = s.client();
    auto allowed = c.Get("/api/health", {{"Origin", "http://app.test"}});
    REQUIRE(allowed);
    CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "http://app.test");
    auto other = c.Get("/api/health", {{"Origin", "http://evil.test"}});
    REQUIRE(other);
    CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
    auto preflight = c.Options("/api/health", {{"Origin", "http://app.test"}, {"Access-Control-Request-Headers", "authorization"}});
    REQUIRE(preflight);
    CHECK(preflight->status == 204);
    CHECK(preflight->get_header_value("Access-Control-Allow-Headers") == "authorization");
    auto refused = c.Options("/api/health", {{"Origin", "http://evil.test"}});
    REQUIRE(refused);
    CHECK(refused->status == 403);
  }

  TEST_CASE("a busy port is a clear error") {
    RunningServer s({});
    ApiServer second({});
    auto r = second.start("127.0.0.1", s.port);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("cannot listen on 127.0.0.1:") == 0);
  }
}
