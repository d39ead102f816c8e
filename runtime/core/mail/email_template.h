#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/mail/mail_message.h"

namespace fastcms::core::mail {

/// Placeholder values for an email template, by name without braces ("TOKEN" → "abc").
using TemplateValues = std::map<std::string, std::string>;

/// The values every template gets from the settings' `meta` block: APP_NAME and APP_URL
/// (without a trailing slash).
TemplateValues meta_template_values(const nlohmann::json& settings);

/// Replaces every `{NAME}` in `text` whose NAME is in `values` (unknown placeholders stay
/// as written). With `html_escape`, the inserted values are HTML-escaped.
std::string render_placeholders(std::string_view text, const TemplateValues& values, bool html_escape);

/// A mail from a collection email template `{subject, body}` (PocketBase's shape): the subject
/// rendered as text, the body as HTML, the sender from settings `meta` (senderName,
/// senderAddress), addressed to `to`. `values` are added to meta_template_values().
MailMessage render_email_template(const nlohmann::json& email_template, const nlohmann::json& settings,
                                  const std::string& to, const TemplateValues& values);

}  // namespace fastcms::core::mail
