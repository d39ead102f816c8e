// ?width&height&format&quality&crop&blur&grayscale: parsed into an ImageTransform or refused
// with a PocketBase-shaped 400 naming each bad parameter and its allowed range.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "core/files/image_transform.h"

using fastcms::core::files::ImageTransform;
using fastcms::core::files::parse_image_transform;

namespace {

using TransformQuery = std::multimap<std::string, std::string>;

nlohmann::json transform_errors(const TransformQuery& query) {
  auto parsed = parse_image_transform(query);
  if (parsed.ok()) return nullptr;
  CHECK(parsed.error().status == 400);
  CHECK(parsed.error().message == "Invalid image transform parameters.");
  return parsed.error().data;
}

}  // namespace

TEST_SUITE("files image transform parsing") {
  TEST_CASE("a query without transform parameters is no transform") {
    auto none = parse_image_transform({});
    REQUIRE(none.ok());
    CHECK(!none->has_value());
    auto unrelated = parse_image_transform({{"thumb", "100x100"}, {"download", "1"}, {"token", "x"}, {"width", ""}});
    REQUIRE(unrelated.ok());
    CHECK(!unrelated->has_value());
  }

  TEST_CASE("every parameter is read") {
    auto parsed = parse_image_transform({{"width", "200"}, {"height", "0"}, {"format", "webp"}, {"quality", "80"},
                                         {"crop", "center"}, {"blur", "2.5"}, {"grayscale", "true"}});
    if (!parsed.ok()) FAIL(parsed.error().describe());
    REQUIRE(parsed->has_value());
    const ImageTransform& t = **parsed;
    CHECK(t.width == 200);
    CHECK(t.height == 0);
    CHECK(t.format == "webp");
    CHECK(t.quality == 80);
    CHECK(t.crop == "center");
    CHECK(t.blur == 2.5);
    CHECK(t.grayscale);
    CHECK(t.cache_key() == "w200_h0_fwebp_q80_ccenter_b2.5_g1");

    auto only_grey = parse_image_transform({{"grayscale", "0"}});
    REQUIRE(only_grey.ok());
    REQUIRE(only_grey->has_value());
    CHECK(!(*only_grey)->grayscale);
    CHECK((*only_grey)->cache_key() == "w0_h0_forig_q0_cfit_b0_g0");
    CHECK((*parse_image_transform({{"grayscale", "1"}}))->grayscale);
    CHECK(!(*parse_image_transform({{"grayscale", "false"}}))->grayscale);
    CHECK((*parse_image_transform({{"width", "4096"}, {"blur", "100"}, {"quality", "1"}}))->width == 4096);
  }

  TEST_CASE("the first of repeated values counts") {
    TransformQuery query;
    query.emplace("width", "10");
    query.emplace("width", "20");
    CHECK((*parse_image_transform(query))->width == 10);
  }

  TEST_CASE("cache keys use only [a-z0-9_.-] and differ for different transforms") {
    std::set<std::string> keys;
    std::vector<TransformQuery> queries = {
        {{"width", "1"}}, {{"height", "1"}}, {{"width", "11"}}, {{"format", "png"}}, {{"format", "avif"}},
        {{"quality", "5"}}, {{"crop", "left"}}, {{"crop", "right"}}, {{"blur", "0.1"}}, {{"blur", "0.10001"}},
        {{"blur", "0.00001"}}, {{"grayscale", "1"}}, {{"grayscale", "0"}}, {{"width", "1"}, {"height", "1"}}};
    for (const auto& query : queries) {
      auto key = (*parse_image_transform(query))->cache_key();
      CHECK_MESSAGE(key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") == std::string::npos, key);
      keys.insert(key);
    }
    CHECK(keys.size() == queries.size());
  }

  TEST_CASE("sizes outside 0..4096 and non-integers name the parameter and the range") {
    for (const char* bad : {"4097", "-1", "+5", "1.5", "abc", "10px", "99999999999999999999999"}) {
      auto data = transform_errors({{"width", bad}, {"height", bad}});
      REQUIRE(data.is_object());
      CHECK(data["width"]["code"] == "validation_out_of_range");
      CHECK(data["width"]["message"] == "Must be an integer between 0 and 4096 (0 keeps the aspect ratio).");
      CHECK(data["width"]["params"] == nlohmann::json{{"min", 0}, {"max", 4096}});
      CHECK(data["height"]["code"] == "validation_out_of_range");
    }
  }

  TEST_CASE("quality 1..100, blur 0..100") {
    for (const char* bad : {"0", "101", "-3", "50.5", "x"}) {
      auto data = transform_errors({{"quality", bad}});
      CHECK(data["quality"]["code"] == "validation_out_of_range");
      CHECK(data["quality"]["message"] == "Must be an integer between 1 and 100.");
    }
    for (const char* bad : {"100.5", "-1", "nan", "inf", "1e3", "x", "1,5"}) {
      auto data = transform_errors({{"blur", bad}});
      CHECK_MESSAGE(data["blur"]["code"] == "validation_out_of_range", bad);
      CHECK(data["blur"]["message"] == "Must be a number between 0 and 100.");
    }
  }

  TEST_CASE("format, crop and grayscale outside their lists") {
    auto data = transform_errors({{"format", "gif"}, {"crop", "middle"}, {"grayscale", "yes"}, {"width", "100"}});
    CHECK(data.size() == 3);
    CHECK(data["format"] == nlohmann::json{{"code", "validation_in_invalid"},
                                           {"message", "Must be one of webp, jpeg, png or avif."}});
    CHECK(data["crop"] == nlohmann::json{{"code", "validation_in_invalid"},
                                         {"message", "Must be one of center, top, bottom, left or right."}});
    CHECK(data["grayscale"] == nlohmann::json{{"code", "validation_invalid_bool"},
                                              {"message", "Must be 1, true, 0 or false."}});
    CHECK(transform_errors({{"format", "svg"}})["format"]["code"] == "validation_in_invalid");
    CHECK(transform_errors({{"format", "WEBP"}})["format"]["code"] == "validation_in_invalid");
    CHECK(transform_errors({{"format", "jpg"}})["format"]["code"] == "validation_in_invalid");
  }
}
