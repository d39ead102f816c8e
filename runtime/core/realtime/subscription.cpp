#include "core/realtime/subscription.h"

#include <nlohmann/json.hpp>

#include "common/percent_encoding.h"
#include "common/strings.h"

namespace fastcms::core::realtime {

namespace {

std::map<std::string, std::string> string_map(const nlohmann::json& value) {
  std::map<std::string, std::string> out;
  if (!value.is_object()) return out;
  for (const auto& [key, item] : value.items()) out[key] = item.is_string() ? item.get<std::string>() : item.dump();
  return out;
}

void read_options(std::string_view query, Subscription& sub) {
  for (const auto& [key, value] : form_decode(query)) {
    if (key != "options") continue;
    auto options = nlohmann::json::parse(value, nullptr, false);
    if (!options.is_object()) return;
    if (options.contains("query")) sub.query = string_map(options["query"]);
    if (options.contains("headers")) sub.headers = string_map(options["headers"]);
    sub.options_key = nlohmann::json({sub.query, sub.headers}).dump();
    return;
  }
}

bool take_prefix(std::string_view topic, std::string_view prefix, TopicKind kind, Subscription& sub) {
  if (!strings::starts_with(topic, prefix)) return false;
  sub.kind = kind;
  sub.target = std::string(topic.substr(prefix.size()));
  return true;
}

}  // namespace

std::string Subscription::channel_topic() const {
  switch (kind) {
    case TopicKind::channel: return "channel:" + target;
    case TopicKind::presence: return "presence:" + target;
    case TopicKind::user: return "user:" + target;
    default: return raw;
  }
}

Subscription parse_subscription(std::string_view raw) {
  Subscription sub;
  sub.raw = std::string(raw);
  std::string_view topic = raw;
  if (auto q = raw.find('?'); q != std::string_view::npos) {
    topic = raw.substr(0, q);
    read_options(raw.substr(q + 1), sub);
  }
  if (topic == "@oauth2") {
    sub.kind = TopicKind::oauth2;
    return sub;
  }
  if (take_prefix(topic, "channel:", TopicKind::channel, sub) || take_prefix(topic, "presence:", TopicKind::presence, sub) ||
      take_prefix(topic, "user:", TopicKind::user, sub))
    return sub;
  auto slash = topic.find('/');
  sub.target = std::string(topic.substr(0, slash));
  if (slash == std::string_view::npos || topic.substr(slash + 1) == "*") {
    sub.kind = TopicKind::collection;
  } else {
    sub.kind = TopicKind::record;
    sub.record_id = std::string(topic.substr(slash + 1));
  }
  return sub;
}

}  // namespace fastcms::core::realtime
