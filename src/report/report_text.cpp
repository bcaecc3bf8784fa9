// The report as text: what a team leader reads first (the worklists by team and caseworker, most
// urgent first), then the weekly lists and the plans' figures. Headings come from the rule-set's
// words (labels.headings), else English.
#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "caseflow/report.hpp"

namespace caseflow {

namespace {

// Characters a terminal shows (UTF-8 continuation bytes take no column), for aligning names.
std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string pad(std::string s, std::size_t w) {
  const std::size_t n = width(s);
  if (n < w) s.append(w - n, ' ');
  return s;
}

std::string rpad(const std::string& s, std::size_t w) {
  const std::size_t n = width(s);
  return n < w ? std::string(w - n, ' ') + s : s;
}

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

class Text {
 public:
  explicit Text(const Report& r) : r_(r) {}
  std::string w(const char* key, const char* english) const { return r_.word(std::string("heading.") + key, english); }
  std::string none() const { return w("none", "none"); }
  std::string who(const std::string& s) const { return s.empty() ? w("no_caseworker", "(no caseworker)") : s; }
  std::string team(const std::string& s) const { return s.empty() ? w("no_team", "(no team)") : s; }

  void list(std::ostringstream& o, const std::vector<std::string>& ids) const {
    if (ids.empty()) {
      o << "    " << none() << "\n";
      return;
    }
    std::size_t col = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (col == 0) o << "    ";
      o << ids[i] << (i + 1 < ids.size() ? ", " : "");
      col += ids[i].size() + 2;
      if (col > 84 || i + 1 == ids.size()) {
        o << "\n";
        col = 0;
      }
    }
  }

 private:
  const Report& r_;
};

}  // namespace

