// Compiling a rule-set into the fixed shape, when it fits: states with at most one timer each
// (scoped to that state, started on entering it), dates that are "a day plus a constant (or a
// field times a constant)", no guards, no derived points, selectors on one enum field, and
// obligations with at most one open instance.
#include "rules/fixed_shape.hpp"

#include <algorithm>
#include <mutex>
#include <optional>

#include "rules/eval.hpp"

namespace caseflow::fixed {

using rules::Expr;
using rules::Id;
using rules::kNone;
using rules::Model;
using rules::Op;

namespace {

// "anchor + days" where the days are a constant or a field times a constant.
struct DayOffset {
  std::int64_t add = 0;
  std::int64_t mul = 0;
  std::uint8_t field = kNoField;
};

std::optional<DayOffset> offset_from(const Model& m, std::uint32_t x, Op anchor) {
  const Expr& e = m.exprs[x];
  if (e.op != Op::add_days || m.exprs[e.args[0]].op != anchor) return std::nullopt;
  if (const auto c = rules::constant_value(m, e.args[1])) return DayOffset{*c, 0, kNoField};
  const Expr& d = m.exprs[e.args[1]];
  if (d.op == Op::field) return DayOffset{0, 1, static_cast<std::uint8_t>(d.a)};
  if (d.op == Op::mul && d.args.size() == 2) {
    for (int i = 0; i < 2; ++i) {
      const Expr& f = m.exprs[d.args[static_cast<std::size_t>(i)]];
      const auto k = rules::constant_value(m, d.args[static_cast<std::size_t>(1 - i)]);
      if (f.op == Op::field && k) return DayOffset{0, *k, static_cast<std::uint8_t>(f.a)};
    }
  }
  return std::nullopt;
}

// A day count the fast row can hold and add without overflow: within the calendar's span, so
// that a date beyond the calendar stays beyond it instead of wrapping into it.
bool within_span(std::int64_t days) {
  const std::int64_t span = std::int64_t(Date::max().days()) - Date::min().days();
  return days >= -span && days <= span;
}

struct Compiler {
  const Model& m;
  std::string& why;
  Table t;
  std::vector<std::optional<DayOffset>> timer_constant;  // timer_start + constant
  std::vector<Id> timer_var;                               // or a variable's date
  std::vector<std::uint64_t> raised_on_enter;              // per obligation: scopes it arises on entering

  bool fail(const std::string& reason) {
    why = reason;
    return false;
  }

  bool check_timers() {
    t.timer_of_state.assign(m.leaf_count, kNoField);
    timer_constant.assign(m.timers.size(), std::nullopt);
    timer_var.assign(m.timers.size(), kNone);
    for (std::size_t i = 0; i < m.timers.size(); ++i) {
      const rules::Timer& tm = m.timers[i];
      if (!m.scopes[tm.scope].leaf) return fail("timer '" + tm.name + "' is scoped to a parent state");
      if (tm.start_on_enter != tm.scope || !tm.start_on_events.empty() || !tm.cancel_on.empty() ||
          tm.recompute_in != kNone)
        return fail("timer '" + tm.name + "' does not simply start on entering its state");
      if (t.timer_of_state[tm.scope] != kNoField) return fail("state '" + m.scopes[tm.scope].name + "' has two timers");
      t.timer_of_state[tm.scope] = static_cast<std::uint8_t>(i);
      const Expr& d = m.exprs[tm.date];
      if (d.op == Op::var) timer_var[i] = d.a;
      else if (auto off = offset_from(m, tm.date, Op::timer_start); off && off->field == kNoField) {
        if (!within_span(off->add)) return fail("timer '" + tm.name + "' counts more days than the calendar holds");
        timer_constant[i] = off;
      }
      else return fail("timer '" + tm.name + "' has a date that is not its start plus a constant, or a variable");
    }
    return true;
  }

