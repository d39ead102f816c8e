// `fastcms collections export NAME` and `fastcms collections import FILE`: parse, call
// core/transfer, print.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "cli/progress_bar.h"
#include "cli/sync_report.h"
#include "common/files.h"
#include "core/app/open_app.h"
#include "core/collections/collection_json.h"
#include "core/transfer/record_export.h"
#include "core/transfer/record_import.h"
#include "core/transfer/record_source.h"
#include "core/transfer/schema_import.h"
#include "project/project.h"

namespace fastcms::cli {

namespace {

namespace fs = std::filesystem;
namespace transfer = core::transfer;

struct ExportOptions {
  std::string name;
  bool data = false;
  std::string format;
  std::string output;
};

struct ImportOptions {
  std::string file;
  std::string collection;
  std::string format;
  bool upsert = false;
  bool skip_invalid = false;
};

template <class Work>
Status with_app(Work&& work) {
  auto project = project::open_project(fs::current_path());
  if (!project.ok()) return project.error();
  auto opened = core::open_app(*project, /*dev=*/false);
  if (!opened.ok()) return opened.error();
  core::App& app = *opened->app;
  if (auto done = work(app); !done.ok()) return done;
  return app.db().close();
}

/// Writes through a temp file renamed into place when `output` is set, else to stdout.
template <class Write>
Status write_output(const std::string& output, Write&& write) {
  if (output.empty()) return write(std::cout);
  fs::path target = fs::absolute(output);
  fs::path temp = target;
  temp += ".tmp-export";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return Error::failure("cannot write " + temp.string() + ": " + fastcms::files::last_os_error());
    if (auto st = write(out); !st.ok()) {
      std::error_code ec;
      fs::remove(temp, ec);
      return st;
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) return Error::failure("cannot write " + target.string() + ": " + ec.message());
  return Ok{};
}

Status run_export(const ExportOptions& options) {
  auto format = transfer::parse_transfer_format(options.format.empty() ? "json" : options.format);
  if (!format.ok()) return format.error();
  if (!options.data && *format != transfer::TransferFormat::json)
    return Error::usage("the schema is exported as JSON only; add --data to export the records as " + options.format);
  return with_app([&](core::App& app) -> Status {
    auto schema = app.schema();
    const auto* collection = schema->find(options.name);
    if (!collection) return Error::usage("no collection named \"" + options.name + "\"; see `fastcms collections list`");
    return write_output(options.output, [&](std::ostream& out) -> Status {
      if (!options.data) {
        out << core::collections::collection_to_json(*collection, schema.get()).dump(2) << "\n";
        return Ok{};
      }
      ProgressBar bar("Exporting " + collection->name, ProgressBar::Unit::rows);
      auto count = transfer::export_records(app.db(), *collection, *format, out, bar.callback());
      if (!count.ok()) return count.error();
      out.flush();
      std::cerr << "Exported " << *count << " records of " << collection->name << ".\n";
      return Ok{};
    });
  });
}

/// The collection rows go to: --collection, else the first row's collectionName.
std::string target_collection(const ImportOptions& options, const std::vector<transfer::SourceRow>& rows) {
  if (!options.collection.empty()) return options.collection;
  if (!rows.empty() && rows[0].values.contains("collectionName") && rows[0].values["collectionName"].is_string())
    return rows[0].values["collectionName"].get<std::string>();
  return "";
}

Status run_import(const ImportOptions& options) {
  auto text = fastcms::files::read(options.file);
  if (!text.ok()) return text.error();
  auto detected = transfer::format_of_file(options.file);
  auto format = options.format.empty() ? (detected ? Result<transfer::TransferFormat>(*detected)
                                                   : transfer::parse_transfer_format("json"))
                                       : transfer::parse_transfer_format(options.format);
  if (!format.ok()) return format.error();
  return with_app([&](core::App& app) -> Status {
    if (*format == transfer::TransferFormat::json && options.collection.empty()) {
      auto doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
      if (transfer::is_schema_document(doc)) {
        auto report = transfer::import_collection_definitions(app, doc);
        if (!report.ok()) return report.error();
        print_sync_report(std::cout, *report, /*only_changes=*/false);
        return Ok{};
      }
    }
    auto schema = app.schema();
    // CSV cells are typed by the collection's fields, so it must be known before reading.
    std::string name = options.collection;
    std::vector<transfer::SourceRow> rows;
    if (*format != transfer::TransferFormat::csv) {
      auto read = transfer::read_record_rows(*text, *format, core::collections::Collection{});
      if (!read.ok()) return read.error();
      rows = std::move(*read);
      name = target_collection(options, rows);
    }
    if (name.empty()) return Error::usage("which collection? pass --collection NAME");
    const auto* collection = schema->find(name);
    if (!collection) return Error::usage("no collection named \"" + name + "\"; see `fastcms collections list`");
    if (*format == transfer::TransferFormat::csv) {
      auto read = transfer::read_record_rows(*text, *format, *collection);
      if (!read.ok()) return read.error();
      rows = std::move(*read);
    }
    transfer::ImportOptions import_options{options.upsert, options.skip_invalid};
    Result<transfer::ImportReport> report = transfer::ImportReport{};
    {
      ProgressBar bar("Importing into " + collection->name, ProgressBar::Unit::rows);
      report = transfer::import_records(app.db(), *schema, *collection, rows, import_options, bar.callback());
    }
    if (!report.ok()) return Error::failure(report.error().message + "\nNothing was imported.");
    for (const auto& skipped : report->skipped) std::cerr << "skipped " << skipped.reason << "\n";
    std::cout << "Imported into " << collection->name << ": " << report->created << " created, " << report->updated
              << " updated, " << report->skipped.size() << " skipped.\n";
    return Ok{};
  });
}

}  // namespace

void register_collections_transfer(CLI::App& group, Dispatch& dispatch) {
  auto export_options = std::make_shared<ExportOptions>();
  auto* exp = group.add_subcommand("export", "Write a collection's schema (JSON), or with --data its records");
  exp->add_option("NAME", export_options->name, "The collection")->required();
  exp->add_flag("--data", export_options->data, "Export the records instead of the schema");
  exp->add_option("--format", export_options->format, "Records as json (default), ndjson or csv")
      ->check(CLI::IsMember({"json", "ndjson", "csv"}));
  exp->add_option("-o,--output", export_options->output, "Write to this file (atomically) instead of stdout");
  set_examples(*exp, {"fastcms collections export posts > posts.schema.json",
                      "fastcms collections export posts --data --format csv --output posts.csv"});
  exp->callback([&dispatch, export_options] {
    dispatch.action = [export_options] { return run_export(*export_options); };
  });

  auto import_options = std::make_shared<ImportOptions>();
  auto* imp = group.add_subcommand(
      "import", "Create or update collections from a schema file, or insert records with full validation");
  imp->add_option("FILE", import_options->file, "A schema (JSON) or records (json, ndjson, csv) file")->required();
  imp->add_option("--collection", import_options->collection,
                  "The collection records go to (default: the records' collectionName)");
  imp->add_option("--format", import_options->format, "json, ndjson or csv (default: from the file's extension)")
      ->check(CLI::IsMember({"json", "ndjson", "csv"}));
  imp->add_flag("--upsert", import_options->upsert, "Update the records whose id already exists");
  imp->add_flag("--skip-invalid", import_options->skip_invalid,
                "Report and skip invalid rows instead of aborting (nothing is imported on an abort)");
  set_examples(*imp, {"fastcms collections import posts.schema.json",
                      "fastcms collections import posts.csv --collection posts",
                      "fastcms collections import posts.ndjson --upsert --skip-invalid"});
  imp->callback([&dispatch, import_options] {
    dispatch.action = [import_options] { return run_import(*import_options); };
  });
}

}  // namespace fastcms::cli
