#pragma once
#include <string>
#include <utility>
#include <variant>

namespace fastcms {

/// How a failure should be reported: maps onto CLI exit codes and, later, HTTP statuses.
enum class ErrorKind {
  failure,      ///< the operation could not be done (exit 1)
  usage,        ///< the caller asked for something invalid (exit 2)
  interrupted,  ///< stopped by a signal (exit 130)
};

/// An expected failure carried as a value. `message` is written for the user: it names
/// what was wrong and, where possible, how to fix it.
struct Error {
  ErrorKind kind = ErrorKind::failure;
  std::string message;

  static Error failure(std::string m) { return {ErrorKind::failure, std::move(m)}; }
  static Error usage(std::string m) { return {ErrorKind::usage, std::move(m)}; }
  static Error interrupted(std::string m) { return {ErrorKind::interrupted, std::move(m)}; }
};

/// A value or an error of type E (an expected failure carried as a value).
template <class T, class E>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}
  Expected(E error) : v_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const E& error() const { return std::get<E>(v_); }

 private:
  std::variant<T, E> v_;
};

/// A value or an Error.
template <class T>
using Result = Expected<T, Error>;

/// Result of an operation with no value.
struct Ok {};
using Status = Result<Ok>;

}  // namespace fastcms
