// The one evaluator (rules/eval.hpp) through every caller: the engine (a Case under a small rule-set),
// the explanation (recorded while the engine computes, worked out again afterwards, and
// rules::explain_expr over an ExprEnv), and the fixed-shape compiler's constant folding with the
// fast path's own date arithmetic at run time. Each expression, the calendar's edges and int64
// overflow included, must give the same date everywhere: the one worked out here by hand.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "caseflow/caseload.hpp"
#include "caseflow/engine.hpp"
#include "rules/eval.hpp"
#include "rules/explain.hpp"
#include "rules/model.hpp"

namespace caseflow {
namespace {

using rules::kUnknown;

std::optional<Date> day(const char* iso) { return Date::parse(iso); }
constexpr std::nullopt_t unknown = std::nullopt;

/// An expression, the day its case starts, and the date it must give (by hand). `ANCHOR` in the
/// text stands for timer_start in a timer's date and for event_date in an obligation's due date.
struct Case_ {
  const char* name;
  std::string expr;
  const char* start;
  std::optional<Date> want;
  bool fixed_shape = false;  // "ANCHOR + constant days": the fast path compiles it
};

const Case_ kCases[] = {
    {"days", "{add: [ANCHOR, {days: 10}]}", "2020-03-01", day("2020-03-11"), true},
    {"days_to_the_last_day", "{add: [ANCHOR, {days: 11}]}", "9999-12-20", day("9999-12-31"), true},
    {"days_past_the_last_day", "{add: [ANCHOR, {days: 12}]}", "9999-12-20", unknown, true},
    {"days_back_to_the_first_day", "{sub: [ANCHOR, {days: 4}]}", "1400-01-05", day("1400-01-01"), true},
    {"days_before_the_first_day", "{sub: [ANCHOR, {days: 5}]}", "1400-01-05", unknown, true},
    {"negative_days", "{add: [ANCHOR, {days: -3}]}", "2020-03-01", day("2020-02-27"), true},
    {"negative_weeks", "{add: [ANCHOR, {weeks: -2}]}", "2020-03-01", day("2020-02-16"), true},
    {"weeks_of_a_sum", "{add: [ANCHOR, {weeks: {sum: [1, 2]}}]}", "2020-03-01", day("2020-03-22"), true},
    {"a_sum_that_cancels", "{add: [ANCHOR, {days: {sum: [9223372036854775807, -9223372036854775800]}}]}",
     "2020-03-01", day("2020-03-08"), true},
    {"days_past_int64", "{add: [ANCHOR, {days: 9223372036854775807}]}", "2020-03-01", unknown},
    {"product_past_int64", "{add: [ANCHOR, {days: {mul: [{param: big}, 2]}}]}", "2020-03-01", unknown},
    {"sum_past_int64", "{add: [ANCHOR, {days: {sum: [9223372036854775807, 1]}}]}", "2020-03-01", unknown},
    {"sum_below_int64", "{add: [ANCHOR, {days: {sum: [-9223372036854775807, -2]}}]}", "2020-03-01", unknown},
    {"months_to_november_9999", "{add: [ANCHOR, {months: 1}]}", "9999-10-31", day("9999-12-01")},
    {"a_month_target_past_november_9999", "{add: [ANCHOR, {months: 1}]}", "9999-11-30", unknown},
    {"months_past_december_9999", "{add: [ANCHOR, {months: 1}]}", "9999-12-05", unknown},
    {"months_before_1400", "{add: [ANCHOR, {months: -1}]}", "1400-01-15", unknown},
    {"negative_months", "{add: [ANCHOR, {months: -2}]}", "2020-03-31", day("2020-01-31")},
    {"anniversary_rule", "{add: [ANCHOR, {months: 1}]}", "2020-01-31", day("2020-03-01")},
    {"years_beyond_the_calendar_span", "{add: [ANCHOR, {years: 10000}]}", "2020-03-01", unknown},
    {"period_of_months_to_9999", "{period_end: {from: ANCHOR, months: 1}}", "9999-10-05", day("9999-11-04")},
    {"period_of_months_past_9999", "{period_end: {from: ANCHOR, months: 1}}", "9999-12-01", unknown},
    {"period_of_weeks_past_9999", "{period_end: {from: ANCHOR, weeks: 2}}", "9999-12-20", unknown},
    {"period_of_negative_weeks", "{period_end: {from: ANCHOR, weeks: -1}}", "2020-03-01", day("2020-02-23")},
    {"period_of_too_many_months", "{period_end: {from: ANCHOR, months: 108001}}", "2020-03-01", unknown},
    {"day_n", "{day: 100}", "2020-03-01", day("2020-06-08")},
    {"negative_day_n", "{day: -5}", "2020-03-01", day("2020-02-24")},
    {"day_n_past_9999", "{day: 20}", "9999-12-20", unknown},
    {"day_n_past_int64", "{day: 9223372036854775807}", "2020-03-01", unknown},
    {"month_end", "{month_end: {add: [ANCHOR, {days: 3}]}}", "2020-02-27", day("2020-03-31")},
    {"later_of_known", "{later: [ANCHOR, 2020-06-01]}", "2020-03-01", day("2020-06-01")},
    {"later_of_an_unknown", "{later: [ANCHOR, {add: [ANCHOR, {months: 1}]}]}", "9999-12-05", unknown},
    {"earlier", "{earlier: [ANCHOR, 2020-06-01, {add: [ANCHOR, {days: -1}]}]}", "2020-03-01", day("2020-02-29")},
    {"first_known_skips_an_unknown",
     "{first_known: [{add: [ANCHOR, {days: {mul: [{param: big}, 4]}}]}, {add: [ANCHOR, {days: 2}]}]}",
     "2020-03-01", day("2020-03-03")},
    {"cond_takes_the_first_branch_that_holds",
     "{cond: [{when: {date: ANCHOR, before: 2000-01-01}, then: 1999-01-01}, "
     "{when: {date: {add: [ANCHOR, {months: 1}]}, after: 2020-01-01}, then: {add: [ANCHOR, {days: 1}]}}, "
     "{else: ANCHOR}]}",
     "2020-03-01", day("2020-03-02")},
    {"cond_without_a_branch", "{cond: [{when: {date: ANCHOR, before: 2000-01-01}, then: ANCHOR}]}", "2020-03-01",
     unknown},
    {"a_condition_on_an_unknown_is_false",
     "{cond: [{when: {date: {add: [ANCHOR, {days: 12}]}, after: 2000-01-01}, then: 2000-01-01}, {else: ANCHOR}]}",
     "9999-12-20", day("9999-12-20")},
    // adjust: each step whose condition holds on the value so far replaces it, in turn (the
    // COVID-19 steps of dk's job_clarification_start are written so).
    {"adjust_applies_each_step_in_turn",
     "{adjust: {start: ANCHOR, steps: [{when: {date: current, between: [2020-03-01, 2020-03-31]}, then: {add: [current, {months: 1}]}},"
     " {when: {date: current, between: [2020-04-01, 2020-04-30]}, then: {add: [current, {days: 3}]}}]}}",
     "2020-03-10", day("2020-04-13")},
    {"adjust_a_later_step_only", 
     "{adjust: {start: ANCHOR, steps: [{when: {date: current, between: [2020-03-01, 2020-03-31]}, then: {add: [current, {months: 1}]}},"
     " {when: {date: current, between: [2020-04-01, 2020-04-30]}, then: {add: [current, {days: 3}]}}]}}",
     "2020-04-29", day("2020-05-02")},
    {"adjust_with_no_step_that_applies_is_its_start",
     "{adjust: {start: ANCHOR, steps: [{when: {date: current, before: 2000-01-01}, then: 2000-01-01}]}}", "2020-06-10",
     day("2020-06-10")},
    {"adjust_within_a_step_of_another",
     "{adjust: {start: ANCHOR, steps: [{when: {date: current, after: 2020-01-01},"
     " then: {adjust: {start: {add: [current, {days: 1}]}, steps: [{when: {date: current, same_as: 2020-06-11}, then: {add: [current, {days: 1}]}}]}}},"
     " {when: {date: current, same_as: 2020-06-12}, then: {add: [current, {days: 10}]}}]}}",
     "2020-06-10", day("2020-06-22")},
    {"adjust_of_an_unknown_start", "{adjust: {start: {add: [ANCHOR, {days: 12}]}, steps: [{when: {date: current, after: 2000-01-01}, then: 2000-01-01}]}}",
     "9999-12-20", unknown},
    {"numbers_compared", "{cond: [{when: {number: {sum: [3, 4]}, at_least: 7}, then: {add: [ANCHOR, {days: 1}]}}, {else: ANCHOR}]}",
     "2020-03-01", day("2020-03-02")},
    {"numbers_compared_strictly", "{cond: [{when: {number: 7, more_than: 7}, then: {add: [ANCHOR, {days: 1}]}}, {else: ANCHOR}]}",
     "2020-03-01", day("2020-03-01")},
};

/// A rule-set whose timer date and obligation due date are the expression; its cases open by the
/// event `opened`, or, for the fixed shape (which has neither the obligation nor that rule), simply start.
std::string rules_with(const std::string& expr, bool with_obligation) {
  const auto anchored = [&](const char* anchor) {
    std::string s = expr;
    for (std::size_t at; (at = s.find("ANCHOR")) != std::string::npos;) s.replace(at, 6, anchor);
    return s;
  };
  std::string yaml = R"(name: evaluated
valid_from: 1400-01-01
parameters:
  big: {value: 4611686018427387904}
states:
  waiting: {initial: true}
  done: {final: true}
events:
  opened: {}
timers:
  due:
    legal_ref: "Test § 1"
    scope: waiting
    start: {enter: waiting}
    date: )" + anchored("timer_start") + "\n";
  if (with_obligation)
    yaml += R"(obligations:
  answer:
    legal_ref: "Test § 2"
    arises:
      - on: opened
        due: )" + anchored("event_date") + "\n";
  yaml += "transitions:\n";
  if (with_obligation) yaml += "  - {id: open, legal_ref: \"Test § 3\", on: opened, from: null, to: waiting}\n";
  return yaml + R"(  - {id: note, legal_ref: "Test § 3", on: opened, from: waiting}
  - {id: fire, legal_ref: "Test § 4", on: {timer: due}, from: waiting, to: done}
)";
}

