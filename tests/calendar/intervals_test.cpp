// Sets of date intervals and the reassessment-point search (DOMAIN.md §2 and §4).
// Counted-day totals and expected dates are worked out by hand in the comments.
#include <gtest/gtest.h>

#include "caseflow/calendar.hpp"

namespace caseflow {
namespace {

Date D(const char* s) { return Date::parse(s); }

DateIntervalSet set_of(std::initializer_list<std::pair<const char*, const char*>> ranges) {
  DateIntervalSet s;
  for (auto& r : ranges) s.add(D(r.first), D(r.second));
  return s;
}

TEST(DateIntervalSet, AddMergesOverlappingAndAdjacent) {
  DateIntervalSet s;
  s.add(D("2025-01-10"), D("2025-01-20"));
  s.add(D("2025-01-01"), D("2025-01-05"));
  EXPECT_EQ(s.intervals().size(), 2u);
  s.add(D("2025-01-06"), D("2025-01-09"));  // touches both neighbours
  ASSERT_EQ(s.intervals().size(), 1u);
  EXPECT_EQ(s.intervals()[0].first, D("2025-01-01"));
  EXPECT_EQ(s.intervals()[0].last, D("2025-01-20"));
  s.add(D("2025-01-15"), D("2025-02-02"));
  EXPECT_EQ(s.size(), 33);
  s.add(D("2025-03-05"), D("2025-03-01"));  // empty range
  EXPECT_EQ(s.size(), 33);
}

TEST(DateIntervalSet, RemoveSplits) {
  DateIntervalSet s = set_of({{"2025-01-01", "2025-01-31"}});
  s.remove(D("2025-01-10"), D("2025-01-12"));
  ASSERT_EQ(s.intervals().size(), 2u);
  EXPECT_EQ(s.size(), 28);
  EXPECT_FALSE(s.contains(D("2025-01-11")));
  EXPECT_TRUE(s.contains(D("2025-01-09")));
  EXPECT_TRUE(s.contains(D("2025-01-13")));
  s.remove(D("2024-12-01"), D("2025-01-05"));
  EXPECT_EQ(s.intervals()[0].first, D("2025-01-06"));
  s.remove(D("2025-01-01"), D("2025-12-31"));
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.size(), 0);
}

TEST(DateIntervalSet, CountWithinARange) {
  DateIntervalSet s = set_of({{"2025-01-01", "2025-01-10"}, {"2025-01-21", "2025-01-31"}});
  EXPECT_EQ(s.count(D("2025-01-01"), D("2025-01-31")), 21);
  EXPECT_EQ(s.count(D("2025-01-05"), D("2025-01-25")), 11);  // 5..10 (6) + 21..25 (5)
  EXPECT_EQ(s.count(D("2025-01-11"), D("2025-01-20")), 0);
  EXPECT_EQ(s.count(D("2024-12-01"), D("2024-12-31")), 0);
  EXPECT_EQ(s.count(D("2025-01-31"), D("2025-01-01")), 0);
}

TEST(DateIntervalSet, NthDayFrom) {
  DateIntervalSet s = set_of({{"2025-01-01", "2025-01-10"}, {"2025-01-21", "2025-01-31"}});
  EXPECT_EQ(*s.nth_day_from(D("2025-01-01"), 1), D("2025-01-01"));
  EXPECT_EQ(*s.nth_day_from(D("2025-01-08"), 4), D("2025-01-21"));
  EXPECT_EQ(*s.first_on_or_after(D("2025-01-11")), D("2025-01-21"));
  EXPECT_FALSE(s.nth_day_from(D("2025-01-30"), 3));
}

// An employee with day 1 = Mon 6 Jan 2025: the employer period is day 1 … day 30 (6 Jan … 4 Feb),
// counting starts 5 Feb 2025, and payment is projected to go on.
DateIntervalSet own_days_from_5_feb_2025() {
  DateIntervalSet s;
  s.add(D("2025-02-05"), Date::max());
  return s;
}

TEST(ReassessmentSearch, DomainExample) {
  // Feb 5–28: 24, Mar: 55, Apr: 85, May: 116, Jun: 146, Jul 1–9: 155 → X = 9 Jul 2025.
  const DateIntervalSet own = own_days_from_5_feb_2025();
  const auto x = first_day_exceeding(own, own, 9, 154);
  ASSERT_TRUE(x);
  EXPECT_EQ(*x, D("2025-07-09"));
  EXPECT_EQ(month_end(*x), D("2025-07-31"));
}

TEST(ReassessmentSearch, AGapPushesThePointIntoTheNextMonth) {
  // April unpaid (30 days): the 155th counted day moves from 9 Jul to 8 Aug 2025.
  DateIntervalSet own = own_days_from_5_feb_2025();
  own.remove(D("2025-04-01"), D("2025-04-30"));
  const auto x = first_day_exceeding(own, own, 9, 154);
  ASSERT_TRUE(x);
  EXPECT_EQ(*x, D("2025-08-08"));
  EXPECT_EQ(month_end(*x), D("2025-08-31"));
}

TEST(ReassessmentSearch, AShortGapKeepsTheMonth) {
  // 1–10 March unpaid: the 155th day is 19 Jul 2025; the point stays 31 Jul 2025.
  DateIntervalSet own = own_days_from_5_feb_2025();
  own.remove(D("2025-03-01"), D("2025-03-10"));
  EXPECT_EQ(*first_day_exceeding(own, own, 9, 154), D("2025-07-19"));
}

TEST(ReassessmentSearch, PriorDaysInsideTheWindowBringThePointForward) {
  // December 2024 (31 prior days) lies in every window up to August 2025; own days needed:
  // 155 − 31 = 124 → Feb 24, Mar 55, Apr 85, May 116, 8 Jun = 124th → X = 8 Jun 2025.
  const DateIntervalSet own = own_days_from_5_feb_2025();
  const DateIntervalSet prior = set_of({{"2024-12-01", "2024-12-31"}});
  EXPECT_EQ(*first_day_exceeding(own, own, prior, 9, 154), D("2025-06-08"));
}

TEST(ReassessmentSearch, PriorDaysOutsideTheWindowDoNotCount) {
  // 15 May – 30 Jun 2024: only June lies in February's window (Jun 2024 – Feb 2025), which can hold
  // at most 30 + 24 = 54 days, and none lies in later windows: the point is as without them.
  const DateIntervalSet own = own_days_from_5_feb_2025();
  const DateIntervalSet prior = set_of({{"2024-05-15", "2024-06-30"}});
  EXPECT_EQ(*first_day_exceeding(own, own, prior, 9, 154), D("2025-07-09"));
  const DateIntervalSet old_prior = set_of({{"2024-01-01", "2024-03-31"}});
  EXPECT_EQ(*first_day_exceeding(own, own, old_prior, 9, 154), D("2025-07-09"));
}

TEST(ReassessmentSearch, PriorDaysDropOutAsMonthsPass) {
  // 1 Jul – 30 Sep 2024 (92 days). Counted together they would be reached on 8 Apr 2025 (the
  // 63rd own day), but the window moves: Mar: 92 + 55 = 147; Apr (from Aug): 61 + 85 = 146;
  // May (from Sep): 30 + 116 = 146; Jun (from Oct): 146; Jul: 155th own day → 9 Jul 2025.
  const DateIntervalSet own = own_days_from_5_feb_2025();
  const DateIntervalSet prior = set_of({{"2024-07-01", "2024-09-30"}});
  EXPECT_EQ(*first_day_exceeding(own, own, prior, 9, 154), D("2025-07-09"));
}

TEST(ReassessmentSearch, PriorDaysAreNeverTheDayItself) {
  // 1 Jun – 31 Oct 2024 (153 days) all lie in February's window: 5 Feb gives 154, 6 Feb 155.
  const DateIntervalSet own = own_days_from_5_feb_2025();
  const DateIntervalSet prior = set_of({{"2024-06-01", "2024-10-31"}});
  EXPECT_EQ(*first_day_exceeding(own, own, prior, 9, 154), D("2025-02-06"));
  // With 200 prior days the count already exceeds the limit, yet X is the first own day.
  const DateIntervalSet many = set_of({{"2024-06-01", "2024-12-17"}});
  EXPECT_EQ(*first_day_exceeding(own, own, many, 9, 154), D("2025-02-05"));
}

TEST(ReassessmentSearch, FiftyTwoWeeksInEighteenMonths) {
  // §7 example 3 (dk-2008): counting from 22 Jan 2008, the 365th counted day is 20 Jan 2009.
  DateIntervalSet own;
  own.add(D("2008-01-22"), Date::max());
  const auto x = first_day_exceeding(own, own, 18, 364);
  ASSERT_TRUE(x);
  EXPECT_EQ(*x, D("2009-01-20"));
  EXPECT_EQ(month_end(*x), D("2009-01-31"));
}

TEST(ReassessmentSearch, NoDayWhenPaymentEndsTooSoon) {
  const DateIntervalSet own = set_of({{"2025-02-05", "2025-05-31"}});  // 116 days
  EXPECT_FALSE(first_day_exceeding(own, own, 9, 154));
  EXPECT_FALSE(first_day_exceeding(DateIntervalSet(), own, 9, 154));
}

TEST(ReassessmentSearch, ImpossibleThresholdEndsAtOnce) {
  const DateIntervalSet own = own_days_from_5_feb_2025();
  EXPECT_FALSE(first_day_exceeding(own, own, 9, 300));  // no 9-month window has 301 days
}

}  // namespace
}  // namespace caseflow
