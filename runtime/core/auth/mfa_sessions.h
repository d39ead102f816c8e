#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "db/connection.h"

/// The rows of `_mfas`: one per sign-in that passed its first method and waits for a
/// second, different one.
namespace fastcms::core::auth {

struct MfaSession {
  std::string id;
  std::string collection_ref;
  std::string record_ref;
  std::string method;
  std::chrono::system_clock::time_point created;

  /// PocketBase's HasExpired: created + duration is before `now`.
  bool expired(std::chrono::seconds duration, std::chrono::system_clock::time_point now) const {
    return created + duration < now;
  }
};

/// Stores a new session (a 15-character [a-z0-9] id, created now) and returns its id.
Result<std::string> create_mfa_session(db::Connection& db, std::string_view collection_id, std::string_view record_id,
                                       std::string_view method);

/// The session `id`, or nullopt.
Result<std::optional<MfaSession>> find_mfa_session(db::Connection& db, std::string_view id);

Status delete_mfa_session(db::Connection& db, std::string_view id);

/// Deletes the sessions of collection `collection_id` created before now - `duration`.
Status delete_expired_mfa_sessions(db::Connection& db, std::string_view collection_id, std::chrono::seconds duration);

}  // namespace fastcms::core::auth
