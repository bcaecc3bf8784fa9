// Explaining one case in plain words: why it is where it is on a date, and where each due date
// comes from (the rule, the arithmetic, the legal reference). Shared by `caseflow explain` and
// `caseflow test --explain`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/replay.hpp"

namespace caseflow::cli {

/// A case explained: the text, the problems with its own events, and every due date the
/// explanation could not reproduce (empty when each step leads to the engine's date).
struct CaseExplanation {
  std::string text;
  std::vector<LineReport> reports;          ///< the case's bad or rejected lines
  std::vector<std::string> disagreements;
};

/// Replays `lines` as `caseflow timeline` does and explains case `case_id` as of `as_of` (default:
/// the latest event's date); throws BadInput when the case has no applied event by then.
CaseExplanation explain_case(const RuleSet& rules, const std::vector<InputLine>& lines, const std::string& case_id,
                             std::optional<Date> as_of);

}  // namespace caseflow::cli