  bool check_obligations() {
    if (m.obligations.size() > kMaxObligations) return fail("more than 4 obligations");
    t.obligations = m.obligations.size();
    t.raise_add.assign(t.obligations, 0);
    raised_on_enter.assign(t.obligations, 0);
    bool initial_reentered = false;
    for (const rules::Transition& tr : m.transitions) initial_reentered |= tr.to == m.initial && !tr.opens;
    for (std::size_t o = 0; o < m.obligations.size(); ++o) {
      const rules::Obligation& ob = m.obligations[o];
      if (ob.scope != kNone) return fail("obligation '" + ob.name + "' has a scope");
      std::optional<std::int64_t> add;
      for (const rules::Arising& a : ob.arises) {
        if (a.when != UINT32_MAX || a.recompute_in != kNone || a.on_timer != kNone)
          return fail("obligation '" + ob.name + "' arises on a condition, a timer or with a moving date");
        const auto off = offset_from(m, a.due, Op::event_date);
        if (!off || off->field != kNoField || (add && *add != off->add))
          return fail("obligation '" + ob.name + "' is not due a fixed number of days after it arises");
        add = off->add;
        // At most one open instance: it arises on an event that also meets it, or on entering the
        // initial state, which only the opening does.
        if (a.on_event != kNone &&
            std::find(ob.met_by.begin(), ob.met_by.end(), a.on_event) == ob.met_by.end())
          return fail("obligation '" + ob.name + "' can have two open instances");
        if (a.on_enter != kNone) {
          if (!(m.initial < m.leaf_count && m.within(m.initial, a.on_enter)) || initial_reentered)
            return fail("obligation '" + ob.name + "' arises on entering a state other than the first");
          raised_on_enter[o] |= std::uint64_t(1) << a.on_enter;
        }
      }
      if (!within_span(add.value_or(0))) return fail("obligation '" + ob.name + "' counts more days than the calendar holds");
      t.raise_add[o] = static_cast<std::int32_t>(add.value_or(0));
    }
    return true;
  }

  bool check_transitions() {
    if (!m.points.empty()) return fail("the rule-set derives points");
    t.selector.assign(m.events.size(), kNoField);
    for (const rules::Transition& tr : m.transitions) {
      if (tr.opens) return fail("cases open by an event ('" + tr.id + "'), not with open_at");
      if (!tr.guards.empty()) return fail("transition '" + tr.id + "' has guards");
      for (const rules::Effect& fx : tr.effects)
        if (fx.kind != rules::Effect::set_var) return fail("transition '" + tr.id + "' has effects beyond setting variables");
      if (tr.when == UINT32_MAX) continue;
      const Expr& w = m.exprs[tr.when];
      if (tr.event == kNone || w.op != Op::equals || m.exprs[w.args[0]].op != Op::field ||
          m.events[tr.event].fields[m.exprs[w.args[0]].a].type != FieldType::enumeration)
        return fail("transition '" + tr.id + "' is selected by something other than an enum field");
      const auto f = static_cast<std::uint8_t>(m.exprs[w.args[0]].a);
      // An absent selector would index the table with whatever the record holds.
      if (!m.events[tr.event].fields[f].required)
        return fail("event '" + m.events[tr.event].name + "' is selected by an optional field");
      if (t.selector[tr.event] != kNoField && t.selector[tr.event] != f)
        return fail("event '" + m.events[tr.event].name + "' is selected by two fields");
      t.selector[tr.event] = f;
      t.values = std::max(t.values, m.events[tr.event].fields[f].values.size());
    }
    // Variables may only carry a timer's date, set where the timer's state is entered.
    for (std::uint32_t i = 0; i < m.exprs.size(); ++i)
      if (m.exprs[i].op == Op::var &&
          std::none_of(m.timers.begin(), m.timers.end(), [&](const rules::Timer& tm) { return tm.date == i; }))
        return fail("a variable is read outside a timer's date");
    return true;
  }

