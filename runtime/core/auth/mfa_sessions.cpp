#include "core/auth/mfa_sessions.h"

#include "common/datetime.h"
#include "common/random.h"
#include "core/auth/mfas_collection.h"

namespace fastcms::core::auth {

namespace {

std::string table(const db::Dialect& d) { return d.quote_identifier(mfas_collection_name); }

}  // namespace

Result<std::string> create_mfa_session(db::Connection& db, std::string_view collection_id, std::string_view record_id,
                                       std::string_view method) {
  const auto& d = db.dialect();
  std::string id = random::token(15);
  std::string now = datetime::now();
  auto r = db.exec("INSERT INTO " + table(d) + " (" + d.quote_identifier("id") + ", " +
                       d.quote_identifier("collectionRef") + ", " + d.quote_identifier("recordRef") + ", " +
                       d.quote_identifier("method") + ", " + d.quote_identifier("created") + ", " +
                       d.quote_identifier("updated") + ") VALUES (" + d.placeholder(1) + ", " + d.placeholder(2) +
                       ", " + d.placeholder(3) + ", " + d.placeholder(4) + ", " + d.placeholder(5) + ", " +
                       d.placeholder(5) + ")",
                   {id, collection_id, record_id, method, now});
  if (!r) return r.error();
  return id;
}

Result<std::optional<MfaSession>> find_mfa_session(db::Connection& db, std::string_view id) {
  const auto& d = db.dialect();
  auto row = db.query_one("SELECT " + d.quote_identifier("collectionRef") + ", " + d.quote_identifier("recordRef") +
                              ", " + d.quote_identifier("method") + ", " + d.quote_identifier("created") + " FROM " +
                              table(d) + " WHERE " + d.quote_identifier("id") + " = " + d.placeholder(1),
                          {id});
  if (!row) return row.error();
  if (!row->has_value()) return std::optional<MfaSession>();
  const auto& r = **row;
  auto created = datetime::parse(r["created"].to_text());
  // A row whose time cannot be read is treated as long expired.
  return std::optional<MfaSession>(MfaSession{std::string(id), r["collectionRef"].to_text(), r["recordRef"].to_text(),
                                              r["method"].to_text(),
                                              created.value_or(std::chrono::system_clock::time_point{})});
}

Status delete_mfa_session(db::Connection& db, std::string_view id) {
  const auto& d = db.dialect();
  auto r = db.exec("DELETE FROM " + table(d) + " WHERE " + d.quote_identifier("id") + " = " + d.placeholder(1), {id});
  if (!r) return r.error();
  return Ok{};
}

Status delete_expired_mfa_sessions(db::Connection& db, std::string_view collection_id, std::chrono::seconds duration) {
  const auto& d = db.dialect();
  std::string cutoff = datetime::format(std::chrono::system_clock::now() - duration);
  auto r = db.exec("DELETE FROM " + table(d) + " WHERE " + d.quote_identifier("collectionRef") + " = " +
                       d.placeholder(1) + " AND " + d.quote_identifier("created") + " < " + d.placeholder(2),
                   {collection_id, cutoff});
  if (!r) return r.error();
  return Ok{};
}

}  // namespace fastcms::core::auth
