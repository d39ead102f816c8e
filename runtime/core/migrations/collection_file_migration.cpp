#include "core/migrations/collection_file_migration.h"

#include <system_error>

#include "common/strings.h"
#include "core/collections/collection_file.h"
#include "core/migrations/auto_migration.h"
#include "core/migrations/migration_directory.h"
#include "core/migrations/migration_runner.h"
#include "core/migrations/migration_writer.h"

namespace fastcms::core::migrations {
namespace fs = std::filesystem;

namespace {

/// "create_posts", "update_posts_tags", "update_a_b_c_and_more".
std::string migration_name(const collections::SyncReport& report) {
  bool only_created = true;
  std::vector<std::string> names;
  for (const auto& c : report.collections) {
    only_created = only_created && c.kind == collections::ChangeKind::created;
    if (names.size() < 3) names.push_back(strings::to_lower(c.name));
  }
  std::string name = (only_created ? "create_" : "update_") + strings::join(names, "_");
  if (report.collections.size() > 3) name += "_and_more";
  auto snake = snake_migration_name(name);
  return snake ? *snake : "update_collections";
}

Result<std::vector<nlohmann::json>> declared_definitions(const fs::path& root) {
  auto collection_files = collections::load_collection_files(root);
  if (!collection_files) return collection_files.error();
  std::vector<nlohmann::json> definitions;
  for (const auto& f : *collection_files) definitions.push_back(f.definition);
  return definitions;
}

}  // namespace

Result<collections::SyncReport> collection_drift(db::Connection& conn, const fs::path& root) {
  auto definitions = declared_definitions(root);
  if (!definitions) return definitions.error();
  auto planned = plan_auto_migration(conn, *definitions);
  if (!planned) return planned.error();
  return planned->report;
}

Result<CollectionFileMigration> migrate_collection_files(db::Connection& conn, const fs::path& root) {
  auto definitions = declared_definitions(root);
  if (!definitions) return definitions.error();
  auto files = load_migration_files(root);
  if (!files) return files.error();
  if (auto st = require_up_to_date(conn, *files); !st)
    return Error::failure("collection changes were not applied: " + st.error().message +
                          " Then save the collection file again or restart `fastcms dev`.");

  auto planned = plan_auto_migration(conn, *definitions, collections::UndeclaredCollections::kept);
  if (!planned) return planned.error();
  CollectionFileMigration out{planned->report, ""};
  if (planned->empty()) return out;
  if (!planned->data_loss.empty())
    return Error::failure("collection changes were not applied because they would lose data:\n  " +
                          strings::join(planned->data_loss, "\n  ") +
                          "\nTo apply them deliberately, run `fastcms migrate create NAME --auto --yes` and restart "
                          "`fastcms dev`; or change the file back.");

  const std::string name = migration_name(planned->report);
  auto written = write_new_migration(root, name, auto_migration_text(name, *planned));
  if (!written) return written.error();
  auto remove_written = [&] {
    std::error_code ec;
    fs::remove(root / *written, ec);
  };
  auto reloaded = load_migration_files(root);
  if (!reloaded) {
    remove_written();
    return reloaded.error();
  }
  auto ran = migrate_up(conn, *reloaded, fs::path(*written).filename().string().substr(0, 14));
  if (!ran) {
    remove_written();
    return ran.error();
  }
  out.written = *written;
  return out;
}

}  // namespace fastcms::core::migrations
