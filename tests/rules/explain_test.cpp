// Expressions in words and the step-by-step explainer, on the built-in dk rule-set's own rules,
// with the dates of DOMAIN.md's worked examples; and the engine's query behind a counted-days point.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "caseflow/engine.hpp"
#include "caseflow/ruleset.hpp"
#include "rules/explain.hpp"
#include "rules/model.hpp"

namespace caseflow {
namespace {

using rules::Id;
using rules::kUnknown;

/// A case made of given values: what the explainer sees of one.
class FakeEnv : public rules::ExprEnv {
 public:
  std::optional<Date> day1_, anchor_;
  std::map<Id, std::int64_t> vars, points;
  std::optional<rules::CountedDaysInputs> found;
  std::map<Id, bool> in;

  std::optional<Date> day1() const override { return day1_; }
  std::optional<Date> anchor() const override { return anchor_; }
  std::string anchor_name() const override { return "the day it started"; }
  std::optional<Date> timer_start() const override { return anchor_; }
  std::int64_t var(Id v) const override { return vars.count(v) ? vars.at(v) : kUnknown; }
  std::int64_t point(Id p) const override { return points.count(p) ? points.at(p) : kUnknown; }
  std::optional<rules::CountedDaysInputs> counted_days(Id) const override { return found; }
  std::int64_t timer_date(Id) const override { return kUnknown; }
  std::int64_t entered(Id) const override { return kUnknown; }
  bool visited(Id) const override { return false; }
  bool in_state(Id s) const override { return in.count(s) && in.at(s); }
  bool paid() const override { return true; }
};

Date d(const char* iso) { return Date::parse(iso); }

struct DkRules : ::testing::Test {
  RuleSet rs = RuleSet::builtin("dk");
  const rules::Model& m = rs.model();
  const rules::Timer& timer(const std::string& name) { return m.timers[*rs.find_timer(name)]; }
  const rules::Obligation& obligation(const std::string& name) { return m.obligations[*rs.find_obligation(name)]; }
  Id var(const std::string& name) {
    for (std::size_t i = 0; i < m.variables.size(); ++i)
      if (m.variables[i].name == name) return static_cast<Id>(i);
    return rules::kNone;
  }
  Id scope(const std::string& name) {
    for (std::size_t i = 0; i < m.scopes.size(); ++i)
      if (m.scopes[i].name == name) return static_cast<Id>(i);
    return rules::kNone;
  }
  static std::string all_text(const std::vector<rules::Step>& steps) {
    std::string out;
    for (const rules::Step& s : steps) out += s.text + "\n" + all_text(s.because);
    return out;
  }
};

TEST(LongDate, IsDayMonthYear) {
  EXPECT_EQ(rules::long_date(d("2025-07-09")), "9 Jul 2025");
  EXPECT_EQ(rules::value_text(kUnknown, true), "unknown");
  EXPECT_EQ(rules::value_text(154, false), "154");
}

TEST_F(DkRules, DescribesDatesInWords) {
  EXPECT_EQ(rules::describe_expr(m, obligation("first_followup").arises[0].due), "day 56 (first_followup_days)");
  EXPECT_EQ(rules::describe_expr(m, timer("flex_job_end").date),
            "the end of a period of 5 (flex_job_years) years from the start");
  EXPECT_EQ(rules::describe_expr(m, obligation("flex_job_status").arises[0].due),
            "the event's date + 54 (flex_job_status_months) months");
}

TEST_F(DkRules, AddingMonthsNamesTheAnniversaryRule) {
  // DOMAIN.md §7 example 4: a flex job decided on 31 Mar 2020 has its status due 1 Oct 2024.
  FakeEnv env;
  env.day1_ = env.anchor_ = d("2020-03-31");
  const rules::Explanation e = rules::explain_expr(m, obligation("flex_job_status").arises[0].due, env);
  EXPECT_EQ(e.value, d("2024-10-01").days());
  ASSERT_EQ(e.steps.size(), 1u);
  EXPECT_EQ(e.steps[0].text,
            "31 Mar 2020 (the day it started) + 54 months (flex_job_status_months, LAB § 120, stk. 2) = 1 Oct 2024 "
            "(the anniversary rule: that month has no day 31, so the first day of the next month)");
}

TEST_F(DkRules, APeriodEndsTheDayBefore) {
  FakeEnv env;
  env.day1_ = env.anchor_ = d("2020-03-31");
  const rules::Explanation e = rules::explain_expr(m, timer("flex_job_end").date, env);
  EXPECT_EQ(e.value, d("2025-03-30").days());
  EXPECT_EQ(all_text(e.steps),
            "a period of 5 years (flex_job_years, LAB § 120) from 31 Mar 2020 (the day it started) ends 30 Mar 2025 "
            "(the day before 31 Mar 2025)\n");
}

TEST_F(DkRules, ThePointIsExplainedFromTheDayTheEngineFound) {
  // DOMAIN.md §2: day 1 = Mon 6 Jan 2025; counting starts 5 Feb; the 155th counted day is 9 Jul 2025.
  FakeEnv env;
  env.day1_ = env.anchor_ = d("2025-01-06");
  env.points[0] = d("2025-07-31").days();
  env.found = rules::CountedDaysInputs{d("2025-02-05"), d("2025-07-09"), 155, 0, 9};
  const rules::Explanation e = rules::explain_expr(m, obligation("reassessment_decision").arises[0].due, env);
  EXPECT_EQ(e.value, d("2025-07-31").days());
  EXPECT_EQ(e.phrase, "31 Jul 2025 (the point reassessment_point)");
  EXPECT_EQ(all_text(e.steps),
            "the point reassessment_point is 31 Jul 2025 [SDL § 24, stk. 1]: the month end of the first own counted "
            "day on which more than 22 weeks were paid within 9 calendar months\n"
            "22 (reassessment_limit_weeks, SDL § 24, stk. 1) × 7 = 154\n"
            "counting from 5 Feb 2025, the 155th counted day within the 9 calendar months Nov 2024 – Jul 2025 is "
            "9 Jul 2025: the first day on which more than 154 days were counted\n"
            "the month of 9 Jul 2025 ends 31 Jul 2025\n");
}

TEST_F(DkRules, PriorDaysAreNamed) {
  FakeEnv env;
  env.day1_ = d("2025-01-06");
  env.points[0] = d("2025-05-31").days();
  env.found = rules::CountedDaysInputs{d("2025-02-05"), d("2025-05-20"), 155, 50, 9};
  const std::string text = all_text(rules::explain_expr(m, obligation("reassessment_decision").arises[0].due, env).steps);
  EXPECT_NE(text.find("the 155th counted day within the 9 calendar months Sep 2024 – May 2025, 50 of them from prior "
                      "periods, is 20 May 2025"),
            std::string::npos)
      << text;
}

TEST_F(DkRules, AConditionTellsWhichBranchWasTaken) {
  // DOMAIN.md §7 example 2: refused on 10 Jul 2018, point 31 Jul: job clarification starts 1 Aug.
  FakeEnv env;
  env.day1_ = d("2018-01-08");
  env.anchor_ = d("2018-07-10");
  env.points[0] = d("2018-07-31").days();
  env.in[scope("sickness_benefit.extended")] = false;
  env.vars[var("at_limit_on_day1")] = 0;
  env.vars[var("refused_on")] = d("2018-07-10").days();
  const rules::Explanation e = rules::explain_expr(m, timer("job_clarification_start").date, env);
  EXPECT_EQ(e.value, d("2018-08-01").days());
  const std::string text = all_text(e.steps);
  EXPECT_NE(text.find("whether the case is in sickness_benefit.extended: no"), std::string::npos) << text;
  EXPECT_NE(text.find("31 Jul 2018 (the point reassessment_point) + 1 day = 1 Aug 2018"), std::string::npos) << text;
  EXPECT_NE(text.find("the later of 1 Aug 2018 and 11 Jul 2018 is 1 Aug 2018"), std::string::npos) << text;
}

TEST_F(DkRules, EachCovidStepThatAppliesIsNamedWithItsParagraph) {
  // docs/law.md#covid-19: a point on 30 Apr 2020, refused on 14 Apr: SDL § 26, stk. 1 extends to
  // 31 Jul, stk. 3 to 31 Oct, §§ 26 c-e (Model) to 30 Nov; the move on 1 Dec 2020 is put off by
  // § 26 f to 1 Mar 2021, § 26 h (Model) to 1 May and § 26 i to 1 Jul 2021.
  FakeEnv env;
  env.day1_ = d("2019-10-07");
  env.anchor_ = d("2020-04-14");
  env.points[0] = d("2020-04-30").days();
  env.in[scope("sickness_benefit.extended")] = false;
  env.vars[var("at_limit_on_day1")] = 0;
  env.vars[var("refused_on")] = d("2020-04-14").days();
  const rules::Explanation e = rules::explain_expr(m, timer("job_clarification_start").date, env);
  EXPECT_EQ(e.value, d("2021-07-01").days());
  const std::string text = all_text(e.steps);
  EXPECT_NE(text.find("since the value so far lies between 9 Mar 2020 (covid_s26_from) and 30 Sep 2020 (covid_s26_until) "
                      "(the value so far: 30 Apr 2020 (the point reassessment_point)), the value becomes 31 Jul 2020"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("a period of 3 months (covid_s26_months, SDL § 26, stk. 1 and 3; § 26 a) from 1 May 2020"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("the value becomes 1 Jul 2021"), std::string::npos) << text;
}

TEST_F(DkRules, NoCovidStepLeavesTheDateAsItWas) {
  // A point on 30 Jun 2021 (after every window), refused on 7 Jun: job clarification on 1 Jul 2021.
  FakeEnv env;
  env.day1_ = d("2020-12-07");
  env.anchor_ = d("2021-06-07");
  env.points[0] = d("2021-06-30").days();
  env.in[scope("sickness_benefit.extended")] = false;
  env.vars[var("at_limit_on_day1")] = 0;
  env.vars[var("refused_on")] = d("2021-06-07").days();
  const rules::Explanation e = rules::explain_expr(m, timer("job_clarification_start").date, env);
  EXPECT_EQ(e.value, d("2021-07-01").days());
  const std::string text = all_text(e.steps);
  EXPECT_EQ(text.find("the value becomes"), std::string::npos) << text;
  EXPECT_NE(text.find("the later of 1 Jul 2021 and 8 Jun 2021 is 1 Jul 2021"), std::string::npos) << text;
}

TEST_F(DkRules, UnknownStaysUnknown) {
  // While benefit is stopped before the point is reached, the point (and what follows it) is unknown.
  FakeEnv env;
  env.day1_ = d("2018-01-08");
  env.anchor_ = d("2018-07-10");
  env.vars[var("at_limit_on_day1")] = 0;
  env.vars[var("refused_on")] = d("2018-07-10").days();
  const rules::Explanation e = rules::explain_expr(m, timer("job_clarification_start").date, env);
  EXPECT_EQ(e.value, kUnknown);
  EXPECT_NE(all_text(e.steps).find("is unknown, since one of them is"), std::string::npos);
}

TEST_F(DkRules, TheEngineKeepsWhatItsSearchFound) {
  Case c(rs);
  const std::uint16_t sick = *rs.find_event("sick_listed");
  // Every field of sick_listed is given a value (prior_paid_periods: absent).
  const FieldValue fields[2] = {{true, *rs.find_enum_value(sick, 0, "employee"), nullptr, 0}, {}};
  ASSERT_TRUE(c.apply(EventInput{sick, d("2025-01-06"), fields, 2}));
  const auto found = c.counted_days_found(0);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->counting_from, d("2025-02-05"));
  EXPECT_EQ(found->found, d("2025-07-09"));
  EXPECT_EQ(found->window_months, 9);
  EXPECT_EQ(found->counted, 155);
  EXPECT_EQ(found->prior, 0);
  EXPECT_EQ(c.point("reassessment_point"), d("2025-07-31"));
  EXPECT_EQ(c.timer_started(*rs.find_timer("reassessment_point")), d("2025-01-06"));
  EXPECT_EQ(c.instance_arising(0), 0u);
  EXPECT_TRUE(c.paid());
  // Once the case leaves `ongoing` the point is fixed, and so is what was found.
  ASSERT_TRUE(c.advance(d("2025-08-01")));
  EXPECT_EQ(c.counted_days_found(0)->found, d("2025-07-09"));
}

}  // namespace
}  // namespace caseflow
