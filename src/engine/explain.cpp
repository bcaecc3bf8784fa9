// The explanation of a case, computed by the engine: with record_explanations, the words of each
// due date, timer date and variable are kept at the moment the engine computes it (the one
// evaluator with the words trace, whose value is the date the engine keeps); explain() gathers them,
// with the trace, the obligations, the timers and the allowed events, into a CaseExplanation.
#include <stdexcept>

#include "caseflow/engine.hpp"
#include "engine/case_internal.hpp"
#include "rules/explain.hpp"

namespace caseflow {

using rules::Id;
using rules::kNone;
using rules::kUnknown;
using rules::Model;

/// What a case keeps with record_explanations: the words of each date as the engine computed it.
struct Case::Recording {
  /// The words of one computation, with what they were computed under.
  struct Kept {
    rules::Explanation words;
    std::int32_t start = 0;    // the timer's start or the instance's day of arising
    std::uint8_t version = 0;  // the rule-set version whose rule gave the date
  };
  std::vector<std::optional<Kept>> timers;     // per timer: its current run
  std::vector<std::optional<Kept>> instances;  // per obligation instance, in the order they arose
  std::vector<std::optional<Kept>> fired;      // per trace entry a timer caused: the run that fired
  std::vector<std::string> origins;            // per variable: the rule that set it, in words
  std::vector<std::optional<rules::Explanation>> how;  // per variable: how an event's rule computed it
};

Case::RecordingPtr::RecordingPtr() noexcept = default;
Case::RecordingPtr::RecordingPtr(const RecordingPtr& other)
    : p_(other.p_ ? std::make_unique<Recording>(*other.p_) : nullptr) {}
Case::RecordingPtr::RecordingPtr(RecordingPtr&& other) noexcept = default;
Case::RecordingPtr& Case::RecordingPtr::operator=(const RecordingPtr& other) {
  if (this != &other) p_ = other.p_ ? std::make_unique<Recording>(*other.p_) : nullptr;
  return *this;
}
Case::RecordingPtr& Case::RecordingPtr::operator=(RecordingPtr&& other) noexcept = default;
Case::RecordingPtr::~RecordingPtr() = default;
void Case::RecordingPtr::reset(std::unique_ptr<Recording> p) noexcept { p_ = std::move(p); }

void Case::record_explanations(bool on) {
  if (on == static_cast<bool>(recording_)) return;
  recording_.reset(on ? std::make_unique<Recording>() : nullptr);
}

/// What the words of an explanation read of a case besides the evaluator's values: names, the
/// origins of variables, and what a counted-days search counted.
class Case::Words : public rules::WordsContext {
 public:
  Words(const Case& c, const Ctx& ctx, const char* anchor) : c_(c), ctx_(ctx), anchor_(anchor) {}
  std::optional<Date> day1() const override { return c_.open_ ? c_.day1_ : ctx_.date; }
  std::string anchor_name() const override { return anchor_; }
  std::string field_name(Id f) const override {
    const Model& m = model_of(c_.model_);
    if (!ctx_.event || f >= m.events[ctx_.event->event].fields.size()) return WordsContext::field_name(f);
    return m.events[ctx_.event->event].fields[f].name;
  }
  std::string var_origin(Id v) const override {
    return c_.recording_ && v < c_.recording_->origins.size() ? c_.recording_->origins[v] : std::string();
  }
  const rules::Explanation* var_explanation(Id v) const override {
    if (!c_.recording_ || v >= c_.recording_->how.size() || !c_.recording_->how[v]) return nullptr;
    return &*c_.recording_->how[v];
  }
  std::optional<rules::CountedDaysInputs> counted_days(Id, Date found, std::int32_t window) const override {
    const CountedDaysFound f = c_.counted_days_at(found, window);
    return rules::CountedDaysInputs{f.counting_from, f.found, f.counted, f.prior, f.window_months};
  }

  /// Evaluates `expr` in `ctx` with the words trace: the value and the words that name it.
  static rules::Explanation explain(const Case& c, std::uint32_t expr, const Ctx& ctx, const char* anchor) {
    return rules::explain_with(ctx.m ? *ctx.m : model_of(c.model_), expr, Source{c, ctx}, Words(c, ctx, anchor));
  }

