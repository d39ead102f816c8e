// `fastcms users create | list | delete | set-password`: parse, call core/auth/user_admin, print.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/confirm.h"
#include "cli/output.h"
#include "cli/password_input.h"
#include "cli/table.h"
#include "common/strings.h"
#include "core/app/open_app.h"
#include "core/auth/user_admin.h"
#include "core/request_context.h"
#include "project/project.h"

namespace fastcms::cli {

namespace {

namespace auth = core::auth;

/// Flags shared by the commands that address one account.
struct AccountOptions {
  std::string email;
  bool admin = false;
  std::string collection;
  bool password_stdin = false;
  bool yes = false;
};

struct ListOptions {
  std::string role;
  std::string collection;
  bool as_json = false;
};

Result<core::OpenedApp> open_current_project() {
  auto project = project::open_project(std::filesystem::current_path());
  if (!project.ok()) return project.error();
  return core::open_app(*project, /*dev=*/false);
}

/// Runs `work` on the current project's App, then closes its database.
template <class Work>
Status with_app(Work&& work) {
  auto opened = open_current_project();
  if (!opened.ok()) return opened.error();
  core::App& app = *opened->app;
  if (auto done = work(app); !done.ok()) return done;
  return app.db().close();
}

/// Runs `work(app, schema, collection)` on the auth collection `options` name (--admin,
/// --collection) of the current project.
template <class Work>
Status with_account_collection(const AccountOptions& options, Work&& work) {
  return with_app([&](core::App& app) -> Status {
    auto schema = app.schema();
    auto collection = auth::account_collection(*schema, options.admin, options.collection);
    if (!collection.ok()) return collection.error();
    return work(app, *schema, **collection);
  });
}

/// "superuser" or "user", for messages.
std::string account_kind(const core::collections::Collection& collection) {
  return collection.name == core::superusers_collection ? "superuser" : "user";
}

Status run_create(const AccountOptions& options) {
  auto password = read_password(options.password_stdin, "--password-stdin");
  if (!password.ok()) return password.error();
  return with_account_collection(options, [&](core::App& app, const core::collections::Schema& schema,
                                               const core::collections::Collection& collection) -> Status {
    auto created = auth::create_user(app.db(), schema, collection, options.email, *password);
    if (!created.ok()) return created.error();
    std::cout << "Created " << account_kind(collection) << " " << created->email << " (" << created->id << ") in " << created->collection
              << ".\n";
    return Ok{};
  });
}

Result<auth::UserRole> parse_role(const std::string& role) {
  if (role.empty()) return auth::UserRole::any;
  if (role == "admin") return auth::UserRole::admin;
  if (role == "user") return auth::UserRole::user;
  return Error::usage("--role must be admin or user, not \"" + role + "\"");
}

Status run_list(const ListOptions& options) {
  auto role = parse_role(options.role);
  if (!role.ok()) return role.error();
  return with_app([&](core::App& app) -> Status {
    auto schema = app.schema();
    auto collections = auth::user_list_collections(*schema, *role, options.collection);
    if (!collections.ok()) return collections.error();
    auto users = auth::list_users(app.db(), *collections);
    if (!users.ok()) return users.error();
    if (options.as_json) {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& u : *users) rows.push_back(auth::user_summary_json(u));
      std::cout << rows.dump(2) << "\n";
      return Ok{};
    }
    if (users->empty()) {
      std::cerr << "No accounts yet; add one with `fastcms users create EMAIL` (--admin for a superuser).\n";
      return Ok{};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& u : *users) rows.push_back({u.email, u.collection, u.id, u.verified ? "yes" : "no", u.created});
    print_table({"EMAIL", "COLLECTION", "ID", "VERIFIED", "CREATED"}, rows);
    return Ok{};
  });
}

Status run_delete(const AccountOptions& options) {
  bool interactive = stdin_is_terminal();
  if (!options.yes && !interactive)
    return Error::failure("refusing to delete " + options.email +
                          " without confirmation: stdin is not a terminal; pass --yes to delete from a script");
  return with_account_collection(options, [&](core::App& app, const core::collections::Schema& schema,
                                               const core::collections::Collection& collection) -> Status {
    if (!options.yes &&
        !confirm("Delete " + account_kind(collection) + " " + options.email + " from " + collection.name + "?"))
      return Error::failure("nothing was deleted (not confirmed)");
    auto deleted = auth::delete_user(app.db(), schema, collection, options.email);
    if (!deleted.ok()) return deleted.error();
    std::cout << "Deleted " << account_kind(collection) << " " << deleted->email << " (" << deleted->id
              << ") from " << deleted->collection << ".\n";
    return Ok{};
  });
}

Status run_set_password(const AccountOptions& options) {
  auto password = read_password(options.password_stdin, "--password-stdin");
  if (!password.ok()) return password.error();
  return with_account_collection(options, [&](core::App& app, const core::collections::Schema& schema,
                                               const core::collections::Collection& collection) -> Status {
    auto changed = auth::set_user_password(app.db(), schema, collection, options.email, *password);
    if (!changed.ok()) return changed.error();
    std::cout << "Set a new password for " << changed->email << " in " << changed->collection
              << "; every earlier token of this account is now invalid.\n";
    return Ok{};
  });
}

void add_account_flags(CLI::App& cmd, AccountOptions& options, const char* email_help) {
  cmd.add_option("EMAIL", options.email, email_help)->required();
  cmd.add_flag("--admin", options.admin, "A superuser (collection _superusers)");
  cmd.add_option("--collection", options.collection, "The auth collection (default: users)");
}

void add_password_flag(CLI::App& cmd, AccountOptions& options) {
  cmd.add_flag("--password-stdin", options.password_stdin,
               "Read the password from the first line of stdin (for scripts); otherwise it is asked twice");
}

}  // namespace

