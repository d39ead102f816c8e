// Unit tests for runtime/core/collections/collection_file.h (load_collection_files) and
// collection_checks.h (check_collections), on temp project folders.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/collections/collection_checks.h"
#include "core/collections/collection_file.h"

namespace {

namespace colt_fs = std::filesystem;

/// A fresh project root under /tmp, removed with everything in it on destruction.
class ColtTempProject {
 public:
  ColtTempProject() {
    std::string tmpl = "/tmp/fastcms-collections-test-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = tmpl;
  }
  ~ColtTempProject() {
    std::error_code ec;
    colt_fs::remove_all(root_, ec);
  }
  ColtTempProject(const ColtTempProject&) = delete;
  ColtTempProject& operator=(const ColtTempProject&) = delete;
  const colt_fs::path& root() const { return root_; }

  /// Writes app/collections/<file>.
  void add(const std::string& file, const std::string& content) const {
    colt_fs::path p = root_ / "app" / "collections" / file;
    colt_fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
  }

  std::string error() const {
    auto r = fastcms::core::collections::load_collection_files(root_);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == fastcms::ErrorKind::failure);
    return r.error().message;
  }

  std::vector<fastcms::core::collections::CollectionFile> ok() const {
    auto r = fastcms::core::collections::load_collection_files(root_);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    return *r;
  }

 private:
  colt_fs::path root_;
};

const char* const colt_users_yaml =
    "name: users\n"
    "type: auth\n"
    "fields:\n"
    "  - { name: name, type: text, max: 100 }\n"
    "passwordAuth: { enabled: true, identityFields: [email] }\n";

const std::string colt_type_list =
    "must be one of text, number, bool, email, url, editor, date, autodate, select, json, relation, file, "
    "password, geoPoint";

}  // namespace

