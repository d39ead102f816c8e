#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "db/connection.h"
#include "db/database.h"

/// The record event bus: every record write (records API, batch, auth flows, CLI, the
/// settling of relation references) publishes one RecordEvent, delivered to the listeners
/// only after its transaction commits (a rolled-back write publishes nothing). Realtime,
/// hooks, webhooks and full-text search listen here. The transport is the database's
/// transactional notifications (db/commit_notifications.h).
namespace fastcms::core::events {

enum class RecordAction { create, update, delete_ };

/// "create" | "update" | "delete" (PocketBase's realtime action names).
std::string_view action_name(RecordAction action);

/// One committed record change. Records are full (record_from_row: hidden fields, password
/// hash and tokenKey included): listeners present them for their audience.
struct RecordEvent {
  RecordAction action = RecordAction::create;
  std::string collection_id;
  std::string collection_name;
  nlohmann::json before;  ///< null for create
  nlohmann::json after;   ///< null for delete

  /// The state a reader sees: `after`, or `before` for a delete.
  const nlohmann::json& record() const { return action == RecordAction::delete_ ? before : after; }
};

/// Publishes `event` on `db` (held back until the surrounding transaction commits).
void publish_record_event(db::Connection& db, RecordEvent event);

/// Whether anyone listens to record events of `db` now; a writer may skip building an
/// event nobody would receive (e.g. a CLI process, where no realtime listener runs).
bool has_record_listeners(db::Connection& db);

/// Calls `listener` with every committed record event of `database`, on the committing
/// thread (keep it quick: queue the work), until the returned id is passed to
/// database.unlisten().
db::ListenerId listen_record_events(db::Database& database, std::function<void(const RecordEvent&)> listener);

}  // namespace fastcms::core::events
