#include "http/request_reader.h"

#include "common/strings.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>

namespace fastcms::http {

namespace {

constexpr const char* bad_body_message = "Failed to load the submitted data due to invalid formatting";

core::ApiError bad_body(const std::string& reason) {
  return core::ApiError::bad_request(std::string(bad_body_message) + ": " + reason + ".");
}

bool is_blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

core::ApiStatus read_json_body(const std::string& text, nlohmann::json& body) {
  if (is_blank(text)) return Ok{};
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return bad_body("the body is not valid JSON");
  if (!parsed.is_object()) return bad_body("the body must be a JSON object");
  body = std::move(parsed);
  return Ok{};
}

}  // namespace

core::ApiStatus merge_form_field(nlohmann::json& body, const std::string& name, const std::string& value) {
  if (name == "@jsonPayload") {
    auto payload = nlohmann::json::parse(value, nullptr, false);
    if (payload.is_discarded() || !payload.is_object())
      return bad_body("the @jsonPayload field must hold a JSON object");
    for (auto& [key, v] : payload.items()) body[key] = v;
    return Ok{};
  }
  auto it = body.find(name);
  if (it == body.end()) body[name] = value;
  else if (it->is_array()) it->push_back(value);
  else *it = nlohmann::json::array({*it, value});
  return Ok{};
}

core::ApiResult<ApiRequest> read_request(httplib::Request& req) {
  ApiRequest out;
  out.method = req.method;
  out.path = req.path;
  out.remote_ip = req.remote_addr;
  for (const auto& [name, value] : req.headers) out.headers.emplace(strings::to_lower(name), value);
  if (auto q = req.target.find('?'); q != std::string::npos) {
    httplib::Params params;
    httplib::detail::parse_query_text(req.target.substr(q + 1), params);
    out.query.insert(params.begin(), params.end());
  }

  std::string type = strings::to_lower(req.get_header_value("Content-Type"));
  if (type.rfind("multipart/form-data", 0) == 0) {
    for (auto& [name, part] : req.files) {
      if (!part.filename.empty()) {
        out.files.push_back({name, part.filename, part.content_type, std::move(part.content)});
        continue;
      }
      if (auto merged = merge_form_field(out.body, name, part.content); !merged.ok()) return merged.error();
    }
  } else if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    httplib::Params fields;
    httplib::detail::parse_query_text(req.body, fields);
    for (const auto& [name, value] : fields)
      if (auto merged = merge_form_field(out.body, name, value); !merged.ok()) return merged.error();
  } else if (type.empty() || type.find("json") != std::string::npos) {
    if (auto read = read_json_body(req.body, out.body); !read.ok()) return read.error();
  } else if (!is_blank(req.body)) {
    return bad_body("unsupported Content-Type \"" + req.get_header_value("Content-Type") +
                    "\"; send application/json or multipart/form-data");
  }
  return out;
}

}  // namespace fastcms::http
