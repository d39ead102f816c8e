#pragma once
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/auth/mfas_collection.h"
#include "core/auth/totp_collection.h"
#include "core/request_context.h"
#include "support/auth_test_db.h"

namespace fastcms::test {

/// An AuthTestDb whose schema also holds the `_mfas` and `_totp` system collections, for
/// tests of multi-factor sign-ins.
class MfaTestDb : public AuthTestDb {
 public:
  explicit MfaTestDb(nlohmann::json definitions) : AuthTestDb(with_mfa_collections(std::move(definitions))) {}

  /// How many `_mfas` rows are stored.
  long long mfa_rows() { return db().query_value("SELECT count(*) FROM _mfas")->to_int64(); }

  /// The `_mfas` row `id` as JSON (fails the test when missing).
  nlohmann::json mfa_row(std::string_view id) { return load(core::auth::mfas_collection_name, id); }

  /// A request context authenticated as `record` of `collection_name` (password and
  /// tokenKey left out, as the pipeline does).
  core::RequestContext as(std::string_view collection_name, nlohmann::json record) {
    record.erase("password");
    record.erase("tokenKey");
    core::RequestContext ctx;
    ctx.info.auth = std::move(record);
    ctx.info.auth_collection = &collection(collection_name);
    return ctx;
  }

 private:
  static nlohmann::json with_mfa_collections(nlohmann::json definitions) {
    definitions.push_back(core::auth::mfas_definition());
    definitions.push_back(core::auth::totp_definition());
    return definitions;
  }
};

}  // namespace fastcms::test
