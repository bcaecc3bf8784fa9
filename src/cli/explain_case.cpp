// Explaining one case (caseflow explain, caseflow test --explain): the replay records each due
// date's explanation when the engine computes it; the report walks the case's trace, obligations
// and timers. Generic: everything comes from the compiled rule-set and its expression trees.
#include "cli/explain_case.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "cli/report.hpp"
#include "rules/explain.hpp"
#include "rules/model.hpp"

namespace caseflow::cli {

namespace {

using rules::Id;
using rules::kNone;
using rules::kUnknown;


/// The values of expression leaves in one case, as the case holds them now.
class CaseEnv : public rules::ExprEnv {
 public:
  CaseEnv(const Case& c, std::optional<Date> anchor, std::string anchor_name,
          const std::map<Id, std::string>* origins = nullptr, const ParsedEvent* event = nullptr,
          const std::map<Id, rules::Explanation>* how = nullptr)
      : c_(c), m_(c.rules().model()), anchor_(anchor), anchor_name_(std::move(anchor_name)), origins_(origins),
        event_(event), how_(how) {}

  std::optional<Date> day1() const override { return c_.is_open() ? std::optional<Date>(c_.day1()) : anchor_; }
  std::optional<Date> anchor() const override { return anchor_; }
  std::string anchor_name() const override { return anchor_name_; }
  std::optional<Date> timer_start() const override { return anchor_; }
  std::int64_t field(Id f) const override {
    // As the engine reads a field: its value, its default when absent, else unknown.
    if (!event_ || f >= m_.events[event_->event].fields.size()) return kUnknown;
    if (f < event_->fields.size() && event_->fields[f].present) return event_->fields[f].number;
    const rules::Field& def = m_.events[event_->event].fields[f];
    return def.has_default ? def.default_value : kUnknown;
  }
  std::string field_name(Id f) const override {
    if (!event_ || f >= m_.events[event_->event].fields.size()) return ExprEnv::field_name(f);
    return m_.events[event_->event].fields[f].name;
  }
  std::int64_t var(Id v) const override { return c_.variable_at(v); }
  const rules::Explanation* var_explanation(Id v) const override {
    if (!how_) return nullptr;
    auto it = how_->find(v);
    return it == how_->end() ? nullptr : &it->second;
  }
  std::string var_origin(Id v) const override {
    if (!origins_) return {};
    auto it = origins_->find(v);
    return it == origins_->end() ? std::string() : it->second;
  }
  std::int64_t point(Id p) const override {
    const auto d = c_.point(m_.points[p].name);
    return d ? d->days() : kUnknown;
  }
  std::optional<rules::CountedDaysInputs> counted_days(Id p) const override {
    const auto f = c_.counted_days_found(p);
    if (!f) return std::nullopt;
    return rules::CountedDaysInputs{f->counting_from, f->found, f->counted, f->prior, f->window_months};
  }
  std::int64_t timer_date(Id t) const override {
    for (const TimerView& v : c_.pending_timers())
      if (v.timer == t) return v.due.days();
    return kUnknown;
  }
  std::int64_t entered(Id scope) const override {
    std::int64_t last = kUnknown;
    for (const TraceEntry& e : c_.trace()) {
      const std::uint64_t old_mask = e.from == 0xFFFF ? 0 : m_.scope_mask[e.from];
      std::uint64_t in = m_.scope_mask[e.to] & ~old_mask;
      if (e.from == e.to) in |= std::uint64_t(1) << e.to;
      if ((in >> scope) & 1u) last = e.date.days();
    }
    return last;
  }
  bool visited(Id scope) const override {
    for (const TraceEntry& e : c_.trace())
      if (m_.within(e.to, scope)) return true;
    return false;
  }
  bool in_state(Id scope) const override { return c_.is_open() && m_.within(c_.state(), scope); }
  bool paid() const override { return c_.paid(); }

 private:
  const Case& c_;
  const rules::Model& m_;
  std::optional<Date> anchor_;
  std::string anchor_name_;
  const std::map<Id, std::string>* origins_;
  const ParsedEvent* event_;
  const std::map<Id, rules::Explanation>* how_;
};

/// An explanation kept as it was when the engine computed the date, with the start it used.
struct Captured {
  rules::Explanation steps;
  std::optional<Date> start;
  std::size_t version = 0;  // the rule-set version whose rule gave the date
};

/// What the replay saw of the explained case. Each due date is explained when the engine computes
/// it (on arising, on starting, on each recompute), from the case as it is at that moment, since
/// later events may change what it was computed from; and each variable's origin is noted.
class Recorder : public ReplayObserver {
 public:
  Recorder(const RuleSet& rules, std::string case_id) : rules_(rules), m_(rules.model()), id_(std::move(case_id)) {}

