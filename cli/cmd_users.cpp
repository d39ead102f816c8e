// `fastcms users create EMAIL [--admin] [--collection NAME] [--password-stdin]`.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/password_input.h"
#include "core/app/open_app.h"
#include "core/records/record_write.h"
#include "core/request_context.h"
#include "project/project.h"

namespace fastcms::cli {

namespace {

struct CreateUserOptions {
  std::string email;
  bool admin = false;
  std::string collection;
  bool password_stdin = false;
};

Status run_create(const CreateUserOptions& options) {
  std::string collection_name = options.admin ? std::string(core::superusers_collection)
                                              : (options.collection.empty() ? "users" : options.collection);
  if (options.admin && !options.collection.empty() && options.collection != core::superusers_collection)
    return Error::usage("--admin creates a superuser (collection _superusers); drop --collection or --admin");
  auto password = read_password(options.password_stdin, "--password-stdin");
  if (!password.ok()) return password.error();

  auto project = project::open_project(std::filesystem::current_path());
  if (!project.ok()) return project.error();
  auto opened = core::open_app(*project, /*dev=*/false);
  if (!opened.ok()) return opened.error();
  core::App& app = *opened->app;
  auto schema = app.schema();
  const auto* collection = schema->find(collection_name);
  if (!collection || !collection->is_auth())
    return Error::usage("\"" + collection_name + "\" is not an auth collection of this project; " +
                        "pass --collection with one that is, or --admin for a superuser");

  nlohmann::json body = {{"email", options.email}, {"password", *password}, {"passwordConfirm", *password}};
  if (!options.admin) body["verified"] = true;  // created by an operator, not through a sign-up
  auto created = core::records::create_record(app.db(), *schema, *collection, core::RequestContext::system(), body);
  if (!created.ok()) return Error::failure("cannot create " + options.email + ": " + created.error().describe());
  std::cout << (options.admin ? "Created superuser " : "Created user ") << options.email << " ("
            << created->value("id", "") << ") in " << collection->name << ".\n";
  return app.db().close();
}

}  // namespace

void register_users(CLI::App& app, Dispatch& dispatch) {
  auto* group = app.add_subcommand("users", "Manage users and superusers");
  group->require_subcommand(1);
  auto options = std::make_shared<CreateUserOptions>();
  auto* create = group->add_subcommand("create", "Create a user, or a superuser with --admin");
  create->add_option("EMAIL", options->email, "The new account's email address")->required();
  create->add_flag("--admin", options->admin, "Create a superuser (collection _superusers)");
  create->add_option("--collection", options->collection, "Auth collection for the user (default: users)");
  create->add_flag("--password-stdin", options->password_stdin,
                   "Read the password from the first line of stdin (for scripts); otherwise it is asked twice");
  set_examples(*create, {"fastcms users create admin@example.com --admin",
                         "printf '%s\\n' \"$ADMIN_PASSWORD\" | fastcms users create admin@example.com --admin "
                         "--password-stdin",
                         "fastcms users create ann@example.com --collection users"});
  create->callback([&dispatch, options] { dispatch.action = [options] { return run_create(*options); }; });
}

}  // namespace fastcms::cli
