#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/api_request.h"

namespace fastcms::http {

/// A route handler: reads the request (path params already filled in) and answers.
using Handler = std::function<ApiResponse(ApiRequest&)>;

/// Maps METHOD + path patterns such as "/api/collections/{collection}/records/{id}" to
/// handlers. A `{name}` segment matches one non-empty path segment; literal segments win
/// over parameters, so "/api/collections/import" is not taken for a collection named
/// "import". Used by the HTTP server and by /api/batch alike.
class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;
    std::map<std::string, std::string> params;
    std::string pattern;
  };
  enum class Miss { not_found, method_not_allowed };

  /// The handler for `method` and `path`, or why there is none.
  std::variant<Match, Miss> match(std::string_view method, std::string_view path) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace fastcms::http
