// The report's figures, computed from a caseload's cases (their traces, obligations, variables and
// variable histories) and the rule-set's report specification. Nothing here names a rule-set's
// words: states, obligations, variables and labels all come from the specification.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

#include "caseflow/report.hpp"
#include "report/history.hpp"
#include "rules/model.hpp"
#include "rules/report_spec.hpp"

namespace caseflow {

std::string Report::word(const std::string& key, const std::string& fallback) const {
  for (const auto& [k, v] : words)
    if (k == key) return v;
  return fallback;
}

namespace report {

std::string iso_week_name(Date d) {
  const Date thursday = d + (3 - static_cast<std::int32_t>(d.weekday()));
  const YearMonthDay t = thursday.ymd();
  const std::int32_t week = (thursday - Date::from_ymd(t.year, 1, 1)) / 7 + 1;
  return std::to_string(t.year) + "-W" + (week < 10 ? "0" : "") + std::to_string(week);
}

std::string month_name(Date d) {
  const YearMonthDay v = d.ymd();
  return std::to_string(v.year) + "-" + (v.month < 10 ? "0" : "") + std::to_string(v.month);
}

CaseView::CaseView(const Caseload& load, std::uint32_t index) : k(load.at(index)), history(load.history(index)) {}

std::optional<std::uint16_t> CaseView::state_on(Date d) const {
  if (!k.is_open() || d < k.day1()) return std::nullopt;
  std::optional<std::uint16_t> s;
  for (const TraceEntry& t : k.trace()) {
    if (t.date > d) break;
    s = t.to;
  }
  return s;
}

bool CaseView::open_on(Date d) const {
  if (!k.is_open() || d < k.day1()) return false;
  const auto closed = k.final_date();
  return !(closed && *closed <= d);
}

std::optional<std::int64_t> CaseView::value_on(std::uint16_t variable, Date d) const {
  std::optional<std::int64_t> v;
  for (const VariableChange& c : history) {
    if (c.date > d) break;
    if (c.variable == variable) v = c.value;
  }
  return v;
}

}  // namespace report

namespace {

using report::CaseView;
using rules::ReportSpec;

// Names and words of one rule-set and caseload: every text the report shows comes through here.
class Words {
 public:
  Words(const Caseload& load, const ReportSpec& spec) : load_(load), spec_(spec), model_(load.rules().model()) {}

  std::optional<std::uint16_t> variable(const std::string& name) const {
    if (name.empty()) return std::nullopt;
    for (std::size_t v = 0; v < model_.variables.size(); ++v)
      if (model_.variables[v].name == name) return static_cast<std::uint16_t>(v);
    return std::nullopt;
  }
  // A variable's value as text: an interned string, an enum value's name; empty when unset.
  std::string value_name(std::uint16_t variable, std::int64_t raw) const {
    if (raw == kUnsetValue) return {};
    const rules::Variable& v = model_.variables[variable];
    if (v.type == FieldType::string) return raw >= 0 && static_cast<std::size_t>(raw) < load_.strings().size() ? load_.strings().text(raw) : std::string();
    if (v.type == FieldType::enumeration && v.enum_event != rules::kNone) {
      const auto& values = model_.events[v.enum_event].fields[v.enum_field].values;
      if (raw >= 0 && static_cast<std::size_t>(raw) < values.size()) return values[static_cast<std::size_t>(raw)];
    }
    return std::to_string(raw);
  }
  std::string current(const Case& k, const std::optional<std::uint16_t>& variable) const {
    return variable ? value_name(*variable, k.variable_at(*variable)) : std::string();
  }
  std::string state(std::uint16_t s) const { return spec_.label("state." + model_.scopes[s].name, model_.scopes[s].name); }
  std::string value(const std::string& v) const { return spec_.label("value." + v, v); }
  std::string reason(const std::string& r) const { return spec_.label("reason." + r, r); }

