#include "core/mail/email_template.h"

namespace fastcms::core::mail {
using nlohmann::json;

namespace {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string string_at(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

TemplateValues meta_template_values(const json& settings) {
  json meta = settings.is_object() ? settings.value("meta", json::object()) : json::object();
  std::string url = string_at(meta, "appURL");
  while (!url.empty() && url.back() == '/') url.pop_back();
  return {{"APP_NAME", string_at(meta, "appName")}, {"APP_URL", url}};
}

std::string render_placeholders(std::string_view text, const TemplateValues& values, bool html_escape) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    auto found = values.find(std::string(text.substr(open + 1, close - open - 1)));
    if (found == values.end()) {
      out += '{';
      i = open + 1;
      continue;
    }
    out += html_escape ? escape_html(found->second) : found->second;
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

MailMessage render_email_template(const json& email_template, const json& settings, const std::string& to,
                                  const TemplateValues& values) {
  TemplateValues all = meta_template_values(settings);
  for (const auto& [name, value] : values) all[name] = value;
  json meta = settings.is_object() ? settings.value("meta", json::object()) : json::object();
  MailMessage message;
  message.from_name = string_at(meta, "senderName");
  message.from_address = string_at(meta, "senderAddress");
  message.to = {to};
  message.subject = render_placeholders(string_at(email_template, "subject"), all, false);
  message.html = render_placeholders(string_at(email_template, "body"), all, true);
  return message;
}

}  // namespace fastcms::core::mail