  void before(const std::string& id, const Case& c, const ParsedEvent& ev) override {
    if (id != id_) return;
    begin_round(c);
    if (c.is_open()) fire_until(c, ev.date);
  }
  void after(const std::string& id, const Case& c, const ParsedEvent& ev, const Outcome& out) override {
    if (id != id_ || !out) return;
    for (std::size_t k = seen_; k < c.trace().size(); ++k)
      ran(c.trace()[k].transition, c.trace()[k].date, c.trace()[k].version);
    if (out.transition != 0xFFFF) {
      ran(out.transition, ev.date, out.version);
      // How the event's rule computed the variables it set, from the event's fields.
      const rules::Model& mv = rules_.model(out.version);
      for (const rules::Effect& fx : mv.transitions[out.transition].effects)
        if (fx.kind == rules::Effect::set_var)
          var_how[fx.target] =
              rules::explain_expr(mv, fx.expr, CaseEnv(c, ev.date, "the event's date", &origins, &ev, &var_how));
    }
    seen_ = c.trace().size();
    capture(c, &ev);
  }
  void before_advance(const std::string& id, const Case& c, Date as_of) override {
    if (id != id_) return;
    begin_round(c);
    fire_until(c, as_of);
  }

  std::map<std::size_t, Captured> timer_fired;               ///< by trace index: the run that fired
  std::map<Id, Captured> timer_now;                          ///< by timer: its run as last computed
  std::map<std::size_t, rules::Explanation> instance_steps;  ///< by obligation instance
  std::map<Id, std::string> origins;                         ///< by variable
  std::map<Id, rules::Explanation> var_how;                  ///< by variable: how its rule computed it

 private:
  void begin_round(const Case& c) {
    base_ = c.is_open() ? c.obligations(c.clock()).size() : 0;
    taken_.clear();
  }

  // Explains what the engine has just computed: new instances (with the event's fields when it
  // raised them), open instances and timers recomputed where they follow the case, and timers
  // whose run or date changed.
  void capture(const Case& c, const ParsedEvent* ev) {
    if (!c.is_open()) return;
    const auto instances = c.obligations(c.clock());
    for (std::size_t i = 0; i < instances.size(); ++i) {
      const ObligationView& o = instances[i];
      const rules::Model& mv = rules_.model(o.version);
      const rules::Arising& ar = mv.obligations[o.obligation].arises[c.instance_arising(i)];
      const bool fresh = i >= base_ && !taken_.count(i);
      const bool open = o.status == ObligationStatus::pending || o.status == ObligationStatus::overdue;
      const bool follows = open && ar.recompute_in != kNone && m_.within(c.state(), ar.recompute_in);
      if (!fresh && !follows) continue;
      const ParsedEvent* raised_by = fresh && ev && ar.on_event == ev->event && o.arose == ev->date ? ev : nullptr;
      const CaseEnv env(c, o.arose, "the day it arose", &origins, raised_by, &var_how);
      instance_steps[i] = rules::explain_expr(mv, ar.due, env);
      taken_.insert(i);
    }
    for (const TimerView& v : c.pending_timers()) {
      const rules::Model& mv = rules_.model(v.version);
      const rules::Timer& tm = mv.timers[v.timer];
      const auto start = c.timer_started(v.timer);
      auto it = timer_now.find(v.timer);
      const bool follows = tm.recompute_in != kNone && m_.within(c.state(), tm.recompute_in);
      if (it != timer_now.end() && it->second.start == start && it->second.version == v.version &&
          it->second.steps.value == v.due.days() && !follows)
        continue;
      const bool by_event = ev && start && *start == ev->date &&
                            std::find(tm.start_on_events.begin(), tm.start_on_events.end(), ev->event) != tm.start_on_events.end();
      const CaseEnv env(c, start, "the day it started", &origins, by_event ? ev : nullptr, &var_how);
      timer_now[v.timer] = {rules::explain_expr(mv, tm.date, env), start, v.version};
    }
  }

  // Plays the timers due up to `limit` on a copy, one date at a time, keeping for each transition
  // a timer causes the explanation of that timer's date as the engine computed it.
  void fire_until(const Case& c, Date limit) {
    Case probe(c);
    for (;;) {
      const auto pending = probe.pending_timers();
      if (pending.empty() || pending.front().due > limit) return;
      const Date due = pending.front().due;
      std::map<Id, Captured> firing;
      for (const TimerView& v : pending) {
        if (v.due != due) continue;
        auto it = timer_now.find(v.timer);
        if (it != timer_now.end() && it->second.steps.value == due.days()) firing[v.timer] = it->second;
      }
      const std::size_t before = probe.trace().size();
      probe.advance(due);
      for (std::size_t k = before; k < probe.trace().size(); ++k) {
        ran(probe.trace()[k].transition, probe.trace()[k].date, probe.trace()[k].version);
        if (auto it = firing.find(probe.trace()[k].timer); it != firing.end()) timer_fired[k] = it->second;
      }
      capture(probe, nullptr);
    }
  }