 private:
  const Case& c_;
  const Ctx& ctx_;
  const char* anchor_;
};

namespace {
constexpr const char* kStarted = "the day it started";
constexpr const char* kArose = "the day it arose";

template <class T>
T& slot(std::vector<std::optional<T>>& v, std::size_t i) {
  if (i >= v.size()) v.resize(i + 1);
  return v[i].emplace();
}
}  // namespace

std::int64_t Case::record_timer(std::size_t timer, const Ctx& ctx) {
  const TimerSlot& ts = timers_[timer];
  Recording::Kept& kept = slot(recording_->timers, timer);
  kept.words = Words::explain(*this, ctx.m->timers[timer].date, ctx, kStarted);
  kept.start = ts.start;
  kept.version = ts.version;
  return kept.words.value;
}

std::int64_t Case::record_instance(std::size_t index, std::uint32_t due, const Ctx& ctx) {
  Recording::Kept& kept = slot(recording_->instances, index);
  kept.words = Words::explain(*this, due, ctx, kArose);
  kept.start = ctx.timer_start;
  kept.version = ctx.version;
  return kept.words.value;
}

std::int64_t Case::record_var(const void* transition, std::uint32_t expr, std::uint16_t var, const Ctx& ctx) {
  const rules::Transition& tr = *static_cast<const rules::Transition*>(transition);
  Recording& r = *recording_;
  if (r.origins.size() <= var) r.origins.resize(var + 1u);
  if (r.how.size() <= var) r.how.resize(var + 1u);
  rules::Explanation how = Words::explain(*this, expr, ctx, "the event's date");
  const std::int64_t value = how.value;
  r.origins[var] = "set by rule " + tr.id + " on " + date_words(ctx.date) + " [" + tr.legal_ref + "]";
  // A rule a timer took is named, but its arithmetic is not told (as an event's rule's is).
  if (ctx.event) r.how[var] = std::move(how);
  else r.how[var].reset();
  return value;
}

void Case::record_fired(std::uint16_t timer) {
  Recording& r = *recording_;
  r.fired.resize(trace_.size());
  if (timer != kNone && timer < r.timers.size()) r.fired.back() = r.timers[timer];
}

// ---------------------------------------------------------------- explain

namespace {

std::string origin_name(const Model& m, const rules::Arising& ar) {
  if (ar.on_event != kNone) return "on event " + m.events[ar.on_event].name;
  if (ar.on_timer != kNone) return "when timer " + m.timers[ar.on_timer].name + " fired";
  return "on entering " + m.scopes[ar.on_enter].name;
}

// A date rule in words, with its working: kept when the engine computed it, or worked out now.
DateWorking working(std::string rule, std::string version, const rules::Explanation& e, bool recorded) {
  DateWorking w;
  w.rule = std::move(rule);
  w.version = std::move(version);
  w.recorded = recorded;
  if (e.value != kUnknown) w.result = Date(static_cast<std::int32_t>(e.value));
  w.phrase = e.phrase;
  w.steps = e.steps;
  return w;
}

}  // namespace

CaseExplanation Case::explain(Date as_of) const {
  if (!open_) throw std::logic_error("the case is not open: there is nothing to explain");
  if (as_of > clock_) {
    Case later_case(*this);
    const Outcome out = later_case.advance(as_of);
    if (!out) throw std::logic_error("the case could not be advanced to " + as_of.iso());
    return later_case.explain(as_of);
  }
  const Model& m = model_of(model_);
  const auto version_name = [&](std::size_t v) { return rules_.version_name(v); };
  const Recording* rec = recording_ ? &*recording_ : nullptr;
  const auto kept = [](const std::vector<std::optional<Recording::Kept>>& v, std::size_t i) {
    return i < v.size() && v[i] ? &*v[i] : nullptr;
  };

  CaseExplanation out;
  out.ruleset = m.name;
  out.as_of = as_of;
  out.state = m.scopes[state_].name;
  out.state_doc = m.scopes[state_].doc;
  if (const auto r = reason()) out.reason = std::string(*r);
  out.day1 = day1_;
  out.version_count = rules_.version_count();
  out.version_on_day1 = version_name(rules_.version_at(day1_));

  for (std::size_t k = 0; k < trace_.size(); ++k) {
    const TraceEntry& e = trace_[k];
    TransitionExplanation t;
    t.date = e.date;
    if (e.from != kNone) t.from = m.scopes[e.from].name;
    t.to = m.scopes[e.to].name;
    if (e.event != kNone) t.event = m.events[e.event].name;
    if (e.timer != kNone) t.timer = m.timers[e.timer].name;
    t.version = version_name(e.version);
    if (e.transition < m.transitions.size()) {
      const rules::Transition& tr = rules_.model(e.version).transitions[e.transition];
      t.rule = tr.id;
      t.rule_doc = tr.doc;
      t.legal_ref = tr.legal_ref;
    }
    if (e.timer != kNone) {
      const Recording::Kept* fired = rec ? kept(rec->fired, k) : nullptr;
      const std::size_t v = fired ? fired->version : e.version;
      const rules::Timer& tm = rules_.model(v).timers[e.timer];
      t.timer_doc = tm.doc;
      t.timer_legal_ref = tm.legal_ref;
      std::string rule = rules::describe_expr(rules_.model(v), tm.date, kNone, day1_, false, kStarted);
      if (fired) {
        t.timer_started = Date(fired->start);
        t.timer_date = working(std::move(rule), version_name(v), fired->words, true);
      } else {
        t.timer_date = DateWorking{std::move(rule), version_name(v), false, false, std::nullopt, {}, {}};
      }
    }
    out.transitions.push_back(std::move(t));
  }

  const std::vector<ObligationView> views = obligations(as_of);
  for (std::size_t i = 0; i < views.size(); ++i) {
    const ObligationView& o = views[i];
    const Model& mv = rules_.model(o.version);
    const rules::Obligation& ob = mv.obligations[o.obligation];
    const rules::Arising& ar = ob.arises[instances_[i].arising];
    ObligationExplanation x{ob.name, ob.doc, ob.legal_ref, o.due, o.status, o.met_on, o.arose, origin_name(m, ar), {}};
    std::string rule = rules::describe_expr(mv, ar.due, ar.on_event, day1_, false, kArose);
    if (const Recording::Kept* r = rec ? kept(rec->instances, i) : nullptr) {
      x.due_date = working(std::move(rule), version_name(o.version), r->words, true);
    } else {
      Ctx ctx;
      ctx.date = o.arose;
      ctx.timer_start = o.arose.days();
      ctx.m = &mv;
      ctx.version = o.version;
      x.due_date = working(std::move(rule), version_name(o.version), Words::explain(*this, ar.due, ctx, kArose), false);
    }
    out.obligations.push_back(std::move(x));
  }

  for (const TimerView& t : pending_timers()) {
    const Model& mv = rules_.model(t.version);
    const rules::Timer& tm = mv.timers[t.timer];
    const std::optional<Date> start = timer_started(t.timer);
    TimerExplanation x{tm.name, tm.doc, tm.legal_ref, t.due, start, {}};
    std::string rule = rules::describe_expr(mv, tm.date, kNone, day1_, false, kStarted);
    const Recording::Kept* r = rec ? kept(rec->timers, t.timer) : nullptr;
    if (r && start && r->start == start->days() && r->version == t.version) {
      x.date = working(std::move(rule), version_name(t.version), r->words, true);
    } else {
      Ctx ctx;
      ctx.date = start ? *start : Date(kNoDate);
      ctx.timer_start = start ? start->days() : kNoDate;
      ctx.m = &mv;
      ctx.version = t.version;
      x.date = working(std::move(rule), version_name(t.version), Words::explain(*this, tm.date, ctx, kStarted), false);
    }
    out.timers.push_back(std::move(x));
  }

  for (std::uint16_t e : allowed_events()) out.allowed_events.push_back(m.events[e].name);
  return out;
}

std::vector<std::string> CaseExplanation::disagreements() const {
  const auto words = [](const std::optional<Date>& d) { return d ? date_words(*d) : std::string("unknown"); };
  std::vector<std::string> out;
  for (const TransitionExplanation& t : transitions)
    if (t.timer && t.timer_date && !t.timer_date->explained)
      out.push_back("the date of timer " + *t.timer + " that fired on " + t.date.iso() + " could not be explained");
  for (const ObligationExplanation& o : obligations)
    if (o.due_date.result != o.due)
      out.push_back("obligation " + o.name + " due " + words(o.due) + ": explained as " + words(o.due_date.result));
  for (const TimerExplanation& t : timers)
    if (t.date.result != t.due)
      out.push_back("timer " + t.name + " on " + t.due.iso() + ": explained as " + words(t.date.result));
  return out;
}

}  // namespace caseflow