std::optional<Date> from_value(std::int64_t v) {
  return v == kUnknown ? std::nullopt : std::optional<Date>(Date(static_cast<std::int32_t>(v)));
}

/// A case seen from outside the engine: day 1, the anchor and the start are all the day it opened.
class Opened : public rules::ExprEnv {
 public:
  explicit Opened(Date d) : d_(d) {}
  std::optional<Date> day1() const override { return d_; }
  std::optional<Date> anchor() const override { return d_; }
  std::string anchor_name() const override { return "the day it opened"; }
  std::optional<Date> timer_start() const override { return d_; }
  std::int64_t var(rules::Id) const override { return kUnknown; }
  std::int64_t point(rules::Id) const override { return kUnknown; }
  std::optional<rules::CountedDaysInputs> counted_days(rules::Id) const override { return std::nullopt; }
  std::int64_t timer_date(rules::Id) const override { return kUnknown; }
  std::int64_t entered(rules::Id) const override { return kUnknown; }
  bool visited(rules::Id) const override { return false; }
  bool in_state(rules::Id) const override { return false; }
  bool paid() const override { return false; }

 private:
  Date d_;
};

class EveryCaller : public ::testing::TestWithParam<Case_> {};

TEST_P(EveryCaller, GivesTheSameDate) {
  const Case_& c = GetParam();
  const RuleSet rules = RuleSet::load_string(rules_with(c.expr, true), "evaluated.yaml");
  const Date start = Date::parse(c.start);
  const EventInput opened{*rules.find_event("opened"), start, nullptr, 0};

  // The engine, with and without recording the explanation.
  Case plain(rules), recorded(rules);
  recorded.record_explanations(true);
  ASSERT_TRUE(plain.apply(opened));
  ASSERT_TRUE(recorded.apply(opened));
  ASSERT_EQ(plain.obligations(start).size(), 1u);
  EXPECT_EQ(plain.obligations(start)[0].due, c.want) << "the engine's due date";
  const auto timers = plain.pending_timers();
  EXPECT_EQ(timers.empty() ? std::nullopt : std::optional<Date>(timers[0].due), c.want) << "the engine's timer";

  // The explanation, kept when the engine computed the dates, and worked out again now.
  for (const Case* k : {&recorded, &plain}) {
    const CaseExplanation e = k->explain(start);
    ASSERT_EQ(e.obligations.size(), 1u);
    EXPECT_EQ(e.obligations[0].due_date.result, c.want) << "recorded: " << k->records_explanations();
    EXPECT_EQ(e.obligations[0].due_date.recorded, k->records_explanations());
    EXPECT_TRUE(e.disagreements().empty()) << e.disagreements()[0];
    if (c.want) {
      ASSERT_EQ(e.timers.size(), 1u);
      EXPECT_EQ(e.timers[0].date.result, c.want);
    }
  }

  // The explanation of the rules layer, over a case seen from outside the engine.
  const rules::Model& m = rules.model();
  const Opened env(start);
  EXPECT_EQ(from_value(rules::explain_expr(m, m.timers[0].date, env).value), c.want) << "explain_expr, timer";
  EXPECT_EQ(from_value(rules::explain_expr(m, m.obligations[0].arises[0].due, env).value), c.want)
      << "explain_expr, obligation";

  // The fixed shape: its compiler folds the constant, its row computes the date; a case whose
  // timer fires moves to `done` on that date. Any other expression keeps the general path.
  const RuleSet timer_only = RuleSet::load_string(rules_with(c.expr, false), "evaluated.yaml");
  for (const CaseloadPath path : {CaseloadPath::fast_if_possible, CaseloadPath::general}) {
    Caseload load(timer_only, path);
    if (path == CaseloadPath::fast_if_possible) {
      EXPECT_EQ(load.is_fast(), c.fixed_shape) << "the fast path takes it";
    }
    const std::uint32_t i = load.add_case("A");
    ASSERT_TRUE(load.open_at(i, start));
    load.advance(Date::max());
    std::uint16_t state = 0;
    std::int32_t last = 0;
    load.export_states(i, 1, &state, &last);
    const bool fired = state == *timer_only.find_state("done");
    EXPECT_EQ(fired ? std::optional<Date>(Date(last)) : std::nullopt, c.want)
        << (load.is_fast() ? "the fast path" : "the general path");
  }
}

