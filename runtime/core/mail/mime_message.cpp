#include "core/mail/mime_message.h"

#include <ctime>

#include "common/base64.h"
#include "common/random.h"

namespace fastcms::core::mail {

namespace {

constexpr std::string_view crlf = "\r\n";
/// Longest plain header text kept as is; longer texts are folded as encoded words.
constexpr size_t max_plain_header_text = 900;
/// Bytes of UTF-8 per encoded word: 45 bytes → 60 base64 characters → a 72-character word.
constexpr size_t encoded_word_bytes = 45;
/// Quoted-printable line length, the soft break '=' excluded.
constexpr size_t qp_line_length = 75;

bool is_plain_ascii(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  return true;
}

/// True for a UTF-8 continuation byte (10xxxxxx): a word must not start there.
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Control characters (CR and LF first) would break the header they are in: they become spaces.
std::string without_controls(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

/// A display name as a quoted string, or encoded words when it is not plain ASCII.
std::string display_name(std::string_view name) {
  std::string clean = without_controls(name);
  if (!is_plain_ascii(clean) || clean.size() > max_plain_header_text) return encode_header_text(clean);
  std::string out = "\"";
  for (char c : clean) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool is_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == ':') return false;
  }
  return true;
}

char hex_digit(unsigned v) { return "0123456789ABCDEF"[v & 15]; }

/// One line of text (no line break in it) as quoted-printable lines joined by soft breaks.
void append_qp_line(std::string& out, std::string_view line) {
  size_t column = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    auto u = static_cast<unsigned char>(line[i]);
    bool last = i + 1 == line.size();
    bool literal = (u >= 33 && u <= 126 && u != '=') || ((u == ' ' || u == '\t') && !last);
    // A '.' opening a line is escaped so that no transport mistakes it for the end of data.
    if (u == '.' && column == 0) literal = false;
    std::string token = literal ? std::string(1, line[i]) : std::string{'=', hex_digit(u >> 4), hex_digit(u)};
    if (column + token.size() > qp_line_length) {
      out += '=';
      out += crlf;
      column = 0;
      if (u == '.') token = "=2E";
    }
    out += token;
    column += token.size();
  }
}

std::string random_hex_id() { return random::hex(16); }

std::string domain_of(std::string_view address) {
  size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string("localhost") : std::string(address.substr(at + 1));
}

std::string header(std::string_view name, std::string_view value) {
  std::string line(name);
  line += ": ";
  line += value;
  line += crlf;
  return line;
}

std::string part_headers(std::string_view content_type) {
  return header("Content-Type", std::string(content_type) + "; charset=UTF-8") +
         header("Content-Transfer-Encoding", "quoted-printable");
}

}  // namespace

bool is_plain_address(std::string_view address) {
  size_t at = address.find('@');
  if (address.empty() || at == std::string_view::npos || at == 0 || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string_view::npos)
    return false;
  for (char c : address) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == '"' || c == ';') return false;
  }
  return true;
}

std::string rfc5322_date(std::chrono::system_clock::time_point time) {
  std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

std::string encode_header_text(std::string_view text) {
  if (is_plain_ascii(text) && text.size() <= max_plain_header_text) return std::string(text);
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = std::min(text.size(), i + encoded_word_bytes);
    while (end < text.size() && end > i + 1 && is_continuation(text[end])) --end;
    if (!out.empty()) {
      out += crlf;
      out += ' ';
    }
    out += "=?UTF-8?B?" + base64::encode(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t newline = text.find('\n', start);
    std::string_view line = text.substr(start, newline == std::string_view::npos ? std::string_view::npos
                                                                                 : newline - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    append_qp_line(out, line);
    if (newline == std::string_view::npos) break;
    out += crlf;
    start = newline + 1;
  }
  return out;
}

Result<std::string> build_mime_message(const MailMessage& message, const MimeOptions& options) {
  if (!is_plain_address(message.from_address))
    return Error::usage("the sender address \"" + without_controls(message.from_address) +
                        "\" is not a valid email address: set meta.senderAddress in the settings");
  if (message.to.empty()) return Error::usage("a mail needs at least one recipient");
  std::string to;
  for (const auto& address : message.to) {
    if (!is_plain_address(address))
      return Error::usage("the recipient address \"" + without_controls(address) + "\" is not a valid email address");
    if (!to.empty()) to += ",\r\n ";
    to += address;
  }
  for (const auto& [name, value] : message.headers)
    if (!is_header_name(name)) return Error::usage("\"" + without_controls(name) + "\" is not a valid mail header name");

  std::string from = message.from_name.empty() ? message.from_address
                                               : display_name(message.from_name) + " <" + message.from_address + ">";
  std::string message_id = options.message_id.empty() ? random_hex_id() + "@" + domain_of(message.from_address)
                                                      : options.message_id;
  std::string out;
  out += header("Date", rfc5322_date(options.date));
  out += header("Message-ID", "<" + message_id + ">");
  out += header("From", from);
  out += header("To", to);
  out += header("Subject", encode_header_text(without_controls(message.subject)));
  out += header("MIME-Version", "1.0");
  for (const auto& [name, value] : message.headers) out += header(name, encode_header_text(without_controls(value)));

  if (message.text.empty()) {
    out += part_headers("text/html");
    out += crlf;
    out += quoted_printable(message.html);
    out += crlf;
    return out;
  }
  std::string boundary = options.boundary.empty() ? "fastcms-" + random_hex_id() : options.boundary;
  out += header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
  out += crlf;
  for (const auto& [type, body] : {std::pair<std::string_view, const std::string*>{"text/plain", &message.text},
                                   std::pair<std::string_view, const std::string*>{"text/html", &message.html}}) {
    out += "--" + boundary;
    out += crlf;
    out += part_headers(type);
    out += crlf;
    out += quoted_printable(*body);
    out += crlf;
  }
  out += "--" + boundary + "--";
  out += crlf;
  return out;
}

}  // namespace fastcms::core::mail
