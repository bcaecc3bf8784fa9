// The report's figures on a small dk caseload, each worked out by hand from the events below, the
// rule file's report block and docs/domain.md (the dates by day counting only), never from the
// code's output. Report date W = Mon 2025-03-10; the range is [2025-02-01, W] (the default: the
// month before W's, and W's month so far); the status periods are [02-25, W] and [02-11, 02-24].
//
//   A  employee, day 1 Mon 2024-06-03, Anna/T1. Visitation 1, follow-up 07-01 (first follow-up
//      due day 56 = 07-28: met). X = day 185 = 12-04, reassessment point 12-31 (the timer moves
//      it to reassessment then). Extension, medical treatment, 2025-02-18 (previous period).
//      Over 26 weeks from 12-02; week 52 starts 2025-06-02.
//   B  employee, day 1 Mon 2024-08-05, Bo/T2. Visitation 1, follow-up 09-02. X = 2025-02-05,
//      point 02-28 (reassessment). Extension, life-threatening illness, 03-04 (this period).
//      Passes 26 weeks on 2025-02-03 (day 1 + 182): within the range, while open.
//   C  employee, day 1 Mon 2024-09-02, Anna/T1, then Carla/T1 from 2025-01-06 (one change).
//      Visitation 1, follow-up 09-30. External actor X from 2024-11-04. Recovered 2025-03-03:
//      a real closure of Carla's in March (ISO week 10), on the very day it would pass 26
//      weeks (09-02 + 182 = 03-03): not open on that day, so neither inflow nor outflow.
//   D  unemployed, day 1 Mon 2025-01-06, Bo/T2. No follow-up: the first is due day 56 =
//      2025-03-02, so 8 days overdue on W.
//   E  employee, day 1 Mon 2025-01-20, Carla/T1, no follow-up yet: the first is due day 56 =
//      2025-03-16, 6 days ahead of W. Week 8 starts day 1 + 49 = 03-10 = W.
//   F  employee, day 1 Mon 2024-03-04, Dorte/T2. Visitation 1, follow-up 04-01. Referred
//      08-01, recommended a resource course 2024-11-04, decided 2025-02-03 with until 2026-02-02
//      (the end of a 1-year period): 91 days from recommendation to decision. Passes 52 weeks
//      on 2025-03-03 (day 1 + 364), in this period.
//   G  employee, day 1 Mon 2024-02-05, Dorte/T2. Visitation 1, follow-up 03-04. Referred
//      06-03, recommended job clarification 07-01, decided 08-05. External actor X from
//      2024-09-02, then Y from 12-02. Recovered 2025-02-20 (previous period; ISO week 8): a real
//      closure of Dorte's, out of job clarification; over 26 and 52 weeks (passed 52 weeks on
//      2025-02-03, within the range).
//   H  employee, day 1 Wed 2025-02-26, Anna/T1; closed technical 2025-03-05 (week 10).
//   I  employee, day 1 Wed 2025-02-12, no caseworker; first follow-up due 04-08.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

#include "caseflow/io.hpp"
#include "caseflow/report.hpp"

