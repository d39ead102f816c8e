#include "core/auth/mfa.h"

#include <chrono>

#include "core/auth/auth_options.h"
#include "core/auth/mfa_sessions.h"
#include "core/auth/totp_collection.h"
#include "core/auth/totp_enrollments.h"
#include "core/filter/compiler.h"
#include "core/records/rule_check.h"

namespace fastcms::core::auth {

namespace {

constexpr std::string_view totp_method = "totp";

/// Whether `rule` ("" = everyone) matches the record `record_id`. Unlike the record rules,
/// it is not bypassed for superusers: it is a property of the record signing in.
ApiResult<bool> mfa_rule_matches(db::Connection& db, const collections::Schema& schema,
                                 const collections::Collection& collection, std::string_view record_id,
                                 const std::string& rule, const RequestContext& ctx) {
  if (rule.find_first_not_of(" \t\r\n") == std::string::npos) return true;
  filter::CompileOptions options;
  options.first_param_number = 2;  // record_satisfies binds the id as ?1
  auto condition = filter::compile_filter(rule, collection, schema, ctx.info, options);
  if (!condition.ok()) return ApiError::bad_request("Failed to authenticate.");
  auto satisfied = records::record_satisfies(db, collection, record_id, *condition);
  if (!satisfied.ok()) return ApiError::bad_request("Failed to authenticate.");
  return *satisfied;
}

/// Whether the record has confirmed TOTP. Every database has `_totp` (ensure_system_tables);
/// a schema built by hand without it (tools, tests) has no enrolments.
ApiResult<bool> has_confirmed_totp(db::Connection& db, const collections::Schema& schema,
                                   std::string_view collection_id, std::string_view record_id) {
  if (!schema.find(totp_collection_name)) return false;
  auto enrollment = find_totp_enrollment(db, collection_id, record_id);
  if (!enrollment) return ApiError::internal();
  return enrollment->has_value() && (*enrollment)->confirmed;
}

}  // namespace

ApiResult<std::string> check_mfa(db::Connection& db, const collections::Schema& schema,
                                 const collections::Collection& collection, const nlohmann::json& record,
                                 std::string_view method, std::string_view mfa_id, const RequestContext& ctx) {
  if (method.empty()) return std::string();
  const std::string record_id = record.value("id", "");
  auto options = mfa_options(collection);
  auto has_totp = has_confirmed_totp(db, schema, collection.id, record_id);
  if (!has_totp.ok()) return has_totp.error();
  if (!*has_totp) {
    if (!options.enabled) return std::string();
    auto wanted = mfa_rule_matches(db, schema, collection, record_id, options.rule, ctx);
    if (!wanted.ok()) return wanted.error();
    if (!*wanted) return std::string();
  }

  const std::chrono::seconds duration(options.duration);
  if (auto cleaned = delete_expired_mfa_sessions(db, collection.id, duration); !cleaned) return ApiError::internal();

  if (mfa_id.empty()) {
    auto created = create_mfa_session(db, collection.id, record_id, method);
    if (!created) return ApiError::internal();
    return std::move(*created);
  }

  auto session = find_mfa_session(db, mfa_id);
  if (!session) return ApiError::internal();
  if (!*session || (*session)->expired(duration, std::chrono::system_clock::now())) {
    if (*session) (void)delete_mfa_session(db, mfa_id);
    return ApiError::bad_request(invalid_or_expired_mfa_message);
  }
  const auto& pending = **session;
  if (pending.record_ref != record_id || pending.collection_ref != collection.id)
    return ApiError::bad_request(invalid_mfa_message);
  if (pending.method == method) return ApiError::bad_request(different_method_message);
  if (*has_totp && pending.method != totp_method && method != totp_method)
    return ApiError::bad_request(totp_required_message);
  if (auto deleted = delete_mfa_session(db, mfa_id); !deleted) return ApiError::internal();
  return std::string();
}

}  // namespace fastcms::core::auth