  // Notes the variables a rule that ran on `date` set.
  void ran(std::size_t t, Date date, std::size_t version) {
    if (t >= m_.transitions.size()) return;
    const rules::Transition& tr = rules_.model(version).transitions[t];
    for (const rules::Effect& fx : tr.effects)
      if (fx.kind == rules::Effect::set_var) {
        origins[fx.target] = "set by rule " + tr.id + " on " + rules::long_date(date) + " [" + tr.legal_ref + "]";
        var_how.erase(fx.target);
      }
  }

  const RuleSet& rules_;
  const rules::Model& m_;  // names and layout, which every version shares
  std::string id_;
  std::size_t seen_ = 0;
  std::size_t base_ = 0;      // instances the case had before this event
  std::set<std::size_t> taken_;  // new instances already explained this round
};

std::string status_words(const ObligationView& o) {
  std::string s = to_string(o.status);
  if (o.met_on) s += " on " + rules::long_date(*o.met_on);
  return s;
}

/// The lines of a step list, indented.
void write_steps(std::ostream& out, const rules::Explanation& e, int indent) {
  if (e.steps.empty()) out << std::string(static_cast<std::size_t>(indent), ' ') << "- " << e.phrase << '\n';
  else out << rules::render_steps(e.steps, indent);
}

std::string ref(const std::string& legal_ref) { return legal_ref.empty() ? "" : " [" + legal_ref + "]"; }

}  // namespace

CaseExplanation explain_case(const RuleSet& rules, const std::vector<InputLine>& lines, const std::string& case_id,
                             std::optional<Date> as_of) {
  const rules::Model& m = rules.model();
  CaseExplanation result;
  Recorder recorder(rules, case_id);
  const Replay r = replay(rules, lines, as_of, &recorder);
  for (const LineReport& rep : r.reports)
    if (rep.is_error() && rep.message.rfind("case " + case_id + ":", 0) == 0) result.reports.push_back(rep);
  auto found = r.cases.find(case_id);
  if (found == r.cases.end() || !found->second.is_open())
    throw BadInput("case " + case_id + " has no applied event" + (r.has_events ? " on or before " + r.as_of.iso() : ""));
  const Case& c = found->second;
  std::ostringstream out;
  const auto disagree = [&](const std::string& what) { result.disagreements.push_back(what); };

  const bool versioned = rules.version_count() > 1;
  // " (version 2022)" after a rule, when the rule-set has versions.
  const auto version_words = [&](std::size_t v) {
    return versioned ? " (version " + rules.version_name(v) + ")" : std::string();
  };
  const rules::Scope& state = m.scopes[c.state()];
  out << "Case " << case_id << " under " << m.name << ", as of " << rules::long_date(r.as_of) << ": "
      << state.name << (state.doc.empty() ? "" : " - " + state.doc);
  if (c.reason()) out << ", reason " << *c.reason();
  out << ".\nDay 1 is " << rules::long_date(c.day1()) << ".\n";
  if (versioned)
    out << "The rule-set has " << rules.version_count() << " versions; on day 1 version "
        << rules.version_name(rules.version_at(c.day1())) << " is in force.\n";

  out << "\nWhy it is there:\n";
  for (std::size_t k = 0; k < c.trace().size(); ++k) {
    const TraceEntry& e = c.trace()[k];
    out << "  " << rules::long_date(e.date) << ": ";
    if (e.from == 0xFFFF) out << "opened in " << m.scopes[e.to].name;
    else out << "moved from " << m.scopes[e.from].name << " to " << m.scopes[e.to].name;
    if (e.event != 0xFFFF) out << ", on event " << m.events[e.event].name;
    else if (e.timer != 0xFFFF) out << ", because timer " << m.timers[e.timer].name << " was due that day";
    out << ".\n";
    if (e.transition < m.transitions.size()) {
      const rules::Transition& t = rules.model(e.version).transitions[e.transition];
      out << "    rule " << t.id << version_words(e.version) << (t.doc.empty() ? "" : ": " + t.doc) << ref(t.legal_ref)
          << '\n';
    }
    if (e.timer != 0xFFFF) {
      const auto it = recorder.timer_fired.find(k);
      const rules::Model& mv = rules.model(it != recorder.timer_fired.end() ? it->second.version : e.version);
      const rules::Timer& tm = mv.timers[e.timer];
      out << "    timer " << tm.name << (tm.doc.empty() ? "" : ": " + tm.doc) << ref(tm.legal_ref) << '\n';
      if (it != recorder.timer_fired.end()) {
        out << "    it started " << (it->second.start ? rules::long_date(*it->second.start) : std::string("(unknown)"))
            << "; its date is " << rules::describe_expr(mv, tm.date, kNone, c.day1(), false, "the day it started")
            << version_words(it->second.version) << ":\n";
        write_steps(out, it->second.steps, 6);
      } else {
        out << "    its date is " << rules::describe_expr(mv, tm.date, kNone, c.day1(), false, "the day it started") << '\n';
        disagree("the date of timer " + tm.name + " that fired on " + e.date.iso() + " could not be explained");
      }
    }
  }
  if (c.trace().empty()) out << "  (no transition)\n";

  const auto instances = c.obligations(r.as_of);
  out << "\nDue dates:\n";
  if (instances.empty()) out << "  (none)\n";
  for (std::size_t i = 0; i < instances.size(); ++i) {
    const ObligationView& o = instances[i];
    const rules::Model& mv = rules.model(o.version);
    const rules::Obligation& ob = mv.obligations[o.obligation];
    const rules::Arising& ar = ob.arises[c.instance_arising(i)];
    out << "  " << ob.name << ": due " << (o.due ? rules::long_date(*o.due) : std::string("unknown")) << ", "
        << status_words(o) << ".\n";
    out << "    " << (ob.doc.empty() ? ob.name : ob.doc) << ref(ob.legal_ref) << '\n';
    std::string how = ar.on_event != kNone   ? "on event " + m.events[ar.on_event].name
                      : ar.on_timer != kNone ? "when timer " + m.timers[ar.on_timer].name + " fired"
                                             : "on entering " + m.scopes[ar.on_enter].name;
    out << "    it arose " << rules::long_date(o.arose) << ", " << how << "; it is due "
        << rules::describe_expr(mv, ar.due, ar.on_event, c.day1(), false, "the day it arose") << version_words(o.version)
        << ":\n";
    const auto kept_steps = recorder.instance_steps.find(i);
    const rules::Explanation e = kept_steps != recorder.instance_steps.end()
                                     ? kept_steps->second
                                     : rules::explain_expr(mv, ar.due, CaseEnv(c, o.arose, "the day it arose", &recorder.origins, nullptr, &recorder.var_how));
    write_steps(out, e, 6);
    const std::int64_t kept = o.due ? o.due->days() : kUnknown;
    if (e.value != kept) disagree("obligation " + ob.name + " due " + rules::value_text(kept, true) + ": explained as " +
                                  rules::value_text(e.value, true));
    if (e.value != kept)
      out << "      (this gives " << rules::value_text(e.value, true) << ", but the engine kept "
          << rules::value_text(kept, true) << ")\n";
  }

  const auto timers = c.pending_timers();
  out << "\nComing by date:\n";
  if (timers.empty()) out << "  (nothing)\n";
  for (const TimerView& t : timers) {
    const rules::Model& mv = rules.model(t.version);
    const rules::Timer& tm = mv.timers[t.timer];
    const auto start = c.timer_started(t.timer);
    out << "  " << tm.name << " on " << rules::long_date(t.due) << ".\n";
    out << "    " << (tm.doc.empty() ? tm.name : tm.doc) << ref(tm.legal_ref) << '\n';
    out << "    it started " << (start ? rules::long_date(*start) : std::string("(unknown)")) << "; its date is "
        << rules::describe_expr(mv, tm.date, kNone, c.day1(), false, "the day it started") << version_words(t.version)
        << ":\n";
    const auto kept_steps = recorder.timer_now.find(t.timer);
    const rules::Explanation e =
        kept_steps != recorder.timer_now.end() && kept_steps->second.start == start &&
                kept_steps->second.version == t.version
            ? kept_steps->second.steps
            : rules::explain_expr(mv, tm.date, CaseEnv(c, start, "the day it started", &recorder.origins, nullptr, &recorder.var_how));
    write_steps(out, e, 6);
    if (e.value != t.due.days())
      disagree("timer " + tm.name + " on " + t.due.iso() + ": explained as " + rules::value_text(e.value, true));
    if (e.value != t.due.days())
      out << "      (this gives " << rules::value_text(e.value, true) << ", but the engine kept "
          << rules::long_date(t.due) << ")\n";
  }

  const auto allowed = c.allowed_events();
  out << "\nAllowed now:";
  if (allowed.empty()) out << " nothing (a final state)";
  for (std::size_t i = 0; i < allowed.size(); ++i) out << (i ? ", " : " ") << m.events[allowed[i]].name;
  out << '\n';
  result.text = out.str();
  return result;
}

}  // namespace caseflow::cli