namespace caseflow {
namespace {

const char* const kEvents = R"({"case":"A","date":"2024-06-03","event":"sick_listed","employment":"employee"}
{"case":"A","date":"2024-06-03","event":"caseworker_assigned","caseworker":"Anna","team":"T1"}
{"case":"A","date":"2024-06-10","event":"visitation","category":1}
{"case":"A","date":"2024-07-01","event":"followup_held"}
{"case":"A","date":"2025-02-18","event":"extension_granted","ground":"medical_treatment"}
{"case":"B","date":"2024-08-05","event":"sick_listed","employment":"employee"}
{"case":"B","date":"2024-08-05","event":"caseworker_assigned","caseworker":"Bo","team":"T2"}
{"case":"B","date":"2024-08-12","event":"visitation","category":1}
{"case":"B","date":"2024-09-02","event":"followup_held"}
{"case":"B","date":"2025-03-04","event":"extension_granted","ground":"life_threatening_illness"}
{"case":"C","date":"2024-09-02","event":"sick_listed","employment":"employee"}
{"case":"C","date":"2024-09-02","event":"caseworker_assigned","caseworker":"Anna","team":"T1"}
{"case":"C","date":"2024-09-09","event":"visitation","category":1}
{"case":"C","date":"2024-09-30","event":"followup_held"}
{"case":"C","date":"2024-11-04","event":"external_actor_assigned","provider":"Aktør X"}
{"case":"C","date":"2025-01-06","event":"caseworker_assigned","caseworker":"Carla","team":"T1"}
{"case":"C","date":"2025-03-03","event":"recovered"}
{"case":"D","date":"2025-01-06","event":"sick_listed","employment":"unemployed"}
{"case":"D","date":"2025-01-06","event":"caseworker_assigned","caseworker":"Bo","team":"T2"}
{"case":"E","date":"2025-01-20","event":"sick_listed","employment":"employee"}
{"case":"E","date":"2025-01-20","event":"caseworker_assigned","caseworker":"Carla","team":"T1"}
{"case":"F","date":"2024-03-04","event":"sick_listed","employment":"employee"}
{"case":"F","date":"2024-03-04","event":"caseworker_assigned","caseworker":"Dorte","team":"T2"}
{"case":"F","date":"2024-03-11","event":"visitation","category":1}
{"case":"F","date":"2024-04-01","event":"followup_held"}
{"case":"F","date":"2024-08-01","event":"referred_to_rehabilitation_team"}
{"case":"F","date":"2024-11-04","event":"rehabilitation_team_recommended","recommendation":"resource_course"}
{"case":"F","date":"2025-02-03","event":"decision","outcome":"resource_course","until":"2026-02-02"}
{"case":"G","date":"2024-02-05","event":"sick_listed","employment":"employee"}
{"case":"G","date":"2024-02-05","event":"caseworker_assigned","caseworker":"Dorte","team":"T2"}
{"case":"G","date":"2024-02-12","event":"visitation","category":1}
{"case":"G","date":"2024-03-04","event":"followup_held"}
{"case":"G","date":"2024-06-03","event":"referred_to_rehabilitation_team"}
{"case":"G","date":"2024-07-01","event":"rehabilitation_team_recommended","recommendation":"job_clarification"}
{"case":"G","date":"2024-08-05","event":"decision","outcome":"job_clarification"}
{"case":"G","date":"2024-09-02","event":"external_actor_assigned","provider":"Aktør X"}
{"case":"G","date":"2024-12-02","event":"external_actor_assigned","provider":"Aktør Y"}
{"case":"G","date":"2025-02-20","event":"recovered"}
{"case":"H","date":"2025-02-26","event":"sick_listed","employment":"employee"}
{"case":"H","date":"2025-02-26","event":"caseworker_assigned","caseworker":"Anna","team":"T1"}
{"case":"H","date":"2025-03-05","event":"case_closed","reason":"technical"}
{"case":"I","date":"2025-02-12","event":"sick_listed","employment":"employee"}
)";

const Date W = Date::from_ymd(2025, 3, 10);

class HandWorkedReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    load_ = new Caseload(RuleSet::builtin("dk"));
    JsonEventReader reader(load_->rules(), &load_->strings());
    std::istringstream in(kEvents);
    std::string line, error;
    ParsedEvent ev;
    while (std::getline(in, line)) {
      ASSERT_TRUE(reader.parse(line, ev, error)) << line << ": " << error;
      const Outcome out = load_->apply(load_->add_case(ev.case_id), ev.input());
      ASSERT_TRUE(out) << line << ": " << describe(load_->rules(), out);
    }
    load_->advance(W);
    report_ = new Report(build_report(*load_, {W, std::nullopt, 1}));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete load_;
  }
  static Caseload* load_;
  static Report* report_;
  const Report& r() const { return *report_; }
};
Caseload* HandWorkedReport::load_ = nullptr;
Report* HandWorkedReport::report_ = nullptr;

TEST_F(HandWorkedReport, RangeAndCases) {
  EXPECT_EQ(r().from, Date::from_ymd(2025, 2, 1));
  EXPECT_EQ(r().cases, 9);
  EXPECT_EQ(r().ruleset, "dk");
}

