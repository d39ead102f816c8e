#include <doctest/doctest.h>

#include <sstream>

#include "core/mail/mime_message.h"

namespace fastcms::core::mail {

namespace {

std::chrono::system_clock::time_point mime_test_time() {
  using namespace std::chrono;
  return sys_days{year{2026} / 11 / 22} + hours{0} + minutes{46} + seconds{18};
}

MailMessage mime_test_message() {
  MailMessage m;
  m.from_name = "Support";
  m.from_address = "support@acme.test";
  m.to = {"ann@x.com"};
  m.subject = "Verify your Acme email";
  m.html = "<p>Hello</p>\n<p>Bye</p>";
  return m;
}

MimeOptions fixed_mime_options() { return MimeOptions{mime_test_time(), "id1@acme.test", "BOUNDARY"}; }

std::string build_or_fail(const MailMessage& m, const MimeOptions& options) {
  auto built = build_mime_message(m, options);
  if (!built.ok()) FAIL(built.error().message);
  return *built;
}

}  // namespace

TEST_CASE("an HTML-only mail is a single text/html part in quoted-printable with CRLF lines") {
  CHECK(build_or_fail(mime_test_message(), fixed_mime_options()) ==
        "Date: Sun, 22 Nov 2026 00:46:18 +0000\r\n"
        "Message-ID: <id1@acme.test>\r\n"
        "From: \"Support\" <support@acme.test>\r\n"
        "To: ann@x.com\r\n"
        "Subject: Verify your Acme email\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "\r\n"
        "<p>Hello</p>\r\n"
        "<p>Bye</p>\r\n");
}

TEST_CASE("a mail with a text part is multipart/alternative: text/plain first, then text/html") {
  MailMessage m = mime_test_message();
  m.text = "Hello";
  m.to = {"ann@x.com", "bob@y.org"};
  m.from_name = "Ann \"the\" Admin";
  m.headers = {{"X-Fastcms-Kind", "verification"}};
  CHECK(build_or_fail(m, fixed_mime_options()) ==
        "Date: Sun, 22 Nov 2026 00:46:18 +0000\r\n"
        "Message-ID: <id1@acme.test>\r\n"
        "From: \"Ann \\\"the\\\" Admin\" <support@acme.test>\r\n"
        "To: ann@x.com,\r\n bob@y.org\r\n"
        "Subject: Verify your Acme email\r\n"
        "MIME-Version: 1.0\r\n"
        "X-Fastcms-Kind: verification\r\n"
        "Content-Type: multipart/alternative; boundary=\"BOUNDARY\"\r\n"
        "\r\n"
        "--BOUNDARY\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "\r\n"
        "Hello\r\n"
        "--BOUNDARY\r\n"
        "Content-Type: text/html; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "\r\n"
        "<p>Hello</p>\r\n"
        "<p>Bye</p>\r\n"
        "--BOUNDARY--\r\n");
}

TEST_CASE("non-ASCII subjects and names are RFC 2047 words; CR/LF cannot inject headers") {
  MailMessage m = mime_test_message();
  m.from_name = "Zoë";
  m.subject = "Vérifiez\r\nBcc: evil@x.com";
  std::string mime = build_or_fail(m, fixed_mime_options());
  CHECK(mime.find("From: =?UTF-8?B?Wm/Dqw==?= <support@acme.test>\r\n") != std::string::npos);
  CHECK(mime.find("Subject: =?UTF-8?B?VsOpcmlmaWV6ICBCY2M6IGV2aWxAeC5jb20=?=\r\n") != std::string::npos);
  CHECK(mime.find("\r\nBcc:") == std::string::npos);

  SUBCASE("a long subject is folded into words of at most 75 characters, never splitting a character") {
    std::string subject;
    for (int i = 0; i < 40; ++i) subject += "é";  // 80 bytes
    std::string encoded = encode_header_text(subject);
    CHECK(encoded == "=?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=?=\r\n"
                     " =?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOp?=");
  }
}

TEST_CASE("quoted-printable keeps lines within 76 characters and escapes what must be escaped") {
  CHECK(quoted_printable("a=b \xC3\xA9 ") == "a=3Db =C3=A9=20");
  CHECK(quoted_printable("x\r\n.y\n") == "x\r\n=2Ey\r\n");
  std::string long_line(200, 'a');
  std::string qp = quoted_printable(long_line);
  std::istringstream lines(qp);
  std::string line;
  std::string joined;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    CHECK(line.size() <= 76);
    if (!line.empty() && line.back() == '=') line.pop_back();
    joined += line;
  }
  CHECK(joined == long_line);

  SUBCASE("no line of a rendered message exceeds 998 octets") {
    MailMessage m = mime_test_message();
    m.html = std::string(5000, 'x');
    m.subject = std::string(2000, 's');
    std::string mime = build_or_fail(m, fixed_mime_options());
    size_t start = 0;
    while (start < mime.size()) {
      size_t end = mime.find("\r\n", start);
      REQUIRE(end != std::string::npos);
      CHECK(end - start <= 998);
      start = end + 2;
    }
  }
}

TEST_CASE("a mail without a valid sender or recipient is refused before it reaches a transport") {
  MailMessage m = mime_test_message();
  m.from_address = "";
  auto no_sender = build_mime_message(m, fixed_mime_options());
  REQUIRE_FALSE(no_sender.ok());
  CHECK(no_sender.error().message ==
        "the sender address \"\" is not a valid email address: set meta.senderAddress in the settings");

  m = mime_test_message();
  m.to = {};
  auto nobody = build_mime_message(m, fixed_mime_options());
  REQUIRE_FALSE(nobody.ok());
  CHECK(nobody.error().message == "a mail needs at least one recipient");

  m.to = {"ann@x.com>\r\nRCPT TO:<evil@x.com"};
  auto injected = build_mime_message(m, fixed_mime_options());
  REQUIRE_FALSE(injected.ok());
  CHECK(injected.error().message.find("is not a valid email address") != std::string::npos);

  m = mime_test_message();
  m.headers = {{"Bad Name", "v"}};
  auto bad_header = build_mime_message(m, fixed_mime_options());
  REQUIRE_FALSE(bad_header.ok());
  CHECK(bad_header.error().message == "\"Bad Name\" is not a valid mail header name");

  CHECK(is_plain_address("a.b+c@d.e"));
  CHECK_FALSE(is_plain_address("a@b@c"));
  CHECK_FALSE(is_plain_address("a b@c"));
  CHECK_FALSE(is_plain_address("@c"));
}

TEST_CASE("generated message ids use the sender's domain and boundaries differ per mail") {
  MailMessage m = mime_test_message();
  m.text = "t";
  auto a = build_mime_message(m);
  auto b = build_mime_message(m);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->find("@acme.test>\r\n") != std::string::npos);
  CHECK(*a != *b);
}

}  // namespace fastcms::core::mail
