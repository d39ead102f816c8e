#include <doctest/doctest.h>

#include <regex>
#include <span>

#include "common/background_tasks.h"
#include "core/collections/collection_service.h"
#include "core/files/local_file_storage.h"
#include "core/files/stored_file_name.h"
#include "core/files/upload.h"
#include "core/records/record_delete.h"
#include "core/records/record_write.h"
#include "support/app_test_env.h"

namespace {
using nlohmann::json;
namespace records = fastcms::core::records;
namespace files = fastcms::core::files;
using fastcms::Ok;
using fastcms::Status;
using fastcms::core::ApiResult;
using fastcms::core::RequestContext;
using fastcms::test::AppTestEnv;

json rf_collections() {
  return json::parse(R"J([
    {"name": "docs", "type": "base",
     "listRule": "", "viewRule": "", "createRule": "", "updateRule": "", "deleteRule": "",
     "fields": [{"name": "title", "type": "text"},
                {"name": "avatar", "type": "file", "maxSelect": 1, "mimeTypes": ["image/png", "image/jpeg"]},
                {"name": "documents", "type": "file", "maxSelect": 3, "maxSize": 64},
                {"name": "big", "type": "file", "maxSelect": 1}]},
    {"name": "needs", "type": "base", "createRule": "",
     "fields": [{"name": "scan", "type": "file", "maxSelect": 1, "required": true}]},
    {"name": "notes", "type": "base",
     "fields": [{"name": "doc", "type": "relation", "collectionId": "docs", "maxSelect": 1, "cascadeDelete": true},
                {"name": "attachment", "type": "file", "maxSelect": 1}]}
  ])J");
}

std::string rf_png(const std::string& tail = "rest of the image") { return std::string("\x89PNG\r\n\x1a\n", 8) + tail; }

files::Upload rf_upload(std::string field, std::string filename, std::string content,
                        std::string content_type = "application/octet-stream") {
  return files::Upload{std::move(field), std::move(filename), std::move(content_type), std::move(content)};
}

struct FilesFixture {
  AppTestEnv env{rf_collections(), json{{"batch", {{"enabled", true}}}}};

  std::shared_ptr<files::FileStorage> storage() { return env.app().file_storage(); }
  records::RecordFiles with(const std::vector<files::Upload>& uploads) { return {uploads, storage()}; }

  ApiResult<json> create(const std::string& collection, const json& body, const std::vector<files::Upload>& uploads) {
    return records::create_record(env.db(), *env.schema(), env.collection(collection), RequestContext::system(), body,
                                  with(uploads));
  }
  ApiResult<json> update(const std::string& collection, const std::string& id, const json& body,
                         const std::vector<files::Upload>& uploads = {}) {
    return records::update_record(env.db(), *env.schema(), env.collection(collection), RequestContext::system(), id,
                                  body, with(uploads));
  }
  json created(const std::string& collection, const json& body, const std::vector<files::Upload>& uploads) {
    auto r = create(collection, body, uploads);
    if (!r.ok()) FAIL(r.error().describe());
    return *r;
  }

  std::string key(const std::string& collection, const json& record, const std::string& name) {
    return env.collection(collection).id + "/" + record["id"].get<std::string>() + "/" + name;
  }
  /// The stored bytes, or "<missing>" (once the discarded files are removed).
  std::string content(const std::string& key) {
    fastcms::background::wait_idle();
    auto got = storage()->get(key);
    if (!got.ok()) FAIL(got.error().message);
    return *got ? **got : std::string("<missing>");
  }
  std::vector<std::string> keys_under(const std::string& prefix) {
    fastcms::background::wait_idle();
    auto listed = storage()->list(prefix);
    if (!listed.ok()) FAIL(listed.error().message);
    return *listed;
  }
  std::vector<std::string> all_keys() {
    fastcms::background::wait_idle();
    auto listed = storage()->list_objects("");
    if (!listed.ok()) FAIL(listed.error().message);
    std::vector<std::string> out;
    for (const auto& o : *listed) out.push_back(o.key);
    return out;
  }
};

