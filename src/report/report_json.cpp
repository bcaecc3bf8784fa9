// The report as JSON (nlohmann/json): the one schema every face shows, documented in docs/reports.md.
#include <nlohmann/json.hpp>

#include <set>

#include "caseflow/report.hpp"

namespace caseflow {

namespace {

using Json = nlohmann::ordered_json;

Json name_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json period_json(const Report& r, const PeriodFigures& p) {
  Json j;
  j["first"] = p.first.iso();
  j["last"] = p.last.iso();
  j["opened"] = p.opened;
  j["closed_real"] = p.closed_real;
  j["closed_technical"] = p.closed_technical;
  j["extensions"] = p.extensions;
  j["open_at_end"] = p.open_at_end;
  j["long_cases"] = Json::array();
  for (std::size_t i = 0; i < r.long_cases.size(); ++i)
    j["long_cases"].push_back({{"weeks", r.long_cases[i].weeks},
                               {"inflow", p.long_inflow[i]},
                               {"outflow", p.long_outflow[i]},
                               {"open_at_end", p.long_at_end[i]}});
  return j;
}

Json closure_rows(const std::vector<ClosureRow>& rows) {
  Json out = Json::array();
  for (const ClosureRow& c : rows) {
    Json e;
    e["caseworker"] = name_or_null(c.caseworker);
    e["period"] = c.period;
    e["first"] = c.first.iso();
    e["last"] = c.last.iso();
    e["real"] = c.real;
    e["technical"] = c.technical;
    e["norm"] = c.norm ? Json(*c.norm) : Json(nullptr);
    e["meets_norm"] = c.norm ? Json(static_cast<double>(c.real) >= *c.norm) : Json(nullptr);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::string report_json(const Report& r) {
  Json j;
  j["week_of"] = r.on.iso();
  j["entering_week"] = Json::object();
  for (const EnteringWeek& e : r.entering) j["entering_week"][std::to_string(e.week)] = e.cases;
  j["points"] = Json::object();
  for (const PointItem& p : r.points) {
    Json& list = j["points"][p.point];
    list.push_back({{"case", p.case_id},
                    {"date", p.date.iso()},
                    {"label", p.label},
                    {"caseworker", name_or_null(p.caseworker)},
                    {"team", name_or_null(p.team)}});
  }
  j["overdue"] = Json::object();
  for (const auto& [name, list] : r.overdue) j["overdue"][name] = list;
  j["supervision_sample"] = r.sample;
  // The month before the report date's, per caseworker: the plan's monthly follow-up.
  const std::string previous = r.on.ymd().month == 1 ? std::to_string(r.on.ymd().year - 1) + "-12" : [&] {
    const auto v = r.on.ymd();
    return std::to_string(v.year) + "-" + (v.month - 1 < 10 ? "0" : "") + std::to_string(v.month - 1);
  }();
  j["closures_previous_month"] = Json::array();
  {
    std::vector<const ClosureRow*> rows;
    for (const ClosureRow& c : r.closures_by_month)
      if (c.period == previous) rows.push_back(&c);
    for (const ClosureRow* c : rows)
      if (!c->caseworker.empty())
        j["closures_previous_month"].push_back({{"caseworker", c->caseworker}, {"real", c->real}, {"technical", c->technical}});
    for (const ClosureRow* c : rows)
      if (c->caseworker.empty())
        j["closures_previous_month"].push_back({{"caseworker", nullptr}, {"real", c->real}, {"technical", c->technical}});
  }
  j["schema"] = "caseflow-report/1";
  j["ruleset"] = r.ruleset;
  j["title"] = r.title;
  j["language"] = r.language;
  j["date"] = r.on.iso();
  j["from"] = r.from.iso();
  j["seed"] = r.seed;
  j["cases"] = r.cases;
  j["input"] = {{"events", r.input.events},
                {"rejected", r.input.rejected},
                {"bad", r.input.bad},
                {"after_date", r.input.after_date}};

  std::int64_t overdue_items = 0, open = 0;
  std::set<std::string> overdue_cases;
  for (const WorkItem& w : r.worklist)
    if (w.days_overdue > 0) ++overdue_items, overdue_cases.insert(w.case_id);
  for (const CaseworkerLoad& c : r.caseworkers) open += c.open;
  Json k;
  k["open_cases"] = open;
  k["cases_with_overdue"] = static_cast<std::int64_t>(overdue_cases.size());
  k["overdue"] = overdue_items;
  k["due_soon"] = static_cast<std::int64_t>(r.worklist.size()) - overdue_items;
  if (r.punctuality) {
    const auto& p = *r.punctuality;
    const std::int64_t all = p.on_time + p.late + p.missed;
    k["punctuality"] = {{"obligations", p.obligations},
                        {"on_time", p.on_time},
                        {"late", p.late},
                        {"missed", p.missed},
                        {"share", all == 0 ? Json(nullptr) : Json(static_cast<double>(p.on_time) / static_cast<double>(all))}};
  }
  k["caseworker_changes_per_case"] = r.caseworker_changes_per_case ? Json(*r.caseworker_changes_per_case) : Json(nullptr);
  k["norm_per_month"] = r.norm_per_month ? Json(*r.norm_per_month) : Json(nullptr);
  j["key_figures"] = k;

  j["worklist"] = Json::array();
  for (const WorkItem& w : r.worklist)
    j["worklist"].push_back({{"case", w.case_id},
                             {"obligation", w.obligation},
                             {"label", w.label},
                             {"due", w.due.iso()},
                             {"days_overdue", w.days_overdue},
                             {"status", w.days_overdue > 0 ? "overdue" : "due"},
                             {"caseworker", name_or_null(w.caseworker)},
                             {"team", name_or_null(w.team)},
                             {"legal_ref", w.legal_ref}});
  j["states"] = Json::array();
  for (const NamedCount& s : r.states) j["states"].push_back({{"state", s.name}, {"label", s.label}, {"count", s.count}});
  Json stock;
  stock["dates"] = Json::array();
  for (Date d : r.stock_dates) stock["dates"].push_back(d.iso());
  stock["states"] = Json::array();
  for (const auto& [s, counts] : r.stock_by_state) stock["states"].push_back({{"state", s.name}, {"label", s.label}, {"counts", counts}});
  j["stock_by_state"] = stock;
  j["status"] = {{"period", period_json(r, r.period)}, {"previous_period", period_json(r, r.previous_period)}};
  j["closures"] = {{"norm_per_month", r.norm_per_month ? Json(*r.norm_per_month) : Json(nullptr)},
                   {"norm_label", r.norm_label},
                   {"norm_legal_ref", r.norm_legal_ref},
                   {"by_month", closure_rows(r.closures_by_month)},
                   {"by_week", closure_rows(r.closures_by_week)}};
  j["extensions_by_ground"] = Json::array();
  for (const NamedCount& g : r.extensions_by_ground)
    j["extensions_by_ground"].push_back({{"ground", g.name}, {"label", g.label}, {"count", g.count}});
  j["long_cases"] = Json::array();
  for (const LongCaseFlow& f : r.long_cases) {
    Json weekly = Json::array();
    for (const auto& [d, n] : f.weekly) weekly.push_back({{"date", d.iso()}, {"count", n}});
    j["long_cases"].push_back({{"weeks", f.weeks},
                               {"stock_before", f.stock_before},
                               {"inflow", f.inflow},
                               {"outflow", f.outflow},
                               {"stock_at_end", f.stock_at_end},
                               {"weekly", weekly}});
  }
  j["external_actors"] = Json::array();
  for (const ActorRow& a : r.actors)
    j["external_actors"].push_back({{"provider", a.provider},
                                    {"held", a.held},
                                    {"closed", a.closed},
                                    {"closed_in_range", a.closed_in_range},
                                    {"open", a.open},
                                    {"passed_on", a.passed_on}});
  j["lead_times"] = Json::array();
  for (const LeadTime& t : r.lead_times)
    j["lead_times"].push_back({{"state", t.state},
                               {"label", t.label},
                               {"ended", t.ended},
                               {"mean_days", t.ended ? Json(t.mean_days) : Json(nullptr)},
                               {"median_days", t.ended ? Json(t.median_days) : Json(nullptr)},
                               {"max_days", t.ended ? Json(t.max_days) : Json(nullptr)},
                               {"waiting", t.waiting},
                               {"longest_waiting_days", t.waiting ? Json(t.longest_waiting_days) : Json(nullptr)}});
  j["course_outcomes"] = Json::array();
  for (const CourseOutcome& c : r.courses) {
    Json outcomes = Json::array();
    for (const NamedCount& o : c.outcomes) outcomes.push_back({{"outcome", o.name}, {"label", o.label}, {"count", o.count}});
    j["course_outcomes"].push_back({{"state", c.state}, {"label", c.label}, {"ended", outcomes}, {"running", c.running}});
  }
  j["caseworkers"] = Json::array();
  for (const CaseworkerLoad& c : r.caseworkers)
    j["caseworkers"].push_back(
        {{"caseworker", name_or_null(c.caseworker)}, {"team", name_or_null(c.team)}, {"open", c.open}, {"overdue", c.overdue}});
  Json changes = Json::object();
  for (const NamedCount& c : r.caseworker_changes) changes[c.name] = c.count;
  j["caseworker_changes"] = {{"per_case", r.caseworker_changes_per_case ? Json(*r.caseworker_changes_per_case) : Json(nullptr)},
                             {"cases", changes}};
  j["closure_expected"] = r.closure_expected;
  return j.dump() + "\n";
}

}  // namespace caseflow
