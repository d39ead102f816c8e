#pragma once
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

/// Values that go into and come out of the database, independent of the backend:
/// `SqlValue` (one bound parameter or one result cell), `Row` (one result row) and their
/// conversion to JSON.
namespace fastcms::db {

/// Raw bytes, kept apart from text so that a BLOB is bound and read back as a BLOB.
/// May contain zero bytes.
struct Blob {
  std::string bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};

/// The storage class of a value, as SQL sees it.
enum class SqlType { null, integer, real, text, blob };

/// One SQL value: NULL, a 64-bit integer, a double, UTF-8 text or a blob.
/// Booleans and every integral type convert to `integer` (true → 1). Text is never
/// reinterpreted: `SqlValue("12")` is the text "12".
class SqlValue {
 public:
  using Variant = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;

  SqlValue() : v_(nullptr) {}
  SqlValue(std::nullptr_t) : v_(nullptr) {}
  template <std::integral I>
  SqlValue(I v) : v_(static_cast<std::int64_t>(v)) {}
  SqlValue(double v) : v_(v) {}
  SqlValue(float v) : v_(static_cast<double>(v)) {}
  SqlValue(std::string v) : v_(std::move(v)) {}
  SqlValue(std::string_view v) : v_(std::string(v)) {}
  SqlValue(const char* v) : v_(std::string(v)) {}
  SqlValue(Blob v) : v_(std::move(v)) {}
  /// NULL when empty, else the contained value.
  template <class T>
  SqlValue(std::optional<T> v) : SqlValue() {
    if (v) *this = SqlValue(std::move(*v));
  }

  SqlType type() const { return static_cast<SqlType>(v_.index()); }
  bool is_null() const { return type() == SqlType::null; }
  bool is_integer() const { return type() == SqlType::integer; }
  bool is_real() const { return type() == SqlType::real; }
  bool is_text() const { return type() == SqlType::text; }
  bool is_blob() const { return type() == SqlType::blob; }

  /// The contained value of exactly that type, or nullptr.
  const std::int64_t* if_integer() const { return std::get_if<std::int64_t>(&v_); }
  const double* if_real() const { return std::get_if<double>(&v_); }
  const std::string* if_text() const { return std::get_if<std::string>(&v_); }
  const Blob* if_blob() const { return std::get_if<Blob>(&v_); }

  /// Lenient conversions in the spirit of SQLite's own: NULL → 0 / 0.0 / "";
  /// integer ↔ real; text is parsed as a number (0 when it is not one); a blob's bytes
  /// are taken as text. A real → integer conversion truncates toward zero.
  std::int64_t to_int64() const;
  double to_double() const;
  std::string to_text() const;
  /// to_int64() != 0 for numbers; text "true"/"1" (any case) is true; NULL is false.
  bool to_bool() const;

  const Variant& variant() const { return v_; }
  friend bool operator==(const SqlValue&, const SqlValue&) = default;

 private:
  Variant v_;
};

/// Positional parameters for a statement: the first binds to ?1 / $1.
using Params = std::vector<SqlValue>;

/// The column names of one result set, shared by all its rows (no per-row copies),
/// with a name → index lookup. When two columns share a name the first wins.
class ColumnSet {
 public:
  explicit ColumnSet(std::vector<std::string> names);
  ColumnSet(const ColumnSet&) = delete;
  ColumnSet& operator=(const ColumnSet&) = delete;

  std::size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }
  const std::string& name(std::size_t i) const { return names_[i]; }
  std::optional<std::size_t> index_of(std::string_view name) const;

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string_view, std::size_t> index_;
};

/// One result row: values by index or by column name. Copies share the column names.
class Row {
 public:
  Row() = default;
  Row(std::shared_ptr<const ColumnSet> columns, std::vector<SqlValue> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  bool empty() const { return values_.empty(); }
  const std::vector<std::string>& columns() const;
  const std::string& column_name(std::size_t i) const { return columns_->name(i); }
  const std::shared_ptr<const ColumnSet>& column_set() const { return columns_; }

  /// Value by index (unchecked, like vector::operator[]).
  const SqlValue& operator[](std::size_t i) const { return values_[i]; }
  /// Value by column name; a shared NULL value when there is no such column
  /// (use `find` or `has` to tell a missing column from a NULL one).
  const SqlValue& operator[](std::string_view name) const;
  /// Value by column name, or nullptr when there is no such column.
  const SqlValue* find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name) != nullptr; }

  const std::vector<SqlValue>& values() const { return values_; }
  std::vector<SqlValue>& values() { return values_; }

 private:
  std::shared_ptr<const ColumnSet> columns_;
  std::vector<SqlValue> values_;
};

/// JSON form of a value: null, number, string; a blob becomes its standard base64 text;
/// a non-finite real becomes null (JSON has no NaN/Infinity).
nlohmann::json to_json(const SqlValue& value);
/// A row as a JSON object keyed by column name (first column wins on duplicate names).
nlohmann::json to_json(const Row& row);
/// Rows as a JSON array of objects.
nlohmann::json to_json(const std::vector<Row>& rows);

/// A JSON scalar as a parameter: null → NULL, bool → 0/1, integer → integer,
/// float → real, string → text; arrays and objects are bound as their compact JSON text.
SqlValue from_json(const nlohmann::json& value);

/// A value for log or error messages: NULL, 42, 1.5, 'text' (truncated), x'0a0b' (truncated).
std::string describe(const SqlValue& value);

}  // namespace fastcms::db
