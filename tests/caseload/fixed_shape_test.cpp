// The fixed shape as the caseload uses it: the table compiled once per rule-set and shared by its
// caseloads, the row's timer date at the calendar's and int64's edges, and the queries a
// fixed-shape caseload cannot answer.
#include <gtest/gtest.h>

#include <climits>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "caseflow/caseload.hpp"
#include "rules/fixed_shape.hpp"

namespace caseflow {
namespace {

RuleSet sdp_ref() { return RuleSet::load_file(CASEFLOW_SOURCE_DIR "/bench/sdp-ref.yaml"); }

TEST(FixedShapeTable, IsCompiledOncePerRuleSetAndSharedByItsCopies) {
  const RuleSet rules = sdp_ref();
  const RuleSet copy = rules;  // a copy shares the rule-set
  std::string why;
  const fixed::Table* first = fixed::table_of(rules.versions(), &why);
  ASSERT_NE(first, nullptr) << why;
  EXPECT_EQ(why, "");
  // A caseload of either copy takes the same table.
  Caseload a(rules, CaseloadPath::fast_if_possible);
  Caseload b(copy, CaseloadPath::fast_if_possible);
  EXPECT_TRUE(a.is_fast());
  EXPECT_TRUE(b.is_fast());
  EXPECT_EQ(fixed::table_of(rules.versions()), first);
  EXPECT_EQ(fixed::table_of(copy.versions()), first);
  // The same file loaded again is another rule-set, with a table of its own.
  const RuleSet again = sdp_ref();
  const fixed::Table* other = fixed::table_of(again.versions());
  ASSERT_NE(other, nullptr);
  EXPECT_NE(other, first);
  EXPECT_EQ(other->entries.size(), first->entries.size());
}

TEST(FixedShapeTable, ThreadsAskingAtOnceGetOneTable) {
  const RuleSet rules = sdp_ref();
  std::vector<const fixed::Table*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&, i] { seen[i] = fixed::table_of(rules.versions()); });
  for (std::thread& t : threads) t.join();
  ASSERT_NE(seen[0], nullptr);
  for (const fixed::Table* t : seen) EXPECT_EQ(t, seen[0]);
}

TEST(FixedShapeTable, ARuleSetThatDoesNotFitSaysWhyEveryTime) {
  const RuleSet dk = RuleSet::builtin("dk");
  std::string why;
  EXPECT_EQ(fixed::table_of(dk.versions(), &why), nullptr);
  EXPECT_FALSE(why.empty());
  std::string again;
  EXPECT_EQ(fixed::table_of(dk.versions(), &again), nullptr);
  EXPECT_EQ(again, why);
  EXPECT_FALSE(Caseload(dk, CaseloadPath::fast_if_possible).is_fast());

  const RuleSet versioned = RuleSet::load_file(CASEFLOW_SOURCE_DIR "/tests/rules/good/versions.yaml");
  ASSERT_GT(versioned.version_count(), 1u);
  EXPECT_EQ(fixed::table_of(versioned.versions(), &why), nullptr);
  EXPECT_EQ(why, "the rule-set has several versions");
}

// day + add + value × mul, or kNever beyond the calendar (2932896 is its last day, −208188 its first).
TEST(FixedShapeTimerDay, WithinTheCalendarItIsTheSum) {
  EXPECT_EQ(fixed::timer_day(20000, 10, 3, 7), 20031);
  EXPECT_EQ(fixed::timer_day(20000, 0, -2, 5), 19990);
  EXPECT_EQ(fixed::timer_day(20000, 5, 0, INT64_MAX), 20005);  // a timer without a field multiplies by 0
  EXPECT_EQ(fixed::timer_day(20000, -20000, 1, 0), 0);
}

