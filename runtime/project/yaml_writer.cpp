#include "project/yaml_writer.h"

#include <yaml-cpp/yaml.h>

#include <regex>

namespace fastcms::project {
using nlohmann::ordered_json;

namespace {

bool can_be_plain(const std::string& s) {
  static const std::regex plain(R"(^[A-Za-z_/][A-Za-z0-9_ ./@()-]*[A-Za-z0-9_/@)]$|^[A-Za-z_]$)");
  static const std::regex reserved(R"(^(true|false|null|yes|no|on|off|y|n|~)$)", std::regex::icase);
  return std::regex_match(s, plain) && !std::regex_match(s, reserved);
}

void emit(YAML::Emitter& out, const ordered_json& value) {
  switch (value.type()) {
    case ordered_json::value_t::object:
      out << YAML::BeginMap;
      for (auto it = value.begin(); it != value.end(); ++it) {
        out << YAML::Key;
        if (can_be_plain(it.key())) out << it.key();
        else out << YAML::DoubleQuoted << it.key();
        out << YAML::Value;
        emit(out, *it);
      }
      out << YAML::EndMap;
      break;
    case ordered_json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& item : value) emit(out, item);
      out << YAML::EndSeq;
      break;
    case ordered_json::value_t::string: {
      const std::string& s = value.get_ref<const std::string&>();
      if (can_be_plain(s)) out << s;
      else out << YAML::DoubleQuoted << s;
      break;
    }
    case ordered_json::value_t::boolean: out << (value.get<bool>() ? "true" : "false"); break;
    case ordered_json::value_t::null: out << YAML::Null; break;
    default: out << value.dump(); break;  // numbers, in JSON's shortest exact form
  }
}

}  // namespace

std::string to_yaml(const ordered_json& value) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, value);
  return std::string(out.c_str()) + "\n";
}

}  // namespace fastcms::project
