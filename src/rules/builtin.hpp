// The rule-sets shipped inside the library, embedded from rulesets/*.yaml at build time.
#pragma once

#include <cstddef>
#include <string>

#include "rules/model.hpp"

namespace caseflow::rules {

/// A built-in rule file: its name and YAML text.
struct BuiltinText {
  const char* name;
  const char* text;
};

extern const BuiltinText kBuiltinRuleSets[];
extern const std::size_t kBuiltinRuleSetCount;

/// Parses, checks and compiles rule-set text; throws RuleSetError.
Model load_model(std::string_view text, const std::string& origin);

}  // namespace caseflow::rules
