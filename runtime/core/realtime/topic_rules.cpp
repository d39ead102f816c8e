#include "core/realtime/topic_rules.h"

#include "common/strings.h"
#include "core/records/rule_subject.h"

namespace fastcms::core::realtime {

namespace {

/// The record a topic rule is checked against: one text field `topic`.
const collections::Collection& topic_collection() {
  static const collections::Collection collection = [] {
    auto built = collections::collection_from_json(
        {{"name", "_realtimeTopics"}, {"type", "base"}, {"fields", {{{"name", "topic"}, {"type", "text"}}}}});
    return built.ok() ? *built : collections::Collection{};
  }();
  return collection;
}

std::optional<std::string> optional_rule(const nlohmann::json& entry, const char* key) {
  auto it = entry.find(key);
  if (it == entry.end() || it->is_null()) return std::nullopt;
  return it->get<std::string>();
}

ApiResult<bool> rule_allows(db::Connection& db, const collections::Schema& schema, const RequestContext& ctx,
                            const std::optional<std::string>& rule, std::string_view topic) {
  if (ctx.bypasses_rules()) return true;
  if (!rule) return false;
  RequestContext realtime_ctx = ctx;
  realtime_ctx.info.context = "realtime";
  const nlohmann::json values = {{"id", ""}, {"topic", topic}};
  return records::rule_holds(db, schema, topic_collection(), realtime_ctx, *rule,
                             records::RuleSubject::new_record(values));
}

}  // namespace

bool topic_pattern_matches(std::string_view pattern, std::string_view text) {
  auto star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == text;
  if (!strings::starts_with(text, pattern.substr(0, star))) return false;
  std::string_view rest_pattern = pattern.substr(star + 1);
  for (size_t i = star; i <= text.size(); ++i)
    if (topic_pattern_matches(rest_pattern, text.substr(i))) return true;
  return false;
}

Result<TopicRules> TopicRules::from_config(const nlohmann::json& realtime_config) {
  std::vector<Entry> entries;
  if (!realtime_config.is_object() || !realtime_config.contains("topics")) return TopicRules{};
  const auto& topics = realtime_config["topics"];
  if (!topics.is_array()) return Error::usage("realtime.topics: expected an array");
  for (size_t i = 0; i < topics.size(); ++i) {
    const auto& entry = topics[i];
    const std::string where = "realtime.topics[" + std::to_string(i) + "]";
    if (!entry.is_object() || !entry.contains("topic") || !entry["topic"].is_string())
      return Error::usage(where + ": expected an object with a string \"topic\"");
    for (const char* key : {"subscribeRule", "publishRule"})
      if (entry.contains(key) && !entry[key].is_null() && !entry[key].is_string())
        return Error::usage(where + "." + key + ": expected a string or null");
    entries.push_back({entry["topic"].get<std::string>(), optional_rule(entry, "subscribeRule"),
                       optional_rule(entry, "publishRule")});
  }
  return TopicRules(std::move(entries));
}

const TopicRules::Entry* TopicRules::match(std::string_view topic) const {
  for (const auto& entry : entries_)
    if (topic_pattern_matches(entry.pattern, topic)) return &entry;
  return nullptr;
}

ApiResult<bool> TopicRules::may_subscribe(db::Connection& db, const collections::Schema& schema,
                                          const RequestContext& ctx, std::string_view topic) const {
  if (const auto* entry = match(topic)) return rule_allows(db, schema, ctx, entry->subscribe_rule, topic);
  if (strings::starts_with(topic, "user:") && !ctx.is_guest() && topic.substr(5) == ctx.auth_id()) return true;
  return ctx.bypasses_rules();
}

ApiResult<bool> TopicRules::may_publish(db::Connection& db, const collections::Schema& schema,
                                        const RequestContext& ctx, std::string_view topic) const {
  if (const auto* entry = match(topic)) return rule_allows(db, schema, ctx, entry->publish_rule, topic);
  return ctx.bypasses_rules();
}

}  // namespace fastcms::core::realtime
