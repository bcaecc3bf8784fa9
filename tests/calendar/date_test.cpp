// Dates: ISO 8601 text, impossible dates, days since 1970, weekdays, a case's days and weeks.
// Expected values are worked out by hand from DOMAIN.md §1 and a printed calendar.
#include <gtest/gtest.h>

#include "caseflow/calendar.hpp"

namespace caseflow {
namespace {

Date D(const char* s) { return Date::parse(s); }

TEST(Date, EpochIsDayZero) {
  EXPECT_EQ(D("1970-01-01").days(), 0);
  EXPECT_EQ(D("1970-01-02").days(), 1);
  EXPECT_EQ(D("1969-12-31").days(), -1);
  EXPECT_EQ(D("2000-01-01").days(), 10957);
  EXPECT_EQ(D("2025-01-06").days(), 20094);
}

TEST(Date, FormatsAsIso) {
  EXPECT_EQ(Date(0).iso(), "1970-01-01");
  EXPECT_EQ(Date(20094).iso(), "2025-01-06");
  EXPECT_EQ(D("2024-02-29").iso(), "2024-02-29");
  EXPECT_EQ(Date::min().iso(), "1400-01-01");
  EXPECT_EQ(Date::max().iso(), "9999-12-31");
  EXPECT_EQ(D("9999-12-31").iso(), "9999-12-31");
}

TEST(Date, RoundTripsEveryDayOfALeapYearAndItsNeighbours) {
  Date d = D("2023-12-25");
  for (int i = 0; i < 400; ++i, d += 1) EXPECT_EQ(Date::parse(d.iso()), d);
}

TEST(Date, YearMonthDay) {
  const YearMonthDay v = D("2024-02-29").ymd();
  EXPECT_EQ(v.year, 2024);
  EXPECT_EQ(v.month, 2);
  EXPECT_EQ(v.day, 29);
  EXPECT_EQ(Date::from_ymd(2025, 7, 31), D("2025-07-31"));
}

TEST(Date, ImpossibleDatesAreErrorsNamingTheText) {
  for (const char* bad : {"2025-02-30", "2023-02-29", "1900-02-29", "2025-04-31", "2025-13-01",
                          "2025-00-10", "2025-01-00", "2025-06-31"}) {
    EXPECT_FALSE(Date::try_parse(bad)) << bad;
    try {
      Date::parse(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const DateError& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

TEST(Date, ImpossibleDayMessageNamesTheMonth) {
  try {
    Date::parse("2025-02-30");
    FAIL();
  } catch (const DateError& e) {
    EXPECT_STREQ(e.what(), "invalid date '2025-02-30': day 30 does not exist in February 2025");
  }
}

TEST(Date, MalformedTextsAreErrors) {
  for (const char* bad : {"", "2025-1-01", "2025-01-1", "25-01-01", "2025/01/01", "2025-01-01x",
                          " 2025-01-01", "abcd-ef-gh", "2025-01-0a", "20250101", "+025-01-01"}) {
    EXPECT_FALSE(Date::try_parse(bad)) << bad;
    try {
      Date::parse(bad);
      ADD_FAILURE() << "'" << bad << "' was accepted";
    } catch (const DateError& e) {
      EXPECT_NE(std::string(e.what()).find("expected YYYY-MM-DD"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("'" + std::string(bad) + "'"), std::string::npos);
    }
  }
}

TEST(Date, LeapDaysExistOnlyInLeapYears) {
  EXPECT_TRUE(Date::try_parse("2024-02-29"));
  EXPECT_TRUE(Date::try_parse("2000-02-29"));
  EXPECT_FALSE(Date::try_parse("2100-02-29"));
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2025));
}

TEST(Date, FromYmdRejectsOutOfRange) {
  EXPECT_THROW(Date::from_ymd(2025, 2, 29), DateError);
  EXPECT_THROW(Date::from_ymd(2025, 0, 1), DateError);
  EXPECT_THROW(Date::from_ymd(10000, 1, 1), DateError);
  EXPECT_FALSE(Date::try_from_ymd(2025, 11, 31));
}

TEST(Date, Weekdays) {
  EXPECT_EQ(D("1970-01-01").weekday(), Weekday::thursday);
  EXPECT_EQ(D("2025-01-06").weekday(), Weekday::monday);
  EXPECT_EQ(D("2018-03-04").weekday(), Weekday::sunday);
  EXPECT_EQ(D("2009-01-31").weekday(), Weekday::saturday);
  EXPECT_EQ(D("1969-12-31").weekday(), Weekday::wednesday);
}

TEST(Date, Arithmetic) {
  EXPECT_EQ(D("2024-02-28") + 1, D("2024-02-29"));
  EXPECT_EQ(D("2024-02-28") + 2, D("2024-03-01"));
  EXPECT_EQ(D("2025-01-01") - D("2024-01-01"), 366);
  EXPECT_EQ(add_weeks(D("2025-01-06"), 2), D("2025-01-20"));
  EXPECT_EQ(later(D("2025-01-06"), D("2025-01-05")), D("2025-01-06"));
  EXPECT_EQ(earlier(D("2025-01-06"), D("2025-01-05")), D("2025-01-05"));
}

// DOMAIN.md §1: day N, week N, "before the end of week 8", "before week 39", "at week 52".
TEST(CaseDays, DayAndWeekNumbers) {
  const Date day1 = D("2008-01-07");  // a Monday (§7 example 3)
  EXPECT_EQ(day_n(day1, 1), day1);
  EXPECT_EQ(day_n(day1, 266), D("2008-09-28"));
  EXPECT_EQ(day_n(day1, 322), D("2008-11-23"));
  EXPECT_EQ(day_n(day1, 358), D("2008-12-29"));
  EXPECT_EQ(week_last_day(day1, 8), day_n(day1, 56));
  EXPECT_EQ(week_last_day(day1, 38), D("2008-09-28"));  // before week 39 = on or before day 266
  EXPECT_EQ(week_first_day(day1, 39), D("2008-09-29"));
  EXPECT_EQ(week_first_day(day1, 52), D("2008-12-29"));  // at week 52 = day 358
  EXPECT_EQ(week_number(day1, day1), 1);
  EXPECT_EQ(week_number(day1, D("2008-01-13")), 1);
  EXPECT_EQ(week_number(day1, D("2008-01-14")), 2);
  EXPECT_EQ(week_number(day1, D("2008-12-29")), 52);
}

TEST(CaseDays, FirstFollowUpOfWorkedExampleOne) {
  // §7 example 1: day 1 Mon 8 Jan 2018, first follow-up due day 56 = Sun 4 Mar 2018.
  EXPECT_EQ(day_n(D("2018-01-08"), 56), D("2018-03-04"));
  EXPECT_EQ(week_last_day(D("2018-01-08"), 8), D("2018-03-04"));
}

TEST(CaseDays, CentralReviewEvery182Days) {
  // §7 example 3: reviews held on their due dates fall due 29 Jun 2009, 28 Dec 2009.
  EXPECT_EQ(D("2008-12-29") + 182, D("2009-06-29"));
  EXPECT_EQ(D("2009-06-29") + 182, D("2009-12-28"));
}

}  // namespace
}  // namespace caseflow
