// The report as one CSV table: a row per figure, its section first, so that a spreadsheet can
// filter it; it holds everything the text shows (docs/reports.md lists the sections).
#include <cstdio>
#include <sstream>

#include "caseflow/report.hpp"

namespace caseflow {

namespace {

std::string cell(const std::string& s) {
  if (s.find_first_of(",;\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// One row: section,key,label,case,date,number,real,technical,norm,caseworker,team,legal_ref.
struct Row {
  std::string section, key, label, case_id, date, value, real, technical, norm, caseworker, team, legal_ref;
  void put(std::ostringstream& o) const {
    o << cell(section) << ',' << cell(key) << ',' << cell(label) << ',' << cell(case_id) << ',' << cell(date) << ','
      << cell(value) << ',' << cell(real) << ',' << cell(technical) << ',' << cell(norm) << ',' << cell(caseworker) << ','
      << cell(team) << ',' << cell(legal_ref) << '\n';
  }
};

}  // namespace

std::string report_csv(const Report& r) {
  std::ostringstream o;
  o << "section,key,label,case,date,number,real,technical,norm,caseworker,team,legal_ref\n";
  const auto row = [&](Row x) { x.put(o); };
  const auto n = [](std::int64_t v) { return std::to_string(v); };
  row({"report", "ruleset", r.title, "", r.on.iso(), r.ruleset, "", "", "", "", "", ""});
  row({"report", "range", "", "", r.from.iso(), "", "", "", "", "", "", ""});
  row({"report", "cases", "", "", "", n(r.cases), "", "", "", "", "", ""});
  row({"report", "seed", "", "", "", std::to_string(r.seed), "", "", "", "", "", ""});
  row({"input", "events", "", "", "", n(r.input.events), "", "", "", "", "", ""});
  row({"input", "rejected", "", "", "", n(r.input.rejected), "", "", "", "", "", ""});
  row({"input", "bad", "", "", "", n(r.input.bad), "", "", "", "", "", ""});
  row({"input", "after_date", "", "", "", n(r.input.after_date), "", "", "", "", "", ""});
  std::int64_t overdue = 0, open = 0;
  for (const WorkItem& w : r.worklist) overdue += w.days_overdue > 0;
  for (const CaseworkerLoad& c : r.caseworkers) open += c.open;
  row({"key_figures", "open_cases", "", "", "", n(open), "", "", "", "", "", ""});
  row({"key_figures", "overdue", "", "", "", n(overdue), "", "", "", "", "", ""});
  row({"key_figures", "due_soon", "", "", "", n(static_cast<std::int64_t>(r.worklist.size()) - overdue), "", "", "", "", "", ""});
  if (r.punctuality) {
    row({"key_figures", "punctuality_on_time", "", "", "", n(r.punctuality->on_time), "", "", "", "", "", ""});
    row({"key_figures", "punctuality_late", "", "", "", n(r.punctuality->late), "", "", "", "", "", ""});
    row({"key_figures", "punctuality_missed", "", "", "", n(r.punctuality->missed), "", "", "", "", "", ""});
  }
  if (r.caseworker_changes_per_case)
    row({"key_figures", "caseworker_changes_per_case", "", "", "", number(*r.caseworker_changes_per_case), "", "", "", "", "", ""});
  for (const WorkItem& w : r.worklist)
    row({"worklist", w.obligation, w.label, w.case_id, w.due.iso(), std::to_string(w.days_overdue), "", "", "", w.caseworker, w.team,
         w.legal_ref});
  for (const EnteringWeek& e : r.entering)
    for (const std::string& c : e.cases) row({"entering_week", std::to_string(e.week), "", c, "", "", "", "", "", "", "", ""});
  for (const PointItem& p : r.points) row({"point", p.point, p.label, p.case_id, p.date.iso(), "", "", "", "", p.caseworker, p.team, ""});
  for (const auto& [name, cases] : r.overdue)
    for (const std::string& c : cases) row({"overdue", name, "", c, "", "", "", "", "", "", "", ""});
  for (const std::string& c : r.sample) row({"supervision_sample", "", "", c, "", "", "", "", "", "", "", ""});
  for (const auto* p : {&r.period, &r.previous_period}) {
    const std::string key = p == &r.period ? "period" : "previous_period";
    row({"status", key + ".opened", "", "", p->first.iso(), n(p->opened), "", "", "", "", "", ""});
    row({"status", key + ".closed", "", "", p->first.iso(), "", n(p->closed_real), n(p->closed_technical), "", "", "", ""});
    row({"status", key + ".extensions", "", "", p->first.iso(), n(p->extensions), "", "", "", "", "", ""});
    row({"status", key + ".open_at_end", "", "", p->last.iso(), n(p->open_at_end), "", "", "", "", "", ""});
    for (std::size_t i = 0; i < r.long_cases.size(); ++i) {
      const std::string w = std::to_string(r.long_cases[i].weeks);
      row({"status", key + ".over_" + w + "_weeks.inflow", "", "", p->first.iso(), n(p->long_inflow[i]), "", "", "", "", "", ""});
      row({"status", key + ".over_" + w + "_weeks.outflow", "", "", p->first.iso(), n(p->long_outflow[i]), "", "", "", "", "", ""});
      row({"status", key + ".over_" + w + "_weeks.open_at_end", "", "", p->last.iso(), n(p->long_at_end[i]), "", "", "", "", "", ""});
    }
  }
  for (const auto* rows : {&r.closures_by_month, &r.closures_by_week})
    for (const ClosureRow& c : *rows)
      row({rows == &r.closures_by_month ? "closures_by_month" : "closures_by_week", c.period, r.norm_label, "", c.first.iso(), "",
           n(c.real), n(c.technical), c.norm ? number(*c.norm) : "", c.caseworker, "", r.norm_legal_ref});
  for (const NamedCount& g : r.extensions_by_ground) row({"extensions_by_ground", g.name, g.label, "", "", n(g.count), "", "", "", "", "", ""});
  for (const LongCaseFlow& f : r.long_cases) {
    const std::string w = std::to_string(f.weeks);
    row({"long_cases", w + ".stock_before", "", "", (r.from - 1).iso(), n(f.stock_before), "", "", "", "", "", ""});
    row({"long_cases", w + ".inflow", "", "", r.from.iso(), n(f.inflow), "", "", "", "", "", ""});
    row({"long_cases", w + ".outflow", "", "", r.from.iso(), n(f.outflow), "", "", "", "", "", ""});
    row({"long_cases", w + ".stock_at_end", "", "", r.on.iso(), n(f.stock_at_end), "", "", "", "", "", ""});
  }
  for (const ActorRow& a : r.actors) {
    row({"external_actor", "held", a.provider, "", "", n(a.held), "", "", "", "", "", ""});
    row({"external_actor", "closed", a.provider, "", "", n(a.closed), "", "", "", "", "", ""});
    row({"external_actor", "closed_in_range", a.provider, "", "", n(a.closed_in_range), "", "", "", "", "", ""});
    row({"external_actor", "open", a.provider, "", "", n(a.open), "", "", "", "", "", ""});
    row({"external_actor", "passed_on", a.provider, "", "", n(a.passed_on), "", "", "", "", "", ""});
  }
  for (const LeadTime& l : r.lead_times) {
    row({"lead_time", l.state + ".ended", l.label, "", "", n(l.ended), "", "", "", "", "", ""});
    if (l.ended) {
      row({"lead_time", l.state + ".mean_days", l.label, "", "", number(l.mean_days), "", "", "", "", "", ""});
      row({"lead_time", l.state + ".median_days", l.label, "", "", n(l.median_days), "", "", "", "", "", ""});
      row({"lead_time", l.state + ".max_days", l.label, "", "", n(l.max_days), "", "", "", "", "", ""});
    }
    row({"lead_time", l.state + ".waiting", l.label, "", "", n(l.waiting), "", "", "", "", "", ""});
  }
  for (const CourseOutcome& c : r.courses) {
    for (const NamedCount& x : c.outcomes) row({"course_outcome", c.state + "->" + x.name, x.label, "", "", n(x.count), "", "", "", "", "", ""});
    row({"course_outcome", c.state + ".running", c.label, "", "", n(c.running), "", "", "", "", "", ""});
  }
  for (const CaseworkerLoad& c : r.caseworkers) row({"caseworker", "open", "", "", "", n(c.open), "", "", "", c.caseworker, c.team, ""});
  for (const CaseworkerLoad& c : r.caseworkers) row({"caseworker", "overdue", "", "", "", n(c.overdue), "", "", "", c.caseworker, c.team, ""});
  for (const NamedCount& c : r.caseworker_changes) row({"caseworker_changes", c.name, "", "", "", n(c.count), "", "", "", "", "", ""});
  for (const std::string& c : r.closure_expected) row({"closure_expected", "", "", c, "", "", "", "", "", "", "", ""});
  for (const NamedCount& s : r.states) row({"state", s.name, s.label, "", r.on.iso(), n(s.count), "", "", "", "", "", ""});
  for (const auto& [s, counts] : r.stock_by_state)
    for (std::size_t i = 0; i < counts.size(); ++i) row({"stock_by_state", s.name, s.label, "", r.stock_dates[i].iso(), n(counts[i]), "", "", "", "", "", ""});
  return o.str();
}

}  // namespace caseflow
