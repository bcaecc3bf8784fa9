// `caseflow timeline`: play JSON Lines events through a rule-set and show each case as of a date.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <unordered_map>

#include "caseflow/events.hpp"
#include "cli/case_view.hpp"
#include "cli/commands.hpp"
#include "cli/report.hpp"

namespace caseflow::cli {

namespace {

struct TimelineOptions {
  std::string rules;
  std::string events;
  std::string as_of;
  bool json = false;
};

struct Line {
  std::size_t number;
  ParsedEvent event;
};

int run_timeline(const TimelineOptions& opts) {
  const RuleSet rules = load_rules(opts.rules);
  std::ifstream in(opts.events, std::ios::binary);
  if (!in) throw BadInput(opts.events + ": cannot open the events file");

  JsonEventReader reader(rules);
  std::vector<Line> lines;
  bool failed = false;
  std::string text, error;
  std::optional<Date> latest;
  for (std::size_t number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    Line line{number, {}};
    if (!reader.parse(text, line.event, error)) {
      print_error(opts.events + ":" + std::to_string(number) +
                  (line.event.case_id.empty() ? "" : ": case " + line.event.case_id) + ": " + error);
      failed = true;
      continue;
    }
    latest = latest ? later(*latest, line.event.date) : line.event.date;
    lines.push_back(std::move(line));
  }
  Date as_of;
  if (!opts.as_of.empty()) as_of = Date::parse(opts.as_of);
  else if (latest) as_of = *latest;
  else {
    if (failed) return exit_bad_input;
    return exit_ok;  // no events: nothing to show
  }

  std::vector<std::string> order;
  std::unordered_map<std::string, Case> cases;
  for (const Line& line : lines) {
    const ParsedEvent& ev = line.event;
    const std::string where = opts.events + ":" + std::to_string(line.number) + ": case " + ev.case_id;
    if (ev.date > as_of) {
      std::cerr << "caseflow: note: " << where << ": event dated " << ev.date.iso() << " is after --as-of "
                << as_of.iso() << "; skipped\n";
      continue;
    }
    auto it = cases.find(ev.case_id);
    if (it == cases.end()) it = cases.emplace(ev.case_id, Case(rules)).first;
    Case& c = it->second;
    const bool was_open = c.is_open();
    const Outcome out = c.apply(ev.input());
    if (!out) {
      print_error(where + ": rejected: " + c.describe(out));
      failed = true;
      continue;
    }
    if (!was_open) order.push_back(ev.case_id);
  }
  for (const std::string& id : order) {
    Case& c = cases.at(id);
    c.advance(as_of);
    if (opts.json) std::cout << case_json(id, c, as_of).dump() << '\n';
    else {
      write_case_text(std::cout, id, c, as_of);
      std::cout << '\n';
    }
  }
  return failed ? exit_bad_input : exit_ok;
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
      "timeline", "Play events (JSON Lines) through a rule-set and show each case's states, deadlines and timers");
  app->add_option("--rules", opts->rules, "A built-in rule-set (dk, dk-2008) or a rule file")->required();
  app->add_option("--events", opts->events, "Events, one JSON object per line")->required();
  app->add_option("--as-of", opts->as_of, "Show the cases as of this date (default: the latest event's date)");
  app->add_flag("--json", opts->json, "One JSON object per case and line (DOMAIN.md §6)");
  return {app, [opts]() { return run_timeline(*opts); }};
}

}  // namespace caseflow::cli
