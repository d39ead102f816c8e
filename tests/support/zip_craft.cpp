#include "support/zip_craft.h"

#include <archive.h>
#include <archive_entry.h>

#include <stdexcept>

#include "core/backups/backup_manifest.h"
#include "common/sha256.h"

namespace fastcms::test {

void write_zip(const std::filesystem::path& file, const std::vector<ZipEntry>& entries, bool store) {
  std::filesystem::create_directories(file.parent_path());
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  if (store) archive_write_set_options(a, "zip:compression=store");
  if (archive_write_open_filename(a, file.c_str()) != ARCHIVE_OK) throw std::runtime_error("cannot write zip");
  for (const auto& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    if (!e.link.empty()) {
      archive_entry_set_filetype(entry, AE_IFLNK);
      archive_entry_set_symlink(entry, e.link.c_str());
      archive_entry_set_perm(entry, 0777);
      archive_write_header(a, entry);
    } else {
      archive_entry_set_filetype(entry, AE_IFREG);
      archive_entry_set_perm(entry, 0644);
      archive_entry_set_size(entry, static_cast<la_int64_t>(e.content.size()));
      archive_write_header(a, entry);
      archive_write_data(a, e.content.data(), e.content.size());
    }
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
}

std::string manifest_for(const std::vector<ZipEntry>& files, const std::string& database) {
  core::backups::BackupManifest manifest{"2026-01-01 00:00:00.000Z", "test", database, {}};
  for (const auto& f : files) manifest.files.push_back({f.name, f.content.size(), sha256_hex(f.content)});
  return manifest.to_json().dump();
}

}  // namespace fastcms::test
