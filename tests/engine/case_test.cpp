// The engine: transactional apply, the clock, timers in date order, rules as data, rejections.
// Expected dates are worked out by hand from DOMAIN.md (the arithmetic is in the comments).
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "caseflow/engine.hpp"
#include "caseflow/io.hpp"

namespace caseflow {
namespace {

Date D(const char* s) { return Date::parse(s); }

// Plays JSON event lines into a case.
class Player {
 public:
  explicit Player(const RuleSet& rs) : reader_(rs) {}
  Outcome play(Case& c, const std::string& line) {
    ParsedEvent ev;
    std::string error;
    if (!reader_.parse(line, ev, error)) {
      ADD_FAILURE() << "bad test line: " << line << ": " << error;
      Outcome bad;
      bad.status = Status::bad_input;
      return bad;
    }
    return c.apply(ev.input());
  }
  bool parse(const std::string& line, ParsedEvent& ev, std::string& error) { return reader_.parse(line, ev, error); }

 private:
  JsonEventReader reader_;
};

std::string ev(const char* date, const char* event, const std::string& fields = "") {
  return std::string("{\"case\":\"C\",\"date\":\"") + date + "\",\"event\":\"" + event + "\"" +
         (fields.empty() ? "" : "," + fields) + "}";
}

struct DkCase : ::testing::Test {
  RuleSet rs = RuleSet::builtin("dk");
  Player p{rs};
  Case c{rs};
  void open_employee(const char* day1) {
    ASSERT_TRUE(p.play(c, ev(day1, "sick_listed", "\"employment\":\"employee\"")));
  }
  std::string state() const { return rs.state_name(c.state()); }
};

TEST_F(DkCase, ReassessmentPointOfWorkedExampleOne) {
  // Day 1 8 Jan 2018; counting from 7 Feb; 155th counted day 11 Jul → point 31 Jul 2018.
  open_employee("2018-01-08");
  EXPECT_EQ(c.point("reassessment_point"), D("2018-07-31"));
  ASSERT_TRUE(c.advance(D("2018-07-30")));
  EXPECT_EQ(state(), "sickness_benefit.ongoing");
  ASSERT_TRUE(c.advance(D("2018-07-31")));
  EXPECT_EQ(state(), "sickness_benefit.reassessment");  // the new state holds from the timer's date
  EXPECT_EQ(c.clock(), D("2018-07-31"));
}

TEST_F(DkCase, RejectedEventAfterDueTimersLeavesTheCaseExactlyAsItWas) {
  open_employee("2018-01-08");
  const Case before = c;
  // The point (31 Jul) would fire first; then the guard refuses `until` before the event's date.
  const Outcome out = p.play(c, ev("2018-08-10", "extension_granted",
                                   "\"ground\":\"work_capacity_clarification\",\"until\":\"2018-08-01\""));
  EXPECT_EQ(out.status, Status::guard_failed);
  EXPECT_TRUE(c.same_as(before));
  EXPECT_EQ(state(), "sickness_benefit.ongoing");
  EXPECT_EQ(c.clock(), D("2018-01-08"));
  EXPECT_EQ(c.describe(out),
            "event 'extension_granted' on 2018-08-10 refused: until is before the event's date "
            "(rule extension_work_capacity, SDL § 27, stk. 1)");
}

TEST_F(DkCase, OutOfOrderIsRejectedAndTheClockDateIsFine) {
  open_employee("2018-01-08");
  ASSERT_TRUE(p.play(c, ev("2018-02-01", "followup_held")));
  const Case before = c;
  const Outcome out = p.play(c, ev("2018-01-31", "followup_held"));
  EXPECT_EQ(out.status, Status::out_of_order);
  EXPECT_TRUE(c.same_as(before));
  EXPECT_EQ(c.describe(out), "event 'followup_held' dated 2018-01-31 is before the case's clock 2018-02-01");
  EXPECT_TRUE(p.play(c, ev("2018-02-01", "visitation", "\"category\":1")));
}

TEST_F(DkCase, SecondOpeningAndUnopenedCaseAreRejected) {
  const Outcome none = p.play(c, ev("2018-01-08", "followup_held"));
  EXPECT_EQ(none.status, Status::not_open);
  EXPECT_FALSE(c.is_open());
  open_employee("2018-01-08");
  const Case before = c;
  const Outcome again = p.play(c, ev("2018-01-09", "sick_listed", "\"employment\":\"employee\""));
  EXPECT_EQ(again.status, Status::already_open);
  EXPECT_EQ(c.describe(again), "the case is already open: a second 'sick_listed' is not allowed");
  EXPECT_TRUE(c.same_as(before));
}

TEST_F(DkCase, DayOneBefore2014NamesDk2008) {
  const Outcome out = p.play(c, ev("2014-06-30", "sick_listed", "\"employment\":\"employee\""));
  EXPECT_EQ(out.status, Status::guard_failed);
  EXPECT_NE(c.describe(out).find("dk-2008"), std::string::npos);
  EXPECT_FALSE(c.is_open());
  open_employee("2014-07-01");
}

TEST_F(DkCase, NothingIsAllowedInAFinalState) {
  open_employee("2018-01-08");
  ASSERT_TRUE(p.play(c, ev("2018-03-01", "case_closed", "\"reason\":\"technical\"")));
  EXPECT_EQ(state(), "closed");
  EXPECT_EQ(c.reason(), std::optional<std::string_view>("technical"));
  EXPECT_TRUE(c.allowed_events().empty());
  const Outcome out = p.play(c, ev("2018-03-02", "followup_held"));
  EXPECT_EQ(out.status, Status::not_allowed);
  EXPECT_EQ(c.describe(out), "event 'followup_held' is not allowed: the case is in the final state closed");
}

TEST_F(DkCase, EventNotAllowedInTheState) {
  open_employee("2018-01-08");
  const Outcome out = p.play(c, ev("2018-02-01", "flex_job_made_permanent"));
  EXPECT_EQ(out.status, Status::not_allowed);
  EXPECT_EQ(c.describe(out), "event 'flex_job_made_permanent' is not allowed in state sickness_benefit.ongoing");
}

TEST_F(DkCase, AdvanceBackwardsIsRejected) {
  open_employee("2018-01-08");
  ASSERT_TRUE(c.advance(D("2018-03-01")));
  const Case before = c;
  EXPECT_EQ(c.advance(D("2018-02-01")).status, Status::out_of_order);
  EXPECT_TRUE(c.same_as(before));
}

TEST_F(DkCase, ATimerDueOnTheEventsDateFiresFirst) {
  // The point is 31 Jul 2018; a refusal the same day is applied in reassessment, meets the
  // decision on time, and job clarification starts 1 Aug (31 Jul + 1).
  open_employee("2018-01-08");
  ASSERT_TRUE(p.play(c, ev("2018-07-31", "extension_refused")));
  EXPECT_EQ(state(), "sickness_benefit.reassessment");
  ASSERT_EQ(c.trace().size(), 2u);
  EXPECT_EQ(c.trace()[1].date, D("2018-07-31"));
  const auto timers = c.pending_timers();
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(rs.timer_name(timers[0].timer), "job_clarification_start");
  EXPECT_EQ(timers[0].due, D("2018-08-01"));
  const auto obs = c.obligations(D("2018-07-31"));
  ASSERT_EQ(obs.size(), 2u);
  EXPECT_EQ(obs[1].status, ObligationStatus::met);
}

TEST_F(DkCase, BadFieldValuesAreBadInput) {
  std::string error;
  ParsedEvent e;
  EXPECT_FALSE(p.parse(ev("2018-01-08", "visitation", "\"category\":4"), e, error));
  EXPECT_EQ(error, "field 'category' of 'visitation': 4 is outside 1–3");
  EXPECT_FALSE(p.parse(ev("2018-01-08", "visitation", "\"category\":2.0"), e, error));
  EXPECT_EQ(error, "field 'category' of 'visitation' must be an integer (no fraction or exponent), not a number with a fraction or exponent");
  EXPECT_FALSE(p.parse(ev("2018-01-08", "visitation"), e, error));
  EXPECT_EQ(error, "field 'category' of 'visitation' is required");
  EXPECT_FALSE(p.parse(ev("2018-01-08", "visitation", "\"category\":2,\"colour\":\"red\""), e, error));
  EXPECT_EQ(error, "unknown field 'colour' for event 'visitation'");
  EXPECT_FALSE(p.parse(ev("2025-02-30", "followup_held"), e, error));
  EXPECT_EQ(error, "field 'date': invalid date '2025-02-30': day 30 does not exist in February 2025");
  EXPECT_FALSE(p.parse(ev("2018-01-08", "extension_granted", "\"ground\":\"boredom\""), e, error));
  EXPECT_EQ(error, "field 'ground' of 'extension_granted': 'boredom' is not one of its values");
  EXPECT_FALSE(p.parse(ev("2018-01-08", "sick_listed", "\"employment\":\"employee\",\"prior_paid_periods\":[[\"2017-05-01\",\"2017-04-01\"]]"), e, error));
  EXPECT_EQ(error, "field 'prior_paid_periods' of 'sick_listed': pair 1 ends before it starts or overlaps an earlier pair");
  EXPECT_FALSE(p.parse("{\"case\":\"C\",\"date\":\"2018-01-08\"", e, error));
  EXPECT_EQ(error.rfind("not JSON", 0), 0u);
  EXPECT_FALSE(p.parse(ev("2018-01-08", "levitated"), e, error));
  EXPECT_EQ(error, "unknown event 'levitated' in rule-set dk");
}

TEST_F(DkCase, PriorPeriodsMustEndBeforeDayOne) {
  const Outcome out = p.play(c, ev("2018-01-08", "sick_listed",
      "\"employment\":\"employee\",\"prior_paid_periods\":[[\"2017-12-01\",\"2018-01-08\"]]"));
  EXPECT_EQ(out.status, Status::bad_input);
  EXPECT_EQ(c.describe(out), "field 'prior_paid_periods' of 'sick_listed': pair 1 does not end before the event's date 2018-01-08");
  EXPECT_FALSE(c.is_open());
}

TEST_F(DkCase, FewerValuesThanFieldsMeansTheRestAreAbsent) {
  // A C caller may pass only the values it has: prior_paid_periods is then simply not given.
  const std::uint16_t sick = *rs.find_event("sick_listed");
  FieldValue employment{true, 0, nullptr, 0};
  ASSERT_TRUE(c.apply(EventInput{sick, D("2018-01-08"), &employment, 1}));
  EXPECT_EQ(c.point("reassessment_point"), D("2018-07-31"));
}

TEST_F(DkCase, SameEventsGiveTheSameCase) {
  Case other(rs);
  for (Case* x : {&c, &other}) {
    ASSERT_TRUE(p.play(*x, ev("2018-01-08", "sick_listed", "\"employment\":\"unemployed\"")));
    ASSERT_TRUE(p.play(*x, ev("2018-03-01", "benefit_stopped")));
    ASSERT_TRUE(p.play(*x, ev("2018-04-01", "benefit_resumed")));
    ASSERT_TRUE(x->advance(D("2019-01-01")));
  }
  EXPECT_TRUE(c.same_as(other));
}

TEST(RulesAreData, ChangingTheLimitInACopyOfDkMovesThePoint) {
  // 26 weeks instead of 22: more than 182 counted days from 7 Feb 2018: Feb 22, Mar 53, Apr 83,
  // May 114, Jun 144, Jul 175, 8 Aug = 183rd → point 31 Aug 2018 (instead of 31 Jul).
  std::string text(RuleSet::builtin_text("dk"));
  const std::string from = "reassessment_limit_weeks: {value: 22,";
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, from.size(), "reassessment_limit_weeks: {value: 26,");
  const RuleSet rs = RuleSet::load_string(text, "dk-26-weeks.yaml");
  Player p(rs);
  Case c(rs);
  ASSERT_TRUE(p.play(c, ev("2018-01-08", "sick_listed", "\"employment\":\"employee\"")));
  EXPECT_EQ(c.point("reassessment_point"), D("2018-08-31"));
}

TEST(ExampleRuleSet, TimersObligationsAndParametersByDayOne) {
  const RuleSet rs = RuleSet::load_file(std::string(CASEFLOW_SOURCE_DIR) + "/tests/rules/good/appointment.yaml");
  Player p(rs);
  Case c(rs);
  ASSERT_TRUE(p.play(c, "{\"case\":\"A\",\"date\":\"2024-01-31\",\"event\":\"applied\",\"kind\":\"urgent\"}"));
  ASSERT_TRUE(p.play(c, "{\"case\":\"A\",\"date\":\"2024-02-20\",\"event\":\"answered\"}"));
  // reply due 31 Jan + 14 = 14 Feb, met 20 Feb: late. Active from 20 Feb for 3 months (day 1 in
  // 2024): the period ends the day before 20 May → expiry on 19 May 2024.
  auto obs = c.obligations(D("2024-02-20"));
  ASSERT_EQ(obs.size(), 1u);
  EXPECT_EQ(obs[0].due, D("2024-02-14"));
  EXPECT_EQ(obs[0].status, ObligationStatus::met_late);
  ASSERT_EQ(c.pending_timers().size(), 1u);
  EXPECT_EQ(c.pending_timers()[0].due, D("2024-05-19"));
  ASSERT_TRUE(c.advance(D("2024-06-01")));
  EXPECT_EQ(rs.state_name(c.state()), "closed");
  EXPECT_EQ(c.reason(), std::optional<std::string_view>("expired"));
}

TEST(ExampleRuleSet, GuardOnAnEarlierStateAndAFinalGrade) {
  const RuleSet rs = RuleSet::load_file(std::string(CASEFLOW_SOURCE_DIR) + "/tests/rules/good/appointment.yaml");
  Player p(rs);
  Case c(rs);
  ASSERT_TRUE(p.play(c, "{\"case\":\"A\",\"date\":\"2021-03-01\",\"event\":\"applied\",\"kind\":\"standard\"}"));
  const Outcome out = p.play(c, "{\"case\":\"A\",\"date\":\"2021-03-02\",\"event\":\"graded\",\"level\":3,\"final\":true}");
  EXPECT_EQ(out.status, Status::guard_failed);
  ASSERT_TRUE(p.play(c, "{\"case\":\"A\",\"date\":\"2021-03-02\",\"event\":\"graded\",\"level\":3}"));
  EXPECT_EQ(c.variable("level"), std::optional<std::int64_t>(3));
  // The grade met the first reply (due 15 Mar) and raised a new one due a week later, 9 Mar.
  const auto obs = c.obligations(D("2021-03-10"));
  ASSERT_EQ(obs.size(), 2u);
  EXPECT_EQ(obs[0].status, ObligationStatus::met);
  EXPECT_EQ(obs[1].due, D("2021-03-09"));
  EXPECT_EQ(obs[1].status, ObligationStatus::overdue);
  ASSERT_TRUE(p.play(c, "{\"case\":\"A\",\"date\":\"2021-03-11\",\"event\":\"answered\"}"));
  ASSERT_TRUE(p.play(c, "{\"case\":\"A\",\"date\":\"2021-03-12\",\"event\":\"graded\",\"level\":2,\"final\":true}"));
}

}  // namespace
}  // namespace caseflow
