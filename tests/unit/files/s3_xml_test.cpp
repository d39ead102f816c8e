// ListObjectsV2 pages as S3 answers them.
#include <doctest/doctest.h>

#include "common/datetime.h"
#include "core/files/s3_xml.h"

namespace {
namespace files = fastcms::core::files;
}

TEST_SUITE("files s3 xml") {
  TEST_CASE("a list page gives each object's key, size and LastModified, and the continuation token") {
    const auto now = std::chrono::system_clock::now();
    const auto page = files::parse_s3_list_page(R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult><IsTruncated>true</IsTruncated>
<Contents><Key>c1/r1/a&amp;b.txt</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified><Size>12</Size></Contents>
<NextContinuationToken>tok/en==</NextContinuationToken></ListBucketResult>)",
                                                now);
    REQUIRE(page.objects.size() == 1);
    CHECK(page.objects[0].key == "c1/r1/a&b.txt");
    CHECK(page.objects[0].size == 12);
    CHECK(page.objects[0].modified == *fastcms::datetime::parse("2026-01-02T03:04:05.000Z"));
    CHECK(page.next_token == "tok/en==");
  }

  TEST_CASE("a missing or unreadable LastModified counts as now, never as 1970") {
    const auto now = std::chrono::system_clock::now();
    const auto page = files::parse_s3_list_page(
        "<ListBucketResult><IsTruncated>false</IsTruncated>"
        "<Contents><Key>c1/r1/a.txt</Key><Size>1</Size></Contents>"
        "<Contents><Key>c1/r1/b.txt</Key><LastModified>yesterday-ish</LastModified><Size>2</Size></Contents>"
        "<NextContinuationToken>ignored</NextContinuationToken></ListBucketResult>",
        now);
    REQUIRE(page.objects.size() == 2);
    CHECK(page.objects[0].modified == now);
    CHECK(page.objects[1].modified == now);
    CHECK(page.next_token.empty());  // not truncated
  }
}
