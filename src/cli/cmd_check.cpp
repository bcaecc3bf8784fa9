// `caseflow check`: a rule file's schema errors and the graph checks of its machine, as a compiler
// reports them: `FILE:LINE:COL: error: message [check]`, one per line, then a summary per file.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <regex>

#include "cli/commands.hpp"
#include "cli/report.hpp"

namespace caseflow::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> rulesets;
  bool strict = false;
};

/// A loader message `FILE:LINE:COL: text` (or `FILE: text`) with `error: ` put before the text.
std::string as_error(const std::string& message, const std::string& origin) {
  static const std::regex located(R"(^(:\d+:\d+)?: )");
  std::smatch m;
  const std::string rest = message.compare(0, origin.size(), origin) == 0 ? message.substr(origin.size()) : message;
  if (message.compare(0, origin.size(), origin) == 0 && std::regex_search(rest, m, located))
    return origin + m[1].str() + ": error: " + rest.substr(static_cast<std::size_t>(m.length(0)));
  return origin + ": error: " + message;
}

/// What one file gave.
struct Tally {
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

Tally check_one(const std::string& name_or_path) {
  Tally tally;
  const bool builtin = !RuleSet::builtin_text(name_or_path).empty();
  const std::string origin = builtin ? "rulesets/" + name_or_path + ".yaml" : name_or_path;
  std::optional<RuleSet> rules;
  try {
    rules = RuleSet::resolve(name_or_path);
  } catch (const RuleSetError& e) {
    for (const std::string& m : e.messages()) std::cout << as_error(m, origin) << '\n';
    tally.errors = e.messages().size();
  }
  if (rules) {
    // Each version is its own machine; a finding common to every version is told once.
    for (const RuleFinding& f : rules->check()) {
      std::cout << f.text << '\n';
      (f.severity == RuleFinding::Severity::error ? tally.errors : tally.warnings) += 1;
    }
  }
  const auto plural = [](std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  std::cout << origin << ": ";
  if (tally.errors == 0 && tally.warnings == 0) std::cout << "ok\n";
  else std::cout << plural(tally.errors, "error") << ", " << plural(tally.warnings, "warning") << '\n';
  return tally;
}

int run_check(const CheckOptions& opts) {
  Tally all;
  for (const std::string& r : opts.rulesets) {
    const Tally t = check_one(r);
    all.errors += t.errors;
    all.warnings += t.warnings;
  }
  if (all.errors > 0) return exit_bad_input;
  if (opts.strict && all.warnings > 0) return exit_usage;  // 1: warnings under --strict
  return exit_ok;
}

}  // namespace

Command add_check_command(CLI::App& parent) {
  auto opts = std::make_shared<CheckOptions>();
  CLI::App* app = parent.add_subcommand("check", "Check rule files: schema errors, then the state machine's graph");
  app->footer(
      "Errors: schema errors (FILE:LINE:COL), unreachable states, dead ends (non-final states that cannot end), "
      "loops of timer transitions. Warnings: unused events, obligations no event can meet, timers that never fire.\n"
      "Exit status: 0 clean (warnings are printed), 1 warnings with --strict, 2 errors.");
  app->add_option("RULESET", opts->rulesets, "Rule files, or built-in rule-set names (dk, dk-2008)")->required();
  app->add_flag("--strict", opts->strict, "Exit with status 1 when there are warnings");
  return {app, [opts]() { return run_check(*opts); }};
}

}  // namespace caseflow::cli
