#include "cli/allocator_tuning.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

namespace fastcms::cli {

void tune_allocator_for_server(int argc, char** argv) {
  if (argc < 2) return;
  std::string command = argv[1];
  if (command != "dev" && command != "serve") return;
  const char* current = std::getenv("GLIBC_TUNABLES");
  std::string tunables = current ? current : "";
  if (tunables.find("tcache_count") != std::string::npos) return;
  tunables += (tunables.empty() ? "" : ":") + std::string("glibc.malloc.tcache_count=2000");
  if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // exec failed: carry on with the default allocator settings.
}

}  // namespace fastcms::cli
