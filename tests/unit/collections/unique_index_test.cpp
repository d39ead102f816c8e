#include <doctest/doctest.h>

#include "core/collections/unique_index.h"

namespace {
namespace ui_cols = fastcms::core::collections;

ui_cols::Collection ui_with_indexes(nlohmann::json indexes) {
  auto c = ui_cols::collection_from_json(
      {{"name", "profiles"},
       {"fields", {{{"name", "user"}, {"type", "relation"}, {"collection", "users"}, {"maxSelect", 1}},
                   {{"name", "team"}, {"type", "relation"}, {"collection", "teams"}, {"maxSelect", 1}}}},
       {"indexes", std::move(indexes)}});
  REQUIRE(c.ok());
  return std::move(*c);
}
}  // namespace

TEST_SUITE("collections unique index") {
  TEST_CASE("a single-column UNIQUE index is found whatever the quoting, case or options") {
    CHECK(ui_cols::has_single_column_unique_index(
        ui_with_indexes({"CREATE UNIQUE INDEX idx_user ON profiles (user)"}), "user"));
    CHECK(ui_cols::has_single_column_unique_index(
        ui_with_indexes({"create unique index `idx_user` on `profiles` (`user` COLLATE NOCASE DESC) WHERE user != ''"}),
        "USER"));
    CHECK(ui_cols::has_single_column_unique_index(
        ui_with_indexes({"CREATE INDEX a ON profiles (team)", "CREATE UNIQUE INDEX IF NOT EXISTS b ON \"profiles\" (\"user\")"}),
        "user"));
  }

  TEST_CASE("non-unique, multi-column and other-column indexes do not count") {
    CHECK_FALSE(ui_cols::has_single_column_unique_index(ui_with_indexes({"CREATE INDEX i ON profiles (user)"}), "user"));
    CHECK_FALSE(ui_cols::has_single_column_unique_index(
        ui_with_indexes({"CREATE UNIQUE INDEX i ON profiles (user, team)"}), "user"));
    CHECK_FALSE(ui_cols::has_single_column_unique_index(
        ui_with_indexes({"CREATE UNIQUE INDEX i ON profiles (team)"}), "user"));
    CHECK_FALSE(ui_cols::has_single_column_unique_index(ui_with_indexes(nlohmann::json::array()), "user"));
  }
}
