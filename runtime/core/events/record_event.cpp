#include "core/events/record_event.h"

#include <memory>

namespace fastcms::core::events {

namespace {
constexpr std::string_view record_channel = "fastcms.records";
}

std::string_view action_name(RecordAction action) {
  switch (action) {
    case RecordAction::create: return "create";
    case RecordAction::update: return "update";
    case RecordAction::delete_: return "delete";
  }
  return "";
}

void publish_record_event(db::Connection& db, RecordEvent event) {
  db.notify(record_channel, std::make_shared<const RecordEvent>(std::move(event)));
}

bool has_record_listeners(db::Connection& db) { return db.has_listeners(record_channel); }

db::ListenerId listen_record_events(db::Database& database, std::function<void(const RecordEvent&)> listener) {
  return database.listen(std::string(record_channel), [listener = std::move(listener)](const db::NotifyPayload& p) {
    if (p) listener(*static_cast<const RecordEvent*>(p.get()));
  });
}

}  // namespace fastcms::core::events
