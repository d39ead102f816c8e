#pragma once
#include <map>
#include <string>

#include "common/error.h"

namespace fastcms::project {

using EnvMap = std::map<std::string, std::string>;

/// Parses .env text: `KEY=value` lines, optional `export ` prefix, `#` comments, blank
/// lines, single-quoted (literal) or double-quoted (\n \t \" \\ escapes) values; an
/// unquoted value ends at " #". `source` names the file in errors ("<source>: line N: ...").
Result<EnvMap> parse_dotenv(const std::string& text, const std::string& source);

/// The process environment as a map.
EnvMap process_environment();

}  // namespace fastcms::project