 private:
  const Caseload& load_;
  const ReportSpec& spec_;
  const rules::Model& model_;
};

void count_into(std::vector<NamedCount>& counts, const std::string& name, const std::string& label) {
  for (NamedCount& c : counts)
    if (c.name == name) {
      ++c.count;
      return;
    }
  counts.push_back({name, label, 1});
}

void most_first(std::vector<NamedCount>& counts) {
  std::stable_sort(counts.begin(), counts.end(), [](const NamedCount& a, const NamedCount& b) {
    return a.count != b.count ? a.count > b.count : a.name < b.name;
  });
}

// The stays of a case within a scope: [entered, left) with the trace entry that left it (or none).
struct Stay {
  Date entered;
  std::optional<Date> left;
  std::size_t exit = 0;  // index of the trace entry that left the scope
};

std::vector<Stay> stays(const rules::Model& m, const Case& k, std::uint16_t scope) {
  std::vector<Stay> out;
  bool inside = false;
  const auto& trace = k.trace();
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const bool in = m.within(trace[i].to, scope);
    if (in && !inside) out.push_back({trace[i].date, std::nullopt, 0});
    if (!in && inside) {
      out.back().left = trace[i].date;
      out.back().exit = i;
    }
    inside = in;
  }
  return out;
}

}  // namespace

