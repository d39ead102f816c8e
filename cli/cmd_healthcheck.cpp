// `fastcms healthcheck [--url URL] [--timeout SECONDS]`: a probe for containers and
// supervisors; exit 0 when the server's /api/health answers 200, else 1.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "http/health_probe.h"

namespace fastcms::cli {

namespace {

struct HealthcheckOptions {
  std::string url;
  double timeout_seconds = 5;
  bool quiet = false;
};

Status run_healthcheck(const HealthcheckOptions& options) {
  auto base = options.url.empty() ? http::default_health_base_url(std::filesystem::current_path())
                                  : Result<std::string>(options.url);
  if (!base) return base.error();
  auto url = http::health_url_for(*base);
  if (!url) return url.error();
  auto timeout = std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
  if (auto probed = http::probe_health(*url, timeout); !probed) return probed.error();
  if (!options.quiet) std::cout << "healthy: " << *url << " answered 200\n";
  return Ok{};
}

}  // namespace

void register_healthcheck(CLI::App& app, Dispatch& dispatch) {
  auto options = std::make_shared<HealthcheckOptions>();
  auto* cmd = app.add_subcommand("healthcheck", "Check that a running server answers /api/health (exit 0 healthy, 1 not)");
  cmd->add_option("--url", options->url,
                  "Server to probe, e.g. http://127.0.0.1:8090 (/api/health is added when the URL has no path; "
                  "default: 127.0.0.1 on $PORT or the project's port)");
  cmd->add_option("--timeout", options->timeout_seconds, "Seconds to wait for the answer")
      ->default_str("5")
      ->check(CLI::Range(0.1, 300.0));
  cmd->add_flag("-q,--quiet", options->quiet, "Print nothing when healthy");
  set_examples(*cmd, {"fastcms healthcheck", "fastcms healthcheck --url http://127.0.0.1:8090",
                      "HEALTHCHECK CMD [\"fastcms\", \"healthcheck\", \"--quiet\"]   (in a Dockerfile)"});
  cmd->callback([&dispatch, options] { dispatch.action = [options] { return run_healthcheck(*options); }; });
}

}  // namespace fastcms::cli
