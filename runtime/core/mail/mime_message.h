#pragma once
#include <chrono>
#include <string>
#include <string_view>

#include "common/error.h"
#include "core/mail/mail_message.h"

/// RFC 5322 / MIME rendering of a MailMessage, as handed to an SMTP server or written to
/// an .eml file.
namespace fastcms::core::mail {

/// What varies between two renderings of the same message; fixed in tests.
struct MimeOptions {
  std::chrono::system_clock::time_point date = std::chrono::system_clock::now();
  std::string message_id;  ///< without angle brackets; "" → <random hex>@<sender's domain>
  std::string boundary;    ///< multipart boundary; "" → a random one
};

/// The message with CRLF line endings, every line ≤ 998 octets (bodies are quoted-printable
/// with ≤ 76-character lines):
///   Date, Message-ID, From ("Name" <addr>, the name RFC 2047-encoded when not plain ASCII),
///   To (comma separated), Subject (RFC 2047 UTF-8 base64 words when not plain ASCII or too
///   long), MIME-Version: 1.0, the extra headers, then either
///   multipart/alternative (text/plain then text/html) when `text` is set, or text/html.
/// Fails for a missing sender or recipient, an address with characters that do not belong
/// in one (CR, LF, <, >, spaces, commas), or an extra header whose name is not a token.
Result<std::string> build_mime_message(const MailMessage& message, const MimeOptions& options = {});

/// RFC 5322 date: "Sun, 22 Nov 2026 00:46:18 +0000".
std::string rfc5322_date(std::chrono::system_clock::time_point time);

/// `text` as a header value: unchanged when it is printable ASCII and fits, otherwise RFC 2047
/// "=?UTF-8?B?…?=" words (≤ 75 characters each, never splitting a UTF-8 sequence) joined by
/// CRLF + space folds.
std::string encode_header_text(std::string_view text);

/// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: line breaks (LF or CRLF) become CRLF,
/// lines are soft-broken at 76 characters, trailing spaces and non-ASCII bytes are escaped.
std::string quoted_printable(std::string_view text);

/// Whether `address` can be put in a header and an SMTP envelope as is: non-empty, one '@',
/// no whitespace, control characters, '<', '>', ',', '"' or ';'.
bool is_plain_address(std::string_view address);

}  // namespace fastcms::core::mail