  // The entry for transition `tr` taken from `state`; false if the shape cannot express it.
  bool make(const rules::Transition& tr, std::size_t state, bool opening, Entry& e) {
    e.accept = 1;
    e.to = static_cast<std::uint8_t>(tr.to == kNone ? state : tr.to);
    e.enter = tr.to != kNone ? 0xFF : 0;
    const bool final = m.scopes[e.to].final;
    if (tr.event != kNone)
      for (Id o : m.obligations_met_by_event[tr.event]) e.meet |= static_cast<std::uint8_t>(1u << o);
    std::uint64_t entering = 0;
    if (e.enter) {
      const std::uint64_t before = opening ? 0 : m.scope_mask[state];
      entering = m.scope_mask[e.to] & ~before;
      if (!opening && e.to == state) entering |= std::uint64_t(1) << state;
    }
    for (std::size_t o = 0; o < m.obligations.size(); ++o) {
      for (const rules::Arising& a : m.obligations[o].arises)
        if ((a.on_event != kNone && a.on_event == tr.event) || (a.on_enter != kNone && ((entering >> a.on_enter) & 1u)))
          e.raise |= static_cast<std::uint8_t>(1u << o);
    }
    // Entering a final state lapses every open obligation, and none arises.
    e.clear = static_cast<std::uint8_t>(final ? 0xFF : e.meet);
    if (final) e.raise = 0;
    const std::uint8_t timer = t.timer_of_state[e.to];
    if (e.enter && timer != kNoField) {
      if (timer_constant[timer]) {
        e.timer_add = static_cast<std::int32_t>(timer_constant[timer]->add);
      } else {
        // The variable must be set by this very transition, to the event's day plus an offset.
        const auto fx = std::find_if(tr.effects.begin(), tr.effects.end(),
                                     [&](const rules::Effect& x) { return x.target == timer_var[timer]; });
        const auto off = fx == tr.effects.end() ? std::nullopt : offset_from(m, fx->expr, Op::event_date);
        if (!off) return fail("transition '" + tr.id + "' enters a timer's state without setting its date");
        if (off->field != kNoField && (tr.event == kNone || !m.events[tr.event].fields[off->field].required))
          return fail("transition '" + tr.id + "' dates a timer by an optional field");
        if (!within_span(off->add) || !within_span(off->mul))
          return fail("transition '" + tr.id + "' dates a timer by more days than the calendar holds");
        e.timer_add = static_cast<std::int32_t>(off->add);
        e.timer_mul = static_cast<std::int32_t>(off->mul);
        e.field = off->field;
      }
    }
    return true;
  }

