#pragma once
// Shared by the records read-path tests: a real SQLite database with tables created from
// collection definitions (table_ddl), rows inserted directly, request contexts for a
// guest, users and a superuser, and a Connection wrapper that counts statements.
#include <doctest/doctest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/collections/collection.h"
#include "core/collections/table_ddl.h"
#include "core/records/record_json.h"
#include "core/request_context.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace fastcms::test::records_fixture {

using nlohmann::json;

/// Forwards to a real connection and counts the statements that read.
class CountingConnection : public db::Connection {
 public:
  explicit CountingConnection(db::Connection& inner) : inner_(inner) {}
  Result<std::vector<db::Row>> query(std::string_view sql, const db::Params& params = {}) override {
    ++reads;
    return inner_.query(sql, params);
  }
  Result<std::optional<db::Row>> query_one(std::string_view sql, const db::Params& params = {}) override {
    ++reads;
    return inner_.query_one(sql, params);
  }
  Status for_each_row(std::string_view sql, const db::Params& params, const db::RowFn& on_row) override {
    ++reads;
    return inner_.for_each_row(sql, params, on_row);
  }
  Result<db::ExecResult> exec(std::string_view sql, const db::Params& params = {}) override {
    return inner_.exec(sql, params);
  }
  Status exec_script(std::string_view sql) override { return inner_.exec_script(sql); }
  Status transaction(const db::TransactionFn& fn) override { return inner_.transaction(fn); }
  const db::Dialect& dialect() const override { return inner_.dialect(); }

  int reads = 0;

 private:
  db::Connection& inner_;
};

/// A database whose tables match `definitions` (a JSON array of collection definitions).
class ReadDb {
 public:
  explicit ReadDb(const json& definitions) {
    auto parsed = core::collections::schema_from_json(definitions);
    if (!parsed.ok()) FAIL(parsed.error().message);
    schema = std::move(*parsed);
    db = open_test_sqlite(dir / "data.db");
    for (const auto& c : schema.collections())
      for (const auto& sql : core::collections::create_statements(*c, db->dialect())) {
        auto r = db->exec(sql);
        if (!r.ok()) FAIL(r.error().message);
      }
  }

  const core::collections::Collection& collection(const std::string& name) const {
    const auto* c = schema.find(name);
    REQUIRE_MESSAGE(c != nullptr, name);
    return *c;
  }

  /// Inserts one row; fields not given keep their column defaults.
  void insert(const std::string& name, const json& values) {
    const auto& c = collection(name);
    std::string columns, placeholders;
    db::Params params;
    for (const auto& [key, value] : values.items()) {
      const auto* field = c.field(key);
      REQUIRE_MESSAGE(field != nullptr, (name + "." + key));
      if (!columns.empty()) columns += ", ", placeholders += ", ";
      columns += db->dialect().quote_identifier(key);
      params.push_back(core::records::to_sql_value(*field, value));
      placeholders += db->dialect().placeholder(params.size());
    }
    auto r = db->exec("INSERT INTO " + db->dialect().quote_identifier(name) + " (" + columns + ") VALUES (" +
                      placeholders + ")",
                      params);
    if (!r.ok()) FAIL(r.error().message);
  }

  /// A signed-in record of the auth collection `collection_name` (fields as stored).
  core::RequestContext as(const std::string& collection_name, json auth) const {
    core::RequestContext ctx;
    ctx.info.auth = std::move(auth);
    ctx.info.auth_collection = schema.find(collection_name);
    REQUIRE(ctx.info.auth_collection != nullptr);
    return ctx;
  }
  core::RequestContext superuser() const { return as("_superusers", {{"id", "su1"}, {"email", "root@x.io"}}); }
  core::RequestContext guest() const { return core::RequestContext{}; }

  TempDir dir;
  core::collections::Schema schema;
  std::unique_ptr<db::SqliteDatabase> db;
};

}  // namespace fastcms::test::records_fixture
