// What the engine's files share about a case's insides: the context an expression is evaluated in,
// and what the one evaluator (rules/eval.hpp) reads of a case.
#pragma once

#include "caseflow/engine.hpp"
#include "rules/eval.hpp"
#include "rules/model.hpp"

namespace caseflow {

/// The compiled rule-set behind a case's opaque model pointer.
inline const rules::Model& model_of(const void* p) { return *static_cast<const rules::Model*>(p); }
/// "No date" in the engine's 32-bit day fields.
constexpr std::int32_t kNoDate = INT32_MIN;

/// What an expression is evaluated against besides the case: the event (or timer) being applied.
struct Case::Ctx {
  const EventInput* event = nullptr;   // null for a timer
  Date date;                           // the event's or timer's date
  std::int32_t timer_start = kNoDate;  // the start of the timer or instance being evaluated
  std::uint16_t timer = rules::kNone;  // the timer being fired
  const rules::Model* m = nullptr;     // the version whose rules apply (null: the first)
  std::uint8_t version = 0;
};

/// What the rule language reads in the engine (rules/eval.hpp): the case, and the event or timer
/// being applied. Before the case opens, day 1 is the event's date.
struct Case::Source {
  const Case& c;
  const Ctx& ctx;

  std::int64_t day1() const noexcept { return c.open_ ? c.day1_.days() : ctx.date.days(); }
  std::int64_t event_date() const noexcept { return ctx.date.days(); }
  std::int64_t timer_start() const noexcept { return ctx.timer_start == kNoDate ? rules::kUnknown : ctx.timer_start; }
  std::int64_t param(const rules::Param& p) const noexcept { return p.at(c.open_ ? c.day1_ : ctx.date); }
  std::int64_t field(rules::Id f) const { return c.field_value(ctx, f); }
  bool present(rules::Id f) const noexcept {
    return ctx.event && f < ctx.event->field_count && ctx.event->fields[f].present;
  }
  std::int64_t var(rules::Id v) const noexcept { return c.vars_[v]; }
  std::int64_t point(rules::Id p) const noexcept { return c.points_[p]; }
  std::int64_t timer_date(rules::Id t) const noexcept {
    const TimerSlot& s = c.timers_[t];
    return s.armed && s.known ? s.due : rules::kUnknown;
  }
  std::int64_t entered(rules::Id scope) const noexcept {
    return c.entered_[scope] == kNoDate ? rules::kUnknown : c.entered_[scope];
  }
  bool visited(rules::Id scope) const noexcept { return (c.visited_ >> scope) & 1u; }
  bool in_state(rules::Id scope) const noexcept { return c.open_ && model_of(c.model_).within(c.state_, scope); }
  bool paid() const noexcept { return c.paid_; }
  // The counted days, prior ones included, on or before `day` in the window at its month.
  std::int64_t counted_in_window(std::int64_t window, std::int64_t day) const {
    const Date d(static_cast<std::int32_t>(day));
    const Date first = window_start(d, static_cast<std::int32_t>(window));
    return c.paid_days_.count(first, d) + c.prior_days_.count(first, d);
  }
  // The first own paid day on which the count exceeded the threshold; kept for the point's explanation.
  std::int64_t counted_days(std::int64_t window, std::int64_t threshold, rules::Id) const {
    const auto found = first_day_exceeding(c.paid_days_, c.paid_days_, c.prior_days_,
                                           static_cast<std::int32_t>(window), threshold);
    c.last_found_ = {found ? found->days() : 0, found ? static_cast<std::int32_t>(window) : 0};
    return found ? found->days() : rules::kUnknown;
  }
};

}  // namespace caseflow
