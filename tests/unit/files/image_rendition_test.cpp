// What a download sends: the original, a listed thumbnail (made once, kept in PocketBase's
// layout), or a transform (cached, at most max_cached_transforms_per_file per file).
#include <doctest/doctest.h>

#include "core/collections/collection.h"
#include "core/files/content_type.h"
#include "core/files/file_rendition.h"
#include "core/files/local_file_storage.h"
#include "core/files/vips_session.h"
#include "support/temp_dir.h"

namespace files = fastcms::core::files;

namespace {

/// A black PNG of width x height, made with libvips.
std::string rendition_png(int width, int height) {
  REQUIRE(files::vips::ensure_started().ok());
  VipsImage* black = nullptr;
  REQUIRE(vips_black(&black, width, height, "bands", 3, nullptr) == 0);
  files::vips::ImagePtr owned(black);
  void* buffer = nullptr;
  size_t size = 0;
  REQUIRE(vips_pngsave_buffer(black, &buffer, &size, nullptr) == 0);
  files::vips::GBuffer owned_buffer(buffer);
  return std::string(static_cast<const char*>(buffer), size);
}

std::pair<int, int> rendition_png_size(const std::string& png) {
  REQUIRE(png.size() > 24);
  auto be32 = [&](size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  return {be32(16), be32(20)};
}

struct RenditionFixture {
  fastcms::test::TempDir dir;
  files::LocalFileStorage storage{dir / "storage"};
  fastcms::core::collections::Collection collection;
  fastcms::core::collections::Field field;
  files::ServedFile file;

  RenditionFixture() {
    collection.id = "pbc_1";
    collection.name = "posts";
    field.name = "cover";
    field.type = "file";
    field.options = {{"thumbs", {"50x50", "0x20"}}};
    file = {&collection, &field, "rec1", "cover_abcdefghij.png", "pbc_1/rec1/cover_abcdefghij.png"};
    REQUIRE(storage.put(file.storage_key, rendition_png(400, 200)).ok());
  }

  files::Rendition read(std::multimap<std::string, std::string> query) {
    auto r = files::read_rendition(storage, file, query);
    if (!r.ok()) FAIL(r.error().message);
    REQUIRE(r->has_value());
    return std::move(**r);
  }
};

}  // namespace

TEST_SUITE("files renditions") {
  TEST_CASE("listed thumb sizes and 100x100 are made once and kept; others get the original") {
    RenditionFixture f;
    CHECK(rendition_png_size(f.read({}).bytes) == std::pair{400, 200});
    CHECK(rendition_png_size(f.read({{"thumb", "50x50"}}).bytes) == std::pair{50, 50});
    CHECK(rendition_png_size(f.read({{"thumb", "0x20"}}).bytes) == std::pair{40, 20});
    CHECK(rendition_png_size(f.read({{"thumb", "100x100"}}).bytes) == std::pair{100, 100});
    CHECK(rendition_png_size(f.read({{"thumb", "60x60"}}).bytes) == std::pair{400, 200});
    CHECK(rendition_png_size(f.read({{"thumb", "junk"}}).bytes) == std::pair{400, 200});
    auto kept = f.storage.list("pbc_1/rec1/thumbs_cover_abcdefghij.png");
    REQUIRE(kept.ok());
    CHECK(*kept == std::vector<std::string>{"pbc_1/rec1/thumbs_cover_abcdefghij.png/0x20_cover_abcdefghij.png",
                                            "pbc_1/rec1/thumbs_cover_abcdefghij.png/100x100_cover_abcdefghij.png",
                                            "pbc_1/rec1/thumbs_cover_abcdefghij.png/50x50_cover_abcdefghij.png"});
    // A kept thumb is served from storage, not rendered again.
    REQUIRE(f.storage.put("pbc_1/rec1/thumbs_cover_abcdefghij.png/50x50_cover_abcdefghij.png", "kept").ok());
    CHECK(f.read({{"thumb", "50x50"}}).bytes == "kept");
  }

  TEST_CASE("a thumb of something that is not an image is the original") {
    RenditionFixture f;
    REQUIRE(f.storage.put(f.file.storage_key, "plain text").ok());
    CHECK(f.read({{"thumb", "50x50"}}).bytes == "plain text");
  }

  TEST_CASE("transforms change the name with the format, are cached, and only up to the cap") {
    RenditionFixture f;
    auto webp = f.read({{"width", "100"}, {"format", "webp"}});
    CHECK(files::sniff_content_type(webp.bytes).mime == "image/webp");
    CHECK(webp.name == "cover_abcdefghij.webp");
    auto again = f.read({{"width", "100"}, {"format", "webp"}});
    CHECK(again.bytes == webp.bytes);
    CHECK(again.name == "cover_abcdefghij.webp");
    CHECK(f.storage.list("pbc_1/rec1/transforms_cover_abcdefghij.png")->size() == 1);

    for (std::size_t width = 1; width <= files::max_cached_transforms_per_file + 4; ++width)
      CHECK(rendition_png_size(f.read({{"width", std::to_string(width)}, {"format", "png"}}).bytes).first ==
            static_cast<int>(width));
    CHECK(f.storage.list("pbc_1/rec1/transforms_cover_abcdefghij.png")->size() == files::max_cached_transforms_per_file);
  }

  TEST_CASE("bad transforms and transforms of non-images are 400s; a missing original is nullopt") {
    RenditionFixture f;
    auto bad = files::read_rendition(f.storage, f.file, {{"width", "-3"}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().status == 400);
    CHECK(bad.error().data.contains("width"));
    REQUIRE(f.storage.put(f.file.storage_key, "%PDF-1.4").ok());
    auto pdf = files::read_rendition(f.storage, f.file, {{"width", "10"}});
    REQUIRE_FALSE(pdf.ok());
    CHECK(pdf.error().message.find("application/pdf") != std::string::npos);
    REQUIRE(f.storage.remove(f.file.storage_key).ok());
    auto gone = files::read_rendition(f.storage, f.file, {});
    REQUIRE(gone.ok());
    CHECK_FALSE(gone->has_value());
  }
}
