// The calendar's bounds (issue 16): every function given a date outside 1400-01-01 … 9999-12-31,
// or whose result would lie outside it, throws DateError, never Boost's own exceptions; a counting
// window that begins before the calendar begins with it. Expected dates worked out by hand.
#include <gtest/gtest.h>

#include <climits>

#include "caseflow/calendar.hpp"

namespace caseflow {
namespace {

Date D(const char* s) { return Date::parse(s); }

TEST(CalendarBounds, DatesOutsideTheCalendarAreDateErrors) {
  for (const Date d : {Date::min() - 1, Date::max() + 1, Date(INT32_MIN), Date(INT32_MAX)}) {
    SCOPED_TRACE(d.days());
    EXPECT_FALSE(d.in_calendar());
    EXPECT_THROW((void)d.ymd(), DateError);
    EXPECT_THROW((void)d.iso(), DateError);
    char buf[10];
    EXPECT_THROW(d.write_iso(buf), DateError);
    EXPECT_THROW((void)month_start(d), DateError);
    EXPECT_THROW((void)month_end(d), DateError);
    EXPECT_THROW((void)month_index(d), DateError);
    EXPECT_THROW((void)add_months(d, 1), DateError);
    EXPECT_THROW((void)window_start(d, 18), DateError);
    EXPECT_THROW((void)Date::checked(d.days(), "the day"), DateError);
  }
  EXPECT_TRUE(Date::min().in_calendar());
  EXPECT_TRUE(Date::max().in_calendar());
  EXPECT_EQ(Date::checked(Date::max().days(), "the day"), Date::max());
  try {
    (void)Date::checked(std::int64_t(INT32_MAX) + 5, "the advance's day");
    FAIL() << "no DateError";
  } catch (const DateError& e) {
    EXPECT_NE(std::string(e.what()).find("the advance's day (day 2147483652)"), std::string::npos) << e.what();
  }
}

TEST(CalendarBounds, ResultsOutsideTheCalendarAreDateErrors) {
  EXPECT_THROW((void)add_months(D("1400-01-31"), -1), DateError);
  EXPECT_THROW((void)add_months(D("9999-12-01"), 1), DateError);
  EXPECT_THROW((void)add_months(D("2020-01-01"), INT32_MAX), DateError);
  EXPECT_THROW((void)add_months(D("2020-01-01"), INT32_MIN), DateError);
  EXPECT_THROW((void)add_years(D("2020-01-01"), INT32_MAX), DateError);
  // 31 Dec 9999 + 0 months is itself; the next month's first day would be 10000-01-01.
  EXPECT_EQ(add_months(D("9999-12-31"), 0), D("9999-12-31"));
  EXPECT_EQ(add_months(D("9999-10-31"), 1), D("9999-12-01")) << "30 November has no 31st: 1 December";
  EXPECT_THROW((void)period_end_months(D("1400-01-01"), 0), DateError) << "the day before 1400-01-01";
  EXPECT_EQ(period_end_months(D("1400-01-01"), 1), D("1400-01-31"));
  EXPECT_THROW((void)month_index_start(1400 * 12 - 1), DateError);
  EXPECT_THROW((void)month_index_start(10000 * 12), DateError);
  EXPECT_EQ(month_index_start(1400 * 12), Date::min());
  EXPECT_THROW((void)easter_sunday(10000), DateError);
  EXPECT_THROW((void)WorkingDayCalendar().next_working_day(Date::max()), DateError);
}

TEST(CalendarBounds, AWindowThatBeginsBeforeTheCalendarBeginsWithIt) {
  // 18 months at March 1400 are October 1398 … March 1400: nothing before 1400-01-01 is a day.
  EXPECT_EQ(window_start(D("1400-03-15"), 18), Date::min());
  EXPECT_EQ(window_start(D("1401-06-01"), 18), D("1400-01-01"));
  EXPECT_EQ(window_start(D("1401-07-01"), 18), D("1400-02-01"));
  EXPECT_THROW((void)window_start(D("2020-01-01"), 0), DateError);
  // The counted-days search over such a window counts what there is.
  DateIntervalSet paid;
  paid.add(D("1400-01-01"), D("1400-12-31"));
  const auto x = first_day_exceeding(paid, paid, 18, 10);
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ(*x, D("1400-01-11"));
}

}  // namespace
}  // namespace caseflow
