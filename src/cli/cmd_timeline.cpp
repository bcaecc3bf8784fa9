// `caseflow timeline`: play events (JSON Lines or CSV) through a rule-set and show each case as of a date.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "caseflow/io.hpp"
#include "cli/case_view.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/replay.hpp"
#include "cli/report.hpp"

namespace caseflow::cli {

namespace {

struct TimelineOptions {
  std::string rules;
  std::string events;
  std::string as_of;
  std::string format_in = "auto";
  bool json = false;
};

int run_timeline(const TimelineOptions& opts) {
  const RuleSet rules = load_rules(opts.rules);
  std::optional<Date> as_of;
  if (!opts.as_of.empty()) as_of = Date::parse(opts.as_of);
  EventSource source = open_events(rules, opts.events, opts.format_in);
  Replay r = replay(rules, source, as_of);
  for (const LineReport& report : r.reports) {
    const std::string where = opts.events + ":" + std::to_string(report.number) + ": ";
    if (report.is_error()) print_error(where + report.message);
    else std::cerr << "caseflow: note: " << where << report.message << '\n';
  }
  for (const std::string& id : r.order) {
    const Case& c = r.cases.at(id);
    if (opts.json) std::cout << timeline_json(id, c, r.as_of) << '\n';
    else {
      write_case_text(std::cout, id, c, r.as_of);
      std::cout << '\n';
    }
  }
  return r.failed() ? exit_bad_input : exit_ok;
}

}  // namespace

RuleSet load_rules(const std::string& name_or_path) {
  try {
    return RuleSet::resolve(name_or_path);
  } catch (const RuleSetError& e) {
    throw BadInput(e.what());
  }
}

Command add_timeline_command(CLI::App& parent) {
  auto opts = std::make_shared<TimelineOptions>();
  CLI::App* app = parent.add_subcommand(
      "timeline", "Play events (JSON Lines or CSV) through a rule-set and show each case's states, deadlines and timers");
  app->add_option("--rules", opts->rules, "A built-in rule-set (dk, dk-2008) or a rule file")->required();
  app->add_option("--events", opts->events, "Events as JSON Lines or CSV (- reads standard input)")->required();
  app->add_option("--format-in", opts->format_in, "The events' format: auto (from the content), jsonl or csv");
  app->add_option("--as-of", opts->as_of, "Show the cases as of this date (default: the latest event's date)");
  app->add_flag("--json", opts->json, "One JSON object per case and line (DOMAIN.md §6)");
  return {app, [opts]() { return run_timeline(*opts); }};
}

}  // namespace caseflow::cli
