#include "support/s3rver.h"

#include <doctest/doctest.h>

#include "support/process.h"

namespace fastcms::test {

std::unique_ptr<ServerProcess> start_s3rver(const std::filesystem::path& data) {
  const std::filesystem::path dir = std::filesystem::path(FASTCMS_SOURCE_DIR) / "tests/e2e/s3";
  const std::string node = find_program("node");
  REQUIRE_MESSAGE(!node.empty(), "node is not installed (packaging/install-deps.sh installs it)");
  REQUIRE_MESSAGE(std::filesystem::exists(dir / "node_modules/s3rver"),
                  "s3rver is not installed: run `npm ci --prefix tests/e2e/s3`");
  ServerStartOptions options;
  options.run.cwd = dir;
  auto server = std::make_unique<ServerProcess>(std::vector<std::string>{node, "s3_server.mjs", "0", "fastcms", data.string()},
                                                options);
  REQUIRE_MESSAGE(server->started(), server->startup_error());
  return server;
}

}  // namespace fastcms::test
