#include <doctest/doctest.h>

#include <sstream>

#include "core/transfer/csv.h"
#include "core/transfer/record_export.h"
#include "core/transfer/record_import.h"
#include "core/transfer/record_source.h"
#include "support/records_test_db.h"

namespace transfer = fastcms::core::transfer;
using nlohmann::json;

namespace {

json transfer_test_collections() {
  return json::parse(R"J([
  {"name": "people", "type": "base", "fields": [{"name": "name", "type": "text"}]},
  {"name": "things", "type": "base",
   "fields": [
     {"name": "title", "type": "text", "required": true, "max": 40},
     {"name": "count", "type": "number", "onlyInt": true, "min": 0},
     {"name": "ratio", "type": "number"},
     {"name": "done", "type": "bool"},
     {"name": "contact", "type": "email"},
     {"name": "site", "type": "url"},
     {"name": "body", "type": "editor"},
     {"name": "due", "type": "date"},
     {"name": "status", "type": "select", "values": ["draft", "live"], "maxSelect": 1},
     {"name": "tags", "type": "select", "values": ["a", "b", "c"], "maxSelect": 3},
     {"name": "owner", "type": "relation", "collection": "people", "maxSelect": 1},
     {"name": "helpers", "type": "relation", "collection": "people", "maxSelect": 5},
     {"name": "meta", "type": "json"},
     {"name": "where", "type": "geoPoint"},
     {"name": "secret", "type": "text", "hidden": true},
     {"name": "created", "type": "autodate", "onCreate": true},
     {"name": "updated", "type": "autodate", "onCreate": true, "onUpdate": true}
   ]}
])J");
}

/// Two records with every field type set (commas, quotes and newlines in text), one mostly empty.
void seed_transfer_test_things(fastcms::test::RecordsTestDb& t) {
  for (auto [id, name] : {std::pair{"person000000001", "Ann"}, std::pair{"person000000002", "Bo"}})
    t.insert("people", {{"id", id}, {"name", name}, {"created", "2023-01-01 00:00:00.000Z"},
                        {"updated", "2023-06-01 00:00:00.000Z"}});
  t.insert("things", {{"id", "thing0000000001"}, {"title", "Hello, \"world\""}, {"count", 3}, {"ratio", 0.25},
                      {"done", true}, {"contact", "a@example.com"}, {"site", "https://example.com/x?y=1"},
                      {"body", "<p>line one\nline two</p>"}, {"due", "2026-05-01 10:00:00.000Z"},
                      {"status", "live"}, {"tags", json::array({"a", "c"})}, {"owner", "person000000001"},
                      {"helpers", json::array({"person000000001", "person000000002"})},
                      {"meta", json({{"k", json::array({1, 2})}, {"s", "x,y"}})},
                      {"where", json({{"lon", 13.4}, {"lat", 52.5}})}, {"secret", "hidden value"},
                      {"created", "2024-01-02 03:04:05.678Z"}, {"updated", "2024-02-03 04:05:06.789Z"}});
  t.insert("things", {{"id", "thing0000000002"}, {"title", "Bare"}, {"count", 0}, {"ratio", 0}, {"done", false},
                      {"tags", "[]"}, {"helpers", "[]"}, {"where", json({{"lon", 0}, {"lat", 0}})},
                      {"created", "2024-01-01 00:00:00.000Z"}, {"updated", "2024-01-01 00:00:00.000Z"}});
}

std::vector<json> transfer_test_all(fastcms::test::RecordsTestDb& t, const std::string& collection) {
  std::vector<json> out;
  auto rows = t.db().query("SELECT id FROM " + collection + " ORDER BY id");
  REQUIRE(rows.ok());
  for (const auto& row : *rows) out.push_back(t.stored(collection, row["id"].to_text()));
  return out;
}

}  // namespace

