#include "core/files/s3_xml.h"

#include <cstdlib>
#include <regex>
#include <utility>

#include "common/datetime.h"

namespace fastcms::core::files {

std::vector<std::string> xml_values(const std::string& xml, const std::string& tag) {
  std::vector<std::string> out;
  std::regex element("<" + tag + ">([^<]*)</" + tag + ">");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), element); it != std::sregex_iterator(); ++it) {
    std::string v = (*it)[1];
    for (auto [entity, ch] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
      for (size_t at = v.find(entity); at != std::string::npos; at = v.find(entity, at + ch.size()))
        v.replace(at, entity.size(), ch);
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<std::string> xml_elements(const std::string& xml, const std::string& tag) {
  std::vector<std::string> out;
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  for (size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at)) {
    size_t end = xml.find(close, at + open.size());
    if (end == std::string::npos) break;
    out.push_back(xml.substr(at + open.size(), end - at - open.size()));
    at = end + close.size();
  }
  return out;
}

S3ListPage parse_s3_list_page(const std::string& xml, std::chrono::system_clock::time_point unknown_modified) {
  S3ListPage page;
  for (const auto& contents : xml_elements(xml, "Contents")) {
    auto keys = xml_values(contents, "Key");
    if (keys.empty()) continue;
    StoredObject object{keys[0], 0, unknown_modified};
    if (auto sizes = xml_values(contents, "Size"); !sizes.empty()) object.size = std::strtoull(sizes[0].c_str(), nullptr, 10);
    if (auto times = xml_values(contents, "LastModified"); !times.empty())
      if (auto t = datetime::parse(times[0])) object.modified = *t;
    page.objects.push_back(std::move(object));
  }
  auto truncated = xml_values(xml, "IsTruncated");
  auto next = xml_values(xml, "NextContinuationToken");
  if (!truncated.empty() && truncated[0] == "true" && !next.empty()) page.next_token = next[0];
  return page;
}

}  // namespace fastcms::core::files
