#include "project/structured_file.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <regex>

#include "common/files.h"

namespace fastcms::project {
using nlohmann::json;

namespace {

json plain_scalar(const std::string& s) {
  static const std::regex int_re(R"(^[-+]?[0-9]+$)");
  static const std::regex float_re(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (std::regex_match(s, int_re)) {
    try { return std::stoll(s); } catch (...) { /* too large: keep as float */ }
  }
  if (std::regex_match(s, float_re)) return std::stod(s);
  return s;
}

json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null: return nullptr;
    case YAML::NodeType::Scalar:
      // "!" is the non-specific tag of quoted scalars: they are always strings.
      return node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str" ? json(node.Scalar())
                                                                        : plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      json arr = json::array();
      for (const auto& item : node) arr.push_back(to_json(item));
      return arr;
    }
    case YAML::NodeType::Map: {
      json obj = json::object();
      for (const auto& kv : node) obj[kv.first.as<std::string>()] = to_json(kv.second);
      return obj;
    }
    default: return nullptr;
  }
}

std::string extension_of(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

bool is_structured_file(const std::filesystem::path& path) {
  std::string ext = extension_of(path);
  return ext == ".json" || ext == ".yaml" || ext == ".yml";
}

Result<json> parse_structured(const std::string& text, const std::filesystem::path& name) {
  std::string ext = extension_of(name);
  if (ext == ".json") {
    try {
      return json::parse(text);
    } catch (const json::parse_error& e) {
      // nlohmann reports a byte offset; translate it into line and column.
      size_t line = 1, column = 1;
      for (size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
        if (text[i] == '\n') { ++line; column = 1; } else { ++column; }
      }
      std::string what = e.what();
      auto pos = what.find("syntax error");
      return Error::failure(name.string() + ": line " + std::to_string(line) + ", column " +
                            std::to_string(column) + ": invalid JSON (" +
                            (pos == std::string::npos ? what : what.substr(pos)) + ")");
    }
  }
  if (ext == ".yaml" || ext == ".yml") {
    try {
      YAML::Node root = YAML::Load(text);
      return to_json(root);
    } catch (const YAML::Exception& e) {
      return Error::failure(name.string() + ": line " + std::to_string(e.mark.line + 1) + ", column " +
                            std::to_string(e.mark.column + 1) + ": invalid YAML (" + e.msg + ")");
    }
  }
  return Error::failure(name.string() + ": unsupported file type; use .json, .yaml or .yml");
}

Result<json> load_structured_file(const std::filesystem::path& path) {
  auto text = files::read(path);
  if (!text) return text.error();
  return parse_structured(*text, path);
}

}  // namespace fastcms::project
