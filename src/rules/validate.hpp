// Checks on a compiled rule-set's machine, as a compiler's warnings are to a program: states no
// case can reach, states no case can leave for a final one, loops of date-driven transitions,
// and declarations that can never take effect. `caseflow check` prints them.
#pragma once

#include <string>
#include <vector>

#include "caseflow/ruleset.hpp"
#include "rules/model.hpp"

namespace caseflow::rules {

/// How serious a finding is: an error makes the rule file unfit for use, a warning is suspicious.
enum class Severity : std::uint8_t { warning, error };

/// One finding of validate(): what is wrong and where the offending declaration was written.
struct Finding {
  Severity severity = Severity::warning;
  SourceMark mark;      ///< line 0: no place in the file (e.g. a built-in with no marks)
  std::string check;    ///< the check's short name, e.g. "unreachable-state"
  std::string message;  ///< one sentence naming the state, event, timer or obligation
};

/// Runs every graph check over the compiled machine of one version (Boost.Graph; transitions that
/// are not part of the version are left out); findings come in the order of the checks, then of
/// the declarations. The checks, their names and severities:
///   unreachable-state (error)      a state no case can reach from the initial state or an opening
///   dead-end (error)               a non-final state from which no final state can be reached
///   timer-loop (error)             states joined in a cycle by timer transitions alone
///   unused-event (warning)         an event that no transition takes: it is always rejected
///   unmeetable-obligation (warning) an obligation that no event can meet while it is open
///   timer-never-fires (warning)    a timer never started, or with no transition on it in its scope
std::vector<Finding> validate(const Model& model);

/// `FILE:LINE:COL: error: MESSAGE [check]` (or `FILE: ...` when the finding has no place).
std::string format_finding(const Model& model, const Finding& finding);

/// A finding as `caseflow check` reports it for a whole rule-set: formatted, and followed by
/// ` (version A, B)` when only some of the rule-set's versions give it.
struct ReportedFinding {
  Finding finding;
  std::string line;
};

/// Validates every version of a rule-set; a finding that every version gives is reported once.
std::vector<ReportedFinding> validate_versions(const RuleSet& rules);

}  // namespace caseflow::rules
