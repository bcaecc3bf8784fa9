// `caseflow screen`: the report a team leader acts on (include/caseflow/report.hpp), as text, CSV,
// JSON or HTML. A thin face: it reads the events through the event source, applies them to a
// caseload, and shows the library's report; the rule-set's report block says what is in it.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "caseflow/caseload.hpp"
#include "caseflow/event_source.hpp"
#include "caseflow/report.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/report.hpp"

namespace caseflow::cli {

namespace {

struct ScreenOptions {
  std::string rules;
  std::string events;
  std::string week_of;
  std::string from;
  std::string format = "text";
  std::string format_in = "auto";
  std::uint64_t seed = 1;
  unsigned threads = 0;
};

// At most this many rejected events are shown one by one; a summary line tells the rest.
constexpr std::int64_t kShown = 20;

int run_screen(const ScreenOptions& opts) {
  const RuleSet rules = load_rules(opts.rules);
  const Date week_of = Date::parse(opts.week_of);
  ReportRequest request{week_of, std::nullopt, opts.seed};
  if (!opts.from.empty()) request.from = Date::parse(opts.from);
  if (request.from && *request.from > week_of) throw BadInput("--from " + request.from->iso() + " is after --week-of " + week_of.iso());
  Caseload load(rules);
  EventSource source = open_events(rules, opts.events, opts.format_in, &load.strings());
  InputSummary input;
  std::int64_t shown = 0;
  const auto tell = [&](const std::string& message) {
    if (++shown <= kShown) print_error(message);
  };
  Progress progress(source);
  source.read(
      [&](std::size_t line, ParsedEvent& ev) {
        progress.tick();
        if (ev.date > week_of) {
          ++input.after_date;
          return;
        }
        const Outcome out = load.apply(load.add_case(ev.case_id), ev.input());
        if (out) {
          ++input.events;
          return;
        }
        ++input.rejected;
        tell(source.name() + ":" + std::to_string(line) + ": case " + ev.case_id + ": rejected: " + describe(rules, out));
      },
      [&](std::size_t line, const std::string& case_id, const std::string& message) {
        ++input.bad;
        tell(source.name() + ":" + std::to_string(line) + (case_id.empty() ? "" : ": case " + case_id) + ": " + message);
      });
  progress.done();
  if (shown > kShown)
    print_error(std::to_string(shown - kShown) + " more bad or rejected events not shown (" + std::to_string(input.bad) + " bad, " +
                std::to_string(input.rejected) + " rejected in all)");
  if (input.after_date > 0)
    print_warning(std::to_string(input.after_date) + " events dated after --week-of " + week_of.iso() +
                  " were left out of the report (the report says so too)");
  const unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  load.advance(week_of, threads);
  const Report report = build_report(load, request, input);
  if (opts.format == "json") std::cout << report_json(report);
  else if (opts.format == "csv") std::cout << report_csv(report);
  else if (opts.format == "html") std::cout << report_html(report);
  else std::cout << report_text(report);
  return input.rejected + input.bad > 0 ? exit_bad_input : exit_ok;
}

}  // namespace

Command add_screen_command(CLI::App& parent) {
  auto opts = std::make_shared<ScreenOptions>();
  CLI::App* app = parent.add_subcommand(
      "screen", "The report a team leader acts on: worklists, watched weeks, the status, closures against the norm, flows");
  app->add_option("--rules", opts->rules, "A built-in rule-set (dk, dk-2008) or a rule file")->required();
  app->add_option("--events", opts->events, "Events as JSON Lines or CSV (- reads standard input)")->required();
  app->add_option("--week-of", opts->week_of, "The report date: the first of the report's 7 days; later events are left out and counted")
      ->required();
  app->add_option("--from", opts->from, "First day of the range of closures, flows, extensions (default: the first of last month)");
  app->add_option("--format", opts->format, "text, csv, json or html")->check(CLI::IsMember({"text", "csv", "json", "html"}));
  app->add_option("--format-in", opts->format_in, "The events' format: auto (from the content), jsonl or csv");
  app->add_option("--seed", opts->seed, "Seed of the supervision sample (default 1)");
  app->add_option("--threads", opts->threads, "Threads to advance the caseload with (default: all cores)");
  return {app, [opts]() { return run_screen(*opts); }};
}

}  // namespace caseflow::cli
