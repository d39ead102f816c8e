#include <doctest/doctest.h>

#include <vector>

#include "core/auth/oauth2/oauth2_redirect.h"
#include "core/auth/oauth2/redirect_broker.h"

namespace {
namespace oauth2 = fastcms::core::auth::oauth2;
using namespace std::chrono_literals;

/// A broker whose clock the test moves.
struct ManualClockBroker {
  std::chrono::steady_clock::time_point now{};
  oauth2::RedirectBroker broker{60s, [this] { return now; }};
};

const char* redirect_failure_text =
    "Failed to authenticate. You can close this window and go back to the app to try again.";
const char* redirect_success_text = "Auth completed. You can close this window and go back to the app.";
}  // namespace

TEST_SUITE("oauth2 redirect broker") {
  TEST_CASE("delivers once to the waiter whose id is the state") {
    ManualClockBroker b;
    std::vector<oauth2::RedirectData> got;
    b.broker.wait("client1", [&](const oauth2::RedirectData& d) { got.push_back(d); });
    b.broker.wait("client2", [&](const oauth2::RedirectData&) { FAIL("client2 must not be called"); });
    CHECK(b.broker.size() == 2);
    CHECK(b.broker.deliver({"client1", "code1", ""}));
    REQUIRE(got.size() == 1);
    CHECK(got[0].code == "code1");
    CHECK_FALSE(b.broker.deliver({"client1", "code2", ""}));  // used up
    CHECK(got.size() == 1);
    CHECK_FALSE(b.broker.deliver({"nobody", "code", ""}));
    CHECK(b.broker.size() == 1);
  }

  TEST_CASE("waiters expire; cancel removes; wait replaces") {
    ManualClockBroker b;
    int calls = 0;
    b.broker.wait("a", [&](const oauth2::RedirectData&) { ++calls; });
    b.now += 59s;
    b.broker.wait("b", [&](const oauth2::RedirectData&) { ++calls; });
    b.now += 1s;  // a is 60 s old: expired
    CHECK_FALSE(b.broker.deliver({"a", "c", ""}));
    CHECK(b.broker.size() == 1);
    b.broker.cancel("b");
    CHECK_FALSE(b.broker.deliver({"b", "c", ""}));
    int replaced = 0;
    b.broker.wait("c", [&](const oauth2::RedirectData&) { ++calls; });
    b.broker.wait("c", [&](const oauth2::RedirectData&) { ++replaced; });
    CHECK(b.broker.deliver({"c", "x", ""}));
    CHECK(calls == 0);
    CHECK(replaced == 1);
  }
}

TEST_SUITE("oauth2 redirect endpoint") {
  TEST_CASE("a missing state or an unknown client fails without a delivery") {
    ManualClockBroker b;
    int calls = 0;
    b.broker.wait("client", [&](const oauth2::RedirectData&) { ++calls; });
    auto no_state = oauth2::handle_oauth2_redirect(b.broker, {"", "123", ""}, false);
    CHECK_FALSE(no_state.success);
    CHECK(no_state.status == 200);
    CHECK(no_state.content_type == "text/plain; charset=utf-8");
    CHECK(no_state.body == redirect_failure_text);
    CHECK_FALSE(oauth2::handle_oauth2_redirect(b.broker, {"missing", "123", ""}, false).success);
    CHECK(calls == 0);
  }

  TEST_CASE("a code for a waiting client is delivered: success page") {
    ManualClockBroker b;
    oauth2::RedirectData got;
    b.broker.wait("client", [&](const oauth2::RedirectData& d) { got = d; });
    auto out = oauth2::handle_oauth2_redirect(b.broker, {"client", "123", ""}, false);
    CHECK(out.success);
    CHECK(out.status == 200);
    CHECK(out.content_type == "text/html; charset=utf-8");
    CHECK(out.body == redirect_success_text);
    CHECK(got.state == "client");
    CHECK(got.code == "123");
    CHECK(b.broker.size() == 0);
  }

  TEST_CASE("a provider error or a missing code is still delivered, but the page fails") {
    ManualClockBroker b;
    std::vector<oauth2::RedirectData> got;
    b.broker.wait("c1", [&](const oauth2::RedirectData& d) { got.push_back(d); });
    b.broker.wait("c2", [&](const oauth2::RedirectData& d) { got.push_back(d); });
    CHECK_FALSE(oauth2::handle_oauth2_redirect(b.broker, {"c1", "123", "access_denied"}, false).success);
    CHECK_FALSE(oauth2::handle_oauth2_redirect(b.broker, {"c2", "", ""}, true).success);
    REQUIRE(got.size() == 2);
    CHECK(got[0].error == "access_denied");
    CHECK(got[1].code == "");
  }

  TEST_CASE("with a dashboard: redirects, 307 after GET and 303 after POST") {
    ManualClockBroker b;
    b.broker.wait("c", [](const oauth2::RedirectData&) {});
    auto ok = oauth2::handle_oauth2_redirect(b.broker, {"c", "123", ""}, true, /*has_dashboard=*/true);
    CHECK(ok.status == 303);
    CHECK(ok.location == "../_/#/auth/oauth2-redirect-success");
    auto failed = oauth2::handle_oauth2_redirect(b.broker, {"gone", "123", ""}, false, true);
    CHECK(failed.status == 307);
    CHECK(failed.location == "../_/#/auth/oauth2-redirect-failure");
  }
}
