#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace fastcms {

/// SHA-256 of data fed in pieces (OpenSSL), for files too large to hold in memory.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void update(std::string_view data);
  /// The digest of everything fed so far as 64 lowercase hex characters; ends the stream.
  std::string hex_digest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace fastcms
