// Transitional rules between versions: an open deadline lapses only at the start of a version that
// says so in its own declaration, and arises again if the new rule's condition holds that day; an
// event can close deadlines (lapse_on) or meet them only under a condition; a rule that only a later
// version has, keyed to the event's date, applies to a case that began earlier. Dates worked out by
// hand in the comments.
#include <gtest/gtest.h>

#include <algorithm>

#include "caseflow/engine.hpp"

namespace caseflow {
namespace {

Date D(const char* s) { return Date::parse(s); }

// v1 from 2020, v2 from 2021 (a parameter only), v3 from 2022 (a new report rule with its
// transitional rule, an exemption, a pause that returns by a timer).
const char* const kRules = R"(
name: transitional
valid_from: 2020-01-01
parameters:
  report_days: {value: 60, legal_ref: "A § 1"}
  check_days: {value: 30, legal_ref: "A § 2"}
states:
  open.waiting: {initial: true}
  open.active: {}
  paused: {}
  done: {final: true}
variables:
  exempt: {type: bool, initial: false}
events:
  opened: {}
  activated: {}
  reported: {}
  checked: {}
  exempted: {}
  pause: {}
timers:
  pause_end:
    legal_ref: "A § 5"
    scope: paused
    start: {enter: paused}
    date: {add: [timer_start, {days: 10}]}
obligations:
  report:
    legal_ref: "A § 1"
    version_by: event_date
    scope: open
    arises:
      - on: opened
        due: {add: [event_date, {days: {param: report_days}}]}
    met_by: [reported]
  check:
    legal_ref: "A § 2"
    arises:
      - on: activated
        due: {add: [event_date, {days: {param: check_days}}]}
    met_by:
      - {on: checked, when: {date: event_date, after: timer_start}}
transitions:
  - {id: open, legal_ref: "A § 1", on: opened, from: null, to: open.waiting}
  - {id: activate, legal_ref: "A § 1", on: activated, from: open.waiting, to: open.active}
  - {id: reported, legal_ref: "A § 1", on: reported, from: "*"}
  - {id: checked, legal_ref: "A § 2", on: checked, from: "*"}
versions:
  - {name: v1, valid_from: 2020-01-01}
  - name: v2
    valid_from: 2021-01-01
    parameters:
      report_days: {value: 45, legal_ref: "A § 1 as amended in 2021"}
  - name: v3
    valid_from: 2022-01-01
    parameters:
      report_months: {value: 3, legal_ref: "A § 1 as amended in 2022"}
    obligations:
      report:
        legal_ref: "A § 1 as amended in 2022"
        version_by: event_date
        on_version_switch: lapse
        scope: open
        arises:
          - on: opened
            when: {all: [{var: exempt, equals: false}, {in_state: open.waiting}]}
            due: {add: [day1, {months: {param: report_months}}]}
        met_by: [reported]
        lapse_on: [exempted]
    transitions:
      - {id: exempt, legal_ref: "A § 6", version_by: event_date, on: exempted, from: open, effects: [{set: {exempt: true}}]}
      - {id: pause, legal_ref: "A § 5", version_by: event_date, on: pause, from: open.active, to: paused}
      - {id: pause_ended, legal_ref: "A § 5", version_by: event_date, on: {timer: pause_end}, from: paused, to: open.active}
)";

struct Transitional : ::testing::Test {
  RuleSet rs = RuleSet::load_string(kRules, "transitional.yaml");
  Outcome play(Case& c, const char* date, const char* event) {
    return c.apply(EventInput{*rs.find_event(event), D(date), nullptr, 0});
  }
  std::vector<ObligationView> of(const Case& c, const char* name, Date on) {
    std::vector<ObligationView> out;
    for (const ObligationView& o : c.obligations(on))
      if (rs.obligation_name(o.obligation) == name) out.push_back(o);
    return out;
  }
  bool allows(const Case& c, const char* event) {
    const auto allowed = c.allowed_events();
    return std::find(allowed.begin(), allowed.end(), *rs.find_event(event)) != allowed.end();
  }
};

TEST_F(Transitional, AVersionThatOnlyInheritsAnObligationKeepsItsOpenInstances) {
  // Opened 1 Dec 2020 (v1): report due 1 Dec + 60 = 30 Jan 2021. v2 (1 Jan 2021) changes a
  // parameter but does not rewrite the report: the instance is kept, with its due date.
  Case c(rs);
  ASSERT_TRUE(play(c, "2020-12-01", "opened"));
  // The first switch that closes it is v3's: the case next needs a look on 1 Jan 2022.
  EXPECT_EQ(c.next_due(), D("2022-01-01"));
  ASSERT_TRUE(c.advance(D("2021-01-15")));
  const auto report = of(c, "report", D("2021-01-15"));
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].due, D("2021-01-30"));
  EXPECT_EQ(report[0].status, ObligationStatus::pending);
  EXPECT_EQ(report[0].version, 0);
}

