#include "db/value.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <nlohmann/json.hpp>

namespace fastcms::db {

namespace {

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

double parse_double_prefix(std::string_view text) {
  std::string copy(trim_ascii(text));
  char* end = nullptr;
  double d = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() ? 0.0 : d;
}

std::int64_t clamp_to_int64(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775807.0) return std::numeric_limits<std::int64_t>::max();
  if (d <= -9223372036854775808.0) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(d);
}

std::int64_t text_to_int64(std::string_view text) {
  std::string_view t = trim_ascii(text);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec == std::errc() && ptr == t.data() + t.size()) return v;
  return clamp_to_int64(parse_double_prefix(t));
}

/// Like SQLite's rendering of a REAL: shortest round-trip digits, with ".0" added to
/// integral values so a real never reads back as an integer.
std::string real_to_text(double d) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, ec == std::errc() ? ptr : buf);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // 'n': inf / nan
  return s;
}

std::string base64_of(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t n = (std::uint8_t(bytes[i]) << 16) | (std::uint8_t(bytes[i + 1]) << 8) |
                      std::uint8_t(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    std::uint32_t n = std::uint8_t(bytes[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    std::uint32_t n = (std::uint8_t(bytes[i]) << 16) | (std::uint8_t(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

const SqlValue& shared_null() {
  static const SqlValue null_value;
  return null_value;
}

const std::vector<std::string>& no_columns() {
  static const std::vector<std::string> empty;
  return empty;
}

}  // namespace

// --- SqlValue ----------------------------------------------------------------

std::int64_t SqlValue::to_int64() const {
  switch (type()) {
    case SqlType::null: return 0;
    case SqlType::integer: return *if_integer();
    case SqlType::real: return clamp_to_int64(*if_real());
    case SqlType::text: return text_to_int64(*if_text());
    case SqlType::blob: return text_to_int64(if_blob()->bytes);
  }
  return 0;
}

double SqlValue::to_double() const {
  switch (type()) {
    case SqlType::null: return 0.0;
    case SqlType::integer: return static_cast<double>(*if_integer());
    case SqlType::real: return *if_real();
    case SqlType::text: return parse_double_prefix(*if_text());
    case SqlType::blob: return parse_double_prefix(if_blob()->bytes);
  }
  return 0.0;
}

std::string SqlValue::to_text() const {
  switch (type()) {
    case SqlType::null: return {};
    case SqlType::integer: return std::to_string(*if_integer());
    case SqlType::real: return real_to_text(*if_real());
    case SqlType::text: return *if_text();
    case SqlType::blob: return if_blob()->bytes;
  }
  return {};
}

bool SqlValue::to_bool() const {
  switch (type()) {
    case SqlType::null: return false;
    case SqlType::integer: return *if_integer() != 0;
    case SqlType::real: return *if_real() != 0.0;
    case SqlType::text:
    case SqlType::blob: {
      std::string_view t = trim_ascii(is_text() ? std::string_view(*if_text()) : if_blob()->bytes);
      if (t.size() == 4 && (t[0] | 0x20) == 't' && (t[1] | 0x20) == 'r' && (t[2] | 0x20) == 'u' &&
          (t[3] | 0x20) == 'e')
        return true;
      return to_double() != 0.0;
    }
  }
  return false;
}

// --- ColumnSet / Row ---------------------------------------------------------

ColumnSet::ColumnSet(std::vector<std::string> names) : names_(std::move(names)) {
  index_.reserve(names_.size());
  for (std::size_t i = 0; i < names_.size(); ++i) index_.emplace(names_[i], i);  // first wins
}

std::optional<std::size_t> ColumnSet::index_of(std::string_view name) const {
  auto it = index_.find(name);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

const std::vector<std::string>& Row::columns() const {
  return columns_ ? columns_->names() : no_columns();
}

const SqlValue* Row::find(std::string_view name) const {
  if (!columns_) return nullptr;
  auto i = columns_->index_of(name);
  if (!i || *i >= values_.size()) return nullptr;
  return &values_[*i];
}

const SqlValue& Row::operator[](std::string_view name) const {
  const SqlValue* v = find(name);
  return v ? *v : shared_null();
}

// --- JSON ----------------------------------------------------------------------

nlohmann::json to_json(const SqlValue& value) {
  switch (value.type()) {
    case SqlType::null: return nullptr;
    case SqlType::integer: return *value.if_integer();
    case SqlType::real: {
      double d = *value.if_real();
      if (!std::isfinite(d)) return nullptr;
      return d;
    }
    case SqlType::text: return *value.if_text();
    case SqlType::blob: return base64_of(value.if_blob()->bytes);
  }
  return nullptr;
}

nlohmann::json to_json(const Row& row) {
  nlohmann::json obj = nlohmann::json::object();
  const auto& names = row.columns();
  for (std::size_t i = 0; i < row.size() && i < names.size(); ++i) {
    if (obj.contains(names[i])) continue;  // first column wins, as in Row lookups
    obj[names[i]] = to_json(row[i]);
  }
  return obj;
}

nlohmann::json to_json(const std::vector<Row>& rows) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : rows) arr.push_back(to_json(r));
  return arr;
}

SqlValue from_json(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded: return nullptr;
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? 1 : 0;
    case nlohmann::json::value_t::number_integer: return value.get<std::int64_t>();
    case nlohmann::json::value_t::number_unsigned: {
      auto u = value.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return static_cast<double>(u);
      return static_cast<std::int64_t>(u);
    }
    case nlohmann::json::value_t::number_float: return value.get<double>();
    case nlohmann::json::value_t::string: return value.get<std::string>();
    case nlohmann::json::value_t::binary: {
      const auto& b = value.get_binary();
      return Blob{std::string(b.begin(), b.end())};
    }
    default: return value.dump();
  }
}

std::string describe(const SqlValue& value) {
  constexpr std::size_t kMax = 60;
  switch (value.type()) {
    case SqlType::null: return "NULL";
    case SqlType::integer: return std::to_string(*value.if_integer());
    case SqlType::real: return real_to_text(*value.if_real());
    case SqlType::text: {
      const std::string& t = *value.if_text();
      std::string out = "'";
      out += t.size() > kMax ? t.substr(0, kMax) + "..." : t;
      return out + "'";
    }
    case SqlType::blob: {
      static constexpr char kHex[] = "0123456789abcdef";
      const std::string& b = value.if_blob()->bytes;
      std::string out = "x'";
      for (std::size_t i = 0; i < b.size() && i < kMax / 2; ++i) {
        out += kHex[std::uint8_t(b[i]) >> 4];
        out += kHex[std::uint8_t(b[i]) & 15];
      }
      if (b.size() > kMax / 2) out += "...";
      return out + "'";
    }
  }
  return "?";
}

}  // namespace fastcms::db
