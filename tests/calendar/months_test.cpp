// Month ends, the anniversary rule, period ends and month windows (DOMAIN.md §1, §3, §7 ex. 4).
// Every expected date is worked out by hand from the rules, not by the code under test.
#include <gtest/gtest.h>

#include "caseflow/calendar.hpp"

namespace caseflow {
namespace {

Date D(const char* s) { return Date::parse(s); }

TEST(MonthEnd, LastCalendarDay) {
  EXPECT_EQ(month_end(D("2024-02-01")), D("2024-02-29"));
  EXPECT_EQ(month_end(D("2024-02-29")), D("2024-02-29"));
  EXPECT_EQ(month_end(D("2023-02-14")), D("2023-02-28"));
  EXPECT_EQ(month_end(D("2000-02-10")), D("2000-02-29"));
  EXPECT_EQ(month_end(D("1900-02-10")), D("1900-02-28"));
  EXPECT_EQ(month_end(D("2025-04-30")), D("2025-04-30"));
  EXPECT_EQ(month_end(D("2025-07-09")), D("2025-07-31"));
  EXPECT_EQ(month_end(D("2025-12-01")), D("2025-12-31"));
  EXPECT_EQ(month_start(D("2025-12-31")), D("2025-12-01"));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2025, 9), 30);
}

TEST(AddMonths, DomainExamples) {
  EXPECT_EQ(add_months(D("2020-03-31"), 6), D("2020-10-01"));
  EXPECT_EQ(add_years(D("2024-02-29"), 1), D("2025-03-01"));
  EXPECT_EQ(add_months(D("2020-04-30"), 54), D("2024-10-30"));
}

TEST(AddMonths, NeverSnapsToTheMonthEnd) {
  // Boost's months() would give 2020-05-31 here: a month end snaps to a month end.
  EXPECT_EQ(add_months(D("2020-04-30"), 1), D("2020-05-30"));
  EXPECT_EQ(add_months(D("2023-02-28"), 1), D("2023-03-28"));
  EXPECT_EQ(add_months(D("2024-02-29"), 1), D("2024-03-29"));
}

TEST(AddMonths, ShortTargetMonthGivesTheFirstOfTheNext) {
  EXPECT_EQ(add_months(D("2021-01-31"), 1), D("2021-03-01"));
  EXPECT_EQ(add_months(D("2024-01-31"), 1), D("2024-03-01"));
  EXPECT_EQ(add_months(D("2024-01-30"), 1), D("2024-03-01"));
  EXPECT_EQ(add_months(D("2024-01-29"), 1), D("2024-02-29"));
  EXPECT_EQ(add_months(D("2023-01-29"), 1), D("2023-03-01"));
  EXPECT_EQ(add_months(D("2025-05-31"), 4), D("2025-10-01"));
  EXPECT_EQ(add_months(D("2024-12-31"), 2), D("2025-03-01"));
}

TEST(AddMonths, AcrossYearsAndBackwards) {
  EXPECT_EQ(add_months(D("2025-11-15"), 3), D("2026-02-15"));
  EXPECT_EQ(add_months(D("2025-03-15"), -4), D("2024-11-15"));
  EXPECT_EQ(add_months(D("2024-08-31"), -6), D("2024-03-01"));
  EXPECT_EQ(add_months(D("2025-06-10"), 0), D("2025-06-10"));
}

TEST(AddYears, FromLeapDayAndMonthEnds) {
  EXPECT_EQ(add_years(D("2024-02-29"), 4), D("2028-02-29"));
  EXPECT_EQ(add_years(D("2024-02-28"), 1), D("2025-02-28"));
  EXPECT_EQ(add_years(D("2023-03-31"), 1), D("2024-03-31"));
}

TEST(PeriodEnd, DomainExamples) {
  EXPECT_EQ(period_end_years(D("2025-08-01"), 2), D("2027-07-31"));
  EXPECT_EQ(period_end_years(D("2024-02-29"), 1), D("2025-02-28"));
}

TEST(PeriodEnd, ResourceCourseAndFlexJobOfWorkedExampleFour) {
  // A resource course decided 29 Feb 2024: 1 to 5 years, ending 28 Feb 2025 … 28 Feb 2029.
  EXPECT_EQ(period_end_years(D("2024-02-29"), 1), D("2025-02-28"));
  EXPECT_EQ(period_end_years(D("2024-02-29"), 5), D("2029-02-28"));
  // A flex job decided 31 Mar 2020: status 4½ years after = +54 months = 1 Oct 2024; the 5-year
  // period ends 30 Mar 2025.
  EXPECT_EQ(add_months(D("2020-03-31"), 54), D("2024-10-01"));
  EXPECT_EQ(period_end_years(D("2020-03-31"), 5), D("2025-03-30"));
}

TEST(PeriodEnd, FromMonthEndsAndTheLeapDay) {
  EXPECT_EQ(period_end_months(D("2021-01-31"), 1), D("2021-02-28"));
  EXPECT_EQ(period_end_months(D("2024-01-30"), 1), D("2024-02-29"));
  EXPECT_EQ(period_end_months(D("2023-01-29"), 1), D("2023-02-28"));
  EXPECT_EQ(period_end_months(D("2020-03-31"), 6), D("2020-09-30"));
  EXPECT_EQ(period_end_months(D("2025-01-01"), 12), D("2025-12-31"));
  EXPECT_EQ(period_end_years(D("2024-02-28"), 1), D("2025-02-27"));
  EXPECT_EQ(period_end_years(D("2023-03-01"), 1), D("2024-02-29"));
  EXPECT_EQ(period_end_years(D("2018-08-01"), 2), D("2020-07-31"));  // §7 example 2
}

TEST(PeriodEnd, WeeksFromAReassessmentPoint) {
  // A period of W weeks from R ends on R + 7W days (DOMAIN.md §1).
  EXPECT_EQ(period_end_weeks(D("2025-07-31"), 69), D("2026-11-26"));
  EXPECT_EQ(period_end_weeks(D("2025-07-31"), 1), D("2025-08-07"));
}

TEST(Window, NineMonthsAtJuly2025StartsInNovember2024) {
  EXPECT_EQ(window_start(D("2025-07-09"), 9), D("2024-11-01"));
  EXPECT_EQ(window_start(D("2025-07-31"), 9), D("2024-11-01"));
}

TEST(Window, AcrossYearEnds) {
  EXPECT_EQ(window_start(D("2025-02-06"), 9), D("2024-06-01"));
  EXPECT_EQ(window_start(D("2009-01-20"), 18), D("2007-08-01"));
  EXPECT_EQ(window_start(D("2025-01-15"), 3), D("2024-11-01"));
  EXPECT_EQ(window_start(D("2025-12-31"), 12), D("2025-01-01"));
  EXPECT_EQ(window_start(D("2025-03-17"), 1), D("2025-03-01"));
}

TEST(MonthIndex, CountsMonthsApart) {
  EXPECT_EQ(month_index(D("2025-01-31")) - month_index(D("2024-12-01")), 1);
  EXPECT_EQ(month_index_start(month_index(D("2024-02-17"))), D("2024-02-01"));
}

}  // namespace
}  // namespace caseflow
