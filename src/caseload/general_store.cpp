// The caseload's general store: Case objects, the due-date queue, change counters, and the
// monitoring queries and KPIs over all cases.
#include "caseload/general_store.hpp"

#include <stdexcept>

#include "rules/model.hpp"

namespace caseflow::stores {

namespace {

std::size_t id_of(const std::vector<std::string>& names, std::string_view name, const char* what) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  throw std::invalid_argument(std::string("the rule-set has no ") + what + " '" + std::string(name) + "'");
}

// The same record in the wide layout: Case::apply judges each event anyway, so widening costs
// little here.
EventRecord wide(const CompactRecord& r) {
  EventRecord w{};
  w.case_index = r.case_index;
  w.date = r.date;
  w.event = r.event;
  w.present = static_cast<std::uint16_t>(r.present & 1u);
  w.values[0] = r.value;
  return w;
}

}  // namespace

GeneralStore::GeneralStore(RuleSet rules) : rules_(std::move(rules)) {
  for (const auto& v : rules_.model().variables) variable_names_.push_back(v.name);
}

void GeneralStore::add_cases(std::size_t n) {
  cases_.resize(cases_.size() + n, Case(rules_));
  changes_.resize(cases_.size() * variable_names_.size(), 0);
  history_.resize(cases_.size());
}

inline void GeneralStore::enqueue(std::uint32_t c) {
  if (const auto due = cases_[c].next_due()) queue_.push({due->days(), c});
}

std::size_t GeneralStore::variable(std::string_view name) const { return id_of(variable_names_, name, "variable"); }

// ---------------------------------------------------------------- cases

Outcome GeneralStore::open_at(std::uint32_t c, Date day) {
  const Outcome out = cases_[c].open_at(day);
  if (out) enqueue(c);
  return out;
}

std::size_t GeneralStore::open_cases(std::uint32_t first, const std::int32_t* days, std::size_t n, Status* statuses) {
  std::size_t opened = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Status st = Status::bad_input;
    if (days[i] >= Date::min().days() && days[i] <= Date::max().days())
      st = open_at(static_cast<std::uint32_t>(first + i), Date(days[i])).status;
    if (statuses) statuses[i] = st;
    opened += st == Status::ok;
  }
  return opened;
}

void GeneralStore::export_states(std::uint32_t first, std::size_t n, std::uint16_t* states,
                                 std::int32_t* last_days) const {
  for (std::size_t i = 0; i < n; ++i) {
    const Case& k = cases_[first + i];
    if (states) states[i] = k.is_open() ? k.state() : 0xFFFF;
    if (last_days) last_days[i] = k.trace().empty() ? INT32_MIN : k.trace().back().date.days();
  }
}

std::uint16_t GeneralStore::state_of(std::uint32_t c) const { return cases_[c].is_open() ? cases_[c].state() : 0xFFFF; }

std::optional<Date> GeneralStore::last_transition(std::uint32_t c) const {
  const Case& k = cases_[c];
  if (k.trace().empty()) return std::nullopt;
  return k.trace().back().date;
}

std::vector<std::int64_t> GeneralStore::pending_timer_counts() const {
  std::vector<std::int64_t> out(rules_.timer_count(), 0);
  for (const Case& k : cases_)
    for (const TimerView& t : k.pending_timers()) ++out[t.timer];
  return out;
}

std::int64_t GeneralStore::count_met_late() const {
  std::int64_t n = 0;
  for (const Case& k : cases_)
    for (const ObligationView& o : k.obligations(k.clock())) n += o.status == ObligationStatus::met_late;
  return n;
}

std::vector<std::int64_t> GeneralStore::count_by_state() const {
  std::vector<std::int64_t> out(rules_.state_count(), 0);
  for (const Case& k : cases_)
    if (k.is_open()) ++out[k.state()];
  return out;
}

// ---------------------------------------------------------------- events

Outcome GeneralStore::apply(std::uint32_t c, const EventInput& ev) {
  Case& k = cases_[c];
  // Cases the last advance did not need to touch are behind its date: no timer of theirs (nor a
  // version switch) was due by then, so the advance would only have moved the clock. The catch-up
  // is part of the event's transaction, so a rejected event leaves the case as it was:
  // - an event on or after the advance's date is applied directly: apply fires what is due up to
  //   the event itself (a scratch copy when anything is) and moves the clock past the advance's;
  // - an event before it is out of order for the caseload; it is judged on a copy brought to the
  //   advance's date, which gives the very outcome the caught-up case would.
  const std::size_t nv = variable_names_.size();
  scratch_.resize(nv);
  for (std::size_t v = 0; v < nv; ++v) scratch_[v] = k.variable_at(v);
  Outcome out;
  if (advanced_to_ && k.is_open() && k.clock() < *advanced_to_ && ev.date < *advanced_to_) {
    Case behind = k;
    behind.advance(*advanced_to_);
    out = behind.apply(ev);
    if (!out) return out;
    k = std::move(behind);  // not reached while apply refuses a date before the clock
  } else {
    out = k.apply(ev);
    if (!out) return out;
  }
  for (std::size_t v = 0; v < nv; ++v) {
    const std::int64_t now = k.variable_at(v);
    if (now == scratch_[v]) continue;
    if (scratch_[v] != kUnsetValue) ++changes_[c * nv + v];
    history_[c].push_back({ev.date, static_cast<std::uint16_t>(v), now});
  }
  enqueue(c);
  return out;
}