  bool build() {
    if (m.leaf_count > 250 || m.events.size() > 250) return fail("too many states or events");
    for (const rules::Event& ev : m.events)
      for (const rules::Field& f : ev.fields)
        if (f.values.size() > 256) return fail("event '" + ev.name + "' has an enum field of more than 256 values");
    if (!check_transitions() || !check_timers() || !check_obligations()) return false;
    t.states = m.leaf_count;
    t.events = m.events.size();
    while ((std::size_t(1) << t.value_bits) < t.values) ++t.value_bits;
    while ((std::size_t(1) << t.event_bits) < t.events) ++t.event_bits;
    if ((t.states << (t.event_bits + t.value_bits)) > (std::size_t(1) << 20))
      return fail("the table would hold more than a million entries (states × events × selector values)");
    t.entries.assign(t.states << (t.event_bits + t.value_bits), Entry{});
    // An entry that takes no event stays in its state, so that the batch loop can store `to`
    // whatever the entry.
    for (std::size_t i = 0; i < t.entries.size(); ++i)
      t.entries[i].to = static_cast<std::uint8_t>(i >> (t.event_bits + t.value_bits));
    for (std::size_t s = 0; s < t.states; ++s)
      for (std::size_t ev = 0; ev < t.events; ++ev) {
        const Model::Cell& cell = m.cell(s, ev);
        // Every value slot, padding included: an event without a selector finds its entry
        // whatever the record's value bits hold.
        for (std::size_t v = 0; v < (std::size_t(1) << t.value_bits); ++v) {
          for (std::uint32_t k = 0; k < cell.count; ++k) {
            const rules::Transition& tr = m.transitions[m.candidates[cell.first + k]];
            if (tr.when != UINT32_MAX && m.exprs[tr.when].value != static_cast<std::int64_t>(v)) continue;
            if (!make(tr, s, false, t.entries[t.index(s, ev, v)])) return false;
            break;
          }
        }
      }
    t.timer_entries.assign(t.states, Entry{});
    for (std::size_t s = 0; s < t.states; ++s) {
      const std::uint8_t timer = t.timer_of_state[s];
      if (timer == kNoField) continue;
      const Model::Cell& cell = m.cell(s, t.events + timer);
      if (cell.count == 0) continue;  // a timer with no rule just ends
      const rules::Transition& tr = m.transitions[m.candidates[cell.first]];
      if (tr.when != UINT32_MAX) return fail("timer transition '" + tr.id + "' has a selector");
      if (!make(tr, s, false, t.timer_entries[s])) return false;
    }
    if (m.initial == kNone || !make(m.initial_opening, m.initial, true, t.opening)) return false;
    t.checks.resize(t.events);
    for (std::size_t ev = 0; ev < t.events; ++ev) {
      for (const rules::Field& f : m.events[ev].fields) {
        FieldCheck c{INT64_MIN, INT64_MAX, f.required};
        switch (f.type) {
          case FieldType::enumeration: c.low = 0; c.high = static_cast<std::int64_t>(f.values.size()) - 1; break;
          case FieldType::integer: c.low = f.min; c.high = f.max; break;
          case FieldType::boolean: c.low = 0; c.high = 1; break;
          case FieldType::date: c.low = Date::min().days(); c.high = Date::max().days(); break;
          case FieldType::string: break;
          case FieldType::date_pairs: c.low = 1; c.high = 0; break;  // never in a batch record
        }
        t.checks[ev].push_back(c);
      }
    }
    t.shape.assign(t.events, 0);
    t.field_count.assign(t.events, 0);
    t.required.assign(t.events, 0);
    t.low.assign(t.events * kBatchValues, 0);
    t.high.assign(t.events * kBatchValues, 0);
    for (std::size_t ev = 0; ev < t.events; ++ev) {
      const auto& c = t.checks[ev];
      t.field_count[ev] = static_cast<std::uint8_t>(std::min<std::size_t>(c.size(), 255));
      for (std::size_t f = 0; f < c.size() && f < kBatchValues; ++f) {
        t.required[ev] = static_cast<std::uint8_t>(t.required[ev] | (c[f].required ? 1u << f : 0u));
        t.low[ev * kBatchValues + f] = c[f].low;
        t.high[ev * kBatchValues + f] = c[f].high;
      }
      t.shape[ev] = static_cast<std::uint16_t>(t.field_count[ev] | (t.required[ev] << 8));
    }
    // A compact record carries field 0 only (as an int32): a later required field, or more
    // fields than a record holds, make it never valid.
    t.compact.assign(t.events * 2, CompactCheck{});
    for (std::size_t ev = 0; ev < t.events; ++ev) {
      const auto& c = t.checks[ev];
      CompactCheck& absent = t.compact[ev * 2];
      CompactCheck& present = t.compact[ev * 2 + 1];
      absent.column = present.column = static_cast<std::uint32_t>(ev << t.value_bits);
      if (c.size() > kBatchValues || (t.required[ev] & ~1u) != 0) {
        absent.span = present.span = -1;
        continue;
      }
      if (c.empty()) continue;  // a value given to an event without fields is ignored
      if (c[0].required) absent.span = -1;
      const std::int64_t lo = std::max<std::int64_t>(c[0].low, INT32_MIN);
      const std::int64_t hi = std::min<std::int64_t>(c[0].high, INT32_MAX);
      if (m.events[ev].fields[0].type == FieldType::date_pairs || lo > hi) {
        present.span = -1;
        continue;
      }
      present.low = static_cast<std::int32_t>(lo);
      present.span = hi - lo;
    }
    return true;
  }
};

}  // namespace

std::unique_ptr<Table> compile(const Model& m, std::string& why_not) {
  Compiler c{m, why_not, {}, {}, {}, {}};
  if (!c.build()) return nullptr;
  return std::make_unique<Table>(std::move(c.t));
}

const Table* table_of(const rules::Versions& versions, std::string* why_not) {
  rules::FixedShapeCache& cache = *versions.fixed_shape;
  std::call_once(cache.compiled, [&] {
    // A version switch would change the table in mid-stream: the shape has no place for it.
    if (versions.models.size() > 1) cache.why_not = "the rule-set has several versions";
    else cache.table = compile(versions.models.front(), cache.why_not);
  });
  if (why_not) *why_not = cache.why_not;
  return cache.table.get();
}

}  // namespace caseflow::fixed
