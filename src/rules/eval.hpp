// The one evaluator of the rule language: guards, selectors and date expressions are computed here
// and nowhere else. It is a template over
//   - a Source: what its leaves read. The engine reads a case and the event (or timer) being
//     applied (engine/case.cpp), the explanation a case as it is or was (rules/explain.cpp), and the
//     fixed-shape compiler constants only (ConstantSource below);
//   - a Trace: what it keeps of the walk. NoTrace keeps nothing and compiles away, so the engine
//     pays nothing for it; the words trace (rules/explain.hpp) keeps a node per step, from which the
//     explanation's sentences are written. The values are computed here alone, whatever the trace.
//
// A Source offers, all const and all returning kUnknown for a value it does not have:
//   int64 day1()                      the case's day 1
//   int64 event_date()                the date of the event or timer being applied (the anchor)
//   int64 timer_start()               the start of the timer (or instance) being evaluated
//   int64 param(const Param&)         a parameter's value for this case
//   int64 field(Id), bool present(Id) a field of the event being applied
//   int64 var(Id), point(Id), timer_date(Id), entered(Id)
//   bool visited(Id), in_state(Id), paid()
//   int64 counted_days(int64 window, int64 threshold, Id point)
//                                     the counted-days search; `point` names the derived point
//                                     whose rule is being evaluated (kNone outside one)
//   int64 counted_in_window(int64 window, int64 date)
//                                     the counted days (prior ones too) on or before `date` in the
//                                     window of `window` calendar months at its month
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <type_traits>

#include "rules/model.hpp"

namespace caseflow::rules {

/// More months (or weeks) than the calendar spans: a date so far away is never reached.
constexpr std::int64_t kMaxCalendarMonths = 12 * 9000;

/// A day as a date value if the calendar has it, else unknown.
constexpr std::int64_t calendar_day(std::int64_t d) noexcept {
  return d == kUnknown || d < Date::min().days() || d > Date::max().days() ? kUnknown : d;
}

/// The trace that keeps nothing: every hook is empty and inlined away.
struct NoTrace {
  static constexpr bool kWords = false;
  struct Node {};
  static Node& child(Node& n) noexcept { return n; }
  static void done(Node&, std::uint32_t, std::int64_t) noexcept {}
  static void note(Node&, std::int64_t) noexcept {}
  static void branch(Node&, std::uint32_t, bool) noexcept {}
  static Node* expand(Node&, Id) noexcept { return nullptr; }
};

/// Keeps nothing either, but its evaluator remembers the point being spelled out: how a words
/// trace judges a condition inside a point's rule.
struct MutedTrace : NoTrace {};

/// What an evaluator keeps besides its model and source: with a trace, the trace and the derived
/// point whose rule is being spelled out; with none, nothing at all (an empty base).
template <class Trace>
class TraceState {
 protected:
  TraceState(Trace& trace, Id point) noexcept : trace_(&trace), point_(point) {}
  Trace& trace() noexcept { return *trace_; }
  Id point() const noexcept { return point_; }
  void set_point(Id p) noexcept { point_ = p; }

 private:
  Trace* trace_;
  Id point_;
};
template <>
class TraceState<NoTrace> {
 protected:
  TraceState() noexcept = default;
  static NoTrace trace() noexcept { return {}; }
  static Id point() noexcept { return kNone; }
};

/// Evaluates expressions of one model over one source, keeping what `Trace` keeps of the walk.
template <class Source, class Trace = NoTrace>
class Evaluator : TraceState<Trace> {
 public:
  using Node = typename Trace::Node;

  /// `src` is copied: a source is a small view (a few references), read on every leaf.
  /// `point`: the derived point whose rule `x` belongs to, if any (for the counted-days search).
  Evaluator(const Model& m, const Source& src, Trace& trace, Id point = kNone) noexcept
      : TraceState<Trace>(trace, point), m_(m), src_(src) {}
  /// An evaluator that keeps nothing.
  Evaluator(const Model& m, const Source& src) noexcept : m_(m), src_(src) {
    static_assert(std::is_same_v<Trace, NoTrace>, "a tracing evaluator needs its trace");
  }

  /// The value `current` reads inside the steps of an `adjust` (for an evaluator started there).
  Evaluator& with_current(std::int64_t v) noexcept {
    current_ = v;
    return *this;
  }

  /// The value of expression `x` (kUnknown when it is not known).
  std::int64_t value(std::uint32_t x) {
    static_assert(!Trace::kWords, "a tracing evaluator records into a node: value(x, node)");
    Node none;
    return value(x, none);
  }

  /// The value of expression `x`, with the walk kept in `n`.
  std::int64_t value(std::uint32_t x, Node& n) {
    const std::int64_t v = compute(x, n);
    this->trace().done(n, x, v);
    return v;
  }

