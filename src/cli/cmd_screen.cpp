// `caseflow screen`: the weekly monitoring report of a caseload (DOMAIN.md §4, the 2008 plan):
// who enters weeks 8, 22, 26, 39, 47 and 52, reassessment points coming, overdue obligations, a
// supervision sample, and last month's closures per caseworker, real and technical.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "caseflow/caseload.hpp"
#include "caseflow/io.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/report.hpp"

namespace caseflow::cli {

namespace {

const std::int32_t kWatchedWeeks[] = {8, 22, 26, 39, 47, 52};

struct ScreenOptions {
  std::string rules;
  std::string events;
  std::string week_of;
  std::string format = "text";
  std::uint64_t seed = 1;
  std::string format_in = "auto";
  unsigned threads = 0;
};

/// The report's content, in case ids and names: what every output format shows.
struct Report {
  Date week_of;
  std::string ruleset;
  std::size_t cases = 0;
  std::vector<std::pair<std::int32_t, std::vector<std::string>>> entering;
  std::vector<std::pair<std::string, Date>> points;
  std::vector<std::pair<std::string, std::vector<std::string>>> overdue;
  std::vector<std::string> sample;
  struct Closures {
    std::optional<std::string> caseworker;
    std::int64_t real = 0, technical = 0;
  };
  std::vector<Closures> closures;
  std::vector<std::pair<std::string, std::int64_t>> states;
  // KPIs for the text form (the JSON keeps the contract's keys).
  std::optional<Punctuality> punctuality;
  std::vector<std::pair<std::string, std::int64_t>> open_per_caseworker;
  std::vector<std::pair<std::string, std::vector<std::string>>> over_26_weeks_by_team;
  std::optional<std::vector<std::string>> external;
  std::optional<std::vector<std::string>> closure_expected;
  std::optional<double> caseworker_changes_per_case;
};

// The name behind a string id, or a label for "none".
std::string name_of(const Caseload& load, std::int64_t id, const char* none) {
  return id < 0 ? std::string(none) : load.strings().text(id);
}

std::vector<std::string> ids(const Caseload& load, const std::vector<std::uint32_t>& cases) {
  std::vector<std::string> out;
  out.reserve(cases.size());
  for (std::uint32_t c : cases) out.push_back(load.case_id(c));
  std::sort(out.begin(), out.end());
  return out;
}

bool has_variable(const RuleSet& rs, const char* name) { return rs.find(Kind::variable, name).has_value(); }

Report build_report(const Caseload& load, Date week_of, std::uint64_t seed) {
  const RuleSet& rs = load.rules();
  Report r;
  r.week_of = week_of;
  r.ruleset = rs.name();
  // Cases that were opened: an id named only by rejected events makes no case.
  std::vector<std::uint16_t> states(load.size());
  load.export_states(0, states.size(), states.data(), nullptr);
  r.cases = static_cast<std::size_t>(std::count_if(states.begin(), states.end(), [](std::uint16_t s) { return s != 0xFFFF; }));
  const Date last = week_of + 6;
  for (std::int32_t n : kWatchedWeeks) r.entering.emplace_back(n, ids(load, load.entering_week(n, week_of, last)));
  for (const auto& [c, d] : load.points_within("reassessment_point", week_of, week_of + 27))
    r.points.emplace_back(load.case_id(c), d);
  std::stable_sort(r.points.begin(), r.points.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first < b.first;
  });
  const auto overdue = load.overdue(week_of);
  for (std::size_t o = 0; o < rs.obligation_count(); ++o) {
    auto it = overdue.find(static_cast<std::uint16_t>(o));
    r.overdue.emplace_back(rs.obligation_name(o), it == overdue.end() ? std::vector<std::string>{} : ids(load, it->second));
  }
  const auto sample = load.supervision_sample(10, seed, week_of);
  for (std::uint32_t c : sample) r.sample.push_back(load.case_id(c));
  if (has_variable(rs, "caseworker")) {
    const std::int32_t previous = month_index(week_of) - 1;
    for (const ClosureCount& cc : load.closures("caseworker", "technical")) {
      if (cc.month != previous) continue;
      Report::Closures x;
      if (cc.caseworker >= 0) x.caseworker = load.strings().text(cc.caseworker);
      x.real = cc.real;
      x.technical = cc.technical;
      r.closures.push_back(x);
    }
    // By caseworker name; cases with no caseworker last.
    std::sort(r.closures.begin(), r.closures.end(), [](const auto& a, const auto& b) {
      if (!a.caseworker || !b.caseworker) return bool(a.caseworker) && !b.caseworker;
      return *a.caseworker < *b.caseworker;
    });
  }
  const auto counts = load.count_by_state();
  for (std::size_t s = 0; s < counts.size(); ++s) r.states.emplace_back(rs.state_name(s), counts[s]);

