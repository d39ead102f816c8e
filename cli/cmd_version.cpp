// `fastcms version [--json]`: the build's version, commit and library versions.
#include <sqlite3.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "common/build_info.h"

namespace fastcms::cli {

void register_version(CLI::App& app, Dispatch& dispatch) {
  auto* cmd = app.add_subcommand("version", "Print the version of fastcms and of the libraries it was built with");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print as a JSON object");
  set_examples(*cmd, {"fastcms version", "fastcms version --json | jq -r .version"});
  cmd->callback([&dispatch, json] {
    dispatch.action = [json]() -> Status {
      nlohmann::json info = {{"version", build::version},
                             {"commit", build::commit},
                             {"buildType", build::build_type},
                             {"sqlite", sqlite3_libversion()},
                             {"compiler", __VERSION__}};
      if (*json) {
        std::cout << info.dump(2) << "\n";
      } else {
        std::cout << "fastcms " << build::version << " (commit " << build::commit << ", sqlite "
                  << sqlite3_libversion() << ")\n";
      }
      return Ok{};
    };
  });
}

}  // namespace fastcms::cli