TEST_SUITE("unit collections") {
  TEST_CASE("collections: no app/collections folder means no collections") {
    ColtTempProject p;
    CHECK(p.ok().empty());
    colt_fs::create_directories(p.root() / "app" / "collections");
    CHECK(p.ok().empty());
  }

  TEST_CASE("collections: valid files load, sorted, with project-relative labels") {
    ColtTempProject p;
    p.add("users.yaml", colt_users_yaml);
    p.add("posts.yaml",
          "name: posts\n"
          "type: base\n"
          "fields:\n"
          "  - { name: title, type: text, required: true, max: 200 }\n"
          "  - { name: body, type: editor }\n"
          "  - { name: author, type: relation, collection: users, maxSelect: 1 }\n"
          "  - { name: status, type: select, values: [draft, published], maxSelect: 1 }\n"
          "  - { name: cover, type: file, maxSize: 5242880, mimeTypes: [image/png], thumbs: [100x100, 0x300t] }\n"
          "  - { name: price, type: number, min: 0, max: 10 }\n"
          "  - { name: notes, type: text, readRule: \"@request.auth.id = author\" }\n"
          "  - { name: updated, type: autodate, onCreate: true, onUpdate: true }\n"
          "indexes: [ \"CREATE INDEX idx_posts_status ON posts (status)\", "
          "\"CREATE UNIQUE INDEX idx_t ON `posts` (`title`)\" ]\n"
          "listRule: 'status = \"published\"'\n"
          "viewRule: ''\n"
          "deleteRule: null\n"
          "search: [title, body]\n");
    p.add("tags.json", R"({"name": "tags", "fields": [{"name": "label", "type": "text", "min": 1, "max": 0}]})");
    p.add("stats.yaml", "name: stats\ntype: view\nviewQuery: SELECT id FROM posts\n");
    p.add("README.md", "not a collection");
    p.add("notes.txt", "name: ignored");

    auto files = p.ok();
    std::vector<std::string> names, labels;
    for (const auto& f : files) {
      names.push_back(f.name());
      labels.push_back(f.label);
    }
    CHECK(names == std::vector<std::string>{"posts", "stats", "tags", "users"});
    CHECK(labels == std::vector<std::string>{"app/collections/posts.yaml", "app/collections/stats.yaml",
                                             "app/collections/tags.json", "app/collections/users.yaml"});
    CHECK(files[0].type() == "base");
    CHECK(files[1].type() == "view");
    CHECK(files[2].type() == "base");  // the default
    CHECK(files[3].type() == "auth");
    CHECK(files[0].path == p.root() / "app" / "collections" / "posts.yaml");
    CHECK(files[0].definition["fields"].size() == 8);
  }

  TEST_CASE("collections: relations may point at system collections and at ids") {
    ColtTempProject p;
    p.add("a.yaml", "id: pbc_a1\nname: a\n");
    p.add("b.yaml",
          "name: b\nfields:\n"
          "  - { name: owner, type: relation, collection: _superusers }\n"
          "  - { name: other, type: relation, collectionId: pbc_a1 }\n");
    CHECK(p.ok().size() == 2);
  }

  TEST_CASE("collections: the name must match the file stem") {
    ColtTempProject p;
    p.add("post.yaml", "name: posts\n");
    CHECK(p.error() ==
          "app/collections/post.yaml: name: is \"posts\" but the file is named post.yaml; rename the file to "
          "posts.yaml or change the name");
  }

  TEST_CASE("collections: the same collection in a .json and a .yaml file") {
    ColtTempProject p;
    p.add("posts.json", R"({"name": "posts"})");
    p.add("posts.yaml", "name: posts\n");
    CHECK(p.error() ==
          "app/collections/posts.yaml: name: collection \"posts\" is already declared in app/collections/posts.json; "
          "keep one file per collection");
  }

  TEST_CASE("collections: duplicate field names") {
    ColtTempProject p;
    p.add("posts.yaml",
          "name: posts\nfields:\n"
          "  - { name: title, type: text }\n"
          "  - { name: body, type: editor }\n"
          "  - { name: title, type: number }\n");
    CHECK(p.error() ==
          "app/collections/posts.yaml: fields[2].name: field \"title\" is declared twice; field names must be unique");
  }

  TEST_CASE("collections: system fields keep their system type") {
    ColtTempProject p;
    SUBCASE("created as text") {
      p.add("posts.yaml", "name: posts\nfields:\n  - { name: created, type: text }\n");
      CHECK(p.error() ==
            "app/collections/posts.yaml: fields[0].type: \"created\" is a system field of type autodate; leave it "
            "out (it is implicit) or declare it as type autodate");
    }
    SUBCASE("id as number") {
      p.add("posts.yaml", "name: posts\nfields:\n  - { name: title, type: text }\n  - { name: id, type: number }\n");
      CHECK(p.error() ==
            "app/collections/posts.yaml: fields[1].type: \"id\" is a system field of type text; leave it out (it is "
            "implicit) or declare it as type text");
    }
    SUBCASE("auth-only system field on an auth collection") {
      p.add("users.yaml", "name: users\ntype: auth\nfields:\n  - { name: email, type: text }\n");
      CHECK(p.error() ==
            "app/collections/users.yaml: fields[0].type: \"email\" is a system field of type email; leave it out (it "
            "is implicit) or declare it as type email");
    }
    SUBCASE("the same name is free on a base collection") {
      p.add("posts.yaml", "name: posts\nfields:\n  - { name: email, type: text }\n  - { name: created, type: autodate }\n");
      CHECK(p.ok().size() == 1);
    }
  }

  TEST_CASE("collections: implicit_fields") {
    std::vector<std::string> base, auth;
    for (const auto& [n, t] : fastcms::core::collections::implicit_fields("base")) base.push_back(n + ":" + t);
    for (const auto& [n, t] : fastcms::core::collections::implicit_fields("auth")) auth.push_back(n + ":" + t);
    CHECK(base == std::vector<std::string>{"id:text", "created:autodate", "updated:autodate"});
    CHECK(auth == std::vector<std::string>{"id:text", "created:autodate", "updated:autodate", "email:email",
                                           "emailVisibility:bool", "verified:bool", "password:password",
                                           "tokenKey:text"});
  }

  TEST_CASE("collections: an option that is not valid for the field type") {
    ColtTempProject p;
    p.add("posts.yaml", "name: posts\nfields:\n  - { name: title, type: text, values: [a, b] }\n");
    CHECK(p.error() ==
          "app/collections/posts.yaml: fields[0].values: is not an option of text fields (options: "
          "autogeneratePattern, max, min, pattern, primaryKey, required)");
  }

  TEST_CASE("collections: min greater than max") {
    ColtTempProject p;
    SUBCASE("text") {
      p.add("posts.yaml", "name: posts\nfields:\n  - { name: title, type: text, min: 10, max: 5 }\n");
      CHECK(p.error() == "app/collections/posts.yaml: fields[0].min: is greater than max (5)");
    }
    SUBCASE("number") {
      p.add("posts.yaml", "name: posts\nfields:\n  - { name: t, type: text }\n  - { name: n, type: number, min: 2.5, max: 1.5 }\n");
      CHECK(p.error() == "app/collections/posts.yaml: fields[1].min: is greater than max (1.5)");
    }
    SUBCASE("text max 0 means no limit") {
      p.add("posts.yaml", "name: posts\nfields:\n  - { name: title, type: text, min: 10, max: 0 }\n");
      CHECK(p.ok().size() == 1);
    }
    SUBCASE("equal is fine") {
      p.add("posts.yaml", "name: posts\nfields:\n  - { name: title, type: text, min: 3, max: 3 }\n");
      CHECK(p.ok().size() == 1);
    }
  }

  TEST_CASE("collections: a number field's max 0 is a real bound") {
    ColtTempProject p;
    p.add("posts.yaml", "name: posts\nfields:\n  - { name: n, type: number, min: 1, max: 0 }\n");
    auto r = fastcms::core::collections::load_collection_files(p.root());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "app/collections/posts.yaml: fields[0].min: is greater than max (0)");
  }

  TEST_CASE("collections: select maxSelect larger than its values") {
    ColtTempProject p;
    p.add("posts.yaml", "name: posts\nfields:\n  - { name: s, type: select, values: [a, b], maxSelect: 3 }\n");
    CHECK(p.error() == "app/collections/posts.yaml: fields[0].maxSelect: is larger than the number of values (2)");
  }

  TEST_CASE("collections: relation to an unknown collection") {
    ColtTempProject p;
    p.add("users.yaml", colt_users_yaml);
    SUBCASE("with a suggestion") {
      p.add("posts.yaml", "name: posts\nfields:\n  - { name: t, type: text }\n  - { name: author, type: relation, collection: user }\n");
      CHECK(p.error() ==
            "app/collections/posts.yaml: fields[1].collection: unknown collection \"user\" (did you mean \"users\"?); "
            "declare it in app/collections/ or fix the name");
    }
    SUBCASE("without a suggestion, by collectionId") {
      p.add("posts.yaml", "name: posts\nfields:\n  - { name: author, type: relation, collectionId: zzzzzzzzzz }\n");
      CHECK(p.error() ==
            "app/collections/posts.yaml: fields[0].collectionId: unknown collection \"zzzzzzzzzz\"; declare it in "
            "app/collections/ or fix the name");
    }
    SUBCASE("neither collection nor collectionId is a schema error") {
      p.add("posts.yaml", "name: posts\nfields:\n  - { name: author, type: relation }\n");
      CHECK(p.error() ==
            "app/collections/posts.yaml: fields[0]: a relation field needs collection (the target collection's "
            "name) or collectionId");
    }
  }

  TEST_CASE("collections: search fields must exist and be text-like") {
    ColtTempProject p;
    SUBCASE("number field") {
      p.add("products.yaml",
            "name: products\nfields:\n  - { name: title, type: text }\n  - { name: price, type: number }\n"
            "search: [title, price]\n");
      CHECK(p.error() ==
            "app/collections/products.yaml: search[1]: field \"price\" is number; only text, editor, email and url "
            "fields can be searched");
    }
    SUBCASE("unknown field") {
      p.add("products.yaml", "name: products\nfields:\n  - { name: title, type: text }\nsearch: [titel]\n");
      CHECK(p.error() ==
            "app/collections/products.yaml: search[0]: unknown field \"titel\"; list fields declared in fields");
    }
    SUBCASE("text-like fields, including implicit ones, are fine") {
      p.add("products.yaml",
            "name: products\nfields:\n  - { name: title, type: text }\n  - { name: body, type: editor }\n"
            "  - { name: contact, type: email }\n  - { name: site, type: url }\nsearch: [id, title, body, contact, site]\n");
      CHECK(p.ok().size() == 1);
    }
    SUBCASE("duplicates are a schema error") {
      p.add("products.yaml", "name: products\nfields:\n  - { name: title, type: text }\nsearch: [title, title]\n");
      CHECK(p.error() == "app/collections/products.yaml: search[1]: duplicates an earlier item \"title\"");
    }
  }

  TEST_CASE("collections: an index must be on its own table") {
    ColtTempProject p;
    SUBCASE("another table") {
      p.add("posts.yaml",
            "name: posts\nfields:\n  - { name: status, type: text }\n"
            "indexes:\n  - CREATE INDEX idx_ok ON posts (status)\n  - CREATE INDEX idx_s ON comments (status)\n");
      CHECK(p.error() ==
            "app/collections/posts.yaml: indexes[1]: is on table \"comments\"; an index in app/collections/posts.yaml "
            "must be ON posts");
    }
    SUBCASE("quoted table, lower case on") {
      p.add("posts.yaml",
            "name: posts\nfields:\n  - { name: status, type: text }\n"
            "indexes: ['CREATE UNIQUE INDEX idx on \"users\" (status)']\n");
      CHECK(p.error() ==
            "app/collections/posts.yaml: indexes[0]: is on table \"users\"; an index in app/collections/posts.yaml "
            "must be ON posts");
    }
    SUBCASE("no ON clause") {
      p.add("posts.yaml", "name: posts\nindexes: ['CREATE INDEX idx_posts']\n");
      CHECK(p.error() == "app/collections/posts.yaml: indexes[0]: cannot find \"ON posts (columns)\" in the statement");
    }
    SUBCASE("not a CREATE INDEX statement is a schema error") {
      p.add("posts.yaml", "name: posts\nindexes: ['DROP TABLE posts']\n");
      CHECK(p.error() ==
            "app/collections/posts.yaml: indexes[0]: must be a CREATE INDEX or CREATE UNIQUE INDEX statement, got "
            "\"DROP TABLE posts\"");
    }
  }

  TEST_CASE("collections: lower-case SQL keywords in an index are accepted") {
    ColtTempProject p;
    p.add("posts.yaml", "name: posts\nfields:\n  - { name: status, type: text }\nindexes: ['create index idx on posts (status)']\n");
    auto r = fastcms::core::collections::load_collection_files(p.root());
    CHECK_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
  }

  TEST_CASE("collections: schema violations are reported by file and path") {
    ColtTempProject p;
    SUBCASE("field type") {
      p.add("x.yaml", "name: x\nfields:\n  - { name: a, type: txt }\n");
      CHECK(p.error() == "app/collections/x.yaml: fields[0].type: " + colt_type_list + ", got \"txt\"");
    }
    SUBCASE("unknown top-level key with a suggestion") {
      p.add("x.yaml", "name: x\nfeilds: []\n");
      CHECK(p.error() == "app/collections/x.yaml: feilds: is not a known key (did you mean \"fields\"?)");
    }
    SUBCASE("unknown field option with a suggestion") {
      p.add("x.yaml", "name: x\nfields:\n  - { name: a, type: text, requird: true }\n");
      CHECK(p.error() == "app/collections/x.yaml: fields[0].requird: is not a known key (did you mean \"required\"?)");
    }
    SUBCASE("missing name") {
      p.add("x.yaml", "type: base\n");
      CHECK(p.error() == "app/collections/x.yaml: name: is required");
    }
    SUBCASE("collection type") {
      p.add("x.json", R"({"name": "x", "type": "table"})");
      CHECK(p.error() == "app/collections/x.json: type: must be one of base, auth, view, got \"table\"");
    }
    SUBCASE("view without viewQuery, viewQuery on base") {
      p.add("v.yaml", "name: v\ntype: view\n");
      p.add("w.yaml", "name: w\nviewQuery: SELECT 1\n");
      CHECK(p.error() ==
            "app/collections/v.yaml: viewQuery: is required\n"
            "app/collections/w.yaml: viewQuery is only allowed on view collections (type: view)");
    }
    SUBCASE("auth options on a base collection") {
      p.add("x.yaml", "name: x\nauthRule: ''\n");
      CHECK(p.error() ==
            "app/collections/x.yaml: auth options (authRule, manageRule, passwordAuth, oauth2, mfa, otp, magicLink, "
            "sms, tokens, email templates) need type: auth");
    }
    SUBCASE("select without values") {
      p.add("x.yaml", "name: x\nfields:\n  - { name: s, type: select }\n");
      CHECK(p.error() == "app/collections/x.yaml: fields[0].values: is required");
    }
    SUBCASE("text min must be an integer") {
      p.add("x.yaml", "name: x\nfields:\n  - { name: s, type: text, min: 1.5 }\n");
      CHECK(p.error() == "app/collections/x.yaml: fields[0].min: must be integer, got number 1.5");
    }
    SUBCASE("thumb size") {
      p.add("x.yaml", "name: x\nfields:\n  - { name: f, type: file, thumbs: [100x100, big] }\n");
      CHECK(p.error() ==
            "app/collections/x.yaml: fields[0].thumbs[1]: must be a thumb size such as 100x100, 0x300, 300x0 or "
            "100x100t, got \"big\"");
    }
    SUBCASE("bad collection name") {
      p.add("_x.yaml", "name: _x\n");
      CHECK(p.error() ==
            "app/collections/_x.yaml: name: must start with a letter and contain only letters, digits and '_' (names "
            "starting with '_' are reserved for system collections), got \"_x\"");
    }
    SUBCASE("an empty file is not an object") {
      p.add("x.yaml", "");
      CHECK(p.error() == "app/collections/x.yaml: must be object, got null");
    }
  }

  TEST_CASE("collections: syntax errors are labelled with the project-relative path") {
    ColtTempProject p;
    p.add("x.yaml", "name: x\nfields: [\n");
    std::string m = p.error();
    CHECK(m.rfind("app/collections/x.yaml: line ", 0) == 0);
    CHECK(m.find("invalid YAML") != std::string::npos);
    CHECK(m.find(p.root().string()) == std::string::npos);

    ColtTempProject q;
    q.add("y.json", "{\"name\": \"y\",\n}");
    m = q.error();
    CHECK(m.rfind("app/collections/y.json: line 2, column ", 0) == 0);
    CHECK(m.find("invalid JSON") != std::string::npos);
  }

  TEST_CASE("collections: the problems of several files are reported together") {
    ColtTempProject p;
    p.add("a.yaml", "name: a\nfields:\n  - { name: x, type: txt }\n");              // schema
    p.add("b.yaml", "name: bee\n");                                                    // name mismatch
    p.add("c.yaml", "name: c\nfields: [\n");                                           // syntax
    p.add("d.yaml",                                                                    // two checks in one file
          "name: d\nfields:\n  - { name: n, type: number }\n  - { name: n, type: text }\nsearch: [n]\n");
    p.add("e.yaml", "name: e\n");                                                      // valid
    std::string m = p.error();
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= m.size()) {
      size_t end = m.find('\n', start);
      if (end == std::string::npos) end = m.size();
      lines.push_back(m.substr(start, end - start));
      start = end + 1;
    }
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == "app/collections/a.yaml: fields[0].type: " + colt_type_list + ", got \"txt\"");
    CHECK(lines[1].rfind("app/collections/c.yaml: line ", 0) == 0);
    CHECK(lines[2] ==
          "app/collections/b.yaml: name: is \"bee\" but the file is named b.yaml; rename the file to bee.yaml or "
          "change the name");
    CHECK(lines[3] ==
          "app/collections/d.yaml: fields[1].name: field \"n\" is declared twice; field names must be unique");
    CHECK(lines[4] ==
          "app/collections/d.yaml: search[0]: field \"n\" is number; only text, editor, email and url fields can be "
          "searched");
  }

  TEST_CASE("collections: check_collections on in-memory files") {
    using fastcms::core::collections::CollectionFile;
    std::vector<CollectionFile> files = {
        {"/p/app/collections/a.yaml", "app/collections/a.yaml", nlohmann::json{{"name", "a"}}},
        {"/p/app/collections/b.yaml", "app/collections/b.yaml",
         nlohmann::json::parse(R"({"name": "b", "fields": [{"name": "r", "type": "relation", "collection": "aa"}]})")},
    };
    auto problems = fastcms::core::collections::check_collections(files);
    CHECK(problems == std::vector<std::string>{
                          "app/collections/b.yaml: fields[0].collection: unknown collection \"aa\" (did you mean "
                          "\"a\"?); declare it in app/collections/ or fix the name"});
    files[1].definition["fields"][0]["collection"] = "a";
    CHECK(fastcms::core::collections::check_collections(files).empty());
  }
}