  /// Whether condition `x` holds. Conditions are judged, not traced: a trace keeps only their outcome.
  bool holds(std::uint32_t x) {
    if constexpr (Trace::kWords) {
      MutedTrace muted;
      return Evaluator<Source, MutedTrace>(m_, src_, muted, this->point()).with_current(current_).holds(x);
    } else {
      const Expr& e = m_.exprs[x];
      const auto arg = [&](std::size_t i) { return value(e.args[i]); };
      switch (e.op) {
        case Op::equals: {
          const std::int64_t v = arg(0);
          return v != kUnknown && v == e.value;
        }
        case Op::in_set: {
          const std::int64_t v = arg(0);
          return v != kUnknown && std::find(e.set.begin(), e.set.end(), v) != e.set.end();
        }
        case Op::present: return src_.present(e.a);
        case Op::known: return arg(0) != kUnknown;
        case Op::visited: return src_.visited(e.a);
        case Op::in_state: return src_.in_state(e.a);
        case Op::paid: return src_.paid() == (e.value != 0);
        case Op::compare: {
          const std::int64_t l = arg(0), r = arg(1);
          if (l == kUnknown || r == kUnknown) return false;
          switch (static_cast<Compare>(e.b)) {
            case Compare::on_or_before: return l <= r;
            case Compare::on_or_after: return l >= r;
            case Compare::before: return l < r;
            case Compare::after: return l > r;
            case Compare::same: return l == r;
          }
          return false;
        }
        case Op::between: {
          const std::int64_t v = arg(0), lo = arg(1), hi = arg(2);
          return v != kUnknown && lo != kUnknown && hi != kUnknown && lo <= v && v <= hi;
        }
        case Op::all:
          for (std::uint32_t a : e.args)
            if (!holds(a)) return false;
          return true;
        case Op::any:
          for (std::uint32_t a : e.args)
            if (holds(a)) return true;
          return false;
        case Op::negate: return !holds(e.args[0]);
        default: {
          const std::int64_t v = value(x);
          return v != kUnknown && v != 0;
        }
      }
    }
  }

 private:
  std::int64_t compute(std::uint32_t x, Node& n) {
    const Expr& e = m_.exprs[x];
    const auto arg = [&](std::size_t i) { return value(e.args[i], this->trace().child(n)); };
    switch (e.op) {
      case Op::literal: return e.value;
      case Op::day1: return src_.day1();
      case Op::event_date: return src_.event_date();
      case Op::timer_start: return src_.timer_start();
      case Op::param: return src_.param(m_.params[e.a]);
      case Op::field: return src_.field(e.a);
      case Op::var: return src_.var(e.a);
      case Op::point: {
        const std::int64_t v = src_.point(e.a);
        // A words trace spells out a point's own rule the first time the point appears.
        if constexpr (Trace::kWords) {
          if (Node* inner = this->trace().expand(n, e.a)) {
            const Id outer = this->point();
            this->set_point(e.a);
            value(m_.points[e.a].expr, *inner);
            this->set_point(outer);
          }
        }
        return v;
      }
      case Op::timer_date: return src_.timer_date(e.a);
      case Op::entered: return src_.entered(e.a);
      case Op::current: return current_;
      case Op::day_n: {
        const std::int64_t count = arg(0);
        const std::int64_t d1 = src_.day1();
        this->trace().note(n, d1);
        std::int64_t day = kUnknown;
        if (count == kUnknown || d1 == kUnknown || __builtin_add_overflow(d1, count - 1, &day)) return kUnknown;
        return calendar_day(day);
      }
      case Op::add_days: {
        const std::int64_t d = arg(0), days = arg(1);
        std::int64_t day = kUnknown;
        if (d == kUnknown || days == kUnknown || __builtin_add_overflow(d, days, &day)) return kUnknown;
        return calendar_day(day);
      }
      case Op::add_months:
      case Op::period_end_months:
      case Op::period_end_weeks: {
        // A date or a count beyond the calendar gives a date that is never reached: unknown.
        const std::int64_t d = arg(0), count = arg(1);
        if (calendar_day(d) == kUnknown || count == kUnknown || count < -kMaxCalendarMonths ||
            count > kMaxCalendarMonths)
          return kUnknown;
        const Date from(static_cast<std::int32_t>(d));
        const auto c = static_cast<std::int32_t>(count);
        if (e.op != Op::period_end_weeks) {
          const std::int64_t target = std::int64_t(month_index(from)) + c;  // year × 12 + month − 1
          if (target < 1400 * 12 || target > 9999 * 12 + 10) return kUnknown;  // Boost's calendar ends in 9999
        }
        // The checks above keep the common cases off the calendar's own bounds; the calendar checks
        // the rest (a period ending the day before 1400-01-01) and its DateError means unknown.
        try {
          const Date to = e.op == Op::add_months          ? add_months(from, c)
                          : e.op == Op::period_end_months ? period_end_months(from, c)
                                                          : period_end_weeks(from, c);
          return calendar_day(to.days());
        } catch (const DateError&) {
          return kUnknown;
        }
      }
      case Op::month_end: {
        const std::int64_t d = arg(0);
        return calendar_day(d) == kUnknown ? kUnknown : month_end(Date(static_cast<std::int32_t>(d))).days();
      }
      case Op::later:
      case Op::earlier: {
        std::int64_t best = kUnknown;
        bool unknown = false;
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          const std::int64_t v = arg(i);
          if (v == kUnknown) {
            unknown = true;
            // The words name every input, so a words trace reads them all; the value is the same.
            if constexpr (!Trace::kWords) return kUnknown;
          } else if (best == kUnknown || (e.op == Op::later ? v > best : v < best)) {
            best = v;
          }
        }
        return unknown ? kUnknown : best;
      }
      case Op::first_known:
        for (std::size_t i = 0; i < e.args.size(); ++i)
          if (const std::int64_t v = arg(i); v != kUnknown) return v;
        return kUnknown;
      case Op::counted_days: {
        const std::int64_t window = arg(0), threshold = arg(1);
        if (window == kUnknown || threshold == kUnknown) return kUnknown;
        return src_.counted_days(window, threshold, this->point());
      }
      case Op::counted_in_window: {
        const std::int64_t window = arg(0), day = arg(1);
        if (window == kUnknown || calendar_day(day) == kUnknown || window < 1 || window > kMaxCalendarMonths)
          return kUnknown;
        return src_.counted_in_window(window, day);
      }
      case Op::adjust: {
        // Each step whose condition holds on the value so far replaces it; the value so far is
        // `current` for the steps (and is restored after, for an adjust within another's step).
        const std::int64_t outer = current_;
        std::int64_t v = arg(0);
        for (std::size_t i = 1; i + 1 < e.args.size(); i += 2) {
          current_ = v;
          const bool taken = holds(e.args[i]);
          this->trace().branch(n, e.args[i], taken);
          if (taken) v = arg(i + 1);
        }
        current_ = outer;
        return v;
      }
      case Op::cond:
        for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
          const bool taken = holds(e.args[i]);
          this->trace().branch(n, e.args[i], taken);
          if (taken) return arg(i + 1);
        }
        return e.args.back() == UINT32_MAX ? kUnknown : arg(e.args.size() - 1);
      case Op::mul:
      case Op::sum: {
        std::int64_t acc = e.op == Op::mul ? 1 : 0;
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          const std::int64_t v = arg(i);
          if (v == kUnknown) return kUnknown;
          // A number past the int64 range is no number: unknown, as a date beyond the calendar.
          if (e.op == Op::mul ? __builtin_mul_overflow(acc, v, &acc) : __builtin_add_overflow(acc, v, &acc))
            return kUnknown;
        }
        return acc;
      }
      default:
        return holds(x) ? 1 : 0;
    }
  }

  const Model& m_;
  const Source src_;
  std::int64_t current_ = kUnknown;  // the value so far inside an `adjust`
};

