// Content sniffing: the bytes decide, never the name.
#include <doctest/doctest.h>

#include "core/files/content_type.h"

using fastcms::core::files::base_mime;
using fastcms::core::files::sniff_content_type;

TEST_SUITE("files content type") {
  TEST_CASE("images and documents by their magic bytes") {
    CHECK(sniff_content_type(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)).mime == "image/png");
    CHECK(sniff_content_type("\xFF\xD8\xFF\xE0\x00\x10JFIF").extension == ".jpg");
    CHECK(sniff_content_type("GIF89a....").mime == "image/gif");
    CHECK(sniff_content_type(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)).mime == "image/webp");
    CHECK(sniff_content_type(std::string("\0\0\0\x1c" "ftypavif", 12)).mime == "image/avif");
    CHECK(sniff_content_type("%PDF-1.7\n").mime == "application/pdf");
    CHECK(sniff_content_type("PK\x03\x04....").mime == "application/zip");
    CHECK(sniff_content_type(std::string("\0\0\0\x18" "ftypmp42", 12)).mime == "video/mp4");
  }

  TEST_CASE("text kinds: SVG and HTML are told apart from plain text") {
    CHECK(sniff_content_type("  <svg xmlns='http://www.w3.org/2000/svg'/>").mime == "image/svg+xml");
    CHECK(sniff_content_type("<?xml version='1.0'?>\n<svg></svg>").mime == "image/svg+xml");
    CHECK(sniff_content_type("<!DOCTYPE html><p>hi").mime == "text/html; charset=utf-8");
    CHECK(sniff_content_type("hello, wörld\n").mime == "text/plain; charset=utf-8");
    CHECK(sniff_content_type("").mime == "text/plain; charset=utf-8");
  }

  TEST_CASE("binary that is nothing known, and broken UTF-8, are octet streams") {
    CHECK(sniff_content_type(std::string("\x01\x02\x03\0", 4)).mime == "application/octet-stream");
    CHECK(sniff_content_type("abc\xC3").mime == "application/octet-stream");
    CHECK(sniff_content_type("abc\xC3(").extension.empty());
  }

  TEST_CASE("a text file named .png is still text") {
    // The name plays no part: only bytes are given.
    CHECK(base_mime(sniff_content_type("not an image").mime) == "text/plain");
    CHECK(base_mime("Image/PNG ; q=1") == "image/png");
  }
}
