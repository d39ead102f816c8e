#include "project/dotenv.h"

#include <regex>
#include <sstream>

#include "common/strings.h"

extern char** environ;

namespace fastcms::project {

namespace {

Result<std::string> unquote(const std::string& raw, const std::string& where) {
  if (raw.empty()) return std::string();
  char q = raw.front();
  if (q == '\'' || q == '"') {
    size_t close = raw.find(q, 1);
    if (q == '"') {
      std::string out;
      for (size_t i = 1; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\\' && i + 1 < raw.size()) {
          char n = raw[++i];
          out += n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n;
          continue;
        }
        if (c == '"') {
          std::string rest = strings::trim(raw.substr(i + 1));
          if (!rest.empty() && rest.front() != '#')
            return Error::failure(where + ": unexpected text after the closing quote");
          return out;
        }
        out += c;
      }
      return Error::failure(where + ": missing closing \" quote");
    }
    if (close == std::string::npos) return Error::failure(where + ": missing closing ' quote");
    std::string rest = strings::trim(raw.substr(close + 1));
    if (!rest.empty() && rest.front() != '#')
      return Error::failure(where + ": unexpected text after the closing quote");
    return raw.substr(1, close - 1);
  }
  size_t comment = raw.find(" #");
  return strings::trim(comment == std::string::npos ? raw : raw.substr(0, comment));
}

}  // namespace

Result<EnvMap> parse_dotenv(const std::string& text, const std::string& source) {
  static const std::regex key_re("^[A-Za-z_][A-Za-z0-9_]*$");
  EnvMap out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string trimmed = strings::trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    if (trimmed.starts_with("export ")) trimmed = strings::trim(trimmed.substr(7));
    std::string where = source + ": line " + std::to_string(number);
    size_t eq = trimmed.find('=');
    if (eq == std::string::npos)
      return Error::failure(where + ": expected KEY=value, got \"" + trimmed + "\"");
    std::string key = strings::trim(trimmed.substr(0, eq));
    if (!std::regex_match(key, key_re))
      return Error::failure(where + ": \"" + key + "\" is not a valid variable name (letters, digits, '_')");
    auto value = unquote(strings::trim(trimmed.substr(eq + 1)), where);
    if (!value) return value.error();
    out[key] = *value;
  }
  return out;
}

EnvMap process_environment() {
  EnvMap out;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    size_t eq = entry.find('=');
    if (eq != std::string::npos) out[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return out;
}

}  // namespace fastcms::project