TEST(FixedShapeTimerDay, TheCalendarsEdgesAreReachedAndNothingBeyond) {
  EXPECT_EQ(fixed::timer_day(2932896, 0, 0, 0), 2932896);
  EXPECT_EQ(fixed::timer_day(2932896, 1, 0, 0), fixed::kNever);
  EXPECT_EQ(fixed::timer_day(2932890, 0, 2, 3), 2932896);
  EXPECT_EQ(fixed::timer_day(2932890, 0, 1, 7), fixed::kNever);
  EXPECT_EQ(fixed::timer_day(-208188, 0, 0, 0), -208188);
  EXPECT_EQ(fixed::timer_day(-208188, -1, 0, 0), fixed::kNever);
  EXPECT_EQ(fixed::timer_day(-208180, 0, -4, 2), -208188);
  EXPECT_EQ(fixed::timer_day(-208180, 0, -3, 3), fixed::kNever);
  // An entry that starts no timer adds kNever: beyond the calendar from its first day to its last.
  EXPECT_EQ(fixed::timer_day(-208188, fixed::kNever, 0, 0), fixed::kNever);
  EXPECT_EQ(fixed::timer_day(2932896, fixed::kNever, 0, 0), fixed::kNever);
}

TEST(FixedShapeTimerDay, ArithmeticPastTheInt64RangeIsNeverReached) {
  // The product overflows.
  EXPECT_EQ(fixed::timer_day(20000, 0, 2, INT64_MAX), fixed::kNever);
  EXPECT_EQ(fixed::timer_day(20000, 0, 2, std::int64_t(1) << 62), fixed::kNever);
  EXPECT_EQ(fixed::timer_day(20000, 0, -1, INT64_MIN), fixed::kNever);
  // The product fits, the sum passes INT64_MAX: it must not wrap into the calendar.
  EXPECT_EQ(fixed::timer_day(20000, 0, 1, INT64_MAX), fixed::kNever);
  EXPECT_EQ(fixed::timer_day(20000, 0, 1, INT64_MAX - 19999), fixed::kNever);
  // ... or below INT64_MIN.
  EXPECT_EQ(fixed::timer_day(-20000, 0, 1, INT64_MIN), fixed::kNever);
  // A value of 2^32 + 5 days is not 5 days.
  EXPECT_EQ(fixed::timer_day(20000, 0, 1, (std::int64_t(1) << 32) + 5), fixed::kNever);
}

TEST(FixedShapeQueries, EveryQueryOfAFastCaseloadSaysItNeedsTheGeneralPath) {
  Caseload load(sdp_ref(), CaseloadPath::fast_if_possible);
  ASSERT_TRUE(load.is_fast());
  load.add_cases(1);
  const Date on(20000);
  const std::vector<std::pair<const char*, std::function<void()>>> calls = {
      {"Caseload::at", [&] { load.at(0); }},
      {"entering_week", [&] { load.entering_week(8, on, on); }},
      {"overdue", [&] { load.overdue(on); }},
      {"overdue", [&] { load.supervision_sample(1, 7, on); }},
      {"due_within", [&] { load.due_within(on, on); }},
      {"over_weeks_by", [&] { load.over_weeks_by(1, on, "team"); }},
      {"flagged", [&] { load.flagged("closure_expected"); }},
      {"points_within", [&] { load.points_within("reassessment", on, on); }},
      {"closures", [&] { load.closures("caseworker", "technical"); }},
      {"variable_changes", [&] { load.variable_changes("caseworker"); }},
      {"open_by", [&] { load.open_by("caseworker"); }},
      {"punctuality", [&] { load.punctuality({}, on); }},
      {"holding", [&] { load.holding("provider"); }},
  };
  for (const auto& [name, call] : calls) {
    try {
      call();
      ADD_FAILURE() << name << " answered on a fast caseload";
    } catch (const std::logic_error& e) {
      EXPECT_EQ(std::string(e.what()),
                std::string(name) + " needs the general path: a fast caseload keeps no per-case history");
    }
  }
}

TEST(FixedShapeQueries, AnUnknownCaseIndexIsOutOfRangeOnBothPaths) {
  for (const CaseloadPath path : {CaseloadPath::general, CaseloadPath::fast_if_possible}) {
    Caseload load(sdp_ref(), path);
    load.add_cases(2);
    EXPECT_EQ(load.state_of(1), 0xFFFF);
    EXPECT_EQ(load.last_transition(1), std::nullopt);
    try {
      load.state_of(2);
      ADD_FAILURE() << "state_of(2) of two cases answered";
    } catch (const std::out_of_range& e) {
      EXPECT_EQ(std::string(e.what()), "no case with index 2 (the caseload has 2 cases)");
    }
    EXPECT_THROW(load.last_transition(2), std::out_of_range);
    EXPECT_THROW(load.at(2), std::exception);
  }
}

}  // namespace
}  // namespace caseflow
