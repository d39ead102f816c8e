#include "core/files/content_type.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace fastcms::core::files {

namespace {

bool starts(std::string_view content, std::string_view prefix) { return content.substr(0, prefix.size()) == prefix; }

bool at(std::string_view content, size_t offset, std::string_view bytes) {
  return content.size() >= offset + bytes.size() && content.substr(offset, bytes.size()) == bytes;
}

/// Valid UTF-8 without NUL or other control bytes than tab, newline, carriage return, form feed.
bool looks_like_text(std::string_view content) {
  size_t i = 0, n = std::min<size_t>(content.size(), 8192);
  while (i < n) {
    auto c = static_cast<unsigned char>(content[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') return false;
      ++i;
      continue;
    }
    int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0) return false;
    if (i + extra >= n) return i + extra < content.size();  // cut by the window: fine; by the end: not UTF-8
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(content[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

std::string lowered_head(std::string_view content, size_t n) {
  std::string head(content.substr(0, n));
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  return head;
}

struct Magic {
  size_t offset;
  std::string_view bytes;
  const char* mime;
  const char* extension;
};

constexpr std::string_view png_magic("\x89PNG\r\n\x1a\n", 8);
constexpr std::string_view ico_magic("\x00\x00\x01\x00", 4);
constexpr std::string_view tiff_le("II*\x00", 4);
constexpr std::string_view tiff_be("MM\x00*", 4);

const std::array<Magic, 14> magics = {{
    {0, png_magic, "image/png", ".png"},
    {0, "\xFF\xD8\xFF", "image/jpeg", ".jpg"},
    {0, "GIF87a", "image/gif", ".gif"},
    {0, "GIF89a", "image/gif", ".gif"},
    {0, "%PDF-", "application/pdf", ".pdf"},
    {0, "PK\x03\x04", "application/zip", ".zip"},
    {0, "\x1F\x8B", "application/gzip", ".gz"},
    {0, "ID3", "audio/mpeg", ".mp3"},
    {4, "ftypavif", "image/avif", ".avif"},
    {4, "ftypavis", "image/avif", ".avif"},
    {0, ico_magic, "image/x-icon", ".ico"},
    {0, tiff_le, "image/tiff", ".tiff"},
    {0, tiff_be, "image/tiff", ".tiff"},
    {0, "BM", "image/bmp", ".bmp"},
}};

}  // namespace

SniffedType sniff_content_type(std::string_view content) {
  if (starts(content, "RIFF") && at(content, 8, "WEBP")) return {"image/webp", ".webp"};
  if (starts(content, "RIFF") && at(content, 8, "WAVE")) return {"audio/wav", ".wav"};
  for (const auto& m : magics)
    if (at(content, m.offset, m.bytes)) return {m.mime, m.extension};
  if (at(content, 4, "ftyp")) return {"video/mp4", ".mp4"};
  if (content.size() >= 2 && static_cast<unsigned char>(content[0]) == 0xFF &&
      (static_cast<unsigned char>(content[1]) & 0xE0) == 0xE0)
    return {"audio/mpeg", ".mp3"};
  if (looks_like_text(content)) {
    std::string head = lowered_head(content, 1024);
    size_t start = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    std::string_view lead = start == std::string::npos ? std::string_view() : std::string_view(head).substr(start);
    if (starts(lead, "<svg") || (starts(lead, "<?xml") && head.find("<svg") != std::string::npos))
      return {"image/svg+xml", ".svg"};
    if (starts(lead, "<!doctype html") || starts(lead, "<html")) return {"text/html; charset=utf-8", ".html"};
    return {"text/plain; charset=utf-8", ".txt"};
  }
  return {"application/octet-stream", ""};
}

std::string base_mime(std::string_view mime) {
  std::string out(mime.substr(0, mime.find(';')));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace fastcms::core::files