INSTANTIATE_TEST_SUITE_P(Expressions, EveryCaller, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case_>& p) { return std::string(p.param.name); });

void PrintTo(const Case_& c, std::ostream* os) { *os << c.name << ": " << c.expr << " from " << c.start; }

// Where a date is unknown because of the calendar's bounds or int64, the explanation says so.
TEST(EveryCaller, TheWordsSayWhyADateIsUnknown) {
  const auto step_of = [](const char* expr, const char* start) {
    const RuleSet rules = RuleSet::load_string(rules_with(expr, true), "evaluated.yaml");
    const rules::Explanation e =
        rules::explain_expr(rules.model(), rules.model().obligations[0].arises[0].due, Opened(Date::parse(start)));
    EXPECT_EQ(e.value, kUnknown) << expr;
    return e.steps.empty() ? std::string() : e.steps.back().text;
  };
  EXPECT_EQ(step_of("{add: [ANCHOR, {weeks: 2}]}", "9999-12-20"),
            "20 Dec 9999 (the day it opened) + 2 weeks lies beyond the calendar (1400-01-01 to 9999-12-31), so the "
            "date is unknown");
  EXPECT_EQ(step_of("{add: [ANCHOR, {days: {mul: [{param: big}, 2]}}]}", "2020-03-01"),
            "4611686018427387904 (big) × 2 is past the range of numbers, so the value is unknown");
  EXPECT_EQ(step_of("{day: 20}", "9999-12-20"),
            "day 20 of the case, 20 Dec 9999 (day 1) + 19 days, lies beyond the calendar (1400-01-01 to 9999-12-31), "
            "so the date is unknown");
}

