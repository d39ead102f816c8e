#pragma once
#include <filesystem>
#include <memory>

#include "support/server_process.h"

namespace fastcms::test {

/// s3rver (tests/e2e/s3, npm) on a free loopback port with the bucket "fastcms", storing
/// under `data` (an object KEY lands in data/fastcms/KEY._S3rver_object); access key and
/// secret "S3RVER". Stopped when the returned process goes away. Fails the test (REQUIRE)
/// when node or s3rver is missing.
std::unique_ptr<ServerProcess> start_s3rver(const std::filesystem::path& data);

}  // namespace fastcms::test
