#pragma once
#include <map>
#include <string>
#include <string_view>

namespace fastcms::core::realtime {

/// What a subscription string names.
enum class TopicKind {
  collection,  ///< "{collection}/*" or bare "{collection}": every record, listRule
  record,      ///< "{collection}/{id}": one record, viewRule
  channel,     ///< "channel:NAME": messages of POST /api/realtime/broadcast
  presence,    ///< "presence:NAME": who is here (join/leave/update, members on subscribe)
  user,        ///< "user:ID": private messages to one auth record
  oauth2,      ///< "@oauth2": the OAuth2 popup flow's redirect
};

/// One subscription as submitted to POST /api/realtime:
/// "posts/*?options=<url-encoded JSON {query, headers}>". Events are sent under `raw`,
/// exactly as submitted.
struct Subscription {
  std::string raw;
  TopicKind kind = TopicKind::collection;
  std::string target;     ///< collection id or name; channel or presence name; user id
  std::string record_id;  ///< for TopicKind::record
  /// From ?options=: they play @request.query.* / @request.headers.* in the rules, and the
  /// query's `expand` and `fields` shape the records sent.
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;
  /// `query` and `headers` as one string: subscriptions with equal options share it.
  std::string options_key;

  /// "channel:NAME", "presence:NAME", "user:ID" (what channel rules are matched against).
  std::string channel_topic() const;
};

/// Parses a subscription string. Options that are not a JSON object of string maps are
/// ignored, as PocketBase does.
Subscription parse_subscription(std::string_view raw);

}  // namespace fastcms::core::realtime
