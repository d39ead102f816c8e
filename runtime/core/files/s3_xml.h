#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "core/files/file_storage.h"

/// The little XML that S3 answers with (errors, ListObjectsV2 pages), read without a parser.
namespace fastcms::core::files {

/// The text of every <tag>…</tag> in `xml`, XML entities decoded.
std::vector<std::string> xml_values(const std::string& xml, const std::string& tag);

/// The inner XML of every <tag>…</tag> element in `xml` (elements of one name, not nested).
std::vector<std::string> xml_elements(const std::string& xml, const std::string& tag);

/// One page of a ListObjectsV2 answer.
struct S3ListPage {
  std::vector<StoredObject> objects;  ///< in the answer's order
  std::string next_token;             ///< the continuation token; "" on the last page
};

/// Reads a ListObjectsV2 page. An object whose LastModified is missing or unreadable gets
/// `unknown_modified` (pass "now": the orphan sweep then treats it as just written and
/// keeps it through its grace period, instead of taking it for a 1970 file).
S3ListPage parse_s3_list_page(const std::string& xml, std::chrono::system_clock::time_point unknown_modified);

}  // namespace fastcms::core::files