Report build_report(const Caseload& load, const ReportRequest& request, const InputSummary& input) {
  if (load.is_fast()) throw std::invalid_argument("a report needs each case's history: run the caseload on the general path");
  const RuleSet& rs = load.rules();
  const rules::Model& m = rs.model();
  static const ReportSpec kEmpty;
  const ReportSpec& spec = rs.versions().report ? *rs.versions().report : kEmpty;
  const Words words(load, spec);
  const Date on = request.on;
  const Date from = request.from ? *request.from : month_index_start(month_index(on) - 1);
  if (from > on) throw std::invalid_argument("the report's range starts (" + from.iso() + ") after its date (" + on.iso() + ")");

  Report r;
  r.ruleset = rs.name();
  r.title = spec.title;
  r.language = spec.language;
  r.on = on;
  r.from = from;
  r.seed = request.seed;
  r.input = input;
  for (const auto& [k, v] : spec.labels) r.words.emplace_back(k, v);
  r.norm_per_month = spec.closures_per_month.at(on);
  r.norm_label = spec.closures_per_month.label;
  r.norm_legal_ref = spec.closures_per_month.legal_ref;

  const auto caseworker_var = words.variable(spec.caseworker);
  const auto team_var = words.variable(spec.team);
  const auto provider_var = words.variable(spec.provider);
  const auto ground_var = words.variable(spec.extension_ground);
  const auto is_technical = [&](const Case& k) {
    const auto reason = k.reason();
    return !spec.technical_reason.empty() && reason && *reason == spec.technical_reason;
  };

  // ---- worklists: the listed obligations (all when the spec lists none), overdue or due soon ----
  std::vector<const rules::ReportObligation*> listed(m.obligations.size(), nullptr);
  std::vector<rules::ReportObligation> own;
  if (spec.worklists.empty())
    for (std::size_t o = 0; o < m.obligations.size(); ++o)
      own.push_back({static_cast<std::uint16_t>(o), m.obligations[o].name, m.obligations[o].legal_ref});
  for (const auto& o : spec.worklists.empty() ? own : spec.worklists) listed[o.obligation] = &o;
  const Date horizon = on + (spec.due_ahead_days - 1);

  std::map<std::string, std::pair<std::string, std::int64_t>> loads;   // caseworker → team, open
  std::map<std::string, std::map<std::string, std::int64_t>> teams_of;  // caseworker → team → open cases
  std::set<std::string> overdue_cases_of_caseworker_seen;
  std::map<std::string, std::int64_t> overdue_per_caseworker;
  for (std::uint32_t c = 0; c < load.size(); ++c) {
    const Case& k = load.at(c);
    if (!k.is_open()) continue;
    ++r.cases;
    if (k.is_final()) continue;
    const std::string cw = words.current(k, caseworker_var);
    const std::string team = words.current(k, team_var);
    ++teams_of[cw][team];
    ++loads[cw].second;
    bool overdue = false;
    for (const ObligationView& o : k.obligations(on)) {
      const auto* item = listed[o.obligation];
      if (!item || !o.due) continue;
      const bool late = o.status == ObligationStatus::overdue;
      if (!late && !(o.status == ObligationStatus::pending && *o.due <= horizon)) continue;
      overdue = overdue || late;
      r.worklist.push_back({load.case_id(c), m.obligations[o.obligation].name, item->label, *o.due, on - *o.due, cw, team,
                            item->legal_ref});
    }
    if (overdue) ++overdue_per_caseworker[cw];
  }
  std::sort(r.worklist.begin(), r.worklist.end(), [](const WorkItem& a, const WorkItem& b) {
    if (a.days_overdue != b.days_overdue) return a.days_overdue > b.days_overdue;
    if (a.case_id != b.case_id) return a.case_id < b.case_id;
    return a.obligation < b.obligation;
  });
  for (const auto& [cw, teams] : teams_of) {
    CaseworkerLoad cl;
    cl.caseworker = cw;
    std::int64_t best = -1;
    for (const auto& [team, n] : teams)
      if (n > best) best = n, cl.team = team;
    cl.open = loads[cw].second;
    cl.overdue = overdue_per_caseworker[cw];
    r.caseworkers.push_back(cl);
  }
  std::sort(r.caseworkers.begin(), r.caseworkers.end(), [](const CaseworkerLoad& a, const CaseworkerLoad& b) {
    if (a.caseworker.empty() != b.caseworker.empty()) return b.caseworker.empty();
    return a.caseworker < b.caseworker;
  });

  // ---- the weekly screening lists ----
  const auto ids = [&](const std::vector<std::uint32_t>& cases) {
    std::vector<std::string> out;
    for (std::uint32_t c : cases) out.push_back(load.case_id(c));
    std::sort(out.begin(), out.end());
    return out;
  };
  for (std::int32_t n : spec.watched_weeks) r.entering.push_back({n, ids(load.entering_week(n, on, on + 6))});
  for (const auto& p : spec.points) {
    for (const auto& [c, d] : load.points_within(p.point, on, on + (p.ahead_days - 1))) {
      const Case& k = load.at(c);
      r.points.push_back({load.case_id(c), p.point, p.label, d, words.current(k, caseworker_var), words.current(k, team_var)});
    }
  }
  std::stable_sort(r.points.begin(), r.points.end(), [](const PointItem& a, const PointItem& b) {
    return a.date != b.date ? a.date < b.date : a.case_id < b.case_id;
  });
  const auto overdue = load.overdue(on);
  for (std::size_t o = 0; o < m.obligations.size(); ++o) {
    auto it = overdue.find(static_cast<std::uint16_t>(o));
    r.overdue.emplace_back(m.obligations[o].name, it == overdue.end() ? std::vector<std::string>{} : ids(it->second));
  }
  for (std::uint32_t c : load.supervision_sample(static_cast<std::size_t>(spec.sample_size), request.seed, on))
    r.sample.push_back(load.case_id(c));
  std::sort(r.sample.begin(), r.sample.end());
  const auto by_state = load.count_by_state();
  for (std::size_t s = 0; s < by_state.size(); ++s)
    r.states.push_back({m.scopes[s].name, words.state(static_cast<std::uint16_t>(s)), by_state[s]});
  if (!spec.closure_expected.empty()) r.closure_expected = ids(load.flagged(spec.closure_expected));
  if (!spec.punctuality.empty()) {
    PunctualityFigure p;
    for (std::uint16_t o : spec.punctuality) p.obligations.push_back(m.obligations[o].name);
    const Punctuality x = load.punctuality(p.obligations, on);
    p.on_time = x.on_time;
    p.late = x.late;
    p.missed = x.missed;
    r.punctuality = p;
  }

  // ---- the plans' figures over [from, on] and the status periods ----
  const std::int32_t period = spec.status_period_days;
  r.period.first = on - (period - 1);
  r.period.last = on;
  r.previous_period.first = on - (2 * period - 1);
  r.previous_period.last = on - period;
  const std::size_t nl = spec.long_case_weeks.size();
  for (PeriodFigures* p : {&r.period, &r.previous_period}) {
    p->long_inflow.assign(nl, 0);
    p->long_outflow.assign(nl, 0);
    p->long_at_end.assign(nl, 0);
  }
  for (std::int32_t w : spec.long_case_weeks) {
    LongCaseFlow f;
    f.weeks = w;
    r.long_cases.push_back(f);
  }
  for (std::size_t w = 0; w < 8; ++w) r.stock_dates.push_back(on - static_cast<std::int32_t>(7 * (7 - w)));
  std::vector<std::vector<std::int64_t>> stock(m.leaf_count, std::vector<std::int64_t>(r.stock_dates.size(), 0));
  for (LongCaseFlow& f : r.long_cases)
    for (Date d : r.stock_dates) f.weekly.emplace_back(d, 0);

  std::map<std::pair<std::string, std::string>, ClosureRow> months, weeks;
  std::map<std::string, ActorRow> actors;
  std::vector<std::vector<std::int32_t>> lead_days(spec.lead_times.size());
  r.lead_times.resize(spec.lead_times.size());
  r.courses.resize(spec.course_outcomes.size());
  std::int64_t changes_total = 0, changed_cases = 0;
  std::vector<std::int64_t> change_counts(4, 0);
  const auto changes = caseworker_var ? load.variable_changes(spec.caseworker) : std::vector<std::int64_t>{};
  const auto in = [](Date d, Date a, Date b) { return a <= d && d <= b; };

  for (std::uint32_t c = 0; c < load.size(); ++c) {
    const CaseView v(load, c);
    const Case& k = v.k;
    if (!k.is_open()) continue;
    const Date day1 = k.day1();
    const auto closed = k.final_date();
    // The status periods.
    for (PeriodFigures* p : {&r.period, &r.previous_period}) {
      if (in(day1, p->first, p->last)) ++p->opened;
      if (closed && in(*closed, p->first, p->last)) ++(is_technical(k) ? p->closed_technical : p->closed_real);
      if (v.open_on(p->last)) ++p->open_at_end;
      for (std::size_t i = 0; i < nl; ++i) {
        const Date crossed = day1 + 7 * spec.long_case_weeks[i];
        if (in(crossed, p->first, p->last) && v.open_on(crossed)) ++p->long_inflow[i];
        if (closed && in(*closed, p->first, p->last) && *closed - 1 >= crossed) ++p->long_outflow[i];
        if (v.open_on(p->last) && p->last >= crossed) ++p->long_at_end[i];
      }
    }
    // Long-case flows over the range, and the weekly stock.
    for (std::size_t i = 0; i < nl; ++i) {
      LongCaseFlow& f = r.long_cases[i];
      const Date crossed = day1 + 7 * f.weeks;
      if (v.open_on(from - 1) && from - 1 >= crossed) ++f.stock_before;
      if (in(crossed, from, on) && v.open_on(crossed)) ++f.inflow;
      if (closed && in(*closed, from, on) && *closed - 1 >= crossed) ++f.outflow;
      if (v.open_on(on) && on >= crossed) ++f.stock_at_end;
      for (auto& [d, n] : f.weekly)
        if (v.open_on(d) && d >= crossed) ++n;
    }
    for (std::size_t w = 0; w < r.stock_dates.size(); ++w)
      if (v.open_on(r.stock_dates[w]))
        if (const auto state = v.state_on(r.stock_dates[w])) ++stock[*state][w];
    // Closures per caseworker per month and week, real and technical.
    if (closed && in(*closed, from, on)) {
      const std::string cw = words.current(k, caseworker_var);
      const bool technical = is_technical(k);
      ClosureRow& mrow = months[{report::month_name(*closed), cw}];
      mrow.caseworker = cw;
      mrow.period = report::month_name(*closed);
      mrow.first = later(month_start(*closed), from);
      mrow.last = earlier(month_end(*closed), on);
      ++(technical ? mrow.technical : mrow.real);
      const Date monday = *closed - static_cast<std::int32_t>(closed->weekday());
      ClosureRow& wrow = weeks[{report::iso_week_name(*closed), cw}];
      wrow.caseworker = cw;
      wrow.period = report::iso_week_name(*closed);
      wrow.first = later(monday, from);
      wrow.last = earlier(monday + 6, on);
      ++(technical ? wrow.technical : wrow.real);
    }
    // Extensions by ground: each event that put the case in the extension scope.
    if (spec.extension_scope != rules::kNone) {
      const auto& trace = k.trace();
      for (std::size_t i = 0; i < trace.size(); ++i) {
        const TraceEntry& t = trace[i];
        if (t.event == 0xFFFF || !m.within(t.to, spec.extension_scope)) continue;
        for (PeriodFigures* p : {&r.period, &r.previous_period})
          if (in(t.date, p->first, p->last)) ++p->extensions;
        if (!in(t.date, from, on)) continue;
        const auto g = ground_var ? v.value_on(*ground_var, t.date) : std::nullopt;
        const std::string name = g ? words.value_name(*ground_var, *g) : std::string();
        count_into(r.extensions_by_ground, name.empty() ? "(unknown)" : name, name.empty() ? "(unknown)" : words.value(name));
      }
    }
    // External actors: every actor a case was given to, and how it went while it held it.
    if (provider_var) {
      std::vector<std::pair<Date, std::string>> given;
      for (const VariableChange& ch : v.history)
        if (ch.variable == *provider_var && ch.date <= on) given.emplace_back(ch.date, words.value_name(*provider_var, ch.value));
      for (std::size_t i = 0; i < given.size(); ++i) {
        ActorRow& a = actors[given[i].second];
        a.provider = given[i].second;
        ++a.held;
        if (i + 1 < given.size()) ++a.passed_on;
        else if (closed && *closed <= on) {
          ++a.closed;
          if (in(*closed, from, on)) ++a.closed_in_range;
        } else {
          ++a.open;
        }
      }
    }
    // Lead times and course outcomes: stays in a state.
    for (std::size_t i = 0; i < spec.lead_times.size(); ++i)
      for (const Stay& s : stays(m, k, spec.lead_times[i].scope)) {
        if (s.left && in(*s.left, from, on)) lead_days[i].push_back(*s.left - s.entered);
        if (!s.left || *s.left > on) {
          ++r.lead_times[i].waiting;
          r.lead_times[i].longest_waiting_days = std::max(r.lead_times[i].longest_waiting_days, on - s.entered);
        }
      }
    for (std::size_t i = 0; i < spec.course_outcomes.size(); ++i)
      for (const Stay& s : stays(m, k, spec.course_outcomes[i].scope)) {
        if (!s.left || *s.left > on) {
          ++r.courses[i].running;
          continue;
        }
        if (!in(*s.left, from, on)) continue;
        const std::uint16_t next = k.trace()[s.exit].to;
        std::string name = m.scopes[next].name, label = words.state(next);
        if (m.scopes[next].final && k.reason() && closed && *closed == *s.left) {
          name += ":" + std::string(*k.reason());
          label += ": " + words.reason(std::string(*k.reason()));
        }
        count_into(r.courses[i].outcomes, name, label);
      }
    // Caseworker changes per case.
    if (caseworker_var) {
      const std::int64_t n = changes[c];
      changes_total += n;
      ++changed_cases;
      ++change_counts[static_cast<std::size_t>(std::min<std::int64_t>(n, 3))];
    }
  }

  for (std::size_t s = 0; s < stock.size(); ++s)
    if (!m.scopes[s].final) r.stock_by_state.push_back({{m.scopes[s].name, words.state(static_cast<std::uint16_t>(s)), stock[s].back()}, stock[s]});
  for (const auto& [key, row] : months) r.closures_by_month.push_back(row);
  for (const auto& [key, row] : weeks) r.closures_by_week.push_back(row);
  // The norm is a caseworker's: closures of cases with none are shown without one.
  for (ClosureRow& row : r.closures_by_month)
    if (const auto n = spec.closures_per_month.at(month_start(row.first)); n && !row.caseworker.empty()) row.norm = *n;
  for (ClosureRow& row : r.closures_by_week)
    if (const auto n = spec.closures_per_month.at(row.first); n && !row.caseworker.empty()) row.norm = *n * 12.0 / 52.0;
  for (const auto& [name, a] : actors) r.actors.push_back(a);
  for (std::size_t i = 0; i < spec.lead_times.size(); ++i) {
    LeadTime& t = r.lead_times[i];
    t.state = spec.lead_times[i].name;
    t.label = spec.lead_times[i].label;
    auto& days = lead_days[i];
    t.ended = static_cast<std::int64_t>(days.size());
    if (days.empty()) continue;
    std::sort(days.begin(), days.end());
    t.mean_days = static_cast<double>(std::accumulate(days.begin(), days.end(), std::int64_t{0})) / static_cast<double>(days.size());
    t.median_days = days[days.size() / 2];
    if (days.size() % 2 == 0) t.median_days = (days[days.size() / 2 - 1] + days[days.size() / 2]) / 2;
    t.max_days = days.back();
  }
  for (std::size_t i = 0; i < spec.course_outcomes.size(); ++i) {
    r.courses[i].state = spec.course_outcomes[i].name;
    r.courses[i].label = spec.course_outcomes[i].label;
    most_first(r.courses[i].outcomes);
  }
  most_first(r.extensions_by_ground);
  if (caseworker_var && changed_cases > 0) {
    r.caseworker_changes_per_case = static_cast<double>(changes_total) / static_cast<double>(changed_cases);
    const char* names[] = {"0", "1", "2", "3+"};
    for (std::size_t i = 0; i < 4; ++i) r.caseworker_changes.push_back({names[i], names[i], change_counts[i]});
  }
  return r;
}

}  // namespace caseflow
