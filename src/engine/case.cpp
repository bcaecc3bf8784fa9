// The engine: one case, driven by events and timers through the compiled rule-set's dense table.
// Nothing here knows Danish law; states, dates and deadlines all come from the model.
#include <algorithm>
#include <memory>

#include "caseflow/engine.hpp"
#include "engine/case_internal.hpp"

namespace caseflow {

using rules::Effect;
using rules::Id;
using rules::kNone;
using rules::kUnknown;
using rules::Model;

const char* to_string(ObligationStatus s) noexcept {
  switch (s) {
    case ObligationStatus::pending: return "pending";
    case ObligationStatus::overdue: return "overdue";
    case ObligationStatus::met: return "met";
    case ObligationStatus::met_late: return "met_late";
    case ObligationStatus::lapsed: return "lapsed";
    case ObligationStatus::missed: return "missed";
  }
  return "unknown";
}

const char* to_string(Status s) noexcept {
  switch (s) {
    case Status::ok: return "ok";
    case Status::bad_input: return "bad_input";
    case Status::not_allowed: return "not_allowed";
    case Status::guard_failed: return "guard_failed";
    case Status::out_of_order: return "out_of_order";
    case Status::not_open: return "not_open";
    case Status::already_open: return "already_open";
  }
  return "unknown";
}

Case::Case(RuleSet rules) : rules_(std::move(rules)), model_(&rules_.model()) {
  const Model& m = model_of(model_);
  vars_.resize(m.variables.size());
  for (std::size_t i = 0; i < m.variables.size(); ++i) vars_[i] = m.variables[i].initial;
  points_.assign(m.points.size(), kUnknown);
  point_found_.assign(m.points.size(), {0, 0});
  timers_.resize(m.timers.size());
  entered_.assign(m.scopes.size(), kNoDate);
}

bool Case::is_final() const { return open_ && model_of(model_).scopes[state_].final; }

std::optional<std::string_view> Case::reason() const {
  if (reason_ == kNone) return std::nullopt;
  return model_of(model_).reasons[reason_];
}

// ---------------------------------------------------------------- expressions

// A field of the event being applied: its value, its default when absent, else unknown.
std::int64_t Case::field_value(const Ctx& ctx, std::uint16_t field) const {
  if (!ctx.event) return kUnknown;
  if (field < ctx.event->field_count && ctx.event->fields[field].present) return ctx.event->fields[field].number;
  const rules::Field& f = model_of(model_).events[ctx.event->event].fields[field];
  return f.has_default ? f.default_value : kUnknown;
}

// Out of line: each date the engine computes is then one call from commit() and recompute(), as before.
[[gnu::noinline]] std::int64_t Case::eval(std::uint32_t x, const Ctx& ctx) const {
  const Source src{*this, ctx};
  return rules::Evaluator<Source>(ctx.m ? *ctx.m : model_of(model_), src).value(x);
}

[[gnu::noinline]] bool Case::holds(std::uint32_t x, const Ctx& ctx) const {
  const Source src{*this, ctx};
  return rules::Evaluator<Source>(ctx.m ? *ctx.m : model_of(model_), src).holds(x);
}

// ---------------------------------------------------------------- checking an event

Outcome validate_event(const RuleSet& rules, const EventInput& ev) {
  const Model& m = rules.model();
  Outcome out;
  out.event = ev.event;
  out.date = ev.date;
  const auto bad = [&](InputProblem p, std::size_t field, std::int64_t value) {
    out.status = Status::bad_input;
    out.problem = p;
    out.field = static_cast<std::uint16_t>(field);
    out.value = value;
    return out;
  };
  if (ev.event >= m.events.size()) return bad(InputProblem::unknown_event, kNone, ev.event);
  if (ev.date < Date::min() || ev.date > Date::max())
    return bad(InputProblem::value_out_of_range, kNone, ev.date.days());
  const rules::Event& def = m.events[ev.event];
  if (ev.field_count > def.fields.size()) return bad(InputProblem::too_many_fields, kNone, 0);
  for (std::size_t i = 0; i < def.fields.size(); ++i) {
    const rules::Field& f = def.fields[i];
    const FieldValue* v = i < ev.field_count ? &ev.fields[i] : nullptr;
    if (!v || !v->present) {
      if (f.required) return bad(InputProblem::missing_field, i, 0);
      continue;
    }
    switch (f.type) {
      case FieldType::enumeration:
        if (v->number < 0 || v->number >= static_cast<std::int64_t>(f.values.size()))
          return bad(InputProblem::value_not_in_set, i, v->number);
        break;
      case FieldType::integer:
        if (v->number < f.min || v->number > f.max) return bad(InputProblem::value_out_of_range, i, v->number);
        break;
      case FieldType::boolean:
        if (v->number != 0 && v->number != 1) return bad(InputProblem::value_out_of_range, i, v->number);
        break;
      case FieldType::date:
        if (v->number < Date::min().days() || v->number > Date::max().days())
          return bad(InputProblem::value_out_of_range, i, v->number);
        break;
      case FieldType::date_pairs:
        for (std::size_t k = 0; k < v->pair_count; ++k) {
          const DateInterval& p = v->pairs[k];
          if (p.first > p.last || p.first < Date::min() || p.last > Date::max())
            return bad(InputProblem::bad_pairs, i, static_cast<std::int64_t>(k));
          for (std::size_t j = 0; j < k; ++j)
            if (!(v->pairs[j].last < p.first || p.last < v->pairs[j].first))
              return bad(InputProblem::bad_pairs, i, static_cast<std::int64_t>(k));
        }
        break;
      case FieldType::string:
        break;
    }
  }
  return out;
}

Outcome Case::validate(const EventInput& ev) const {
  Outcome out = validate_event(rules_, ev);
  out.clock = clock_;
  out.state = open_ ? state_ : kNone;
  return out;
}

bool Case::select(std::uint16_t t, const Ctx& ctx) const {
  const rules::Transition& tr = (ctx.m ? *ctx.m : model_of(model_)).transitions[t];
  return tr.when == UINT32_MAX || holds(tr.when, ctx);
}

// Finds the rule for an event in the current state and checks its guards, changing nothing.
Outcome Case::check(const EventInput& ev, std::uint16_t& chosen, std::uint8_t& version) const {
  Outcome out = validate(ev);
  if (!out) return out;
  // The rules in force on day 1 choose the transition; one keyed to the event's date is then
  // taken as the version in force on that date has it.
  version = static_cast<std::uint8_t>(version_for(open_ ? day1_ : ev.date));
  if (!open_ || ev.date >= clock_) version = event_version(ev, version);
  const Model& m = model_of_version(version);
  out.version = version;
  Ctx ctx;
  ctx.event = &ev;
  ctx.date = ev.date;
  ctx.m = &m;
  ctx.version = version;
  const auto reject = [&](Status s) {
    out.status = s;
    return out;
  };
  if (!open_) {
    const Id t = m.opening[ev.event];
    if (t == kNone) return reject(Status::not_open);
    chosen = t;
  } else {
    if (ev.date < clock_) return reject(Status::out_of_order);
    const Model::Cell& cell = m.cell(state_, ev.event);
    if (cell.count == 0)
      return reject(m.opening[ev.event] != kNone ? Status::already_open : Status::not_allowed);
    chosen = kNone;
    for (std::uint32_t i = 0; i < cell.count; ++i) {
      const Id t = m.candidates[cell.first + i];
      if (select(t, ctx)) {
        chosen = t;
        break;
      }
    }
    if (chosen == kNone) {
      out.transition = m.candidates[cell.first];
      out.value = 1;  // a rule exists, but none for these field values
      return reject(Status::not_allowed);
    }
  }
  out.transition = chosen;
  const rules::Transition& tr = m.transitions[chosen];
  // Guards are judged on the case as it would be opened (day 1 = the event's date).
  for (std::size_t g = 0; g < tr.guards.size(); ++g) {
    if (!holds(tr.guards[g].check, ctx)) {
      out.guard = static_cast<std::uint16_t>(g);
      return reject(Status::guard_failed);
    }
  }
  for (const Effect& fx : tr.effects) {
    if (fx.kind != Effect::prior_periods || fx.target >= ev.field_count) continue;
    const FieldValue& v = ev.fields[fx.target];
    for (std::size_t k = 0; v.present && k < v.pair_count; ++k)
      if (v.pairs[k].last >= ev.date) {
        out.status = Status::bad_input;
        out.problem = InputProblem::pairs_not_before;
        out.field = fx.target;
        out.value = static_cast<std::int64_t>(k);
        return out;
      }
  }
  return out;
}

// ---------------------------------------------------------------- versions

const rules::Model& Case::model_of_version(std::size_t version) const { return rules_.model(version); }

// The version a rule keyed to `key` follows: the pinned one, or the one in force on that day.
std::size_t Case::version_for(Date key) const noexcept {
  return pinned_ >= 0 ? static_cast<std::size_t>(pinned_) : rules_.version_at(key);
}

bool Case::pin_version(std::optional<std::size_t> version) {
  if (version && *version >= rules_.version_count()) return false;
  pinned_ = version ? static_cast<int>(*version) : -1;
  dirty_ = true;
  return true;
}

std::optional<std::size_t> Case::pinned_version() const noexcept {
  if (pinned_ < 0) return std::nullopt;
  return static_cast<std::size_t>(pinned_);
}

// The transition an event would take in `version` (selectors judged, guards not).
bool Case::find(const EventInput& ev, std::uint8_t version, std::uint16_t& chosen) const {
  const Model& m = model_of_version(version);
  if (!open_) {
    chosen = m.opening[ev.event];
    return chosen != kNone;
  }
  Ctx ctx;
  ctx.event = &ev;
  ctx.date = ev.date;
  ctx.m = &m;
  ctx.version = version;
  const Model::Cell& cell = m.cell(state_, ev.event);
  for (std::uint32_t i = 0; i < cell.count; ++i)
    if (select(m.candidates[cell.first + i], ctx)) {
      chosen = m.candidates[cell.first + i];
      return true;
    }
  return false;
}

// The version whose rule an event follows: the rule in force on day 1 (`day1_version`) finds the
// transition; one keyed to the event's date is taken as the version in force on that date has it,
// and so is a rule keyed to the event's date that only a later version has (a new event, or an
// event from a state the earlier law did not allow it in).
std::uint8_t Case::event_version(const EventInput& ev, std::uint8_t day1_version) const {
  std::uint16_t first = kNone;
  const bool found = find(ev, day1_version, first);
  if (found && !model_of_version(day1_version).transitions[first].version_by_event) return day1_version;
  const auto at = static_cast<std::uint8_t>(version_for(ev.date));
  if (found || at == day1_version) return at;
  std::uint16_t later_rule = kNone;
  return find(ev, at, later_rule) && model_of_version(at).transitions[later_rule].version_by_event ? at : day1_version;
}

// The first day of a later version whose transitional rule closes an open instance (the version's
// own declaration of the obligation says `on_version_switch: lapse`).
std::optional<Date> Case::next_switch() const {
  if (pinned_ >= 0 || rules_.version_count() < 2) return std::nullopt;
  std::optional<Date> best;
  for (const Instance& in : instances_) {
    if (in.state != 0) continue;
    for (std::size_t v = in.version + 1u; v < rules_.version_count(); ++v) {
      const Date start = rules_.version_valid_from(v);
      if (start <= Date(in.arose) || !model_of_version(v).obligations[in.obligation].lapse_on_switch) continue;
      if (!best || start < *best) best = start;
      break;
    }
  }
  return best;
}

// On the first day of a later version, each open instance whose obligation that version closes
// lapses (missed, if already past its due date) and arises again under the new version's rule for
// the same way of arising, as of that day: once per obligation and way, if the case is within the
// obligation's scope and the rule's condition holds on that day.
void Case::switch_versions(Date on) {
  const auto v = static_cast<std::uint8_t>(version_for(on));
  const Model& nm = model_of_version(v);
  const std::size_t count = instances_.size();
  std::vector<std::pair<std::uint16_t, std::uint16_t>> again;  // (obligation, way) already arisen again
  for (std::size_t k = 0; k < count; ++k) {
    const Instance in = instances_[k];
    if (in.state != 0 || in.version >= v || Date(in.arose) >= on || !nm.obligations[in.obligation].lapse_on_switch)
      continue;
    close_instance(instances_[k], on);
    const rules::Obligation& now = nm.obligations[in.obligation];
    const std::pair<std::uint16_t, std::uint16_t> way{in.obligation, in.arising};
    if (in.arising >= now.arises.size() || std::find(again.begin(), again.end(), way) != again.end()) continue;
    again.push_back(way);
    if (!nm.within(state_, now.scope)) continue;
    const rules::Arising& ar = now.arises[in.arising];
    Ctx oc;
    oc.date = on;
    oc.timer_start = on.days();
    oc.m = &nm;
    oc.version = v;
    if (ar.when != UINT32_MAX && !holds(ar.when, oc)) continue;
    const std::int64_t due = recording_ ? record_instance(instances_.size(), ar.due, oc) : eval(ar.due, oc);
    instances_.push_back(Instance{in.obligation, in.arising, on.days(),
                                  due == kUnknown ? 0 : static_cast<std::int32_t>(due), due != kUnknown, 0, 0, v});
  }
  clock_ = later(clock_, on);
}

// Whether an event meets an open instance: it is one of the obligation's met_by events, and the
// condition written with it (if any) holds, with `timer_start` the day the instance arose.
bool Case::meets(const Instance& in, const Ctx& ctx) const {
  const rules::Obligation& ob = (ctx.m ? *ctx.m : model_of(model_)).obligations[in.obligation];
  for (std::size_t j = 0; j < ob.met_by.size(); ++j) {
    if (ob.met_by[j] != ctx.event->event) continue;
    if (j >= ob.met_when.size() || ob.met_when[j] == UINT32_MAX) return true;
    Ctx oc = ctx;
    oc.timer_start = in.arose;
    if (holds(ob.met_when[j], oc)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- applying

void Case::close_instance(Instance& in, Date on) {
  // Leaving the scope (or reaching a final state) on day L: lapsed if L is on or before the due
  // date or the due date is unknown, missed after it.
  in.state = static_cast<std::uint8_t>(
      !in.due_known || on.days() <= in.due ? ObligationStatus::lapsed : ObligationStatus::missed);
  in.closed_on = on.days();
}

void Case::commit(std::uint16_t t, const Ctx& ctx) {
  commit(&(ctx.m ? *ctx.m : model_of(model_)).transitions[t], t, ctx);
}

void Case::commit(const void* rule, std::uint16_t t, const Ctx& ctx) {
  const Model& m = ctx.m ? *ctx.m : model_of(model_);
  const rules::Transition& tr = *static_cast<const rules::Transition*>(rule);
  const Date date = ctx.date;
  const bool opening = !open_;
  if (opening) {
    open_ = true;
    day1_ = date;
    clock_ = date;
    paid_ = true;
  }

  // 1. Open instances are met first (one pass over the instances, however many obligations the event meets).
  if (ctx.event && !m.obligations_met_by_event[ctx.event->event].empty()) {
    const std::vector<Id>& met = m.obligations_met_by_event[ctx.event->event];
    for (Instance& in : instances_) {
      if (in.state != 0 || std::find(met.begin(), met.end(), in.obligation) == met.end() ||
          !meets(in, ctx))
        continue;
      in.state = static_cast<std::uint8_t>(!in.due_known || date.days() <= in.due
                                               ? ObligationStatus::met
                                               : ObligationStatus::met_late);
      in.closed_on = date.days();
    }
  }

  // 1b. Then the event closes the open instances it ends without meeting them (`lapse_on`).
  if (ctx.event && !m.obligations_lapsed_by_event[ctx.event->event].empty()) {
    const std::vector<Id>& ends = m.obligations_lapsed_by_event[ctx.event->event];
    for (Instance& in : instances_)
      if (in.state == 0 && std::find(ends.begin(), ends.end(), in.obligation) != ends.end()) close_instance(in, date);
  }

  // What follows the case moves only after an effect or a change of state (recompute()).
  dirty_ = opening || !tr.effects.empty() || tr.to != kNone;

  // 2. Effects, judged on the case before it changes state.
  for (const Effect& fx : tr.effects) {
    switch (fx.kind) {
      case Effect::set_var:
        vars_[fx.target] = recording_ ? record_var(&tr, fx.expr, fx.target, ctx) : eval(fx.expr, ctx);
        break;
      case Effect::pay_from: {
        const std::int64_t from = eval(fx.expr, ctx);
        if (from != kUnknown) {
          pay_floor_ = Date(static_cast<std::int32_t>(from));
          paid_days_.add(pay_floor_, Date::max());
        }
        break;
      }
      case Effect::pay_stop:
        if (paid_) paid_days_.remove(date, Date::max());
        paid_ = false;
        break;
      case Effect::pay_resume:
        // Days of the own period never count: resume no earlier than where counting began.
        paid_days_.add(later(date, pay_floor_), Date::max());
        paid_ = true;
        break;
      case Effect::prior_periods: {
        // A caller may pass fewer values than the event has fields: the rest are absent.
        if (!ctx.event || fx.target >= ctx.event->field_count) break;
        const FieldValue& v = ctx.event->fields[fx.target];
        for (std::size_t k = 0; v.present && k < v.pair_count; ++k) prior_days_.add(v.pairs[k].first, v.pairs[k].last);
        break;
      }
      case Effect::start_timer:
      case Effect::cancel_timer:
        break;  // after the state change, below
    }
  }
  if (tr.reason.literal != kNone) reason_ = tr.reason.literal;
  if (tr.reason.field != kNone) {
    const std::int64_t v = field_value(ctx, tr.reason.field);
    if (v != kUnknown) reason_ = tr.reason_by_enum[static_cast<std::size_t>(v)];
  }

  // 3. The state change: leave scopes, enter scopes.
  std::uint64_t entering = 0;
  if (tr.to != kNone) {
    const std::uint64_t old_mask = opening ? 0 : m.scope_mask[state_];
    const std::uint64_t new_mask = m.scope_mask[tr.to];
    std::uint64_t leaving = old_mask & ~new_mask;
    entering = new_mask & ~old_mask;
    if (!opening && tr.to == state_) {  // a renewal leaves and re-enters the state itself
      leaving |= std::uint64_t(1) << state_;
      entering |= std::uint64_t(1) << state_;
    }
    for (std::size_t i = 0; i < m.timers.size(); ++i)
      if (timers_[i].armed && ((leaving >> m.timers[i].scope) & 1u)) timers_[i].armed = false;
    for (Instance& in : instances_) {
      const Id scope = model_of_version(in.version).obligations[in.obligation].scope;
      if (in.state == 0 && scope != kNone && ((leaving >> scope) & 1u)) close_instance(in, date);
    }
    trace_.push_back(TraceEntry{date, opening ? kNone : state_, tr.to,
                                ctx.event ? ctx.event->event : kNone, ctx.timer, t, ctx.version});
    if (recording_) record_fired(ctx.timer);
    state_ = tr.to;
    visited_ |= new_mask;
    for (std::size_t s = 0; s < m.scopes.size(); ++s)
      if ((entering >> s) & 1u) entered_[s] = date.days();
    if (m.scopes[state_].final) {
      for (TimerSlot& ts : timers_) ts.armed = false;
      for (Instance& in : instances_)
        if (in.state == 0) close_instance(in, date);
    }
  }
  clock_ = later(clock_, date);
  if (m.scopes[state_].final) return;

  // 4. Points follow the ledger while the case is where they are recomputed.
  recompute();

  // 5. Timers: cancelled by the event, then started by it or by entering their state.
  const auto start = [&](std::size_t i) {
    const rules::Timer& tm = m.timers[i];
    if (!m.within(state_, tm.scope)) return;
    TimerSlot& ts = timers_[i];
    ts.armed = true;
    ts.start = date.days();
    // A timer follows the version in force on day 1, or on the day it starts.
    ts.version = static_cast<std::uint8_t>(version_for(tm.version_by_event ? date : day1_));
    Ctx tc = ctx;
    tc.timer_start = ts.start;
    tc.m = &model_of_version(ts.version);
    tc.version = ts.version;
    const std::int64_t due = recording_ ? record_timer(i, tc) : eval(tc.m->timers[i].date, tc);
    ts.known = due != kUnknown;
    ts.due = ts.known ? static_cast<std::int32_t>(due) : 0;
  };
  if (ctx.event) {
    for (Id i : m.timers_cancelled_by_event[ctx.event->event]) timers_[i].armed = false;
    for (Id i : m.timers_started_by_event[ctx.event->event]) start(i);
  }
  for (const Effect& fx : tr.effects) {
    if (fx.kind == Effect::cancel_timer) timers_[fx.target].armed = false;
    if (fx.kind == Effect::start_timer) start(fx.target);
  }
  if (entering)
    for (std::size_t i = 0; i < m.timers.size(); ++i)
      if (m.timers[i].start_on_enter != kNone && ((entering >> m.timers[i].start_on_enter) & 1u)) start(i);

  // 6. New obligation instances, in declaration order.
  for (std::size_t o = 0; o < m.obligations.size(); ++o) {
    // An instance follows the version in force on day 1, or on the day it arises.
    const auto iv = static_cast<std::uint8_t>(version_for(m.obligations[o].version_by_event ? date : day1_));
    const rules::Obligation& ob = model_of_version(iv).obligations[o];
    if (!m.within(state_, ob.scope)) continue;
    for (std::size_t a = 0; a < ob.arises.size(); ++a) {
      const rules::Arising& ar = ob.arises[a];
      const bool triggered = (ar.on_event != kNone && ctx.event && ar.on_event == ctx.event->event) ||
                             (ar.on_timer != kNone && ar.on_timer == ctx.timer) ||
                             (ar.on_enter != kNone && ((entering >> ar.on_enter) & 1u));
      if (!triggered) continue;
      Ctx oc = ctx;
      oc.timer_start = date.days();
      oc.m = &model_of_version(iv);
      oc.version = iv;
      if (ar.when != UINT32_MAX && !holds(ar.when, oc)) continue;
      const std::int64_t due = recording_ ? record_instance(instances_.size(), ar.due, oc) : eval(ar.due, oc);
      instances_.push_back(Instance{static_cast<std::uint16_t>(o), static_cast<std::uint16_t>(a),
                                    date.days(), due == kUnknown ? 0 : static_cast<std::int32_t>(due),
                                    due != kUnknown, 0, 0, iv});
    }
  }
  recompute();
  dirty_ = false;
}

// Re-evaluates what follows the case while it stays where it is recomputed: points, then the
// dates of timers and open instances that name a recompute_in scope.
void Case::recompute() {
  // Nothing a point or a moving date depends on has changed: no state change, no effect.
  if (!dirty_) return;
  const Model& m = model_of_version(version_for(day1_));
  Ctx ctx;
  ctx.date = clock_;
  ctx.m = &m;
  ctx.version = static_cast<std::uint8_t>(version_for(day1_));
  for (std::size_t p = 0; p < m.points.size(); ++p)
    if (m.points[p].recompute_in != kNone && m.within(state_, m.points[p].recompute_in)) {
      last_found_ = {0, 0};
      points_[p] = eval(m.points[p].expr, ctx);
      point_found_[p] = last_found_;
    }
  for (std::size_t i = 0; i < m.timers.size(); ++i) {
    TimerSlot& ts = timers_[i];
    const rules::Timer& tm = model_of_version(ts.version).timers[i];
    if (!ts.armed || tm.recompute_in == kNone || !m.within(state_, tm.recompute_in)) continue;
    Ctx tc = ctx;
    tc.timer_start = ts.start;
    tc.m = &model_of_version(ts.version);
    tc.version = ts.version;
    const std::int64_t due = recording_ ? record_timer(i, tc) : eval(tm.date, tc);
    ts.known = due != kUnknown;
    ts.due = ts.known ? static_cast<std::int32_t>(due) : 0;
  }
  for (std::size_t k = 0; k < instances_.size(); ++k) {
    Instance& in = instances_[k];
    if (in.state != 0) continue;
    const rules::Arising& ar = model_of_version(in.version).obligations[in.obligation].arises[in.arising];
    if (ar.recompute_in == kNone || !m.within(state_, ar.recompute_in)) continue;
    Ctx oc = ctx;
    oc.m = &model_of_version(in.version);
    oc.version = in.version;
    oc.timer_start = in.arose;
    oc.date = Date(in.arose);
    const std::int64_t due = recording_ ? record_instance(k, ar.due, oc) : eval(ar.due, oc);
    in.due_known = due != kUnknown;
    in.due = in.due_known ? static_cast<std::int32_t>(due) : 0;
  }
}

// Fires every timer due on or before `limit`, earliest first (same date: declaration order).
void Case::fire_due(Date limit) {
  while (open_) {
    std::size_t best = SIZE_MAX;
    for (std::size_t i = 0; i < timers_.size(); ++i) {
      const TimerSlot& ts = timers_[i];
      if (!ts.armed || !ts.known || ts.due > limit.days()) continue;
      if (best == SIZE_MAX || ts.due < timers_[best].due) best = i;
    }
    // A version switch an open instance lapses at comes before the timers of its day.
    const std::optional<Date> sw = next_switch();
    if (sw && *sw <= limit && (best == SIZE_MAX || sw->days() <= timers_[best].due)) {
      switch_versions(*sw);
      continue;
    }
    if (best == SIZE_MAX) return;
    TimerSlot& ts = timers_[best];
    ts.armed = false;
    Ctx ctx;
    ctx.date = Date(ts.due);
    ctx.timer = static_cast<std::uint16_t>(best);
    ctx.timer_start = ts.start;
    // The timer's transition, by the version in force on day 1, or on the timer's date (also when
    // only the version of that date has a rule for it, keyed to the date).
    ctx.version = static_cast<std::uint8_t>(version_for(day1_));
    const Model* mv = &model_of_version(ctx.version);
    {
      const Model::Cell& c0 = mv->cell(state_, mv->events.size() + best);
      const auto at = static_cast<std::uint8_t>(version_for(ctx.date));
      const Model& ma = model_of_version(at);
      const Model::Cell& ca = ma.cell(state_, ma.events.size() + best);
      if ((c0.count > 0 && mv->transitions[mv->candidates[c0.first]].version_by_event) ||
          (c0.count == 0 && ca.count > 0 && ma.transitions[ma.candidates[ca.first]].version_by_event)) {
        ctx.version = at;
        mv = &ma;
      }
    }
    ctx.m = mv;
    const Model& m = *mv;
    const Model::Cell& cell = m.cell(state_, m.events.size() + best);
    for (std::uint32_t k = 0; k < cell.count; ++k) {
      const Id t = m.candidates[cell.first + k];
      if (!select(t, ctx)) continue;
      bool pass = true;
      for (const rules::Guard& g : m.transitions[t].guards) pass = pass && holds(g.check, ctx);
      if (pass) commit(t, ctx);
      break;
    }
  }
}

Outcome Case::apply(const EventInput& ev) {
  std::uint16_t chosen = kNone;
  // The usual path: no timer is due before the event, so it is judged on the case as it is.
  std::uint8_t version = 0;
  bool timer_due = false;
  if (open_ && ev.date >= clock_) {
    for (const TimerSlot& ts : timers_) timer_due = timer_due || (ts.armed && ts.known && ts.due <= ev.date.days());
    if (!timer_due && rules_.version_count() > 1)
      if (const auto sw = next_switch()) timer_due = *sw <= ev.date;
  }
  const auto take = [&](Case& c) {
    Ctx ctx;
    ctx.event = &ev;
    ctx.date = ev.date;
    ctx.m = &model_of_version(version);
    ctx.version = version;
    c.commit(chosen, ctx);
  };
  if (!timer_due) {
    Outcome out = check(ev, chosen, version);
    if (!out) return out;
    take(*this);
    return out;
  }
  // Timers fire first; the event is judged after them, on a copy, so a rejection changes nothing.
  // The copy is a scratch case kept per thread, whose buffers are reused: no allocation.
  Outcome pre = validate(ev);
  if (!pre) return pre;
  thread_local std::unique_ptr<Case> scratch;
  if (scratch) *scratch = *this;
  else scratch = std::make_unique<Case>(*this);
  Case& work = *scratch;
  work.fire_due(ev.date);
  Outcome out = work.check(ev, chosen, version);
  out.clock = clock_;
  if (!out) return out;
  take(work);
  std::swap(*this, work);
  return out;
}

// A day given to open_at or advance that lies outside the calendar: bad input, and nothing changes.
static bool outside_calendar(Outcome& out, Date day) {
  if (day.in_calendar()) return false;
  out.status = Status::bad_input;
  out.problem = InputProblem::value_out_of_range;
  out.value = day.days();
  return true;
}

Outcome Case::open_at(Date day) {
  Outcome out;
  out.date = day;
  out.clock = clock_;
  if (outside_calendar(out, day)) return out;
  if (open_) {
    out.status = Status::already_open;
    out.state = state_;
    return out;
  }
  Ctx ctx;
  ctx.date = day;
  ctx.version = static_cast<std::uint8_t>(version_for(day));
  ctx.m = &model_of_version(ctx.version);
  commit(&ctx.m->initial_opening, kNone, ctx);
  return out;
}

Outcome Case::advance(Date to) {
  Outcome out;
  out.date = to;
  out.clock = clock_;
  out.state = open_ ? state_ : kNone;
  if (outside_calendar(out, to)) return out;
  if (!open_) {
    out.status = Status::not_open;
    return out;
  }
  if (to < clock_) {
    out.status = Status::out_of_order;
    return out;
  }
  fire_due(to);
  clock_ = to;
  return out;
}

// ---------------------------------------------------------------- queries

std::vector<ObligationView> Case::obligations(Date as_of) const {
  std::vector<ObligationView> out;
  out.reserve(instances_.size());
  for (const Instance& in : instances_) {
    ObligationView v{in.obligation, std::nullopt, ObligationStatus::pending, std::nullopt, Date(in.arose), in.version};
    if (in.due_known) v.due = Date(in.due);
    if (in.state == 0) {
      v.status = in.due_known && as_of.days() > in.due ? ObligationStatus::overdue : ObligationStatus::pending;
    } else {
      v.status = static_cast<ObligationStatus>(in.state);
      if (v.status == ObligationStatus::met || v.status == ObligationStatus::met_late) v.met_on = Date(in.closed_on);
    }
    out.push_back(v);
  }
  return out;
}

std::vector<TimerView> Case::pending_timers() const {
  std::vector<TimerView> out;
  for (std::size_t i = 0; i < timers_.size(); ++i)
    if (timers_[i].armed && timers_[i].known)
      out.push_back({static_cast<std::uint16_t>(i), Date(timers_[i].due), timers_[i].version});
  std::stable_sort(out.begin(), out.end(), [](const TimerView& a, const TimerView& b) { return a.due < b.due; });
  return out;
}

std::vector<std::uint16_t> Case::allowed_events() const {
  std::vector<std::uint16_t> out;
  if (!open_) return out;
  // As an event dated on the clock would find its rule: by day 1's version, or the clock's for a
  // rule keyed to the event's date.
  const Model& m = model_of_version(version_for(day1_));
  const Model& now = model_of_version(version_for(clock_));
  for (std::size_t e = 0; e < m.events.size(); ++e) {
    const Model::Cell& c = m.cell(state_, e);
    const Model::Cell& cn = now.cell(state_, e);
    const bool allowed = c.count > 0 ? !m.transitions[m.candidates[c.first]].version_by_event || cn.count > 0
                                     : cn.count > 0 && now.transitions[now.candidates[cn.first]].version_by_event;
    if (allowed) out.push_back(static_cast<std::uint16_t>(e));
  }
  return out;
}

std::optional<Date> Case::point(std::string_view name) const {
  const Model& m = model_of(model_);
  for (std::size_t p = 0; p < m.points.size(); ++p)
    if (m.points[p].name == name && points_[p] != kUnknown) return Date(static_cast<std::int32_t>(points_[p]));
  return std::nullopt;
}

std::optional<std::int64_t> Case::variable(std::string_view name) const {
  const Model& m = model_of(model_);
  for (std::size_t v = 0; v < m.variables.size(); ++v)
    if (m.variables[v].name == name && vars_[v] != kUnknown) return vars_[v];
  return std::nullopt;
}

std::optional<Date> Case::next_due() const {
  std::optional<Date> best;
  for (const TimerSlot& ts : timers_)
    if (ts.armed && ts.known && (!best || ts.due < best->days())) best = Date(ts.due);
  // A version switch that closes an open instance is due like a timer.
  if (rules_.version_count() > 1)
    if (const auto sw = next_switch(); sw && (!best || *sw < *best)) best = sw;
  return best;
}

std::optional<CountedDaysFound> Case::counted_days_found(std::size_t point) const {
  if (point >= point_found_.size() || point_found_[point].second == 0) return std::nullopt;
  return counted_days_at(Date(point_found_[point].first), point_found_[point].second);
}

// What the counted-days search counted up to `found`, in the window of `window` months ending with its month.
CountedDaysFound Case::counted_days_at(Date found, std::int32_t window) const {
  const Date first = window_start(found, window);
  const std::int64_t prior = prior_days_.count(first, found);
  return CountedDaysFound{pay_floor_, found, window, paid_days_.count(first, found) + prior, prior};
}

std::optional<Date> Case::timer_started(std::size_t timer) const {
  if (timer >= timers_.size() || (!timers_[timer].armed && timers_[timer].start == 0)) return std::nullopt;
  return Date(timers_[timer].start);
}

std::optional<Date> Case::final_date() const {
  if (!is_final() || trace_.empty()) return std::nullopt;
  return trace_.back().date;
}

bool Case::same_as(const Case& o) const {
  const auto timers_equal = [&] {
    for (std::size_t i = 0; i < timers_.size(); ++i) {
      const TimerSlot &a = timers_[i], &b = o.timers_[i];
      if (a.armed != b.armed || a.known != b.known || a.start != b.start || a.due != b.due || a.version != b.version)
        return false;
    }
    return true;
  };
  const auto instances_equal = [&] {
    if (instances_.size() != o.instances_.size()) return false;
    for (std::size_t i = 0; i < instances_.size(); ++i) {
      const Instance &a = instances_[i], &b = o.instances_[i];
      if (a.obligation != b.obligation || a.arising != b.arising || a.arose != b.arose ||
          a.due != b.due || a.due_known != b.due_known || a.state != b.state || a.closed_on != b.closed_on ||
          a.version != b.version)
        return false;
    }
    return true;
  };
  const auto trace_equal = [&] {
    if (trace_.size() != o.trace_.size()) return false;
    for (std::size_t i = 0; i < trace_.size(); ++i) {
      const TraceEntry &a = trace_[i], &b = o.trace_[i];
      if (a.date != b.date || a.from != b.from || a.to != b.to || a.event != b.event ||
          a.timer != b.timer || a.transition != b.transition || a.version != b.version)
        return false;
    }
    return true;
  };
  return model_ == o.model_ && pinned_ == o.pinned_ && open_ == o.open_ && paid_ == o.paid_ && state_ == o.state_ &&
         reason_ == o.reason_ && clock_ == o.clock_ && pay_floor_ == o.pay_floor_ && day1_ == o.day1_ && visited_ == o.visited_ &&
         vars_ == o.vars_ && points_ == o.points_ && entered_ == o.entered_ &&
         paid_days_ == o.paid_days_ && prior_days_ == o.prior_days_ && timers_equal() &&
         instances_equal() && trace_equal();
}

}  // namespace caseflow