/// Local storage whose puts fail from the `fail_from`-th on (1-based), as a full disk or a
/// refusing S3 bucket would.
class FailingStorage final : public files::FileStorage {
 public:
  FailingStorage(std::filesystem::path root, int fail_from) : inner_(std::move(root)), fail_from_(fail_from) {}
  fastcms::Status put(std::string_view key, std::string_view content) override {
    if (++puts_ >= fail_from_) return fastcms::Error::failure("disk full");
    return inner_.put(key, content);
  }
  fastcms::Result<std::optional<std::string>> get(std::string_view key) const override { return inner_.get(key); }
  fastcms::Status remove(std::string_view key) override { return inner_.remove(key); }
  fastcms::Status remove_prefix(std::string_view prefix) override { return inner_.remove_prefix(prefix); }
  fastcms::Result<std::vector<std::string>> list(std::string_view prefix) const override { return inner_.list(prefix); }
  fastcms::Result<std::vector<files::StoredObject>> list_objects(std::string_view prefix) const override {
    return inner_.list_objects(prefix);
  }

 private:
  files::LocalFileStorage inner_;
  int fail_from_;
  int puts_ = 0;
};

std::string rf_code(const ApiResult<json>& r, const std::string& key) {
  if (r.ok()) return "<ok>";
  return r.error().data.contains(key) ? r.error().data[key].value("code", std::string()) : "<none>";
}

}  // namespace