std::size_t GeneralStore::apply_batch(const EventRecord* records, std::size_t count, Status* statuses) {
  const rules::Model& model = rules_.model();
  rejections_.clear();
  std::size_t applied = 0;
  const std::size_t n_cases = cases_.size();
  FieldValue fields[kRecordValues];
  for (std::size_t i = 0; i < count; ++i) {
    const EventRecord& r = records[i];
    EventInput ev{r.event, Date(r.date), fields, 0};
    Outcome out;
    if (r.event < model.events.size()) {
      const auto& defs = model.events[r.event].fields;
      bool batchable = defs.size() <= kRecordValues;
      for (std::size_t f = 0; batchable && f < defs.size(); ++f) {
        fields[f].present = ((r.present >> f) & 1u) != 0;
        fields[f].number = r.values[f];
        fields[f].pairs = nullptr;
        fields[f].pair_count = 0;
        batchable = !(fields[f].present && defs[f].type == FieldType::date_pairs);
      }
      ev.field_count = defs.size();
      if (!batchable) {
        out.status = Status::bad_input;
        out.problem = InputProblem::not_batchable;
        out.event = r.event;
        out.date = ev.date;
      }
    }
    // Assigned in two branches, not from a conditional expression: that would copy the outcome
    // once more per record.
    if (out.status == Status::ok) {
      if (r.case_index < n_cases) out = apply(r.case_index, ev);
      else out = unknown_case(r.case_index, ev);
    }
    if (statuses) statuses[i] = out.status;
    if (out) ++applied;
    else rejections_.emplace_back(i, out);
  }
  return applied;
}

std::size_t GeneralStore::apply_compact(const CompactRecord* records, std::size_t count, Status* statuses) {
  std::vector<EventRecord> records_wide(count);
  for (std::size_t i = 0; i < count; ++i) records_wide[i] = wide(records[i]);
  return apply_batch(records_wide.data(), count, statuses);
}

std::string GeneralStore::batch_message(std::size_t position) const {
  for (const auto& [pos, out] : rejections_)
    if (pos == position) return describe(rules_, out);
  return {};
}

void GeneralStore::advance(Date to, unsigned threads) {
  std::vector<std::uint32_t> due;
  while (!queue_.empty() && queue_.top().first <= to.days()) {
    const auto [date, c] = queue_.top();
    queue_.pop();
    const auto next = cases_[c].next_due();
    if (next && next->days() == date) due.push_back(c);  // else a stale entry
  }
  std::sort(due.begin(), due.end());
  due.erase(std::unique(due.begin(), due.end()), due.end());
  // Each case is independent, so any split over threads gives the same cases.
  const auto work = [&](std::size_t from, std::size_t until) {
    for (std::size_t i = from; i < until; ++i) cases_[due[i]].advance(to);
  };
  split_work(due.size(), std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(due.size() / 1024 + 1))), work);
  for (std::uint32_t c : due) enqueue(c);
  if (!advanced_to_ || to > *advanced_to_) advanced_to_ = to;
}

// ---------------------------------------------------------------- queries

const Case& GeneralStore::at(std::uint32_t c) const { return cases_.at(c); }

bool GeneralStore::active(std::uint32_t c) const { return cases_[c].is_open() && !cases_[c].is_final(); }

template <class Keep>
std::vector<std::uint32_t> GeneralStore::active_where(std::string_view name, Keep keep) const {
  const std::size_t v = variable(name);
  std::vector<std::uint32_t> out;
  for (std::uint32_t c = 0; c < cases_.size(); ++c)
    if (active(c) && keep(cases_[c].variable_at(v))) out.push_back(c);
  return out;
}

std::vector<std::uint32_t> GeneralStore::entering_week(std::int32_t week, Date from, Date to) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t c = 0; c < cases_.size(); ++c) {
    const Case& k = cases_[c];
    if (!k.is_open()) continue;
    const Date start = week_first_day(k.day1(), week);
    if (start < from || start > to) continue;
    const auto closed = k.final_date();
    if (closed && *closed <= start) continue;  // not open on the day the week starts
    out.push_back(c);
  }
  return out;
}

std::map<std::uint16_t, std::vector<std::uint32_t>> GeneralStore::overdue(Date on) const {
  std::map<std::uint16_t, std::vector<std::uint32_t>> out;
  for (std::uint32_t c = 0; c < cases_.size(); ++c) {
    for (const ObligationView& o : cases_[c].obligations(on)) {
      if (o.status != ObligationStatus::overdue) continue;
      auto& list = out[o.obligation];
      if (list.empty() || list.back() != c) list.push_back(c);
    }
  }
  return out;
}