std::string report_text(const Report& r) {
  const Text t(r);
  std::ostringstream o;
  o << r.title << "\n"
    << t.w("report_date", "Report date") << " " << r.on.iso() << " (" << t.w("week", "week") << " " << r.on.iso() << " – "
    << (r.on + 6).iso() << "); " << t.w("range", "figures for") << " " << r.from.iso() << " – " << r.on.iso() << "\n"
    << t.w("rules", "Rules") << " " << r.ruleset << "; " << r.cases << " " << t.w("cases", "cases") << "; "
    << t.w("seed", "sample seed") << " " << r.seed << "\n";
  if (r.input.rejected + r.input.bad + r.input.after_date > 0)
    o << t.w("input", "Input") << ": " << r.input.events << " " << t.w("events_applied", "events applied") << ", "
      << r.input.rejected << " " << t.w("events_refused", "refused by the rules") << ", " << r.input.bad << " "
      << t.w("lines_bad", "lines not events") << ", " << r.input.after_date << " "
      << t.w("events_after", "dated after the report date (left out)") << "\n";

  // ---- key figures ----
  std::int64_t overdue = 0, open = 0;
  for (const WorkItem& x : r.worklist) overdue += x.days_overdue > 0;
  for (const CaseworkerLoad& c : r.caseworkers) open += c.open;
  o << "\n" << t.w("key_figures", "Key figures") << "\n";
  o << "  " << pad(t.w("open_cases", "open cases"), 44) << open << "\n";
  o << "  " << pad(t.w("overdue", "overdue deadlines"), 44) << overdue << "\n";
  o << "  " << pad(t.w("due_soon", "deadlines in the coming days"), 44) << r.worklist.size() - static_cast<std::size_t>(overdue) << "\n";
  if (r.punctuality) {
    const auto& p = *r.punctuality;
    const std::int64_t all = p.on_time + p.late + p.missed;
    o << "  " << pad(t.w("punctuality", "follow-ups on time"), 44) << (all ? fixed(100.0 * static_cast<double>(p.on_time) / static_cast<double>(all), 1) : "-")
      << " % (" << p.on_time << " / " << all << ")\n";
  }
  if (r.caseworker_changes_per_case)
    o << "  " << pad(t.w("changes_per_case", "caseworker changes per case"), 44) << fixed(*r.caseworker_changes_per_case, 2) << "\n";
  for (const LongCaseFlow& f : r.long_cases)
    o << "  " << pad(t.w("over", "open cases over") + " " + std::to_string(f.weeks) + " " + t.w("weeks", "weeks"), 44)
      << f.stock_at_end << "\n";

  // ---- worklists, by team and caseworker ----
  o << "\n" << t.w("worklists", "Worklists: overdue and due soon, most urgent first") << "\n";
  // Named teams and caseworkers first, in name order; "none" last.
  using Name = std::pair<bool, std::string>;  // (is none, name)
  std::map<std::pair<Name, Name>, std::vector<const WorkItem*>> groups;
  for (const WorkItem& x : r.worklist) groups[{{x.team.empty(), x.team}, {x.caseworker.empty(), x.caseworker}}].push_back(&x);
  if (groups.empty()) o << "    " << t.none() << "\n";
  std::string team;
  bool first = true;
  for (const auto& [key, items] : groups) {
    const std::string& this_team = key.first.second;
    const std::string& this_caseworker = key.second.second;
    if (first || this_team != team) o << "  " << t.w("team", "Team") << " " << t.team(this_team) << "\n";
    first = false;
    team = this_team;
    o << "    " << t.who(this_caseworker) << " (" << items.size() << ")\n";
    for (const WorkItem* x : items) {
      const std::string when = x->days_overdue > 0 ? std::to_string(x->days_overdue) + " " + t.w("days_overdue", "days overdue")
                               : x->days_overdue == 0 ? t.w("due_today", "due today")
                                                      : t.w("due_in", "due in") + " " + std::to_string(-x->days_overdue) + " " + t.w("days", "days");
      o << "      " << pad(x->case_id, 10) << " " << x->due.iso() << "  " << pad(when, 18) << " " << x->label << " ("
        << x->legal_ref << ")\n";
    }
  }

  // ---- the weekly lists ----
  o << "\n" << t.w("entering", "Cases entering a watched week during these 7 days") << "\n";
  for (const EnteringWeek& e : r.entering) {
    o << "  " << t.w("week", "week") << " " << e.week << " (" << e.cases.size() << ")\n";
    t.list(o, e.cases);
  }
  {
    o << "\n" << t.w("points", "Coming points") << "\n";
    if (r.points.empty()) o << "    " << t.none() << "\n";
    for (const PointItem& p : r.points)
      o << "    " << p.date.iso() << "  " << pad(p.case_id, 10) << " " << pad(t.who(p.caseworker), 20) << " " << p.label << "\n";
  }
  o << "\n" << t.w("sample", "Supervision sample of cases past a deadline") << "\n";
  t.list(o, r.sample);

  // ---- the status report ----
  const auto period = [&](const char* name, const char* english, auto get) {
    o << "  " << pad(t.w(name, english), 44) << rpad(std::to_string(get(r.period)), 10) << rpad(std::to_string(get(r.previous_period)), 12) << "\n";
  };
  o << "\n" << t.w("status", "Status") << " " << r.period.first.iso() << " – " << r.period.last.iso() << " "
    << t.w("against", "against") << " " << r.previous_period.first.iso() << " – " << r.previous_period.last.iso() << "\n";
  o << "  " << pad("", 44) << rpad(t.w("this_period", "this"), 10) << rpad(t.w("previous_period", "previous"), 12) << "\n";
  period("opened", "cases opened", [](const PeriodFigures& p) { return p.opened; });
  period("closed_real", "real closures", [](const PeriodFigures& p) { return p.closed_real; });
  period("closed_technical", "technical closures", [](const PeriodFigures& p) { return p.closed_technical; });
  period("extensions", "extensions granted", [](const PeriodFigures& p) { return p.extensions; });
  period("open_at_end", "open at the period's end", [](const PeriodFigures& p) { return p.open_at_end; });
  for (std::size_t i = 0; i < r.long_cases.size(); ++i) {
    const std::string n = std::to_string(r.long_cases[i].weeks);
    o << "  " << pad(n + " " + t.w("weeks_in_out_stock", "weeks: in / out / open at end"), 44)
      << rpad(std::to_string(r.period.long_inflow[i]) + "/" + std::to_string(r.period.long_outflow[i]) + "/" + std::to_string(r.period.long_at_end[i]), 10)
      << rpad(std::to_string(r.previous_period.long_inflow[i]) + "/" + std::to_string(r.previous_period.long_outflow[i]) + "/" +
                  std::to_string(r.previous_period.long_at_end[i]), 12)
      << "\n";
  }

  // ---- closures against the norm ----
  o << "\n" << t.w("closures", "Closures per caseworker") << " (" << r.from.iso() << " – " << r.on.iso() << ")";
  if (r.norm_per_month) o << "; " << t.w("norm", "norm") << " " << fixed(*r.norm_per_month, 0) << " " << r.norm_label;
  if (!r.norm_legal_ref.empty()) o << " (" << r.norm_legal_ref << ")";
  o << "\n";
  const auto closure_table = [&](const std::vector<ClosureRow>& rows) {
    if (rows.empty()) {
      o << "    " << t.none() << "\n";
      return;
    }
    o << "    " << pad(t.w("period", "period"), 10) << pad(t.w("caseworker", "caseworker"), 24) << rpad(t.w("real", "real"), 8)
      << rpad(t.w("technical", "technical"), 10) << rpad(t.w("norm", "norm"), 8) << "\n";
    for (const ClosureRow& c : rows)
      o << "    " << pad(c.period, 10) << pad(t.who(c.caseworker), 24) << rpad(std::to_string(c.real), 8)
        << rpad(std::to_string(c.technical), 10) << rpad(c.norm ? fixed(*c.norm, 1) : "-", 8)
        << (c.norm && static_cast<double>(c.real) < *c.norm ? "  " + t.w("below_norm", "below the norm") : "") << "\n";
  };
  o << "  " << t.w("by_month", "by month") << "\n";
  closure_table(r.closures_by_month);
  o << "  " << t.w("by_week", "by week") << "\n";
  closure_table(r.closures_by_week);

  // ---- extensions, long cases, actors, lead times, courses ----
  o << "\n" << t.w("extensions_by_ground", "Extensions by ground") << "\n";
  if (r.extensions_by_ground.empty()) o << "    " << t.none() << "\n";
  for (const NamedCount& g : r.extensions_by_ground) o << "    " << pad(g.label, 56) << rpad(std::to_string(g.count), 6) << "\n";
  o << "\n" << t.w("long_cases", "Long cases: stock before, inflow, outflow, stock at end") << "\n";
  for (const LongCaseFlow& f : r.long_cases)
    o << "    " << pad(std::to_string(f.weeks) + " " + t.w("weeks", "weeks"), 12) << rpad(std::to_string(f.stock_before), 8)
      << rpad("+" + std::to_string(f.inflow), 8) << rpad("-" + std::to_string(f.outflow), 8) << rpad("= " + std::to_string(f.stock_at_end), 10) << "\n";
  o << "\n" << t.w("actors", "External actors: held, closed (in the range), still open, passed on") << "\n";
  if (r.actors.empty()) o << "    " << t.none() << "\n";
  for (const ActorRow& a : r.actors)
    o << "    " << pad(a.provider, 28) << rpad(std::to_string(a.held), 6) << rpad(std::to_string(a.closed) + " (" + std::to_string(a.closed_in_range) + ")", 10)
      << rpad(std::to_string(a.open), 6) << rpad(std::to_string(a.passed_on), 6) << "\n";
  for (const LeadTime& l : r.lead_times) {
    o << "\n" << l.label << "\n";
    if (l.ended) o << "    " << l.ended << " " << t.w("ended", "ended") << "; " << t.w("mean", "mean") << " " << fixed(l.mean_days, 1) << ", "
                   << t.w("median", "median") << " " << l.median_days << ", " << t.w("max", "max") << " " << l.max_days << " " << t.w("days", "days") << "\n";
    else o << "    " << t.none() << "\n";
    if (l.waiting) o << "    " << l.waiting << " " << t.w("waiting", "waiting") << "; " << t.w("longest", "longest") << " " << l.longest_waiting_days << " " << t.w("days", "days") << "\n";
  }
  for (const CourseOutcome& c : r.courses) {
    o << "\n" << c.label << ": " << t.w("how_ended", "how they ended") << " (" << c.running << " " << t.w("running", "running") << ")\n";
    if (c.outcomes.empty()) o << "    " << t.none() << "\n";
    for (const NamedCount& x : c.outcomes) o << "    " << pad(x.label, 56) << rpad(std::to_string(x.count), 6) << "\n";
  }

  // ---- caseworkers and states ----
  o << "\n" << t.w("caseworkers", "Open cases per caseworker (of which with an overdue deadline)") << "\n";
  if (r.caseworkers.empty()) o << "    " << t.none() << "\n";
  for (const CaseworkerLoad& c : r.caseworkers)
    o << "    " << pad(t.who(c.caseworker), 24) << pad(t.team(c.team), 14) << rpad(std::to_string(c.open), 6) << rpad("(" + std::to_string(c.overdue) + ")", 8) << "\n";
  if (!r.caseworker_changes.empty()) {
    o << "  " << t.w("changes", "cases by caseworker changes") << ":";
    for (const NamedCount& c : r.caseworker_changes) o << "  " << c.name << ": " << c.count;
    o << "\n";
  }
  if (!r.closure_expected.empty()) {
    o << "\n" << t.w("closure_expected", "Screened as closing soon") << " (" << r.closure_expected.size() << ")\n";
    t.list(o, r.closure_expected);
  }
  o << "\n" << t.w("states", "Cases by state") << "\n";
  for (const NamedCount& s : r.states) o << "    " << pad(s.label, 52) << rpad(std::to_string(s.count), 8) << "\n";
  return o.str();
}

}  // namespace caseflow
