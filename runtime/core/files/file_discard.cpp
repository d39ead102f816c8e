#include "core/files/file_discard.h"

#include <iostream>

#include "common/background_tasks.h"

namespace fastcms::core::files {

std::string derived_from(std::string_view folder) {
  for (std::string_view prefix : derived_folder_prefixes)
    if (folder.size() > prefix.size() && folder.substr(0, prefix.size()) == prefix)
      return std::string(folder.substr(prefix.size()));
  return "";
}

void FileDiscard::add_file(std::string_view collection_id, std::string_view record_id, std::string_view name) {
  const std::string folder = std::string(collection_id) + "/" + std::string(record_id) + "/";
  keys.push_back(folder + std::string(name));
  for (std::string_view prefix : derived_folder_prefixes)
    prefixes.push_back(folder + std::string(prefix) + std::string(name));
}

void discard_after_commit(db::Connection& db, FileDiscard discard) {
  if (discard.empty()) return;
  db.notify(discard_channel, std::make_shared<const FileDiscard>(std::move(discard)));
}

std::vector<std::string> remove_files(FileStorage& storage, const FileDiscard& discard) {
  std::vector<std::string> failures;
  for (const auto& key : discard.keys)
    if (auto removed = storage.remove(key); !removed) failures.push_back(removed.error().message);
  for (const auto& prefix : discard.prefixes)
    if (auto removed = storage.remove_prefix(prefix); !removed) failures.push_back(removed.error().message);
  return failures;
}

db::ListenerId remove_discarded_files(db::Database& db, std::function<std::shared_ptr<FileStorage>()> storage) {
  return db.listen(std::string(discard_channel), [storage = std::move(storage)](const db::NotifyPayload& payload) {
    auto discard = std::static_pointer_cast<const FileDiscard>(payload);
    auto target = storage();
    if (!discard || !target) return;
    background::run([discard = std::move(discard), target = std::move(target)] {
      for (const auto& failure : remove_files(*target, *discard))
        std::cerr << "fastcms: removing a discarded file failed (the orphan sweep will retry): " << failure
                  << std::endl;
    });
  });
}

}  // namespace fastcms::core::files
