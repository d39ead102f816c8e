#include "core/realtime/record_event_delivery.h"

#include "core/records/expand.h"
#include "core/records/field_projection.h"
#include "core/records/record_json.h"
#include "core/records/rule_subject.h"

namespace fastcms::core::realtime {

namespace {

bool blank(const std::string& rule) { return rule.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string option(const Subscription& sub, const char* key) {
  auto it = sub.query.find(key);
  return it == sub.query.end() ? std::string() : it->second;
}

/// Everything a rule or the presentation can depend on besides the record.
std::string audience_of(const Subscription& sub, const RequestContext& ctx) {
  std::string key = ctx.bypasses_rules() ? "s|" : "u|";
  if (!ctx.is_guest()) key.append(ctx.info.auth_collection->id).append("|").append(ctx.auth_id());
  return key.append("|").append(sub.options_key);
}

RequestContext with_options(const RequestContext& ctx, const Subscription& sub) {
  RequestContext out = ctx;
  out.info.context = "realtime";
  out.info.method = "GET";
  out.info.query = sub.query;
  out.info.headers = sub.headers;
  return out;
}

}  // namespace

RecordEventDelivery::RecordEventDelivery(db::Connection& db, const collections::Schema& schema,
                                         const events::RecordEvent& event)
    : db_(db), schema_(schema), event_(event), collection_(schema.find(event.collection_id)),
      record_id_(event.record().value("id", std::string())) {}

std::optional<std::string> RecordEventDelivery::data_for(const Subscription& sub, const RequestContext& ctx) {
  if (!collection_) return std::nullopt;
  if (sub.kind != TopicKind::collection && sub.kind != TopicKind::record) return std::nullopt;
  if (sub.target != collection_->name && sub.target != collection_->id) return std::nullopt;
  if (sub.kind == TopicKind::record && sub.record_id != record_id_) return std::nullopt;
  const std::string audience = (sub.kind == TopicKind::record ? "v" : "l") + audience_of(sub, ctx);
  if (!allowed(sub, ctx, audience)) return std::nullopt;
  return shaped(sub, ctx, audience);
}

bool RecordEventDelivery::allowed(const Subscription& sub, const RequestContext& ctx, const std::string& audience) {
  if (auto it = allowed_.find(audience); it != allowed_.end()) return it->second;
  bool ok = false;
  const auto& rule = sub.kind == TopicKind::record ? collection_->view_rule : collection_->list_rule;
  if (ctx.bypasses_rules()) {
    ok = true;
  } else if (rule && blank(*rule)) {
    ok = true;
  } else if (rule) {
    auto holds = records::rule_holds(db_, schema_, *collection_, with_options(ctx, sub), *rule,
                                     records::RuleSubject::new_record(event_.record()));
    ok = holds.ok() && *holds;
  }
  allowed_[audience] = ok;
  return ok;
}

std::string RecordEventDelivery::shaped(const Subscription& sub, const RequestContext& ctx,
                                        const std::string& audience) {
  if (auto it = shaped_.find(audience); it != shaped_.end()) return it->second;
  const RequestContext request = with_options(ctx, sub);
  const auto subject = records::RuleSubject::new_record(event_.record());
  bool manage = collection_->is_auth() && records::has_manage_access(db_, schema_, *collection_, request, subject);
  nlohmann::json record = records::present_record(*collection_, event_.record(), request, manage);
  if (auto expand = option(sub, "expand"); !expand.empty())
    (void)records::expand_records(db_, schema_, *collection_, request, record, expand);
  nlohmann::json data = {{"action", events::action_name(event_.action)}, {"record", std::move(record)}};
  if (auto fields = option(sub, "fields"); !fields.empty()) data = records::project_fields(data, fields);
  std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  shaped_[audience] = text;
  return text;
}

}  // namespace fastcms::core::realtime