TEST_F(HandWorkedReport, WorklistMostUrgentFirst) {
  ASSERT_EQ(r().worklist.size(), 2u);
  const WorkItem& d = r().worklist[0];
  EXPECT_EQ(d.case_id, "D");
  EXPECT_EQ(d.obligation, "first_followup");
  EXPECT_EQ(d.due, Date::from_ymd(2025, 3, 2));
  EXPECT_EQ(d.days_overdue, 8);
  EXPECT_EQ(d.caseworker, "Bo");
  EXPECT_EQ(d.team, "T2");
  EXPECT_EQ(d.legal_ref, "SDL § 13, stk. 1");
  EXPECT_EQ(d.label, "Første opfølgningssamtale (inden udgangen af uge 8)");
  const WorkItem& e = r().worklist[1];
  EXPECT_EQ(e.case_id, "E");
  EXPECT_EQ(e.obligation, "first_followup");
  EXPECT_EQ(e.due, Date::from_ymd(2025, 3, 16));
  EXPECT_EQ(e.days_overdue, -6);
  EXPECT_EQ(e.caseworker, "Carla");
  EXPECT_EQ(e.team, "T1");
}

TEST_F(HandWorkedReport, WeeklyLists) {
  for (const EnteringWeek& e : r().entering)
    EXPECT_EQ(e.cases, e.week == 8 ? std::vector<std::string>{"E"} : std::vector<std::string>{}) << "week " << e.week;
  EXPECT_TRUE(r().points.empty());
  for (const auto& [obligation, cases] : r().overdue)
    EXPECT_EQ(cases, obligation == "first_followup" ? std::vector<std::string>{"D"} : std::vector<std::string>{}) << obligation;
  EXPECT_EQ(r().sample, std::vector<std::string>{"D"});
  ASSERT_TRUE(r().punctuality);
  EXPECT_EQ(r().punctuality->on_time, 5);  // A B C F G (E's first is not due yet)
  EXPECT_EQ(r().punctuality->late, 0);
  EXPECT_EQ(r().punctuality->missed, 1);  // D
}

TEST_F(HandWorkedReport, StatusPeriods) {
  const PeriodFigures& p = r().period;
  EXPECT_EQ(p.first, Date::from_ymd(2025, 2, 25));
  EXPECT_EQ(p.opened, 1);            // H
  EXPECT_EQ(p.closed_real, 1);       // C
  EXPECT_EQ(p.closed_technical, 1);  // H
  EXPECT_EQ(p.extensions, 1);        // B
  EXPECT_EQ(p.open_at_end, 6);       // A B D E F I
  EXPECT_EQ(p.long_inflow, (std::vector<std::int64_t>{0, 1}));   // 52 weeks: F
  EXPECT_EQ(p.long_outflow, (std::vector<std::int64_t>{0, 0}));
  EXPECT_EQ(p.long_at_end, (std::vector<std::int64_t>{3, 1}));   // A B F; F
  const PeriodFigures& q = r().previous_period;
  EXPECT_EQ(q.first, Date::from_ymd(2025, 2, 11));
  EXPECT_EQ(q.last, Date::from_ymd(2025, 2, 24));
  EXPECT_EQ(q.opened, 1);            // I
  EXPECT_EQ(q.closed_real, 1);       // G
  EXPECT_EQ(q.closed_technical, 0);
  EXPECT_EQ(q.extensions, 1);        // A
  EXPECT_EQ(q.open_at_end, 7);       // A B C D E F I
  EXPECT_EQ(q.long_inflow, (std::vector<std::int64_t>{0, 0}));
  EXPECT_EQ(q.long_outflow, (std::vector<std::int64_t>{1, 1}));  // G
  EXPECT_EQ(q.long_at_end, (std::vector<std::int64_t>{3, 0}));   // A B F
}

