#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "core/collections/collection.h"
#include "db/connection.h"

/// One-time sign-in secrets (OTPs, magic links, SMS codes) live in system collections of
/// one shape: collectionRef and recordRef name the auth record the secret signs in,
/// sentTo the address it was delivered to, created/updated the autodates, plus the
/// feature's own fields (the hashed secret). These helpers read and write such records.
namespace fastcms::core::auth {

/// The definition of a one-time secret system collection `name` (base, system, PocketBase's
/// default id for the name): collectionRef, recordRef (required texts), the `secret_fields`,
/// sentTo (hidden text), created, updated, and an index on (collectionRef, recordRef).
/// `owner_rule` becomes the list and view rule (null: superusers only); the other rules are null.
nlohmann::json one_time_collection_definition(const std::string& name, const std::string& index_name,
                                              nlohmann::json secret_fields,
                                              std::optional<std::string> owner_rule);

/// The system collection `name` of `schema`; an error when the database lacks it.
Result<const collections::Collection*> one_time_collection(const collections::Schema& schema, std::string_view name);

/// Inserts a record for `auth_record` of `auth_collection` with `values` (the feature's own
/// fields) into the collection `name`: a new id, sentTo `sent_to` (the address the secret
/// is about to be delivered to: set before delivery so that a fast sign-in sees it; a
/// failed delivery deletes the secret), created and updated now. Returns the stored record.
Result<nlohmann::json> insert_one_time_record(db::Connection& db, const collections::Schema& schema,
                                              std::string_view name, const collections::Collection& auth_collection,
                                              const nlohmann::json& auth_record, nlohmann::json values,
                                              const std::string& sent_to);

/// The record of collection `name` whose `field` equals `value`, or nullopt.
Result<std::optional<nlohmann::json>> find_one_time_record(db::Connection& db, const collections::Schema& schema,
                                                           std::string_view name, std::string_view field,
                                                           std::string_view value);

/// The records of collection `name` for one auth record, newest first.
Result<std::vector<nlohmann::json>> one_time_records_of(db::Connection& db, const collections::Schema& schema,
                                                        std::string_view name, std::string_view collection_id,
                                                        std::string_view record_id);

/// Deletes the record `id`; true only for the one caller whose DELETE removed it, so that
/// two concurrent uses of one secret cannot both succeed.
Result<bool> consume_one_time_record(db::Connection& db, const collections::Schema& schema, std::string_view name,
                                     std::string_view id);

/// Deletes the records of collection `name` for `collection_id` created more than
/// `duration_seconds` ago.
Status delete_expired_one_time_records(db::Connection& db, const collections::Schema& schema, std::string_view name,
                                       std::string_view collection_id, long long duration_seconds);

/// Whether `record` was created more than `duration_seconds` ago (or has no valid created).
bool one_time_record_expired(const nlohmann::json& record, long long duration_seconds);

/// After a delivery attempt of the secret `id`: on failure the secret is deleted (nobody
/// can know it) and the failure is returned.
Status finish_one_time_delivery(db::Connection& db, const collections::Schema& schema, std::string_view name,
                                std::string_view id, const Status& delivery);

/// As PocketBase after an OTP sign-in: when `record` (the full auth record) is not verified
/// and its email is `sent_to`, it becomes verified (stored, `updated` stamped, `record`
/// updated in place).
Status verify_email_if_sent_to(db::Connection& db, const collections::Collection& collection, nlohmann::json& record,
                               const std::string& sent_to);

}  // namespace fastcms::core::auth