TEST_SUITE("record files") {
  TEST_CASE("create stores each upload under {collectionId}/{recordId}/{storedName} and the record holds the names") {
    FilesFixture f;
    auto rec = f.created("docs", {{"title", "one"}},
                         {rf_upload("avatar", "My Photo.png", rf_png(), "image/png"),
                          rf_upload("documents", "a.txt", "first"), rf_upload("documents", "b.txt", "second")});
    const std::string avatar = rec["avatar"].get<std::string>();
    CHECK(std::regex_match(avatar, std::regex("^my_photo_[a-z0-9]{10}\\.png$")));
    REQUIRE(rec["documents"].size() == 2);
    CHECK(std::regex_match(rec["documents"][0].get<std::string>(), std::regex("^a[a-z0-9]{10}_[a-z0-9]{10}\\.txt$")));
    CHECK(f.content(f.key("docs", rec, avatar)) == rf_png());
    CHECK(f.content(f.key("docs", rec, rec["documents"][0])) == "first");
    CHECK(f.content(f.key("docs", rec, rec["documents"][1])) == "second");
    CHECK(f.env.create("docs", {{"title", "no files"}})["documents"] == json::array());  // callers without uploads
    CHECK(f.all_keys().size() == 3);
  }

  TEST_CASE("client file names never become paths: traversal, separators, dots and NUL end up as safe stored names") {
    FilesFixture f;
    auto rec = f.created("docs", {},
                         {rf_upload("documents", "../../etc/passwd", "p"), rf_upload("documents", "a/b\\c.png", "q"),
                          rf_upload("documents", std::string("x\0y.txt", 7), "r")});
    auto dots = f.created("docs", {}, {rf_upload("documents", "..", "s")});
    std::vector<std::string> names;
    for (const auto& n : rec["documents"]) names.push_back(n.get<std::string>());
    names.push_back(dots["documents"][0].get<std::string>());
    for (const auto& name : names) {
      CHECK_MESSAGE(files::is_stored_file_name(name), name);
      CHECK(name.find('/') == std::string::npos);
      CHECK(name.find('\\') == std::string::npos);
      CHECK(name.find('\0') == std::string::npos);
      CHECK(name.rfind("..", 0) == std::string::npos);
    }
    CHECK_MESSAGE(std::regex_match(names[0], std::regex("^passwd_[a-z0-9]{10}\\.txt$")), names[0]);
    for (const auto& key : f.all_keys()) CHECK(files::is_safe_storage_key(key));
    CHECK(f.all_keys().size() == 4);
  }

  TEST_CASE("update modifiers: field+ appends, +field prepends, field- removes, a plain key replaces, [] clears") {
    FilesFixture f;
    auto rec = f.created("docs", {}, {rf_upload("documents", "a.txt", "A")});
    const std::string a = rec["documents"][0];
    auto appended = f.update("docs", rec["id"], {}, {rf_upload("documents+", "b.txt", "B")});
    REQUIRE(appended.ok());
    REQUIRE((*appended)["documents"].size() == 2);
    CHECK((*appended)["documents"][0] == a);
    const std::string b = (*appended)["documents"][1];
    auto prepended = f.update("docs", rec["id"], {}, {rf_upload("+documents", "c.txt", "C")});
    REQUIRE(prepended.ok());
    const std::string c = (*prepended)["documents"][0];
    CHECK((*prepended)["documents"] == json({c, a, b}));

    auto removed = f.update("docs", rec["id"], {{"documents-", a}});
    REQUIRE(removed.ok());
    CHECK((*removed)["documents"] == json({c, b}));
    CHECK(f.content(f.key("docs", rec, a)) == "<missing>");
    CHECK(f.content(f.key("docs", rec, b)) == "B");

    // "documents" with an upload and a name the record has (the SDK's mixed array): the
    // listed name stays, the upload is added, every other file goes.
    auto replaced = f.update("docs", rec["id"], {{"documents", b}}, {rf_upload("documents", "d.txt", "D")});
    REQUIRE(replaced.ok());
    REQUIRE((*replaced)["documents"].size() == 2);
    CHECK((*replaced)["documents"][0] == b);
    const std::string d = (*replaced)["documents"][1];
    CHECK(f.content(f.key("docs", rec, c)) == "<missing>");
    CHECK(f.content(f.key("docs", rec, d)) == "D");

    auto cleared = f.update("docs", rec["id"], {{"documents", json::array()}});
    REQUIRE(cleared.ok());
    CHECK((*cleared)["documents"] == json::array());
    CHECK(f.keys_under(f.env.collection("docs").id + "/" + rec["id"].get<std::string>()).empty());
  }

  TEST_CASE("a single-file field keeps the last upload and replacing it removes the old file after commit") {
    FilesFixture f;
    auto rec = f.created("docs", {}, {rf_upload("avatar", "one.png", rf_png("1")), rf_upload("avatar", "two.png", rf_png("2"))});
    const std::string first = rec["avatar"];
    CHECK(first.rfind("two_", 0) == 0);
    CHECK(f.all_keys().size() == 1);  // the upload the record does not keep is never written
    REQUIRE(f.storage()->put(f.key("docs", rec, "thumbs_" + first + "/100x100_" + first), "t").ok());
    REQUIRE(f.storage()->put(f.key("docs", rec, "transforms_" + first + "/w10_" + first), "t").ok());
    auto next = f.update("docs", rec["id"], {}, {rf_upload("avatar", "three.png", rf_png("3"))});
    REQUIRE(next.ok());
    CHECK(f.content(f.key("docs", rec, first)) == "<missing>");
    CHECK(f.all_keys().size() == 1);  // its thumbnails and transforms went with it
    CHECK(f.content(f.key("docs", rec, (*next)["avatar"])) == rf_png("3"));
    auto cleared = f.update("docs", rec["id"], {{"avatar", ""}});
    REQUIRE(cleared.ok());
    CHECK(f.all_keys().empty());
  }

  TEST_CASE("maxSelect, maxSize (field and default 5 MiB) and required fail with PocketBase's codes; nothing is written") {
    FilesFixture f;
    auto rec = f.created("docs", {}, {rf_upload("documents", "a.txt", "A"), rf_upload("documents", "b.txt", "B")});
    auto too_many = f.update("docs", rec["id"], {}, {rf_upload("documents+", "c.txt", "C"), rf_upload("documents+", "d.txt", "D")});
    CHECK(rf_code(too_many, "documents") == "validation_too_many_files");
    if (!too_many.ok()) CHECK(too_many.error().data["documents"]["message"] == "The maximum allowed files is 3");

    auto too_big = f.create("docs", {}, {rf_upload("documents", "big.txt", std::string(65, 'x'))});
    REQUIRE(rf_code(too_big, "documents") == "validation_file_size_limit");
    CHECK(too_big.error().data["documents"]["message"] ==
          "Failed to upload big.txt - the maximum allowed file size is 64 bytes.");
    CHECK(too_big.error().data["documents"]["params"] == json{{"file", "big.txt"}, {"maxSize", 64}});
    CHECK(f.create("docs", {}, {rf_upload("documents", "fits.txt", std::string(64, 'x'))}).ok());

    auto over_default = f.create("docs", {}, {rf_upload("big", "huge.bin", std::string((5 << 20) + 1, 'x'))});
    CHECK(rf_code(over_default, "big") == "validation_file_size_limit");
    CHECK(f.create("docs", {}, {rf_upload("big", "max.bin", std::string(5 << 20, 'x'))}).ok());

    auto missing = f.create("needs", {}, {});
    CHECK(rf_code(missing, "scan") == "validation_required");
    CHECK(f.create("needs", {}, {rf_upload("scan", "scan.pdf", "%PDF-1.4 hello")}).ok());
    CHECK(f.all_keys().size() == 2 + 1 + 1 + 1);
  }

  TEST_CASE("merge_uploads refuses more parts than a multi-file field's maxSelect before reading any of them") {
    FilesFixture f;
    std::vector<files::Upload> uploads;
    for (int i = 0; i < 2; ++i) uploads.push_back(rf_upload("documents", std::to_string(i) + ".txt", "x"));
    for (int i = 0; i < 2; ++i) uploads.push_back(rf_upload("documents+", std::to_string(i) + "+.txt", "x"));
    std::map<std::string, records::NewFile> new_files;
    records::FieldErrors errors;
    records::merge_uploads(f.env.collection("docs"), uploads, json::object(), new_files, errors);
    CHECK(new_files.empty());
    const json data = errors.to_json();
    CHECK(data["documents"]["code"] == "validation_too_many_files");
    CHECK(data["documents"]["message"] == "The maximum allowed files is 3");
    CHECK(data.size() == 1);
  }

  TEST_CASE("merge_uploads keeps only the last part a single-file field could keep") {
    FilesFixture f;
    std::vector<files::Upload> uploads;
    for (int i = 0; i < 50; ++i) uploads.push_back(rf_upload("avatar", "a" + std::to_string(i) + ".png", rf_png()));
    std::map<std::string, records::NewFile> new_files;
    records::FieldErrors errors;
    const json merged = records::merge_uploads(f.env.collection("docs"), uploads, json::object(), new_files, errors);
    CHECK(errors.empty());
    REQUIRE(new_files.size() == 1);
    CHECK(new_files.begin()->second.upload == &uploads.back());
    CHECK(merged["avatar"] == new_files.begin()->first);
  }

  TEST_CASE("mimeTypes are checked against the type sniffed from the bytes, never the name or the client's header") {
    FilesFixture f;
    auto png_as_text = f.create("docs", {}, {rf_upload("avatar", "notes.txt", rf_png(), "text/plain")});
    REQUIRE(png_as_text.ok());
    CHECK(f.content(f.key("docs", *png_as_text, (*png_as_text)["avatar"])) == rf_png());

    auto text_as_png = f.create("docs", {}, {rf_upload("avatar", "photo.png", "just some text", "image/png")});
    REQUIRE(rf_code(text_as_png, "avatar") == "validation_invalid_mime_type");
    const std::string message = text_as_png.error().data["avatar"]["message"];
    CHECK(std::regex_match(message, std::regex("^\"photo_[a-z0-9]{10}\\.png\" mime type must be one of: image/png, image/jpeg\\.$")));
    CHECK(f.all_keys().size() == 1);
  }

  TEST_CASE("uploads to a non-file field, an unknown key or a remove modifier are refused with the other failures at once") {
    FilesFixture f;
    auto r = f.create("docs", {{"documents", "not-a-file-we-have.txt"}},
                      {rf_upload("title", "t.txt", "T"), rf_upload("nope", "n.txt", "N"),
                       rf_upload("documents-", "x.txt", "X"), rf_upload("avatar", "a.png", "text", "image/png")});
    CHECK(rf_code(r, "title") == "validation_invalid_file");
    CHECK(rf_code(r, "nope") == "validation_invalid_file");
    CHECK(rf_code(r, "documents-") == "validation_invalid_file");
    CHECK(rf_code(r, "avatar") == "validation_invalid_mime_type");
    CHECK(rf_code(r, "documents") == "validation_invalid_file");  // a name the record does not have
    if (!r.ok()) CHECK(r.error().message == "Failed to create record.");
    CHECK(f.all_keys().empty());
  }

  TEST_CASE("files written for a transaction that rolls back are removed; replaced files go only after COMMIT") {
    FilesFixture f;
    std::string written_key;
    auto st = f.env.db().transaction([&](fastcms::db::Connection& tx) -> Status {
      auto rec = records::create_record(tx, *f.env.schema(), f.env.collection("docs"), RequestContext::system(), {},
                                        f.with({rf_upload("documents", "a.txt", "A")}));
      REQUIRE(rec.ok());
      written_key = f.key("docs", *rec, (*rec)["documents"][0]);
      CHECK(f.content(written_key) == "A");  // written before COMMIT
      return fastcms::Error::failure("a later step fails");
    });
    CHECK_FALSE(st.ok());
    CHECK(f.content(written_key) == "<missing>");
    CHECK(f.all_keys().empty());

    auto rec = f.created("docs", {}, {rf_upload("avatar", "old.png", rf_png("old"))});
    const std::string old_key = f.key("docs", rec, rec["avatar"]);
    std::string new_key;
    auto rolled_back = f.env.db().transaction([&](fastcms::db::Connection& tx) -> Status {
      auto next = records::update_record(tx, *f.env.schema(), f.env.collection("docs"), RequestContext::system(),
                                         rec["id"].get<std::string>(), {}, f.with({rf_upload("avatar", "new.png", rf_png("new"))}));
      REQUIRE(next.ok());
      new_key = f.key("docs", rec, (*next)["avatar"]);
      CHECK(f.content(old_key) == rf_png("old"));  // not before COMMIT
      return fastcms::Error::failure("undo");
    });
    CHECK_FALSE(rolled_back.ok());
    CHECK(f.content(old_key) == rf_png("old"));  // a rolled-back update keeps its files
    CHECK(f.content(new_key) == "<missing>");
    CHECK(f.env.db().transaction([&](fastcms::db::Connection& tx) -> Status {
      auto next = records::update_record(tx, *f.env.schema(), f.env.collection("docs"), RequestContext::system(),
                                         rec["id"].get<std::string>(), {}, f.with({rf_upload("avatar", "new.png", rf_png("new"))}));
      REQUIRE(next.ok());
      CHECK(f.content(old_key) == rf_png("old"));
      return Ok{};
    }).ok());
    CHECK(f.content(old_key) == "<missing>");
    CHECK(f.all_keys().size() == 1);
  }

  TEST_CASE("deleting a record removes its folder (thumbnails included), cascades too") {
    FilesFixture f;
    auto doc = f.created("docs", {}, {rf_upload("avatar", "a.png", rf_png())});
    auto note = f.created("notes", {{"doc", doc["id"]}}, {rf_upload("attachment", "n.txt", "N")});
    const std::string thumb = f.env.collection("docs").id + "/" + doc["id"].get<std::string>() + "/thumbs_" +
                              doc["avatar"].get<std::string>() + "/100x100_" + doc["avatar"].get<std::string>();
    REQUIRE(f.storage()->put(thumb, "thumb").ok());
    auto other = f.created("docs", {}, {rf_upload("documents", "keep.txt", "K")});
    REQUIRE(f.all_keys().size() == 4);
    auto deleted = records::delete_record(f.env.db(), *f.env.schema(), f.env.collection("docs"), RequestContext::system(),
                                          doc["id"].get<std::string>());
    REQUIRE(deleted.ok());
    CHECK(f.env.db().query_value("SELECT count(*) FROM notes")->to_int64() == 0);
    CHECK(f.all_keys() == std::vector<std::string>{f.key("docs", other, other["documents"][0])});
  }

  TEST_CASE("a record deleted and re-created with the same id in one transaction keeps its new files") {
    FilesFixture f;
    const std::string id = "samerecord00001";
    auto doc = f.created("docs", {{"id", id}}, {rf_upload("avatar", "a.png", rf_png())});
    const std::string thumb = f.key("docs", doc, "thumbs_" + doc["avatar"].get<std::string>() + "/100x100_" +
                                                     doc["avatar"].get<std::string>());
    REQUIRE(f.storage()->put(thumb, "thumb").ok());
    json again;
    auto done = f.env.db().transaction([&](fastcms::db::Connection& tx) -> Status {
      auto deleted = records::delete_record(tx, *f.env.schema(), f.env.collection("docs"), RequestContext::system(), id);
      if (!deleted.ok()) return fastcms::Error::failure(deleted.error().describe());
      auto created = records::create_record(tx, *f.env.schema(), f.env.collection("docs"), RequestContext::system(),
                                            {{"id", id}}, f.with({rf_upload("documents", "new.txt", "NEW")}));
      if (!created.ok()) return fastcms::Error::failure(created.error().describe());
      again = *created;
      return Ok{};
    });
    if (!done.ok()) FAIL(done.error().message);
    CHECK(f.all_keys() == std::vector<std::string>{f.key("docs", again, again["documents"][0])});
    CHECK(f.content(f.key("docs", again, again["documents"][0])) == "NEW");
  }

  TEST_CASE("a truncate followed by a record re-created with a truncated id keeps the new record's files") {
    FilesFixture f;
    const std::string id = "truncatedrec001";
    f.created("notes", {{"id", id}}, {rf_upload("attachment", "old.txt", "OLD")});
    f.created("notes", {}, {rf_upload("attachment", "other.txt", "OTHER")});
    json again;
    auto done = f.env.db().transaction([&](fastcms::db::Connection& tx) -> Status {
      auto truncated = fastcms::core::collections::truncate_collection(tx, "notes");
      if (!truncated.ok()) return fastcms::Error::failure(truncated.error().describe());
      auto created = records::create_record(tx, *f.env.schema(), f.env.collection("notes"), RequestContext::system(),
                                            {{"id", id}}, f.with({rf_upload("attachment", "new.txt", "NEW")}));
      if (!created.ok()) return fastcms::Error::failure(created.error().describe());
      again = *created;
      return Ok{};
    });
    if (!done.ok()) FAIL(done.error().message);
    CHECK(f.all_keys() == std::vector<std::string>{f.key("notes", again, again["attachment"])});
  }

  TEST_CASE("deleting or truncating a collection removes its folder; dropping a file field removes that field's files") {
    FilesFixture f;
    auto doc = f.created("docs", {}, {rf_upload("avatar", "a.png", rf_png()), rf_upload("documents", "d.txt", "D")});
    auto note = f.created("notes", {}, {rf_upload("attachment", "n.txt", "N")});
    auto stored = fastcms::core::collections::view_collection(f.env.db(), "docs");
    REQUIRE(stored.ok());
    json fields = json::array();
    for (const auto& field : (*stored)["fields"])
      if (field["name"] != "documents") fields.push_back(field);
    auto updated = fastcms::core::collections::update_collection(f.env.db(), "docs", {{"fields", fields}});
    if (!updated.ok()) FAIL(updated.error().describe());
    CHECK(f.content(f.key("docs", doc, doc["documents"][0])) == "<missing>");
    CHECK(f.content(f.key("docs", doc, doc["avatar"])) == rf_png());

    auto truncated = fastcms::core::collections::truncate_collection(f.env.db(), "notes");
    if (!truncated.ok()) FAIL(truncated.error().describe());
    CHECK(f.keys_under(f.env.collection("notes").id).empty());
    f.created("notes", {}, {rf_upload("attachment", "again.txt", "A")});
    REQUIRE(f.keys_under(f.env.collection("notes").id).size() == 1);

    auto removed = fastcms::core::collections::delete_collection(f.env.db(), "notes");
    if (!removed.ok()) FAIL(removed.error().describe());
    CHECK(f.keys_under(f.env.collection("notes").id).empty());
    CHECK(f.all_keys() == std::vector<std::string>{f.key("docs", doc, doc["avatar"])});
  }

  TEST_CASE("a storage failure fails the write with a clear 400 and leaves neither the record nor any file") {
    FilesFixture f;
    fastcms::test::TempDir dir;
    auto failing = std::make_shared<FailingStorage>(dir / "storage", 2);
    std::vector<files::Upload> uploads = {rf_upload("documents", "one.txt", "1"), rf_upload("documents", "two.txt", "2")};
    auto r = records::create_record(f.env.db(), *f.env.schema(), f.env.collection("docs"), RequestContext::system(),
                                    {{"title", "x"}}, {uploads, failing});
    REQUIRE(rf_code(r, "documents") == "validation_file_upload_failed");
    CHECK(r.error().status == 400);
    CHECK(r.error().message == "Failed to create record.");
    CHECK(r.error().data["documents"]["message"] == "Failed to store the uploaded file two.txt.");
    CHECK(f.env.db().query_value("SELECT count(*) FROM docs")->to_int64() == 0);
    auto left = failing->list_objects("");
    REQUIRE(left.ok());
    CHECK(left->empty());  // the first file, written before the second failed, was removed
  }

  TEST_CASE("a collections import that drops a file field, or deletes a collection as missing, removes their files") {
    FilesFixture f;
    auto doc = f.created("docs", {}, {rf_upload("avatar", "a.png", rf_png()), rf_upload("documents", "d.txt", "D")});
    f.created("needs", {}, {rf_upload("scan", "s.pdf", "%PDF-1.4 x")});
    auto docs = fastcms::core::collections::view_collection(f.env.db(), "docs");
    auto notes = fastcms::core::collections::view_collection(f.env.db(), "notes");
    REQUIRE(docs.ok());
    REQUIRE(notes.ok());
    json fields = json::array();
    for (const auto& field : (*docs)["fields"])
      if (field["name"] != "avatar") fields.push_back(field);
    (*docs)["fields"] = fields;
    auto imported = fastcms::core::collections::import_collections(
        f.env.db(), {{"collections", json::array({*docs, *notes})}, {"deleteMissing", true}});
    if (!imported.ok()) FAIL(imported.error().describe());
    CHECK(f.all_keys() == std::vector<std::string>{f.key("docs", doc, doc["documents"][0])});
  }
}
