#include "core/backups/archive_verifier.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <vector>

#include "common/files.h"
#include "common/sha256_stream.h"
#include "core/backups/backup_layout.h"
#include "db/sqlite/sqlite_snapshot.h"

namespace fastcms::core::backups {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t max_manifest_size = 64 << 20;

struct ReaderCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

struct Extracted {
  std::uint64_t size = 0;
  std::string sha256;
};

Error refused(const std::string& why) { return Error::failure("refusing the backup: " + why); }

/// Streams the current entry's data to `sink`; an Error on any read failure (bad CRC,
/// truncation).
template <class Sink>
Status read_entry_data(archive* reader, const std::string& name, Sink&& sink) {
  std::vector<char> buffer(1 << 20);
  for (;;) {
    la_ssize_t n = archive_read_data(reader, buffer.data(), buffer.size());
    if (n == 0) return Ok{};
    if (n < 0) {
      const char* reason = archive_error_string(reader);
      return refused(name + " cannot be read: " + (reason ? reason : "damaged archive"));
    }
    if (auto st = sink(std::string_view(buffer.data(), static_cast<std::size_t>(n))); !st.ok()) return st;
  }
}

Result<Extracted> extract_file(archive* reader, const std::string& name, const fs::path& target) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return Error::failure("cannot create " + target.parent_path().string() + ": " + ec.message());
  int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return Error::failure("cannot write " + target.string() + ": " + fastcms::files::last_os_error());
  Sha256Stream hash;
  Extracted out;
  auto written = read_entry_data(reader, name, [&](std::string_view chunk) -> Status {
    hash.update(chunk);
    out.size += chunk.size();
    for (std::size_t off = 0; off < chunk.size();) {
      ssize_t n = ::write(fd, chunk.data() + off, chunk.size() - off);
      if (n < 0) return Error::failure("cannot write " + target.string() + ": " + fastcms::files::last_os_error());
      off += static_cast<std::size_t>(n);
    }
    return Ok{};
  });
  ::close(fd);
  if (!written.ok()) return written.error();
  out.sha256 = hash.hex_digest();
  return out;
}

Status compare_with_manifest(const BackupManifest& manifest, const std::map<std::string, Extracted>& files) {
  for (const auto& listed : manifest.files) {
    auto it = files.find(listed.path);
    if (it == files.end()) return refused(listed.path + " is listed in the manifest but missing from the archive");
    if (it->second.size != listed.size)
      return refused(listed.path + " has " + std::to_string(it->second.size) + " bytes, the manifest says " +
                     std::to_string(listed.size));
    if (it->second.sha256 != listed.sha256) return refused(listed.path + " does not match its SHA-256 checksum");
  }
  if (files.size() != manifest.files.size())
    for (const auto& [path, _] : files) {
      bool listed = false;
      for (const auto& l : manifest.files) listed = listed || l.path == path;
      if (!listed) return refused(path + " is not listed in the manifest");
    }
  return Ok{};
}

}  // namespace

std::optional<std::string> unsafe_entry_reason(std::string_view name) {
  if (name.empty()) return "an entry has an empty name";
  if (name.front() == '/') return "the absolute path " + std::string(name);
  if (name.find('\\') != std::string_view::npos) return "the path " + std::string(name) + " contains a backslash";
  if (name.size() >= 2 && name[1] == ':') return "the path " + std::string(name) + " names a drive";
  for (std::size_t start = 0; start <= name.size();) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") return "the path " + std::string(name) + " leaves the project (..)";
    start = end + 1;
  }
  return std::nullopt;
}

Result<VerifiedBackup> verify_backup(const fs::path& zip, const fs::path& folder, const ProgressFn& progress) {
  std::error_code ec;
  if (!fs::is_regular_file(zip, ec)) return Error::usage(zip.string() + ": no such backup file");
  std::uint64_t total = fs::file_size(zip, ec);
  if (!fs::create_directory(folder, ec)) return Error::failure("cannot create " + folder.string() + ": " + ec.message());

  std::unique_ptr<archive, ReaderCloser> reader(archive_read_new());
  // The seekable reader works from the central directory at the end of the file, so a
  // truncated archive is refused even when every entry before the cut is intact.
  archive_read_support_format_zip_seekable(reader.get());
  if (archive_read_open_filename(reader.get(), zip.c_str(), 1 << 16) != ARCHIVE_OK)
    return refused(zip.string() + " is not a readable zip archive: " + archive_error_string(reader.get()));

  std::map<std::string, Extracted> files;
  std::optional<std::string> manifest_text;
  for (;;) {
    archive_entry* entry = nullptr;
    int rc = archive_read_next_header(reader.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK) {
      const char* reason = archive_error_string(reader.get());
      return refused(zip.string() + " is damaged: " + (reason ? reason : "unreadable entry"));
    }
    std::string name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    if (auto why = unsafe_entry_reason(name)) return refused(*why);
    while (name.size() > 1 && name.back() == '/') name.pop_back();
    const char* link = archive_entry_symlink(entry) ? archive_entry_symlink(entry) : archive_entry_hardlink(entry);
    if (link || archive_entry_filetype(entry) == AE_IFLNK)
      return refused("the entry " + name + " is a link" + (link ? " to " + std::string(link) : std::string()) +
                     "; backups hold no links");
    if (archive_entry_filetype(entry) == AE_IFDIR) {
      fs::create_directories(folder / name, ec);
      continue;
    }
    if (archive_entry_filetype(entry) != AE_IFREG) return refused("the entry " + name + " is not a regular file");
    if (files.count(name) || (name == manifest_entry && manifest_text))
      return refused("the entry " + name + " appears twice");
    if (name == manifest_entry) {
      std::string text;
      auto read = read_entry_data(reader.get(), name, [&](std::string_view chunk) -> Status {
        if (text.size() + chunk.size() > max_manifest_size) return refused("the manifest is too large");
        text.append(chunk);
        return Ok{};
      });
      if (!read.ok()) return read.error();
      manifest_text = std::move(text);
      continue;
    }
    auto extracted = extract_file(reader.get(), name, folder / name);
    if (!extracted.ok()) return extracted.error();
    files.emplace(name, std::move(*extracted));
    if (progress) progress(std::min<std::uint64_t>(archive_filter_bytes(reader.get(), -1), total), total);
  }
  if (!manifest_text) return refused(zip.string() + " has no " + manifest_entry + " (not a fastcms backup)");
  auto manifest = BackupManifest::parse(*manifest_text);
  if (!manifest.ok()) return refused(manifest.error().message);
  for (const auto& f : manifest->files)
    if (auto why = unsafe_entry_reason(f.path)) return refused("the manifest lists " + *why);
  if (auto st = compare_with_manifest(*manifest, files); !st.ok()) return st.error();
  if (auto st = db::check_sqlite_integrity(folder / manifest->database); !st.ok()) return refused(st.error().message);
  if (progress) progress(total, total);
  return VerifiedBackup{std::move(*manifest), folder};
}

}  // namespace fastcms::core::backups