TEST_SUITE("transfer") {
  TEST_CASE("export then import round-trips every field type in every format") {
    for (auto format : {transfer::TransferFormat::json, transfer::TransferFormat::ndjson, transfer::TransferFormat::csv}) {
      CAPTURE(static_cast<int>(format));
      fastcms::test::RecordsTestDb source(transfer_test_collections());
      seed_transfer_test_things(source);
      std::ostringstream people_out, things_out;
      REQUIRE(transfer::export_records(source.db(), source.collection("people"), format, people_out).value() == 2);
      REQUIRE(transfer::export_records(source.db(), source.collection("things"), format, things_out).value() == 2);

      fastcms::test::RecordsTestDb target(transfer_test_collections());
      for (auto [name, text] : {std::pair{"people", people_out.str()}, std::pair{"things", things_out.str()}}) {
        const auto& collection = target.collection(name);
        auto rows = transfer::read_record_rows(text, format, collection);
        if (!rows.ok()) FAIL(rows.error().message);
        auto report = transfer::import_records(target.db(), target.schema(), collection, *rows);
        if (!report.ok()) FAIL(report.error().message);
        CHECK(report->created == 2);
      }
      CHECK(transfer_test_all(target, "things") == transfer_test_all(source, "things"));
      CHECK(transfer_test_all(target, "people") == transfer_test_all(source, "people"));
    }
  }

  TEST_CASE("a bad row aborts the import with its line and nothing is imported") {
    fastcms::test::RecordsTestDb t(transfer_test_collections());
    const auto& things = t.collection("things");
    std::string csv =
        "title,count\n"
        "first,1\n"
        "\"multi\nline\",2\n"
        ",3\n"   // line 5: title is required
        "last,-1\n";  // line 6: below min
    auto rows = transfer::read_record_rows(csv, transfer::TransferFormat::csv, things);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 4);
    CHECK((*rows)[2].line == 5);

    auto aborted = transfer::import_records(t.db(), t.schema(), things, *rows);
    REQUIRE_FALSE(aborted.ok());
    CHECK(aborted.error().message == "line 5: Failed to create record.\n  title: Missing required value.");
    CHECK(t.count("things") == 0);

    auto skipped = transfer::import_records(t.db(), t.schema(), things, *rows, {.skip_invalid = true});
    REQUIRE(skipped.ok());
    CHECK(skipped->created == 2);
    REQUIRE(skipped->skipped.size() == 2);
    CHECK(skipped->skipped[0].line == 5);
    CHECK(skipped->skipped[1].line == 6);
    CHECK(skipped->skipped[1].reason.find("count") != std::string::npos);
    CHECK(t.count("things") == 2);
  }

  TEST_CASE("upsert updates existing ids; without it a duplicate id is a bad row") {
    fastcms::test::RecordsTestDb t(transfer_test_collections());
    t.insert("things", {{"id", "thing0000000001"}, {"title", "old"}, {"tags", "[]"}, {"helpers", "[]"}});
    const auto& things = t.collection("things");
    std::string ndjson = "{\"id\":\"thing0000000001\",\"title\":\"new\"}\n\n{\"id\":\"thing0000000009\",\"title\":\"x\"}\n";
    auto rows = transfer::read_record_rows(ndjson, transfer::TransferFormat::ndjson, things);
    REQUIRE(rows.ok());
    CHECK((*rows)[1].line == 3);
    auto plain = transfer::import_records(t.db(), t.schema(), things, *rows);
    REQUIRE_FALSE(plain.ok());
    CHECK(plain.error().message.starts_with("line 1: "));
    CHECK(plain.error().message.find("validation_not_unique") == std::string::npos);  // the API's message, not its code
    auto upserted = transfer::import_records(t.db(), t.schema(), things, *rows, {.upsert = true});
    REQUIRE(upserted.ok());
    CHECK(upserted->updated == 1);
    CHECK(upserted->created == 1);
    CHECK(t.stored("things", "thing0000000001")["title"] == "new");
  }

  TEST_CASE("malformed files name the line") {
    fastcms::test::RecordsTestDb t(transfer_test_collections());
    const auto& things = t.collection("things");
    auto bad_json = transfer::read_record_rows("[\n {\"title\":\"a\"},\n {\"title\": }\n]", transfer::TransferFormat::json, things);
    REQUIRE_FALSE(bad_json.ok());
    CHECK(bad_json.error().message == "line 3: not valid JSON");
    auto not_object = transfer::read_record_rows("[\n {\"title\":\"a\"},\n 7\n]", transfer::TransferFormat::json, things);
    REQUIRE_FALSE(not_object.ok());
    CHECK(not_object.error().message == "line 3: record 2 is not a JSON object");
    auto lines = transfer::read_record_rows("[{\"title\":\"a\"},\n\n{\"title\":\"b,]\"}]", transfer::TransferFormat::json, things);
    REQUIRE(lines.ok());
    CHECK((*lines)[1].line == 3);
    auto bad_ndjson = transfer::read_record_rows("{\"title\":\"a\"}\n{oops\n", transfer::TransferFormat::ndjson, things);
    REQUIRE_FALSE(bad_ndjson.ok());
    CHECK(bad_ndjson.error().message == "line 2: not valid JSON");
    auto bad_column = transfer::read_record_rows("title,nope\na,b\n", transfer::TransferFormat::csv, things);
    REQUIRE_FALSE(bad_column.ok());
    CHECK(bad_column.error().message == "line 1: column \"nope\" is not a field of things");
    auto short_row = transfer::read_record_rows("title,count\r\na,1\r\nb\r\n", transfer::TransferFormat::csv, things);
    REQUIRE_FALSE(short_row.ok());
    CHECK(short_row.error().message == "line 3: the row has 1 cells, the header has 2");
  }

  TEST_CASE("csv cells") {
    CHECK(transfer::csv_cell("plain") == "plain");
    CHECK(transfer::csv_cell("a,b") == "\"a,b\"");
    CHECK(transfer::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(transfer::csv_cell("two\nlines") == "\"two\nlines\"");
  }
}
