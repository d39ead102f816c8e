#include <doctest/doctest.h>

#include <atomic>
#include <string>

#include "core/collections/schema_store.h"
#include "core/collections/system_tables.h"
#include "core/collections/table_introspection.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace {
namespace cols = fastcms::core::collections;

std::vector<std::string> systab_columns(fastcms::db::Connection& db, std::string_view table) {
  auto info = cols::inspect_table(db, table);
  if (!info.ok()) FAIL(info.error().message);
  std::vector<std::string> out;
  for (const auto& c : info->columns) out.push_back(c.name);
  return out;
}

bool systab_is_ddl(std::string_view sql) {
  return sql.starts_with("CREATE") || sql.starts_with("ALTER") || sql.starts_with("DROP");
}
}  // namespace

TEST_SUITE("collections system tables") {
  TEST_CASE("creates _collections, _params, _migrations and the _superusers collection") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    auto ensured = cols::ensure_system_tables(*db);
    if (!ensured.ok()) FAIL(ensured.error().message);

    CHECK(systab_columns(*db, "_collections") ==
          std::vector<std::string>{"id", "name", "type", "system", "definition", "created", "updated"});
    CHECK(systab_columns(*db, "_params") == std::vector<std::string>{"key", "value", "created", "updated"});
    CHECK(systab_columns(*db, "_migrations") ==
          std::vector<std::string>{"version", "name", "checksum", "applied", "duration_ms"});
    CHECK(systab_columns(*db, "_superusers") ==
          std::vector<std::string>{"id", "password", "tokenKey", "email", "emailVisibility", "verified", "created",
                                   "updated"});

    auto stored = cols::find_stored_collection(*db, "pbc_3142635823");
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    const auto& su = **stored;
    CHECK(su.name == "_superusers");
    CHECK(su.type == "auth");
    CHECK(su.system);
    CHECK(su.definition["authToken"]["duration"] == 86400);
    CHECK(su.definition["passwordAuth"]["identityFields"] == nlohmann::json::array({"email"}));
    for (const char* rule : {"listRule", "viewRule", "createRule", "updateRule", "deleteRule", "manageRule"})
      CHECK_MESSAGE(su.definition[rule].is_null(), rule);
    CHECK(su.definition["authRule"] == "");
    CHECK_FALSE(su.created.empty());

    // the auth unique indexes exist
    auto info = cols::inspect_table(*db, "_superusers");
    REQUIRE(info.ok());
    std::vector<std::string> index_names;
    for (const auto& i : info->indexes) index_names.push_back(i.name);
    CHECK(index_names == std::vector<std::string>{"idx_email_pbc_3142635823", "idx_tokenKey_pbc_3142635823"});
  }

  TEST_CASE("is idempotent and runs no DDL the second time") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    REQUIRE(cols::ensure_system_tables(*db).ok());
    REQUIRE(db->exec("INSERT INTO _superusers (id, email, tokenKey) VALUES ('abc', 'a@b.c', 'k')").ok());
    std::atomic<int> ddl{0};
    db->set_statement_logger([&](std::string_view sql, auto) {
      if (systab_is_ddl(sql)) ++ddl;
    });
    auto again = cols::ensure_system_tables(*db);
    if (!again.ok()) FAIL(again.error().message);
    db->set_statement_logger({});
    CHECK(ddl == 0);
    CHECK(db->query_value("SELECT count(*) FROM _collections")->to_int64() ==
          static_cast<std::int64_t>(cols::system_collection_definitions().size()));
    CHECK(db->query_value("SELECT count(*) FROM _superusers")->to_int64() == 1);
  }

  TEST_CASE("collection names are unique case-insensitively") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    REQUIRE(cols::ensure_system_tables(*db).ok());
    auto dup = db->exec(
        "INSERT INTO _collections (id, name, type, system, definition) VALUES ('x', '_SUPERUSERS', 'base', 0, '{}')");
    CHECK_FALSE(dup.ok());
  }

  TEST_CASE("adds the _superusers row when only the table is missing its row") {
    fastcms::test::TempDir dir;
    auto db = fastcms::test::open_test_sqlite(dir / "data.db");
    REQUIRE(cols::ensure_system_tables(*db).ok());
    REQUIRE(db->exec("INSERT INTO _superusers (id, email, tokenKey) VALUES ('abc', 'a@b.c', 'k')").ok());
    REQUIRE(cols::remove_definition(*db, "pbc_3142635823").ok());
    REQUIRE(cols::ensure_system_tables(*db).ok());
    auto stored = cols::find_stored_collection(*db, "_superusers");
    REQUIRE(stored.ok());
    CHECK(stored->has_value());
    CHECK(db->query_value("SELECT count(*) FROM _superusers")->to_int64() == 1);  // data kept
  }
}
