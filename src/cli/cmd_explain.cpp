// `caseflow explain`: in plain words, why a case is where it is on a date and where each of its
// due dates comes from: the rule, the arithmetic step by step, and the legal reference.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "caseflow/io.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/replay.hpp"
#include "cli/report.hpp"

namespace caseflow::cli {

namespace {

struct ExplainOptions {
  std::string rules;
  std::string events;
  std::string case_id;
  std::string date;
  std::string format_in = "auto";
};

int run_explain(const ExplainOptions& opts) {
  const RuleSet rules = load_rules(opts.rules);
  std::optional<Date> as_of;
  if (!opts.date.empty()) as_of = Date::parse(opts.date);
  // The case keeps the words of each date as the engine computes it; the others are only replayed.
  const std::string& id = opts.case_id;
  EventSource source = open_events(rules, opts.events, opts.format_in);
  const Replay r = replay(rules, source, as_of, [&](const std::string& c) { return c == id; });
  const auto found = r.cases.find(id);
  if (found == r.cases.end() || !found->second.is_open())
    throw BadInput(opts.events + ": case " + id + " has no applied event" +
                   (r.has_events ? " on or before " + r.as_of.iso() : ""));
  for (const LineReport& rep : r.reports)
    if (rep.is_error() && rep.message.rfind("case " + id + ":", 0) == 0)
      print_warning(opts.events + ":" + std::to_string(rep.number) + ": " + rep.message);
  std::cout << explanation_text(found->second.explain(r.as_of), id);
  return exit_ok;
}

}  // namespace

Command add_explain_command(CLI::App& parent) {
  auto opts = std::make_shared<ExplainOptions>();
  CLI::App* app = parent.add_subcommand("explain", "Why a case is where it is, and where each due date comes from");
  app->footer("In plain words, step by step: each rule, its arithmetic and its legal reference.");
  app->add_option("--rules", opts->rules, "A built-in rule-set (dk, dk-2008) or a rule file")->required();
  app->add_option("--events", opts->events, "Events as JSON Lines or CSV (- reads standard input)")->required();
  app->add_option("--format-in", opts->format_in, "The events' format: auto (from the content), jsonl or csv");
  app->add_option("--case", opts->case_id, "The case to explain")->required();
  app->add_option("--date", opts->date, "Explain the case as of this date (default: the latest event's date)");
  return {app, [opts]() { return run_explain(*opts); }};
}

}  // namespace caseflow::cli
