#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// The records CRUD endpoints (§1.2): list, view, create, update, delete under
/// /api/collections/{collection}/records.
void register_record_routes(Router& router, core::App& app);

/// The record actions /api/batch may run (create, update, delete and the PUT upsert),
/// registered on a router of their own so that a batch cannot reach anything else.
void register_batch_record_routes(Router& router, core::App& app);

}  // namespace fastcms::http