TEST_F(HandWorkedReport, ClosuresAgainstTheNorm) {
  ASSERT_EQ(r().closures_by_month.size(), 3u);
  const ClosureRow& feb = r().closures_by_month[0];
  EXPECT_EQ(feb.period, "2025-02");
  EXPECT_EQ(feb.caseworker, "Dorte");
  EXPECT_EQ(feb.real, 1);
  EXPECT_EQ(feb.technical, 0);
  EXPECT_EQ(feb.first, Date::from_ymd(2025, 2, 1));
  EXPECT_EQ(feb.last, Date::from_ymd(2025, 2, 28));
  ASSERT_TRUE(feb.norm);
  EXPECT_DOUBLE_EQ(*feb.norm, 5.0);
  const ClosureRow& anna = r().closures_by_month[1];
  EXPECT_EQ(anna.period, "2025-03");
  EXPECT_EQ(anna.caseworker, "Anna");
  EXPECT_EQ(anna.real, 0);
  EXPECT_EQ(anna.technical, 1);
  EXPECT_EQ(anna.last, W);
  const ClosureRow& carla = r().closures_by_month[2];
  EXPECT_EQ(carla.caseworker, "Carla");
  EXPECT_EQ(carla.real, 1);
  ASSERT_EQ(r().closures_by_week.size(), 3u);
  EXPECT_EQ(r().closures_by_week[0].period, "2025-W08");
  EXPECT_EQ(r().closures_by_week[0].caseworker, "Dorte");
  EXPECT_EQ(r().closures_by_week[0].first, Date::from_ymd(2025, 2, 17));
  EXPECT_EQ(r().closures_by_week[1].period, "2025-W10");
  EXPECT_EQ(r().closures_by_week[1].caseworker, "Anna");
  EXPECT_EQ(r().closures_by_week[1].last, Date::from_ymd(2025, 3, 9));
  EXPECT_EQ(r().closures_by_week[2].caseworker, "Carla");
  ASSERT_TRUE(r().closures_by_week[2].norm);
  EXPECT_NEAR(*r().closures_by_week[2].norm, 5.0 * 12 / 52, 1e-9);
}

TEST_F(HandWorkedReport, ExtensionsByGround) {
  ASSERT_EQ(r().extensions_by_ground.size(), 2u);
  EXPECT_EQ(r().extensions_by_ground[0].name, "life_threatening_illness");
  EXPECT_EQ(r().extensions_by_ground[0].count, 1);
  EXPECT_EQ(r().extensions_by_ground[0].label, "livstruende sygdom (nr. 5)");
  EXPECT_EQ(r().extensions_by_ground[1].name, "medical_treatment");
  EXPECT_EQ(r().extensions_by_ground[1].count, 1);
}

TEST_F(HandWorkedReport, LongCaseFlows) {
  ASSERT_EQ(r().long_cases.size(), 2u);
  const LongCaseFlow& w26 = r().long_cases[0];
  EXPECT_EQ(w26.weeks, 26);
  EXPECT_EQ(w26.stock_before, 3);  // A F G on 01-31
  EXPECT_EQ(w26.inflow, 1);        // B
  EXPECT_EQ(w26.outflow, 1);       // G
  EXPECT_EQ(w26.stock_at_end, 3);  // A B F
  const LongCaseFlow& w52 = r().long_cases[1];
  EXPECT_EQ(w52.stock_before, 0);
  EXPECT_EQ(w52.inflow, 2);  // G F
  EXPECT_EQ(w52.outflow, 1);  // G
  EXPECT_EQ(w52.stock_at_end, 1);  // F
  EXPECT_EQ(w52.weekly.back(), std::make_pair(W, std::int64_t{1}));
}

TEST_F(HandWorkedReport, ExternalActors) {
  ASSERT_EQ(r().actors.size(), 2u);
  const ActorRow& x = r().actors[0];
  EXPECT_EQ(x.provider, "Aktør X");
  EXPECT_EQ(x.held, 2);  // C G
  EXPECT_EQ(x.closed, 1);  // C
  EXPECT_EQ(x.closed_in_range, 1);
  EXPECT_EQ(x.open, 0);
  EXPECT_EQ(x.passed_on, 1);  // G went on to Y
  const ActorRow& y = r().actors[1];
  EXPECT_EQ(y.provider, "Aktør Y");
  EXPECT_EQ(y.held, 1);
  EXPECT_EQ(y.closed, 1);
  EXPECT_EQ(y.open, 0);
}

