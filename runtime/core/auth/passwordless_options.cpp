#include "core/auth/passwordless_options.h"

#include "core/collections/collection_defaults.h"

namespace fastcms::core::auth {
using nlohmann::json;

namespace {

/// The option block `key`: the defaults with the definition's members of the right type laid over.
json option_block(const collections::Collection& collection, const char* key) {
  json block = collections::auth_option_defaults().at(key);
  auto declared = collection.definition.find(key);
  if (declared == collection.definition.end() || !declared->is_object()) return block;
  for (auto& [name, value] : block.items()) {
    auto it = declared->find(name);
    if (it == declared->end() || it->is_null()) continue;
    bool same_type = (value.is_number() && it->is_number_integer()) || value.type() == it->type();
    if (same_type) value = *it;
  }
  return block;
}

/// A duration or length below 1 means the default (as PocketBase's zero values do).
long long positive_or(const json& value, long long fallback) {
  long long n = value.get<long long>();
  return n > 0 ? n : fallback;
}

}  // namespace

OtpOptions otp_options(const collections::Collection& collection) {
  json block = option_block(collection, "otp");
  OtpOptions out;
  out.enabled = block["enabled"].get<bool>();
  out.duration = positive_or(block["duration"], out.duration);
  out.length = positive_or(block["length"], out.length);
  out.email_template = block["emailTemplate"];
  return out;
}

MagicLinkOptions magic_link_options(const collections::Collection& collection) {
  json block = option_block(collection, "magicLink");
  MagicLinkOptions out;
  out.enabled = block["enabled"].get<bool>();
  out.duration = positive_or(block["duration"], out.duration);
  out.email_template = block["emailTemplate"];
  return out;
}

SmsOptions sms_options(const collections::Collection& collection) {
  json block = option_block(collection, "sms");
  SmsOptions out;
  out.enabled = block["enabled"].get<bool>();
  out.duration = positive_or(block["duration"], out.duration);
  out.length = positive_or(block["length"], out.length);
  if (std::string field = block["phoneField"].get<std::string>(); !field.empty()) out.phone_field = field;
  return out;
}

}  // namespace fastcms::core::auth
