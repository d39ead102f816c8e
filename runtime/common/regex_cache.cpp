#include "common/regex_cache.h"

#include <deque>
#include <map>

namespace fastcms {

const std::regex& cached_regex(const std::string& pattern) {
  constexpr std::size_t max_patterns = 256;
  thread_local std::map<std::string, std::regex> compiled;
  thread_local std::deque<std::string> order;
  if (auto it = compiled.find(pattern); it != compiled.end()) return it->second;
  std::regex re(pattern, std::regex::ECMAScript);  // may throw: nothing cached then
  if (compiled.size() >= max_patterns) {
    compiled.erase(order.front());
    order.pop_front();
  }
  order.push_back(pattern);
  return compiled.emplace(pattern, std::move(re)).first->second;
}

}  // namespace fastcms
