// The commands of the caseflow tool, one file each; main() only wires them together.
#pragma once

#include <functional>
#include <string>

#include "caseflow/ruleset.hpp"

namespace CLI {
class App;
}

namespace caseflow::cli {

/// A command as main() sees it: the CLI11 subcommand it added, and what to run when chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;  ///< returns an ExitStatus; may throw BadInput or DateError
};

/// `caseflow timeline`: play events through a rule-set and show each case as of a date.
Command add_timeline_command(CLI::App& parent);

/// A built-in rule-set by name or a rule file by path; a load error becomes BadInput.
RuleSet load_rules(const std::string& name_or_path);

/// `caseflow screen`: the weekly monitoring report of a caseload.
Command add_screen_command(CLI::App& parent);

/// `caseflow holidays`: Danish public holidays and working days of a year.
Command add_holidays_command(CLI::App& parent);

/// `caseflow check`: schema errors and graph checks of rule files.
Command add_check_command(CLI::App& parent);

/// `caseflow graph`: a rule-set's state machine as Graphviz DOT or SVG.
Command add_graph_command(CLI::App& parent);

/// `caseflow test`: run scenario files and show a diff for each failure.
Command add_test_command(CLI::App& parent);

/// `caseflow explain`: why a case is where it is, and where each due date comes from.
Command add_explain_command(CLI::App& parent);

}  // namespace caseflow::cli
