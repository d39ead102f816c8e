#pragma once
#include <map>
#include <optional>
#include <string>

#include "core/collections/collection.h"
#include "core/events/record_event.h"
#include "core/realtime/subscription.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::realtime {

/// One record event on its way to the subscribers: decides, per subscription and
/// subscriber, whether the event is theirs to see and shapes what they get. Rule outcomes
/// and presented records are computed once per audience (same auth, same options) and
/// reused, so a thousand guests cost one rule check.
class RecordEventDelivery {
 public:
  RecordEventDelivery(db::Connection& db, const collections::Schema& schema, const events::RecordEvent& event);

  /// The SSE data {"action", "record"} for `sub` of a subscriber with `ctx`, or nullopt
  /// when the subscription is not about this record or the subscriber may not see it:
  /// `c/*` needs the listRule, `c/ID` the viewRule (null: superusers only), checked with
  /// @request.context "realtime" and the subscription's options as @request.query/headers
  /// against the event's record (for a delete: as it was before). The record is presented
  /// as the records API would (hidden fields, email visibility), expanded with the options'
  /// `expand` and projected with their `fields`.
  std::optional<std::string> data_for(const Subscription& sub, const RequestContext& ctx);

 private:
  bool allowed(const Subscription& sub, const RequestContext& ctx, const std::string& audience);
  std::string shaped(const Subscription& sub, const RequestContext& ctx, const std::string& audience);

  db::Connection& db_;
  const collections::Schema& schema_;
  const events::RecordEvent& event_;
  const collections::Collection* collection_;
  std::string record_id_;
  std::map<std::string, bool> allowed_;
  std::map<std::string, std::string> shaped_;
};

}  // namespace fastcms::core::realtime
