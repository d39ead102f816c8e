#include "http/router.h"

#include "common/strings.h"

namespace fastcms::http {

namespace {

std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.emplace_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// Number of literal segments: more literal means more specific.
int literal_count(const std::vector<std::string>& segments) {
  int n = 0;
  for (const auto& s : segments) n += is_param(s) ? 0 : 1;
  return n;
}

bool segments_match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                    std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (is_param(pattern[i])) params[pattern[i].substr(1, pattern[i].size() - 2)] = path[i];
    else if (pattern[i] != path[i]) return false;
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  auto segments = path_segments(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

std::variant<Router::Match, Router::Miss> Router::match(std::string_view method, std::string_view path) const {
  auto segments = path_segments(path);
  const Route* best = nullptr;
  std::map<std::string, std::string> best_params;
  bool path_known = false;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!segments_match(route.segments, segments, params)) continue;
    path_known = true;
    if (route.method != method && !(method == "HEAD" && route.method == "GET")) continue;
    if (!best || literal_count(route.segments) > literal_count(best->segments)) {
      best = &route;
      best_params = std::move(params);
    }
  }
  if (best) return Match{&best->handler, std::move(best_params), best->pattern};
  return path_known ? Miss::method_not_allowed : Miss::not_found;
}

}  // namespace fastcms::http
