#include "core/auth/totp_enrollments.h"

#include <nlohmann/json.hpp>

#include "common/datetime.h"
#include "common/random.h"
#include "core/auth/totp_collection.h"

namespace fastcms::core::auth {

namespace {

std::string q(const db::Dialect& d, std::string_view identifier) { return d.quote_identifier(identifier); }
std::string table(const db::Dialect& d) { return q(d, totp_collection_name); }

std::string hashes_text(const std::vector<std::string>& hashes) { return nlohmann::json(hashes).dump(); }

std::vector<std::string> hashes_from(const std::string& text) {
  std::vector<std::string> out;
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_array())
    for (const auto& h : parsed)
      if (h.is_string()) out.push_back(h.get<std::string>());
  return out;
}

}  // namespace

Result<std::optional<TotpEnrollment>> find_totp_enrollment(db::Connection& db, std::string_view collection_id,
                                                           std::string_view record_id) {
  const auto& d = db.dialect();
  auto row = db.query_one("SELECT " + q(d, "id") + ", " + q(d, "secret") + ", " + q(d, "confirmed") + ", " +
                              q(d, "backupCodes") + ", " + q(d, "lastUsedStep") + " FROM " + table(d) + " WHERE " +
                              q(d, "collectionRef") + " = " + d.placeholder(1) + " AND " + q(d, "recordRef") + " = " +
                              d.placeholder(2),
                          {collection_id, record_id});
  if (!row) return row.error();
  if (!row->has_value()) return std::optional<TotpEnrollment>();
  const auto& r = **row;
  return std::optional<TotpEnrollment>(TotpEnrollment{r["id"].to_text(), std::string(collection_id),
                                                      std::string(record_id), r["secret"].to_text(),
                                                      r["confirmed"].to_bool(), hashes_from(r["backupCodes"].to_text()),
                                                      r["lastUsedStep"].to_int64()});
}

Result<TotpEnrollment> insert_totp_enrollment(db::Connection& db, TotpEnrollment enrollment) {
  const auto& d = db.dialect();
  enrollment.id = random::token(15);
  std::string now = datetime::now();
  Status written = db.transaction([&](db::Connection& tx) -> Status {
    auto removed = tx.exec("DELETE FROM " + table(d) + " WHERE " + q(d, "collectionRef") + " = " + d.placeholder(1) +
                               " AND " + q(d, "recordRef") + " = " + d.placeholder(2),
                           {enrollment.collection_ref, enrollment.record_ref});
    if (!removed) return removed.error();
    std::string columns, values;
    const char* names[] = {"id",         "collectionRef", "recordRef", "secret", "confirmed",
                           "backupCodes", "lastUsedStep",  "created",   "updated"};
    for (size_t i = 0; i < std::size(names); ++i) {
      columns += (i ? ", " : "") + q(d, names[i]);
      values += (i ? ", " : "") + d.placeholder(i + 1);
    }
    auto inserted = tx.exec("INSERT INTO " + table(d) + " (" + columns + ") VALUES (" + values + ")",
                            {enrollment.id, enrollment.collection_ref, enrollment.record_ref, enrollment.secret,
                             enrollment.confirmed, hashes_text(enrollment.backup_code_hashes),
                             enrollment.last_used_step, now, now});
    if (!inserted) return inserted.error();
    return Ok{};
  });
  if (!written) return written.error();
  return enrollment;
}

Status update_totp_enrollment(db::Connection& db, const TotpEnrollment& enrollment) {
  const auto& d = db.dialect();
  auto r = db.exec("UPDATE " + table(d) + " SET " + q(d, "secret") + " = " + d.placeholder(1) + ", " +
                       q(d, "confirmed") + " = " + d.placeholder(2) + ", " + q(d, "backupCodes") + " = " +
                       d.placeholder(3) + ", " + q(d, "lastUsedStep") + " = " + d.placeholder(4) + ", " +
                       q(d, "updated") + " = " + d.placeholder(5) + " WHERE " + q(d, "id") + " = " + d.placeholder(6),
                   {enrollment.secret, enrollment.confirmed, hashes_text(enrollment.backup_code_hashes),
                    enrollment.last_used_step, datetime::now(), enrollment.id});
  if (!r) return r.error();
  return Ok{};
}

Status delete_totp_enrollment(db::Connection& db, std::string_view id) {
  const auto& d = db.dialect();
  auto r = db.exec("DELETE FROM " + table(d) + " WHERE " + q(d, "id") + " = " + d.placeholder(1), {id});
  if (!r) return r.error();
  return Ok{};
}

}  // namespace fastcms::core::auth
