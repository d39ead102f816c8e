#pragma once
#include <string>
#include <string_view>

#include "common/error.h"

namespace fastcms::core::records {

/// A random string matching `pattern`, for text fields' `autogeneratePattern` (e.g.
/// "[a-z0-9]{15}" for ids, "[a-zA-Z0-9]{50}" for token keys, "post-[0-9]{4}").
///
/// Written by hand: no packaged library generates strings from a regular expression, and
/// PocketBase's patterns use a small subset. Supported: literal characters and escapes
/// (\. \- \\ …), character classes with ranges ([a-z0-9_], \d \w inside or outside a class),
/// `.` (a letter or digit), groups ( … ) and (?: … ), alternation a|b, and the quantifiers
/// {n}, {n,m}, {n,}, ?, * and + (open-ended repeats add at most 6). Anchors ^ and $ are
/// ignored. Randomness comes from the kernel CSPRNG.
/// Fails (ErrorKind::usage) for anything else, e.g. negated classes [^a] or lookarounds.
Result<std::string> random_string_from_pattern(std::string_view pattern);

}  // namespace fastcms::core::records