/// A source of constants only, for folding an expression when a rule-set is compiled: a literal
/// or a parameter that never changes. Any other leaf marks the expression as not constant.
class ConstantSource {
 public:
  /// `varies` is set when the expression reads anything that is not a constant.
  explicit ConstantSource(bool& varies) noexcept : varies_(&varies) {}

  std::int64_t day1() const noexcept { return vary(); }
  std::int64_t event_date() const noexcept { return vary(); }
  std::int64_t timer_start() const noexcept { return vary(); }
  std::int64_t param(const Param& p) const noexcept { return p.changes.empty() && !p.is_date ? p.value : vary(); }
  std::int64_t field(Id) const noexcept { return vary(); }
  bool present(Id) const noexcept { return vary(), false; }
  std::int64_t var(Id) const noexcept { return vary(); }
  std::int64_t point(Id) const noexcept { return vary(); }
  std::int64_t timer_date(Id) const noexcept { return vary(); }
  std::int64_t entered(Id) const noexcept { return vary(); }
  bool visited(Id) const noexcept { return vary(), false; }
  bool in_state(Id) const noexcept { return vary(), false; }
  bool paid() const noexcept { return vary(), false; }
  std::int64_t counted_days(std::int64_t, std::int64_t, Id) const noexcept { return vary(); }
  std::int64_t counted_in_window(std::int64_t, std::int64_t) const noexcept { return vary(); }

 private:
  std::int64_t vary() const noexcept {
    *varies_ = true;
    return kUnknown;
  }
  bool* varies_;
};

/// The value of an expression made of constants (literals, parameters that never change, and
/// any arithmetic on them), as the engine would compute it; empty when it reads anything else or
/// its value is not known (a product past the int64 range, a date beyond the calendar).
inline std::optional<std::int64_t> constant_value(const Model& m, std::uint32_t x) {
  bool varies = false;
  const std::int64_t v = Evaluator<ConstantSource>(m, ConstantSource(varies)).value(x);
  if (varies || v == kUnknown) return std::nullopt;
  return v;
}

}  // namespace caseflow::rules
