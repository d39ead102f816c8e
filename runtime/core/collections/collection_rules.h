#pragma once
#include <string>
#include <vector>

#include "core/collections/collection.h"

namespace fastcms::core::collections {

/// A rule of a collection that does not compile.
struct RuleProblem {
  /// Where the rule is, as keys into the collection JSON: {"listRule"},
  /// {"fields", "2", "readRule"}, {"mfa", "rule"}.
  std::vector<std::string> path;
  std::string message;  ///< the filter compiler's message
};

/// Compiles every rule of `collection` against `schema` (which must contain the
/// collection as it will be): the five record rules, authRule and manageRule, mfa.rule,
/// and the fields' readRule/writeRule. null and "" rules need no compiling.
std::vector<RuleProblem> check_rules(const Collection& collection, const Schema& schema);

}  // namespace fastcms::core::collections