std::vector<DueItem> GeneralStore::due_within(Date from, Date to) const {
  std::vector<DueItem> out;
  for (std::uint32_t c = 0; c < cases_.size(); ++c)
    for (const ObligationView& o : cases_[c].obligations(from))
      if ((o.status == ObligationStatus::pending || o.status == ObligationStatus::overdue) && o.due &&
          *o.due >= from && *o.due <= to)
        out.push_back({c, o.obligation, *o.due});
  std::stable_sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    return a.due != b.due ? a.due < b.due : a.case_index < b.case_index;
  });
  return out;
}

std::map<std::int64_t, std::vector<std::uint32_t>> GeneralStore::over_weeks_by(std::int32_t weeks, Date on,
                                                                                std::string_view group) const {
  const std::size_t v = variable(group);
  std::map<std::int64_t, std::vector<std::uint32_t>> out;
  for (std::uint32_t c = 0; c < cases_.size(); ++c) {
    const Case& k = cases_[c];
    if (!active(c) || on - k.day1() < 7 * weeks) continue;
    const std::int64_t g = k.variable_at(v);
    out[g == kUnsetValue ? -1 : g].push_back(c);
  }
  return out;
}

std::vector<std::uint32_t> GeneralStore::flagged(std::string_view bool_variable) const {
  return active_where(bool_variable, [](std::int64_t x) { return x == 1; });
}

std::vector<std::pair<std::uint32_t, Date>> GeneralStore::points_within(std::string_view point, Date from,
                                                                        Date to) const {
  std::vector<std::pair<std::uint32_t, Date>> out;
  for (std::uint32_t c = 0; c < cases_.size(); ++c) {
    if (!active(c)) continue;
    const auto p = cases_[c].point(point);
    if (p && *p >= from && *p <= to) out.emplace_back(c, *p);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first < b.first;
  });
  return out;
}

// ---------------------------------------------------------------- KPIs

std::vector<ClosureCount> GeneralStore::closures(std::string_view caseworker_variable,
                                                 std::string_view technical_reason) const {
  const std::size_t v = variable(caseworker_variable);
  std::map<std::pair<std::int64_t, std::int32_t>, ClosureCount> counts;
  for (const Case& k : cases_) {
    const auto closed = k.final_date();
    if (!closed) continue;
    const std::int64_t cw = k.variable_at(v) == kUnsetValue ? -1 : k.variable_at(v);
    const std::int32_t month = month_index(*closed);
    ClosureCount& cc = counts[{cw, month}];
    cc.caseworker = cw;
    cc.month = month;
    const auto reason = k.reason();
    if (reason && *reason == technical_reason) ++cc.technical;
    else ++cc.real;
  }
  std::vector<ClosureCount> out;
  for (const auto& [key, cc] : counts) out.push_back(cc);
  return out;
}

std::vector<std::int64_t> GeneralStore::variable_changes(std::string_view name) const {
  const std::size_t v = variable(name);
  const std::size_t nv = variable_names_.size();
  std::vector<std::int64_t> out(cases_.size());
  for (std::size_t c = 0; c < out.size(); ++c) out[c] = changes_[c * nv + v];
  return out;
}

std::map<std::int64_t, std::int64_t> GeneralStore::open_by(std::string_view name) const {
  const std::size_t v = variable(name);
  std::map<std::int64_t, std::int64_t> out;
  for (std::uint32_t c = 0; c < cases_.size(); ++c) {
    if (!active(c)) continue;
    const std::int64_t x = cases_[c].variable_at(v);
    ++out[x == kUnsetValue ? -1 : x];
  }
  return out;
}

Punctuality GeneralStore::punctuality(const std::vector<std::string>& obligations, Date on) const {
  std::vector<bool> wanted(rules_.obligation_count(), false);
  std::vector<std::string> names;
  for (const auto& o : rules_.model().obligations) names.push_back(o.name);
  for (const std::string& o : obligations) wanted[id_of(names, o, "obligation")] = true;
  Punctuality p;
  for (const Case& k : cases_)
    for (const ObligationView& o : k.obligations(on)) {
      if (!wanted[o.obligation]) continue;
      switch (o.status) {
        case ObligationStatus::met: ++p.on_time; break;
        case ObligationStatus::met_late: ++p.late; break;
        case ObligationStatus::missed:
        case ObligationStatus::overdue: ++p.missed; break;
        default: break;
      }
    }
  return p;
}

const std::vector<VariableChange>& GeneralStore::history(std::uint32_t c) const { return history_.at(c); }

std::vector<std::uint32_t> GeneralStore::holding(std::string_view name) const {
  return active_where(name, [](std::int64_t x) { return x != kUnsetValue; });
}

}  // namespace caseflow::stores