  // KPIs of DOMAIN.md §4, where the rule-set has what they count.
  std::vector<std::string> followups;
  for (const char* o : {"first_followup", "followup"})
    if (rs.find_obligation(o)) followups.emplace_back(o);
  if (!followups.empty()) r.punctuality = load.punctuality(followups, week_of);
  if (has_variable(rs, "caseworker")) {
    for (const auto& [id, n] : load.open_by("caseworker")) r.open_per_caseworker.emplace_back(name_of(load, id, "(no caseworker)"), n);
    const auto changes = load.variable_changes("caseworker");
    std::int64_t total = 0;
    for (std::int64_t c : changes) total += c;
    if (!changes.empty()) r.caseworker_changes_per_case = static_cast<double>(total) / static_cast<double>(changes.size());
  }
  if (has_variable(rs, "team"))
    for (const auto& [id, cases] : load.over_weeks_by(26, week_of, "team"))
      r.over_26_weeks_by_team.emplace_back(name_of(load, id, "(no team)"), ids(load, cases));
  std::sort(r.open_per_caseworker.begin(), r.open_per_caseworker.end());
  std::sort(r.over_26_weeks_by_team.begin(), r.over_26_weeks_by_team.end());
  if (has_variable(rs, "provider")) r.external = ids(load, load.holding("provider"));
  if (has_variable(rs, "closure_expected")) r.closure_expected = ids(load, load.flagged("closure_expected"));
  return r;
}

void write_json(const Report& r) {
  nlohmann::ordered_json j;
  j["week_of"] = r.week_of.iso();
  j["entering_week"] = nlohmann::ordered_json::object();
  for (const auto& [n, list] : r.entering) j["entering_week"][std::to_string(n)] = list;
  j["reassessment_points"] = nlohmann::ordered_json::array();
  for (const auto& [c, d] : r.points) j["reassessment_points"].push_back({{"case", c}, {"date", d.iso()}});
  j["overdue"] = nlohmann::ordered_json::object();
  for (const auto& [name, list] : r.overdue) j["overdue"][name] = list;
  j["supervision_sample"] = r.sample;
  j["closures_previous_month"] = nlohmann::ordered_json::array();
  for (const auto& c : r.closures) {
    nlohmann::ordered_json e;
    e["caseworker"] = c.caseworker ? nlohmann::ordered_json(*c.caseworker) : nlohmann::ordered_json(nullptr);
    e["real"] = c.real;
    e["technical"] = c.technical;
    j["closures_previous_month"].push_back(std::move(e));
  }
  std::cout << j.dump() << '\n';
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

void write_csv(const Report& r) {
  std::cout << "section,key,case,date,real,technical\n";
  for (const auto& [n, list] : r.entering)
    for (const auto& c : list) std::cout << "entering_week," << n << ',' << csv_cell(c) << ",,,\n";
  for (const auto& [c, d] : r.points) std::cout << "reassessment_point,," << csv_cell(c) << ',' << d.iso() << ",,\n";
  for (const auto& [name, list] : r.overdue)
    for (const auto& c : list) std::cout << "overdue," << name << ',' << csv_cell(c) << ",,,\n";
  for (const auto& c : r.sample) std::cout << "supervision_sample,," << csv_cell(c) << ",,,\n";
  for (const auto& c : r.closures)
    std::cout << "closures_previous_month," << csv_cell(c.caseworker.value_or("")) << ",,," << c.real << ','
              << c.technical << '\n';
}

const char* const kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December"};
const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string long_date(Date d) {
  const YearMonthDay v = d.ymd();
  return std::string(kDays[static_cast<int>(d.weekday())]) + " " + std::to_string(v.day) + " " +
         kMonths[v.month - 1] + " " + std::to_string(v.year);
}

// Characters a terminal shows (UTF-8 continuation bytes take no column), for aligning names.
std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string padded(std::string s, std::size_t width) {
  const std::size_t w = display_width(s);
  if (w < width) s.append(width - w, ' ');
  return s;
}

void write_list(const std::vector<std::string>& list) {
  if (list.empty()) {
    std::cout << "    none\n";
    return;
  }
  std::size_t col = 0;
  for (const auto& c : list) {
    if (col == 0) std::cout << "    ";
    std::cout << c;
    col += c.size() + 2;
    if (col > 84) {
      std::cout << '\n';
      col = 0;
    } else {
      std::cout << (&c == &list.back() ? "" : ", ");
    }
  }
  if (col != 0) std::cout << '\n';
}

void write_text(const Report& r) {
  std::int64_t open = 0;
  for (const auto& [name, n] : r.states) open += n;
  std::cout << "Weekly case report, week of " << long_date(r.week_of) << " to " << long_date(r.week_of + 6) << "\n"
            << "Rules " << r.ruleset << "; " << r.cases << " cases\n\n";
  std::cout << "Cases entering a watched week during these 7 days (open on the week's first day):\n";
  for (const auto& [n, list] : r.entering) {
    std::cout << "  week " << n << " (" << list.size() << ")\n";
    write_list(list);
  }
  std::cout << "\nReassessment points in the next 4 weeks (" << r.week_of.iso() << " to " << (r.week_of + 27).iso()
            << "): " << r.points.size() << "\n";
  for (std::size_t i = 0; i < r.points.size();) {  // grouped by date: points fall on month ends
    const Date d = r.points[i].second;
    std::vector<std::string> same;
    for (; i < r.points.size() && r.points[i].second == d; ++i) same.push_back(r.points[i].first);
    std::cout << "  " << long_date(d) << " (" << same.size() << ")\n";
    write_list(same);
  }
  std::cout << "\nOverdue on " << long_date(r.week_of) << ":\n";
  for (const auto& [name, list] : r.overdue) {
    std::cout << "  " << name << " (" << list.size() << ")\n";
    write_list(list);
  }
  std::cout << "\nSupervision sample of cases past a deadline (10, reproducible by seed):\n";
  write_list(r.sample);
  const YearMonthDay prev = month_index_start(month_index(r.week_of) - 1).ymd();
  std::cout << "\nClosures in " << kMonths[prev.month - 1] << " " << prev.year << " per caseworker:\n";
  if (r.closures.empty()) std::cout << "    none\n";
  else std::cout << "    caseworker                 real  technical\n";
  for (const auto& c : r.closures) {
    std::cout << "    " << padded(c.caseworker.value_or("(no caseworker)"), 24) << ' ' << std::string(7 - std::min<std::size_t>(7, std::to_string(c.real).size()), ' ')
              << c.real << ' ' << std::string(10 - std::min<std::size_t>(10, std::to_string(c.technical).size()), ' ')
              << c.technical << '\n';
  }
  std::cout << "\nKey figures on " << long_date(r.week_of) << ":\n";
  if (r.punctuality) {
    char share[16];
    std::snprintf(share, sizeof share, "%.1f", 100.0 * r.punctuality->share());
    std::cout << "  follow-ups on time: " << share << " % (" << r.punctuality->on_time << " on time, "
              << r.punctuality->late << " late, " << r.punctuality->missed << " missed or overdue)\n";
  }
  if (r.caseworker_changes_per_case) {
    char avg[16];
    std::snprintf(avg, sizeof avg, "%.2f", *r.caseworker_changes_per_case);
    std::cout << "  caseworker changes per case: " << avg << "\n";
  }
  if (!r.open_per_caseworker.empty()) {
    std::cout << "  open cases per caseworker:\n";
    for (const auto& [name, n] : r.open_per_caseworker) std::cout << "    " << padded(name, 28) << n << '\n';
  }
  if (!r.over_26_weeks_by_team.empty()) {
    std::cout << "  open cases over 26 weeks, by team (for the mini-teams):\n";
    for (const auto& [team, list] : r.over_26_weeks_by_team)
      std::cout << "    " << padded(team, 28) << list.size() << '\n';
  }
  if (r.external) std::cout << "  open cases held by external actors: " << r.external->size() << "\n";
  if (r.closure_expected) {
    std::cout << "  cases screened as expected to close within 3 months (" << r.closure_expected->size() << ")\n";
    write_list(*r.closure_expected);
  }
  std::cout << "\nCases by state:\n";
  for (const auto& [name, n] : r.states) {
    std::cout << "    " << padded(name, 34) << n << '\n';
  }
}

int run_screen(const ScreenOptions& opts) {
  const RuleSet rules = load_rules(opts.rules);
  const Date week_of = Date::parse(opts.week_of);
  Caseload load(rules);
  EventSource source = open_events(rules, opts.events, opts.format_in, &load.strings());
  // At most 20 bad or rejected events are shown one by one; a summary line tells the rest.
  std::int64_t shown = 0, rejected = 0, bad_lines = 0, after = 0;
  const auto tell = [&](const std::string& message) {
    if (++shown <= 20) print_error(message);
  };
  Progress progress(source);
  source.read(
      [&](std::size_t line, ParsedEvent& ev) {
        progress.tick();
        if (ev.date > week_of) {
          ++after;
          return;
        }
        const Outcome out = load.apply(load.add_case(ev.case_id), ev.input());
        if (out) return;
        ++rejected;
        tell(source.name() + ":" + std::to_string(line) + ": case " + ev.case_id + ": rejected: " + describe(rules, out));
      },
      [&](std::size_t line, const std::string& case_id, const std::string& message) {
        ++bad_lines;
        tell(source.name() + ":" + std::to_string(line) + (case_id.empty() ? "" : ": case " + case_id) + ": " + message);
      });
  progress.done();
  if (shown > 20)
    print_error(std::to_string(shown - 20) + " more bad or rejected events not shown (" + std::to_string(bad_lines) + " bad, " +
                std::to_string(rejected) + " rejected in all)");
  if (after > 0)
    print_warning(std::to_string(after) + " events dated after --week-of " + week_of.iso() + " were left out of the report");
  const bool failed = rejected + bad_lines > 0;
  const unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  load.advance(week_of, threads);
  const Report report = build_report(load, week_of, opts.seed);
  if (opts.format == "json") write_json(report);
  else if (opts.format == "csv") write_csv(report);
  else write_text(report);
  return failed ? exit_bad_input : exit_ok;
}

}  // namespace

Command add_screen_command(CLI::App& parent) {
  auto opts = std::make_shared<ScreenOptions>();
  CLI::App* app = parent.add_subcommand(
      "screen", "The weekly monitoring report of a caseload: watched weeks, overdue deadlines, a sample, closures");
  app->add_option("--rules", opts->rules, "A built-in rule-set (dk, dk-2008) or a rule file")->required();
  app->add_option("--events", opts->events, "Events as JSON Lines or CSV (- reads standard input)")->required();
  app->add_option("--format-in", opts->format_in, "The events' format: auto (from the content), jsonl or csv");
  app->add_option("--threads", opts->threads, "Threads to advance the caseload with (default: all cores)");
  app->add_option("--week-of", opts->week_of, "The first of the report's 7 days (any weekday); later events are left out, counted and said")
      ->required();
  app->add_option("--format", opts->format, "text, csv or json")->check(CLI::IsMember({"text", "csv", "json"}));
  app->add_option("--seed", opts->seed, "Seed of the supervision sample (default 1)");
  return {app, [opts]() { return run_screen(*opts); }};
}

}  // namespace caseflow::cli
