// SigV4 against the worked examples of the AWS S3 documentation ("Signature Calculations for
// the Authorization Header: Transferring Payload in a Single Chunk").
#include <doctest/doctest.h>

#include "common/aws_sigv4.h"
#include "common/sha256.h"

namespace {

const fastcms::aws::Credentials aws_example_credentials{"AKIAIOSFODNN7EXAMPLE",
                                                         "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3"};

std::string header_value(const fastcms::aws::HeaderList& headers, const std::string& name) {
  for (const auto& [n, v] : headers)
    if (n == name) return v;
  return "";
}

}  // namespace

TEST_SUITE("aws sigv4") {
  TEST_CASE("GET object with a Range header (AWS example)") {
    fastcms::aws::Request request{"GET", "examplebucket.s3.amazonaws.com", "/test.txt", {}, {{"Range", "bytes=0-9"}},
                                  fastcms::sha256_hex("")};
    CHECK(fastcms::aws::canonical_request(request, "20130524T000000Z") ==
          "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
          "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
          "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    auto headers = fastcms::aws::sign(request, aws_example_credentials, "20130524T000000Z");
    CHECK(header_value(headers, "Authorization") ==
          "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
          "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
          "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    CHECK(header_value(headers, "x-amz-date") == "20130524T000000Z");
  }

  TEST_CASE("PUT object with a reserved character in the key (AWS example)") {
    fastcms::aws::Request request{"PUT",
                                  "examplebucket.s3.amazonaws.com",
                                  "/test$file.text",
                                  {},
                                  {{"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
                                  fastcms::sha256_hex("Welcome to Amazon S3.")};
    auto headers = fastcms::aws::sign(request, aws_example_credentials, "20130524T000000Z");
    CHECK(header_value(headers, "Authorization") ==
          "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
          "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
          "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  }

  TEST_CASE("GET bucket lifecycle and list objects: query strings are canonicalised (AWS examples)") {
    fastcms::aws::Request lifecycle{"GET", "examplebucket.s3.amazonaws.com", "/", {{"lifecycle", ""}}, {},
                                    fastcms::sha256_hex("")};
    CHECK(header_value(fastcms::aws::sign(lifecycle, aws_example_credentials, "20130524T000000Z"), "Authorization")
              .find("Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543") != std::string::npos);
    fastcms::aws::Request list{"GET", "examplebucket.s3.amazonaws.com", "/", {{"max-keys", "2"}, {"prefix", "J"}}, {},
                               fastcms::sha256_hex("")};
    CHECK(header_value(fastcms::aws::sign(list, aws_example_credentials, "20130524T000000Z"), "Authorization")
              .find("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") != std::string::npos);
  }

  TEST_CASE("paths: segments percent-encoded, slashes kept") {
    CHECK(fastcms::aws::encode_path("/bucket/a b/c+d~e.txt") == "/bucket/a%20b/c%2Bd~e.txt");
    CHECK(fastcms::aws::encode_path("") == "/");
    CHECK(fastcms::aws::amz_date_now().size() == 16);
  }
}
