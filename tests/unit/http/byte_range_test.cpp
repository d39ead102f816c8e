// Range headers: the one-range forms we honour, clamping, and what falls back to the whole file.
#include <doctest/doctest.h>

#include "http/byte_range.h"

using fastcms::http::parse_range_header;
using fastcms::http::RangeRequest;

namespace {

void check_byte_range(const char* header, std::size_t size, std::size_t first, std::size_t last) {
  CAPTURE(header);
  auto r = parse_range_header(header, size);
  REQUIRE(r.kind == RangeRequest::Kind::partial);
  CHECK(r.range.first == first);
  CHECK(r.range.last == last);
}

}  // namespace

TEST_SUITE("http byte ranges") {
  TEST_CASE("first-last, open-ended and suffix ranges, clamped to the size") {
    check_byte_range("bytes=0-99", 1000, 0, 99);
    check_byte_range("bytes=10-10", 1000, 10, 10);
    check_byte_range("bytes=990-5000", 1000, 990, 999);
    check_byte_range("bytes=500-", 1000, 500, 999);
    check_byte_range("bytes=-100", 1000, 900, 999);
    check_byte_range("bytes=-5000", 1000, 0, 999);
    check_byte_range(" bytes= 1 - 2 ", 1000, 1, 2);
    auto r = parse_range_header("bytes=2-5", 10);
    CHECK(r.range.length() == 4);
    CHECK(r.range.content_range(10) == "bytes 2-5/10");
    CHECK(fastcms::http::unsatisfied_content_range(10) == "bytes */10");
  }

  TEST_CASE("ranges starting past the end are unsatisfiable") {
    CHECK(parse_range_header("bytes=1000-", 1000).kind == RangeRequest::Kind::unsatisfiable);
    CHECK(parse_range_header("bytes=2000-3000", 1000).kind == RangeRequest::Kind::unsatisfiable);
    CHECK(parse_range_header("bytes=-0", 1000).kind == RangeRequest::Kind::unsatisfiable);
    CHECK(parse_range_header("bytes=0-", 0).kind == RangeRequest::Kind::unsatisfiable);
  }

  TEST_CASE("headers we do not honour mean the whole file") {
    for (const char* header : {"", "bytes", "items=0-1", "bytes=5-2", "bytes=a-b", "bytes=0-1,5-6", "bytes=-",
                               "bytes=99999999999999999999-", "bytes=1"}) {
      CAPTURE(header);
      CHECK(parse_range_header(header, 1000).kind == RangeRequest::Kind::whole);
    }
  }
}