void register_users(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("users", "Manage users and superusers");
  group->require_subcommand(1);

  auto create_options = std::make_shared<AccountOptions>();
  auto* create = group->add_subcommand("create", "Create a user, or a superuser with --admin");
  add_account_flags(*create, *create_options, "The new account's email address");
  add_password_flag(*create, *create_options);
  set_examples(*create, {"fastcms users create admin@example.com --admin",
                         "printf '%s\\n' \"$ADMIN_PASSWORD\" | fastcms users create admin@example.com --admin "
                         "--password-stdin",
                         "fastcms users create ann@example.com --collection users"});
  create->callback([&dispatch, create_options] {
    dispatch.action = [create_options] { return run_create(*create_options); };
  });

  auto list_options = std::make_shared<ListOptions>();
  auto* list = group->add_subcommand("list", "List the accounts of the auth collections");
  list->add_option("--role", list_options->role, "admin: superusers only; user: the other auth collections")
      ->check(CLI::IsMember({"admin", "user"}));
  list->add_option("--collection", list_options->collection, "Only this auth collection");
  list->add_flag("--json", list_options->as_json, "Print as JSON: id, email, collection, verified, created");
  set_examples(*list, {"fastcms users list", "fastcms users list --role admin",
                       "fastcms users list --collection users --json | jq -r '.[].email'"});
  list->callback([&dispatch, list_options] {
    dispatch.action = [list_options] { return run_list(*list_options); };
  });

  auto delete_options = std::make_shared<AccountOptions>();
  auto* remove = group->add_subcommand("delete", "Delete an account (asks first unless --yes)");
  add_account_flags(*remove, *delete_options, "The account's email address");
  remove->add_flag("--yes,-y", delete_options->yes, "Do not ask; required when stdin is not a terminal");
  set_examples(*remove, {"fastcms users delete ann@example.com", "fastcms users delete root@example.com --admin --yes"});
  remove->callback([&dispatch, delete_options] {
    dispatch.action = [delete_options] { return run_delete(*delete_options); };
  });

  auto password_options = std::make_shared<AccountOptions>();
  auto* set_password =
      group->add_subcommand("set-password", "Set a new password; every earlier token of the account stops working");
  add_account_flags(*set_password, *password_options, "The account's email address");
  add_password_flag(*set_password, *password_options);
  set_examples(*set_password, {"fastcms users set-password ann@example.com",
                               "printf '%s\\n' \"$NEW_PASSWORD\" | fastcms users set-password root@example.com --admin "
                               "--password-stdin"});
  set_password->callback([&dispatch, password_options] {
    dispatch.action = [password_options] { return run_set_password(*password_options); };
  });
}

}  // namespace fastcms::cli