TEST_F(Transitional, TheVersionThatRewritesItClosesItAndItArisesAgainWhereTheNewRuleSaysSo) {
  // Both opened 1 Dec 2020; report due 30 Jan 2021, overdue by 1 Jan 2022, so v3's transitional
  // rule closes it as missed. W is still waiting: the new rule arises again, due day 1 + 3
  // months = 1 Mar 2021 (overdue at once). A was activated: the new rule's condition does not
  // hold on the switch day, so nothing arises again.
  Case w(rs), a(rs);
  ASSERT_TRUE(play(w, "2020-12-01", "opened"));
  ASSERT_TRUE(play(a, "2020-12-01", "opened"));
  ASSERT_TRUE(play(a, "2020-12-05", "activated"));
  ASSERT_TRUE(w.advance(D("2022-01-10")));
  ASSERT_TRUE(a.advance(D("2022-01-10")));
  const auto rw = of(w, "report", D("2022-01-10"));
  ASSERT_EQ(rw.size(), 2u);
  EXPECT_EQ(rw[0].status, ObligationStatus::missed);
  EXPECT_EQ(rw[1].arose, D("2022-01-01"));
  EXPECT_EQ(rw[1].due, D("2021-03-01"));
  EXPECT_EQ(rw[1].status, ObligationStatus::overdue);
  EXPECT_EQ(rw[1].version, 2);
  const auto ra = of(a, "report", D("2022-01-10"));
  ASSERT_EQ(ra.size(), 1u);
  EXPECT_EQ(ra[0].status, ObligationStatus::missed);
  // Nothing more is due for the report, and the case no longer waits for a switch.
  EXPECT_EQ(a.next_due(), std::nullopt);
}

TEST_F(Transitional, AnEventCanCloseDeadlinesWithoutMeetingThem) {
  // Opened 1 Feb 2022 (v3): report due 1 Feb + 3 months = 1 May 2022. Exempted 10 Feb: lapsed
  // (before its due date); a report after it meets nothing, and none arises.
  Case c(rs);
  ASSERT_TRUE(play(c, "2022-02-01", "opened"));
  ASSERT_EQ(of(c, "report", D("2022-02-01"))[0].due, D("2022-05-01"));
  ASSERT_TRUE(play(c, "2022-02-10", "exempted"));
  ASSERT_TRUE(play(c, "2022-02-20", "reported"));
  const auto report = of(c, "report", D("2022-02-20"));
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].status, ObligationStatus::lapsed);
  EXPECT_EQ(report[0].met_on, std::nullopt);
  // Before v3 the exemption does not exist: rejected as not allowed.
  Case old(rs);
  ASSERT_TRUE(play(old, "2021-02-01", "opened"));
  EXPECT_EQ(play(old, "2021-02-10", "exempted").status, Status::not_allowed);
}

TEST_F(Transitional, AConditionOnMeetingReadsTheDayTheInstanceArose) {
  // Activated 1 Mar 2020: check due 1 Mar + 30 = 31 Mar. The check on the same day does not meet
  // it (the condition wants a later day); the one on 2 Mar does.
  Case c(rs);
  ASSERT_TRUE(play(c, "2020-02-20", "opened"));
  ASSERT_TRUE(play(c, "2020-03-01", "activated"));
  ASSERT_TRUE(play(c, "2020-03-01", "checked"));
  EXPECT_EQ(of(c, "check", D("2020-03-01"))[0].status, ObligationStatus::pending);
  ASSERT_TRUE(play(c, "2020-03-02", "checked"));
  const auto check = of(c, "check", D("2020-03-02"));
  EXPECT_EQ(check[0].status, ObligationStatus::met);
  EXPECT_EQ(check[0].met_on, D("2020-03-02"));
}

TEST_F(Transitional, ARuleOnlyALaterVersionHasAppliesFromItsDateToEarlierCases) {
  // Opened 1 Jun 2021 (v2), active. A pause on 1 Dec 2021 is not allowed (v2 has no such rule);
  // from 1 Jan 2022 it is (v3's rule, keyed to the event's date), and the pause's end timer on
  // 1 Mar + 10 = 11 Mar 2022 finds its transition in v3 too.
  Case c(rs);
  ASSERT_TRUE(play(c, "2021-06-01", "opened"));
  ASSERT_TRUE(play(c, "2021-06-02", "activated"));
  EXPECT_FALSE(allows(c, "pause"));
  EXPECT_EQ(play(c, "2021-12-01", "pause").status, Status::not_allowed);
  ASSERT_TRUE(c.advance(D("2022-01-05")));
  EXPECT_TRUE(allows(c, "pause"));
  ASSERT_TRUE(play(c, "2022-03-01", "pause"));
  EXPECT_EQ(rs.state_name(c.state()), "paused");
  ASSERT_TRUE(c.advance(D("2022-03-11")));
  EXPECT_EQ(rs.state_name(c.state()), "open.active");
  ASSERT_EQ(c.trace().size(), 4u);
  EXPECT_EQ(c.trace()[2].version, 2);
  EXPECT_EQ(c.trace()[3].date, D("2022-03-11"));
  EXPECT_EQ(c.trace()[3].version, 2);
}

}  // namespace
}  // namespace caseflow
