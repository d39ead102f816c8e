#include "core/backups/archive_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <vector>

#include "common/build_info.h"
#include "common/datetime.h"
#include "common/files.h"
#include "common/sha256_stream.h"
#include "core/backups/backup_manifest.h"
#include "db/sqlite/sqlite_snapshot.h"

namespace fastcms::core::backups {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t chunk_size = 1 << 20;

struct ArchiveCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryCloser {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

/// A zip being written, with the running byte count for progress.
class ZipWriter {
 public:
  Status open(const fs::path& file) {
    archive_.reset(archive_write_new());
    if (archive_write_set_format_zip(archive_.get()) != ARCHIVE_OK) return failure("zip format");
    archive_write_set_options(archive_.get(), "zip:compression=deflate");
    if (archive_write_open_filename(archive_.get(), file.c_str()) != ARCHIVE_OK) return failure(file.string());
    return Ok{};
  }

  /// Adds `source` as `entry_name`; returns its manifest line.
  Result<ManifestFile> add_file(const fs::path& source, const std::string& entry_name, const ProgressFn& progress,
                                std::uint64_t& done, std::uint64_t total) {
    std::ifstream in(source, std::ios::binary);
    struct stat info {};
    if (!in || ::stat(source.c_str(), &info) != 0)
      return Error::failure("cannot read " + source.string() + ": " + fastcms::files::last_os_error());
    std::unique_ptr<archive_entry, EntryCloser> entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), entry_name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), info.st_size);
    archive_entry_set_mtime(entry.get(), info.st_mtime, 0);
    if (archive_write_header(archive_.get(), entry.get()) != ARCHIVE_OK) return failure(entry_name);
    Sha256Stream hash;
    std::vector<char> buffer(chunk_size);
    std::uint64_t left = static_cast<std::uint64_t>(info.st_size);
    while (left > 0) {
      in.read(buffer.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(left, buffer.size())));
      std::streamsize n = in.gcount();
      if (n <= 0) return Error::failure(source.string() + " shrank while it was being archived; run the backup again");
      hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
      if (archive_write_data(archive_.get(), buffer.data(), static_cast<std::size_t>(n)) != n)
        return failure(entry_name);
      left -= static_cast<std::uint64_t>(n);
      done += static_cast<std::uint64_t>(n);
      if (progress) progress(done, total);
    }
    return ManifestFile{entry_name, static_cast<std::uint64_t>(info.st_size), hash.hex_digest()};
  }

  Status add_text(const std::string& entry_name, const std::string& content) {
    std::unique_ptr<archive_entry, EntryCloser> entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), entry_name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(content.size()));
    archive_entry_set_mtime(entry.get(), ::time(nullptr), 0);
    if (archive_write_header(archive_.get(), entry.get()) != ARCHIVE_OK ||
        archive_write_data(archive_.get(), content.data(), content.size()) != static_cast<la_ssize_t>(content.size()))
      return failure(entry_name);
    return Ok{};
  }

  Status close() {
    if (archive_write_close(archive_.get()) != ARCHIVE_OK) return failure("closing the archive");
    return Ok{};
  }

 private:
  Error failure(const std::string& what) {
    const char* reason = archive_error_string(archive_.get());
    return Error::failure("cannot write the backup (" + what + "): " + (reason ? reason : "unknown error"));
  }
  std::unique_ptr<archive, ArchiveCloser> archive_;
};

Result<CreatedBackup> write_archive(const BackupLayout& layout, const fs::path& work, const fs::path& zip,
                                    const ProgressFn& progress) {
  fs::path snapshot = work / "database.snapshot";
  if (auto st = db::snapshot_sqlite_file(layout.data_dir / layout.database, snapshot); !st.ok()) return st.error();
  auto sources = archive_sources(layout);
  if (!sources.ok()) return sources.error();
  sources->insert(sources->begin(), {snapshot, layout.database.generic_string()});

  std::uint64_t total = 0, done = 0;
  for (const auto& s : *sources) {
    std::error_code ec;
    total += fs::file_size(s.file, ec);
  }
  ZipWriter writer;
  if (auto st = writer.open(zip); !st.ok()) return st.error();
  BackupManifest manifest{datetime::now(), build::version, layout.database.generic_string(), {}};
  for (const auto& s : *sources) {
    auto line = writer.add_file(s.file, s.entry, progress, done, total);
    if (!line.ok()) return line.error();
    manifest.files.push_back(std::move(*line));
  }
  if (auto st = writer.add_text(manifest_entry, manifest.to_json().dump(2)); !st.ok()) return st.error();
  if (auto st = writer.close(); !st.ok()) return st.error();
  std::error_code ec;
  return CreatedBackup{{}, fs::file_size(zip, ec), sources->size(), total};
}

}  // namespace

Result<CreatedBackup> create_backup(const BackupLayout& layout, const fs::path& output, const ProgressFn& progress) {
  std::error_code ec;
  if (fs::exists(output, ec)) return Error::usage(output.string() + " already exists; choose another name");
  fs::create_directories(output.parent_path().empty() ? fs::path(".") : output.parent_path(), ec);
  auto work = fastcms::files::make_temp_dir_beside(output);
  if (!work.ok()) return work.error();
  fs::path zip = *work / "backup.zip";
  auto created = write_archive(layout, *work, zip, progress);
  if (created.ok()) {
    fs::rename(zip, output, ec);
    if (ec) created = Error::failure("cannot move the backup to " + output.string() + ": " + ec.message());
  }
  fs::remove_all(*work, ec);
  if (!created.ok()) return created.error();
  created->file = output;
  return created;
}

}  // namespace fastcms::core::backups
