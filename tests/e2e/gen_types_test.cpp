// End-to-end: `fastcms gen types` on the blog template compiles under `tsc --strict`
// (npm typescript pinned in tests/e2e/gen), and the types reject what the API never returns.
#include <doctest/doctest.h>

#include <filesystem>

#include "support/process.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using fastcms::test::run_fastcms;

namespace {

const fs::path tsc_script = fs::path(FASTCMS_SOURCE_DIR) / "tests/e2e/gen/node_modules/typescript/bin/tsc";

fs::path gen_types_blog_project(const fs::path& parent) {
  auto r = run_fastcms({"init", "blog", "--template", "blog"}, fastcms::test::in_dir(parent));
  if (r.exit_code != 0) FAIL("init failed: " << r.err);
  return parent / "blog";
}

/// Runs tsc --strict --noEmit over `files` in `dir`; returns its result.
fastcms::test::RunResult tsc_strict(const fs::path& dir, const std::vector<std::string>& files) {
  if (!fs::exists(tsc_script)) FAIL("typescript is not installed: run `npm ci --prefix tests/e2e/gen`");
  std::vector<std::string> argv = {fastcms::test::find_program("node"), tsc_script.string(), "--strict",
                                   "--noEmit", "--target", "es2020"};
  argv.insert(argv.end(), files.begin(), files.end());
  return fastcms::test::run(argv, fastcms::test::in_dir(dir));
}

}  // namespace

TEST_SUITE("e2e gen types") {
  TEST_CASE("the blog template's types map fields, selects, relations and expand, and compile strictly") {
    fastcms::test::TempDir dir;
    auto project = gen_types_blog_project(dir.path());
    auto r = run_fastcms({"gen", "types", "--output", "pb-types.ts"}, fastcms::test::in_dir(project));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    std::string types = fastcms::test::read_file(project / "pb-types.ts");
    CHECK(types.find("export interface PostsRecord {") != std::string::npos);
    CHECK(types.find("  status: \"draft\" | \"published\" | \"archived\";\n") != std::string::npos);
    CHECK(types.find("  tags: string[];\n") != std::string::npos);
    CHECK(types.find("  author: string;\n") != std::string::npos);
    CHECK(types.find("  featured: boolean;\n") != std::string::npos);
    CHECK(types.find("  tags?: TagsRecord[];\n") != std::string::npos);
    CHECK(types.find("  author?: UsersRecord;\n") != std::string::npos);
    CHECK(types.find("password") == std::string::npos);
    CHECK(types.find("tokenKey") == std::string::npos);

    // Same output on stdout.
    auto to_stdout = run_fastcms({"gen", "types"}, fastcms::test::in_dir(project));
    CHECK(to_stdout.out == types);

    fastcms::test::write_file(project / "use.ts",
                              "import type { PostsRecord, CollectionRecords, CollectionName } from './pb-types';\n"
                              "export function title(p: PostsRecord): string {\n"
                              "  const status: 'draft' | 'published' | 'archived' = p.status;\n"
                              "  const author = p.expand?.author?.id ?? p.author;\n"
                              "  const tags: string[] = (p.expand?.tags ?? []).map((t) => t.id);\n"
                              "  return `${p.title} ${status} ${author} ${tags.length}`;\n"
                              "}\n"
                              "export const names: CollectionName[] = ['posts', 'users'];\n"
                              "export type Post = CollectionRecords['posts'];\n");
    auto ok = tsc_strict(project, {"pb-types.ts", "use.ts"});
    CHECK_MESSAGE(ok.exit_code == 0, ok.out << ok.err);

    fastcms::test::write_file(project / "wrong.ts",
                              "import type { PostsRecord } from './pb-types';\n"
                              "export function bad(p: PostsRecord): number { return p.status === 'deleted' ? 1 : p.title; }\n");
    auto rejected = tsc_strict(project, {"pb-types.ts", "wrong.ts"});
    CHECK(rejected.exit_code != 0);
    CHECK(rejected.out.find("wrong.ts") != std::string::npos);
  }

  TEST_CASE("outside a project is a failure; a bad collection file names the file") {
    fastcms::test::TempDir dir;
    auto outside = run_fastcms({"gen", "types"}, fastcms::test::in_dir(dir.path()));
    CHECK(outside.exit_code == 1);
    CHECK(outside.err.find("no fastcms project found") != std::string::npos);
    auto project = gen_types_blog_project(dir.path());
    fastcms::test::write_file(project / "app/collections/broken.yaml", "name: broken\nfields: 3\n");
    auto broken = run_fastcms({"gen", "types"}, fastcms::test::in_dir(project));
    CHECK(broken.exit_code == 1);
    CHECK(broken.err.find("broken.yaml") != std::string::npos);
  }
}
