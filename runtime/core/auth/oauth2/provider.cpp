#include "core/auth/oauth2/provider.h"

#include <algorithm>

#include "common/datetime.h"

namespace fastcms::core::auth::oauth2 {
using nlohmann::json;

namespace {

/// The token answer as JSON: a JSON object, or (GitHub without Accept) form fields.
json token_fields(const OutgoingResponse& response) {
  auto parsed = json::parse(response.body, nullptr, false);
  if (parsed.is_object()) return parsed;
  json fields = json::object();
  if (response.content_type.find("x-www-form-urlencoded") != std::string::npos ||
      response.content_type.find("text/plain") != std::string::npos)
    for (auto& [key, value] : form_decode(response.body)) fields[key] = value;
  return fields;
}

/// `expires_in` seconds from now as a PocketBase datetime; "" when absent or not positive.
std::string expiry_of(const json& fields) {
  auto it = fields.find("expires_in");
  if (it == fields.end()) return "";
  long long seconds = 0;
  if (it->is_number()) seconds = it->get<long long>();
  else if (it->is_string()) seconds = std::atoll(it->get<std::string>().c_str());
  if (seconds <= 0) return "";
  return datetime::format(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

std::string truncated(const std::string& text) { return text.size() > 500 ? text.substr(0, 500) + "…" : text; }

}  // namespace

std::string json_text(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  if (it == object.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (it->is_number_unsigned()) return std::to_string(it->get<unsigned long long>());
  return "";
}

bool json_truthy(const json& object, const char* key) {
  if (!object.is_object()) return false;
  auto it = object.find(key);
  if (it == object.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number()) return it->get<double>() != 0;
  if (it->is_string()) {
    std::string v = it->get<std::string>();
    return v == "true" || v == "TRUE" || v == "True" || v == "1" || v == "t" || v == "T";
  }
  return false;
}

Provider::Provider(ProviderDefaults defaults, ProviderConfig config)
    : config_(std::move(config)), settings_(std::move(defaults)) {
  if (!config_.auth_url.empty()) settings_.auth_url = config_.auth_url;
  if (!config_.token_url.empty()) settings_.token_url = config_.token_url;
  if (!config_.user_info_url.empty()) settings_.user_info_url = config_.user_info_url;
  if (!config_.display_name.empty()) settings_.display_name = config_.display_name;
  if (config_.pkce) settings_.pkce = *config_.pkce;
}

std::string Provider::build_auth_url(std::string_view state,
                                     std::vector<std::pair<std::string, std::string>> extra) const {
  std::string scope;
  for (const auto& s : settings_.scopes) scope += (scope.empty() ? "" : " ") + s;
  std::vector<std::pair<std::string, std::string>> params = {
      {"client_id", config_.client_id}, {"response_type", "code"}, {"state", std::string(state)}};
  if (!scope.empty()) params.emplace_back("scope", scope);
  for (auto& p : extra) params.push_back(std::move(p));
  std::stable_sort(params.begin(), params.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::string& base = settings_.auth_url;
  return base + (base.find('?') == std::string::npos ? "?" : "&") + form_encode(params);
}

Result<OAuth2Token> Provider::fetch_token(HttpClient& http, std::string_view code, std::string_view code_verifier,
                                          std::string_view redirect_url) const {
  std::vector<std::pair<std::string, std::string>> form = {
      {"grant_type", "authorization_code"},
      {"code", std::string(code)},
      {"redirect_uri", std::string(redirect_url)},
      {"client_id", config_.client_id},
      {"client_secret", config_.client_secret},
  };
  if (!code_verifier.empty()) form.emplace_back("code_verifier", std::string(code_verifier));
  OutgoingRequest request;
  request.method = "POST";
  request.url = settings_.token_url;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  request.body = form_encode(form);
  request.timeout = provider_request_timeout;
  auto response = http.send(request);
  if (!response) return Error::failure("oauth2: cannot fetch token: " + response.error().message);
  if (response->status < 200 || response->status > 299)
    return Error::failure("oauth2: cannot fetch token: " + std::to_string(response->status) +
                          "\nResponse: " + truncated(response->body));
  json fields = token_fields(*response);
  OAuth2Token token;
  token.access_token = json_text(fields, "access_token");
  if (token.access_token.empty()) return Error::failure("oauth2: server response missing access_token");
  token.refresh_token = json_text(fields, "refresh_token");
  token.id_token = json_text(fields, "id_token");
  token.expiry = expiry_of(fields);
  token.raw = std::move(fields);
  return token;
}

Result<OAuth2User> Provider::fetch_user(HttpClient& http, const OAuth2Token& token) const {
  auto raw = fetch_raw_user(http, token);
  if (!raw) return raw.error();
  if (!raw->is_object()) return Error::failure("oauth2: the user info is not a JSON object");
  return map_user(*raw);
}

Result<json> Provider::fetch_raw_user(HttpClient& http, const OAuth2Token& token) const {
  if (settings_.user_info_url.empty()) return Error::failure("oauth2: provider " + name() + " has no userInfoURL");
  return get_json(http, settings_.user_info_url, token);
}

Result<json> Provider::get_json(HttpClient& http, const std::string& url, const OAuth2Token& token,
                                int* status_out) const {
  OutgoingRequest request;
  request.url = url;
  request.headers = {{"Authorization", "Bearer " + token.access_token}, {"Accept", "application/json"}};
  request.timeout = provider_request_timeout;
  auto response = http.send(request);
  if (!response) return response.error();
  if (status_out) *status_out = response->status;
  if (response->status < 200 || response->status > 299)
    return Error::failure("failed to fetch " + url + " (" + std::to_string(response->status) +
                          "):\n" + truncated(response->body));
  auto parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_discarded()) return Error::failure("the answer of " + url + " is not JSON");
  return parsed;
}

}  // namespace fastcms::core::auth::oauth2
