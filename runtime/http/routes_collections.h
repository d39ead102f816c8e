#pragma once
#include "core/app/app.h"
#include "http/router.h"

namespace fastcms::http {

/// The superuser-only Collections API (§1.5): list, view, create, update, delete,
/// truncate and import. After a change the App's schema is reloaded and the project's
/// collection files are rewritten (or removed), so app/collections stays the desired schema.
void register_collection_routes(Router& router, core::App& app);

}  // namespace fastcms::http
