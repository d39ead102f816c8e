#include <doctest/doctest.h>

#include "common/html_excerpt.h"

TEST_SUITE("html excerpt") {
  TEST_CASE("tags stripped, non-text elements dropped, blocks spaced, whitespace collapsed") {
    const std::string html =
        " <script>var a = 123;</script>   <p>Hello</p><div id=\"test_id\">t   est<b>12\n\t3</b><span>456</span></div>"
        "<span>word <b>7</b> 89<span>!<b>?</b><b> a </b><b>b </b>c</span>#<h1>title</h1>";
    const std::string plain = "Hello t est12 3456 word 7 89!? a b c# title";
    CHECK(fastcms::html_excerpt(html, 2, false) == plain.substr(0, 2));
    CHECK(fastcms::html_excerpt(html, plain.size(), false) == plain);
    CHECK(fastcms::html_excerpt(html, plain.size() + 5, false) == plain);
    CHECK(fastcms::html_excerpt(html, 2, true) == plain.substr(0, 2) + "...");
    CHECK(fastcms::html_excerpt(html, plain.size(), true) == plain);
    CHECK(fastcms::html_excerpt(html, 5000, true) == plain);
  }

  TEST_CASE("the length counts characters, and the cut is trimmed before the ellipsis") {
    CHECK(fastcms::html_excerpt("аб\nв ", 4, true) == "аб в");
    CHECK(fastcms::html_excerpt("аб\nв ", 3, true) == "аб...");
    CHECK(fastcms::html_excerpt("ab cd", 3, false) == "ab");
  }

  TEST_CASE("entities, comments, nested excluded elements, attributes with '>' and stray '<'") {
    CHECK(fastcms::html_excerpt("a &amp; b &lt;c&gt; &#39;d&#x27; &nbsp;&unknown; &", 100, false) ==
          "a & b <c> 'd' \u00a0&unknown; &");
    CHECK(fastcms::html_excerpt("x<!-- <p>hidden</p> -->y", 100, false) == "xy");
    CHECK(fastcms::html_excerpt("<form><form>in</form>still in</form>out", 100, false) == "out");
    CHECK(fastcms::html_excerpt("<a title=\"1 > 0\">link</a> text", 100, false) == "link text");
    CHECK(fastcms::html_excerpt("1 < 2 and 3<4", 100, false) == "1 < 2 and 3<4");
    CHECK(fastcms::html_excerpt("<style>p{}</style><img src=x>pic<br>line<hr/>end", 100, false) == "picline end");
    CHECK(fastcms::html_excerpt("<script>if (a</b) {}</script>ok", 100, false) == "ok");
    CHECK(fastcms::html_excerpt("", 10, true) == "");
  }
}