// The fixed-shape compiler's folding: constants only, with the engine's overflow rule.
TEST(ConstantValue, FoldsConstantsAndNothingElse) {
  const RuleSet rules = RuleSet::load_string(R"(name: folded
parameters:
  fixed: {value: 7}
  moving: {value: 7, changes: {2024-01-01: 8}}
  a_date: {value: 2020-01-01}
  big: {value: 4611686018427387904}
states:
  s: {initial: true}
  t: {final: true}
events:
  e: {}
timers:
  t1: {legal_ref: x, scope: s, start: {enter: s}, date: {add: [timer_start, {days: {mul: [{param: fixed}, 3]}}]}}
  t2: {legal_ref: x, scope: s, start: {enter: s}, date: {add: [timer_start, {days: {param: moving}}]}}
  t3: {legal_ref: x, scope: s, start: {enter: s}, date: {add: [timer_start, {days: {mul: [{param: big}, 2]}}]}}
  t4: {legal_ref: x, scope: s, start: {enter: s}, date: {add: [{param: a_date}, {days: 1}]}}
  t5: {legal_ref: x, scope: s, start: {enter: s}, date: {add: [timer_start, {days: {sum: [{param: big}, {param: big}, -1]}}]}}
transitions:
  - {id: go, legal_ref: x, on: e, from: s, to: t}
)",
                                             "folded.yaml");
  const rules::Model& m = rules.model();
  const auto count_of = [&](std::size_t timer) { return m.exprs[m.timers[timer].date].args[1]; };
  EXPECT_EQ(rules::constant_value(m, count_of(0)), 21);
  EXPECT_EQ(rules::constant_value(m, count_of(1)), std::nullopt) << "a parameter that changes is not constant";
  EXPECT_EQ(rules::constant_value(m, count_of(2)), std::nullopt) << "past int64: no value";
  EXPECT_EQ(rules::constant_value(m, m.timers[3].date), std::nullopt) << "a date parameter is not constant";
  EXPECT_EQ(rules::constant_value(m, m.timers[0].date), std::nullopt) << "timer_start is not constant";
  EXPECT_EQ(rules::constant_value(m, count_of(4)), std::nullopt) << "2^62 + 2^62 passes int64 before the -1";
}

}  // namespace
}  // namespace caseflow
