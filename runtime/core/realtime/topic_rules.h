#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "core/api_error.h"
#include "core/collections/collection.h"
#include "core/request_context.h"
#include "db/connection.h"

namespace fastcms::core::realtime {

/// Who may subscribe to and publish on the FastCMS topics (`channel:NAME`,
/// `presence:NAME`, `user:ID`), from the config's `realtime.topics`:
///   [{"topic": "channel:chat-*", "subscribeRule": "@request.auth.id != ''", "publishRule": null}, …]
/// `topic` is a topic name, `*` matching any run of characters. The first entry whose
/// pattern matches decides. The rules are PocketBase filters (same language and semantics
/// as collection rules: null = superusers only, "" = everyone) over a record with one
/// field, `topic` (the full topic name), with @request.auth the subscriber or publisher and
/// @request.context "realtime". Without a matching entry: superusers only, except that the
/// record `ID` may subscribe to its own `user:ID`.
class TopicRules {
 public:
  struct Entry {
    std::string pattern;
    std::optional<std::string> subscribe_rule, publish_rule;
  };

  TopicRules() = default;
  explicit TopicRules(std::vector<Entry> entries) : entries_(std::move(entries)) {}

  /// Reads `realtime.topics`; a malformed entry is an error naming it.
  static Result<TopicRules> from_config(const nlohmann::json& realtime_config);

  ApiResult<bool> may_subscribe(db::Connection& db, const collections::Schema& schema, const RequestContext& ctx,
                                std::string_view topic) const;
  ApiResult<bool> may_publish(db::Connection& db, const collections::Schema& schema, const RequestContext& ctx,
                              std::string_view topic) const;

 private:
  const Entry* match(std::string_view topic) const;
  std::vector<Entry> entries_;
};

/// Whether `text` matches `pattern`, where `*` matches any run of characters.
bool topic_pattern_matches(std::string_view pattern, std::string_view text);

}  // namespace fastcms::core::realtime
