// `fastcms dev` and `fastcms serve`: run the project's server until SIGINT/SIGTERM.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <thread>

#include "cli/command.h"
#include "cli/output.h"
#include "cli/sync_report.h"
#include "common/interrupt.h"
#include "core/app/open_app.h"
#include "core/backups/backup_scheduler.h"
#include "core/files/orphan_sweeper.h"
#include "core/backups/server_lock.h"
#include "http/app_server.h"
#include "http/local_url.h"
#include "project/directory_watcher.h"
#include "project/project.h"

namespace fastcms::cli {

namespace {

struct ServeOptions {
  bool dev = false;
  bool reload = false;
  bool debug = false;
  std::string http;  ///< serve --http HOST:PORT
  project::FlagOverrides flags;
};

std::mutex log_mutex;

void log_line(const std::string& line) {
  std::lock_guard lock(log_mutex);
  std::cerr << line << "\n";
}

/// Splits --http HOST:PORT (or :PORT) into config overrides.
Status apply_http_address(const std::string& address, project::FlagOverrides& flags) {
  auto colon = address.rfind(':');
  if (colon == std::string::npos || colon + 1 == address.size())
    return Error::usage("--http expects HOST:PORT (e.g. 0.0.0.0:8090 or 127.0.0.1:8090), got \"" + address + "\"");
  std::string host = address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (!host.empty()) flags["server.host"] = host;
  flags["server.port"] = address.substr(colon + 1);
  return Ok{};
}

db::DatabaseOptions database_options(bool debug) {
  db::DatabaseOptions options;
  if (debug)
    options.logger = [](std::string_view sql, std::chrono::nanoseconds took) {
      std::ostringstream line;
      line << "[sql] " << std::fixed << std::setprecision(3) << static_cast<double>(took.count()) / 1e6 << " ms  "
           << sql;
      log_line(line.str());
    };
  return options;
}

http::ServerOptions server_options(const project::Config& config, bool debug) {
  http::ServerOptions options;
  options.origins = config.origins;
  options.max_body_size = config.max_body_size;
  if (debug)
    options.access_log = [](const std::string& method, const std::string& path, int status, double ms,
                            const std::string& id) {
      std::ostringstream line;
      line << "[http] " << method << " " << path << " " << status << " " << std::fixed << std::setprecision(3) << ms
           << " ms  id=" << id;
      log_line(line.str());
    };
  return options;
}

/// Applies collection-file changes while the server keeps serving.
void reload(core::App& app) {
  auto report = core::reload_collections(app);
  if (!report.ok()) {
    log_line(styled(stderr, "1;31", "reload failed:") + " " + report.error().message +
             "\n  (still serving the previous collections; fix the file and save again)");
    return;
  }
  std::ostringstream out;
  print_sync_report(out, report->sync, /*only_changes=*/true);
  std::string text = out.str();
  if (!report->written_migration.empty())
    text += "Wrote and applied migration " + report->written_migration + "\n";
  log_line(text.empty() ? "Collections reloaded: no changes." : "Collections reloaded:\n" + text);
}

/// Tells what starting changed: migrations applied, collection changes, a written migration.
void print_start_changes(const core::OpenedApp& opened) {
  for (const auto& run : opened.migrated)
    std::cerr << "Applied migration " << run.label << " (" << run.duration_ms << " ms)\n";
  print_sync_report(std::cerr, opened.sync, /*only_changes=*/true);
  if (!opened.written_migration.empty())
    std::cerr << "Wrote and applied migration " << opened.written_migration
              << " (collection files changed; commit it with them)\n";
}

Status run_server(ServeOptions options) {
  if (!options.dev) {
    if (!options.http.empty()) {
      if (auto st = apply_http_address(options.http, options.flags); !st.ok()) return st;
    } else if (const char* port = std::getenv("PORT"); port && *port) {
      options.flags["server.port"] = port;  // the platform's port (Fly, Railway, Heroku, …)
    }
  }
  interrupt::install_handlers();
  auto project = project::open_project(std::filesystem::current_path(), options.flags);
  if (!project.ok()) return project.error();
  auto data_lock = core::backups::DataLock::for_server(project->root / "data");  // seen by `backup restore`
  if (!data_lock.ok()) return data_lock.error();
  auto opened = core::open_app(*project, options.dev, database_options(options.debug));
  if (!opened.ok()) return opened.error();
  core::App& app = *opened->app;

  print_start_changes(*opened);
  http::AppServer server(app, server_options(project->config, options.debug));
  auto port = server.start(project->config.host, project->config.port);
  if (!port.ok())
    return Error::failure(port.error().message + "; choose another with " +
                          (options.dev ? "--port (or --host)" : "--http HOST:PORT"));

  std::string base = http::local_base_url(project->config.host, *port);
  std::cout << "fastcms " << (options.dev ? "dev" : "serve") << ": serving " << project->root.filename().string()
            << " (" << app.schema()->collections().size() << " collections) on " << project->config.host << ":"
            << *port << "\n"
            << "  REST API: " << base << "/api/\n"
            << "  Health:   " << base << "/api/health\n"
            << "Press Ctrl+C to stop." << std::endl;

  core::backups::BackupScheduler backup_scheduler(app);  // settings backups.cron
  backup_scheduler.start();
  core::files::OrphanSweeper orphan_sweeper(app);  // files no record references: at start, then daily
  orphan_sweeper.start();
  project::DirectoryWatcher watcher;
  if (options.reload) {
    if (auto st = watcher.start(project->root / "app", [&app] { reload(app); }); !st.ok()) return st;
    std::cout << "Watching app/ for changes." << std::endl;
  }
  while (!interrupt::requested()) std::this_thread::sleep_for(std::chrono::milliseconds(100));

  std::cerr << "Shutting down: finishing in-flight requests..." << std::endl;
  watcher.stop();
  backup_scheduler.stop();
  orphan_sweeper.stop();
  server.stop();
  if (auto closed = app.db().close(); !closed.ok()) return closed.error();
  std::cerr << "Stopped cleanly." << std::endl;
  return Ok{};
}

}  // namespace

void register_serve(CLI::App& app, Dispatch& dispatch) {
  auto dev_options = std::make_shared<ServeOptions>();
  auto port = std::make_shared<int>(0);
  auto host = std::make_shared<std::string>();
  auto* dev = app.add_subcommand("dev", "Run the project's server for development");
  dev->add_option("-p,--port", *port, "Port to listen on (default: the config's server.port, 8090)")
      ->check(CLI::Range(0, 65535));
  dev->add_option("--host", *host, "Address to listen on (default: the config's server.host, 127.0.0.1)");
  dev->add_flag("--reload", dev_options->reload,
                "Watch app/ and apply collection-file changes without dropping connections");
  dev->add_flag("--debug", dev_options->debug, "Log each request and each SQL statement with timings");
  set_examples(*dev, {"fastcms dev", "fastcms dev --port 9000 --reload", "fastcms dev --debug"});
  dev->callback([&dispatch, dev_options, port, host, dev] {
    dev_options->dev = true;
    if (dev->count("--port")) dev_options->flags["server.port"] = std::to_string(*port);
    if (!host->empty()) dev_options->flags["server.host"] = *host;
    dispatch.action = [dev_options] { return run_server(*dev_options); };
    dispatch.signal_is_normal_exit = true;
  });

  auto serve_options = std::make_shared<ServeOptions>();
  auto origins = std::make_shared<std::string>();
  auto* serve = app.add_subcommand("serve", "Run the project's server in production");
  serve->add_option("--http", serve_options->http,
                    "HOST:PORT to listen on (default: 127.0.0.1 and $PORT or the config's port; "
                    "use 0.0.0.0:PORT to accept connections from other machines)");
  serve->add_option("--origins", *origins, "Comma-separated CORS origins allowed to call the API (default: *)");
  set_examples(*serve, {"fastcms serve", "fastcms serve --http 0.0.0.0:8090",
                        "PORT=8080 fastcms serve --origins https://app.example.com"});
  serve->callback([&dispatch, serve_options, origins] {
    if (!origins->empty()) serve_options->flags["server.origins"] = *origins;
    dispatch.action = [serve_options] { return run_server(*serve_options); };
    dispatch.signal_is_normal_exit = true;
  });
}

}  // namespace fastcms::cli