TEST_F(HandWorkedReport, LeadTimesAndCourses) {
  ASSERT_EQ(r().lead_times.size(), 1u);
  EXPECT_EQ(r().lead_times[0].state, "rehabilitation_team.recommended");
  EXPECT_EQ(r().lead_times[0].ended, 1);  // F; G's ended in 2024
  EXPECT_DOUBLE_EQ(r().lead_times[0].mean_days, 91.0);
  EXPECT_EQ(r().lead_times[0].median_days, 91);
  EXPECT_EQ(r().lead_times[0].waiting, 0);
  ASSERT_EQ(r().courses.size(), 2u);
  EXPECT_EQ(r().courses[0].state, "resource_course");
  EXPECT_TRUE(r().courses[0].outcomes.empty());
  EXPECT_EQ(r().courses[0].running, 1);  // F
  EXPECT_EQ(r().courses[1].state, "job_clarification");
  ASSERT_EQ(r().courses[1].outcomes.size(), 1u);
  EXPECT_EQ(r().courses[1].outcomes[0].name, "closed:recovered");  // G
  EXPECT_EQ(r().courses[1].outcomes[0].label, "Afsluttet: raskmeldt");
  EXPECT_EQ(r().courses[1].running, 0);
}

TEST_F(HandWorkedReport, Caseworkers) {
  ASSERT_EQ(r().caseworkers.size(), 5u);
  const std::vector<std::tuple<std::string, std::string, std::int64_t, std::int64_t>> want = {
      {"Anna", "T1", 1, 0}, {"Bo", "T2", 2, 1}, {"Carla", "T1", 1, 0}, {"Dorte", "T2", 1, 0}, {"", "", 1, 0}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(r().caseworkers[i].caseworker, std::get<0>(want[i]));
    EXPECT_EQ(r().caseworkers[i].team, std::get<1>(want[i]));
    EXPECT_EQ(r().caseworkers[i].open, std::get<2>(want[i]));
    EXPECT_EQ(r().caseworkers[i].overdue, std::get<3>(want[i]));
  }
  ASSERT_TRUE(r().caseworker_changes_per_case);
  EXPECT_NEAR(*r().caseworker_changes_per_case, 1.0 / 9.0, 1e-12);  // C: Anna → Carla
  EXPECT_EQ(r().caseworker_changes[0].count, 8);
  EXPECT_EQ(r().caseworker_changes[1].count, 1);
}

TEST_F(HandWorkedReport, StockByState) {
  // 03-03: ongoing D E H I (H closes 03-05); reassessment B (02-28 → 03-04); extended A;
  // resource course F.
  // W: ongoing D E I; extended A B; resource course F.
  ASSERT_EQ(r().stock_dates.size(), 8u);
  EXPECT_EQ(r().stock_dates.back(), W);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> last_two;
  for (const auto& [s, counts] : r().stock_by_state) last_two[s.name] = {counts[6], counts[7]};
  EXPECT_EQ(last_two["sickness_benefit.ongoing"], std::make_pair(std::int64_t{4}, std::int64_t{3}));
  EXPECT_EQ(last_two["sickness_benefit.reassessment"], std::make_pair(std::int64_t{1}, std::int64_t{0}));
  EXPECT_EQ(last_two["sickness_benefit.extended"], std::make_pair(std::int64_t{1}, std::int64_t{2}));
  EXPECT_EQ(last_two["resource_course"], std::make_pair(std::int64_t{1}, std::int64_t{1}));
  EXPECT_EQ(last_two.count("closed"), 0u);  // final states are no stock
}

TEST(ReportSpec, ErrorsNameFileLineAndColumn) {
  const std::string text = std::string(RuleSet::builtin_text("dk")) +
                           "\n  worklists_typo: {}\n";  // an unknown key inside the report block
  try {
    RuleSet::load_string(text, "x.yaml");
    FAIL() << "loaded";
  } catch (const RuleSetError& e) {
    ASSERT_EQ(e.messages().size(), 1u);
    EXPECT_NE(e.messages()[0].find("unknown key 'worklists_typo' in the report"), std::string::npos) << e.what();
    const std::string_view dk = RuleSet::builtin_text("dk");
    const auto line = std::count(dk.begin(), dk.end(), '\n') + 2;
    EXPECT_EQ(e.messages()[0].rfind("x.yaml:" + std::to_string(line) + ":3: ", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace caseflow
