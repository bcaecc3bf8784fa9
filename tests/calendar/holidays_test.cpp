// Easter, Danish public holidays and working days, checked against a printed Danish calendar.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "caseflow/calendar.hpp"

namespace caseflow {
namespace {

Date D(const char* s) { return Date::parse(s); }

std::vector<std::string> holiday_dates(int year) {
  std::vector<std::string> out;
  for (const Holiday& h : danish_public_holidays(year)) out.push_back(h.date.iso());
  return out;
}

TEST(Easter, KnownYears) {
  EXPECT_EQ(easter_sunday(2008), D("2008-03-23"));
  EXPECT_EQ(easter_sunday(2023), D("2023-04-09"));
  EXPECT_EQ(easter_sunday(2024), D("2024-03-31"));
  EXPECT_EQ(easter_sunday(2025), D("2025-04-20"));
  EXPECT_EQ(easter_sunday(2000), D("2000-04-23"));
  EXPECT_EQ(easter_sunday(2019), D("2019-04-21"));
  EXPECT_EQ(easter_sunday(2038), D("2038-04-25"));  // the latest possible
  EXPECT_EQ(easter_sunday(1818), D("1818-03-22"));  // the earliest possible
}

TEST(Holidays, Year2008WithGreatPrayerDay) {
  EXPECT_EQ(holiday_dates(2008),
            (std::vector<std::string>{"2008-01-01", "2008-03-20", "2008-03-21", "2008-03-23",
                                      "2008-03-24", "2008-04-18", "2008-05-01", "2008-05-11",
                                      "2008-05-12", "2008-12-25", "2008-12-26"}));
}

TEST(Holidays, Year2023IsTheLastWithGreatPrayerDay) {
  EXPECT_EQ(holiday_dates(2023),
            (std::vector<std::string>{"2023-01-01", "2023-04-06", "2023-04-07", "2023-04-09",
                                      "2023-04-10", "2023-05-05", "2023-05-18", "2023-05-28",
                                      "2023-05-29", "2023-12-25", "2023-12-26"}));
  EXPECT_TRUE(is_danish_public_holiday(D("2023-05-05")));
}

TEST(Holidays, Year2024HasNoGreatPrayerDay) {
  EXPECT_EQ(holiday_dates(2024),
            (std::vector<std::string>{"2024-01-01", "2024-03-28", "2024-03-29", "2024-03-31",
                                      "2024-04-01", "2024-05-09", "2024-05-19", "2024-05-20",
                                      "2024-12-25", "2024-12-26"}));
  EXPECT_FALSE(is_danish_public_holiday(D("2024-04-26")));  // would have been Great Prayer Day
}

TEST(Holidays, Year2025) {
  EXPECT_EQ(holiday_dates(2025),
            (std::vector<std::string>{"2025-01-01", "2025-04-17", "2025-04-18", "2025-04-20",
                                      "2025-04-21", "2025-05-29", "2025-06-08", "2025-06-09",
                                      "2025-12-25", "2025-12-26"}));
}

TEST(Holidays, PredicateAgreesWithTheList) {
  for (int year : {2008, 2023, 2024, 2025}) {
    int n = 0;
    for (Date d = D((std::to_string(year) + "-01-01").c_str());
         d <= D((std::to_string(year) + "-12-31").c_str()); d += 1)
      n += is_danish_public_holiday(d) ? 1 : 0;
    EXPECT_EQ(n, static_cast<int>(danish_public_holidays(year).size())) << year;
  }
  EXPECT_FALSE(is_danish_public_holiday(D("2025-06-05")));  // Constitution Day is no holiday
  EXPECT_FALSE(is_danish_public_holiday(D("2025-12-24")));
}

TEST(WorkingDays, EasterWeek2025) {
  const WorkingDayCalendar cal;
  // Thu 17, Fri 18 and Mon 21 April are holidays; 19–20 a weekend.
  EXPECT_TRUE(cal.is_working_day(D("2025-04-16")));
  EXPECT_FALSE(cal.is_working_day(D("2025-04-17")));
  EXPECT_EQ(cal.next_working_day(D("2025-04-16")), D("2025-04-22"));
  EXPECT_EQ(cal.previous_working_day(D("2025-04-22")), D("2025-04-16"));
  EXPECT_EQ(cal.add_working_days(D("2025-04-15"), 2), D("2025-04-22"));
  EXPECT_EQ(cal.add_working_days(D("2025-04-22"), -2), D("2025-04-15"));
  EXPECT_EQ(cal.add_working_days(D("2025-04-19"), 0), D("2025-04-19"));
}

TEST(WorkingDays, ChristmasWithAndWithoutClosingDays) {
  const WorkingDayCalendar plain;
  const WorkingDayCalendar closing(danish_closing_days());
  EXPECT_EQ(plain.add_working_days(D("2024-12-23"), 1), D("2024-12-24"));
  EXPECT_EQ(closing.add_working_days(D("2024-12-23"), 1), D("2024-12-27"));
  // Fri 20 Dec 2024 + 5: 23, 24, 27, 30, 31 — or with closing days 23, 27, 30, 2 Jan, 3 Jan.
  EXPECT_EQ(plain.add_working_days(D("2024-12-20"), 5), D("2024-12-31"));
  EXPECT_EQ(closing.add_working_days(D("2024-12-20"), 5), D("2025-01-03"));
  EXPECT_FALSE(closing.is_working_day(D("2025-06-05")));
  EXPECT_TRUE(plain.is_working_day(D("2025-06-05")));
}

TEST(WorkingDays, TheClosingDaysAreTheLimitationActsThreeWithTheirNames) {
  // forældelsesloven § 27, stk. 2: "grundlovsdag, den 24. eller den 31. december"; not 1 June.
  const std::vector<Holiday> days = closing_days_of(danish_closing_days(), 2026);
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0].date, D("2026-06-05"));
  EXPECT_STREQ(days[0].name, "Constitution Day (grundlovsdag)");
  EXPECT_EQ(days[1].date, D("2026-12-24"));
  EXPECT_STREQ(days[1].name, "Christmas Eve (juleaftensdag)");
  EXPECT_EQ(days[2].date, D("2026-12-31"));
  EXPECT_STREQ(days[2].name, "New Year's Eve (nytårsaftensdag)");
  const WorkingDayCalendar closing(danish_closing_days());
  EXPECT_TRUE(closing.is_working_day(D("2026-06-01")));  // a Monday, and no closing day
  EXPECT_FALSE(closing.is_working_day(D("2026-06-05")));
}

TEST(WorkingDays, ClosingDaysInTheYearsAroundTheGreatPrayerDaysAbolition) {
  // Weekdays minus holidays on weekdays minus closing days on weekdays:
  // 2023: 252 - 1 (Mon 5 Jun; 24 and 31 Dec are Sundays) = 251; Great Prayer Day 5 May 2023 is a holiday.
  // 2024: 254 - 3 (Wed 5 Jun, Tue 24 Dec, Tue 31 Dec) = 251; Great Prayer Day (26 Apr) is a working day.
  // 2026: 254 - 3 (Fri 5 Jun, Thu 24 Dec, Thu 31 Dec) = 251. 2027: 255 - 2 (Sat 5 Jun; Fri 24, Fri 31 Dec) = 253.
  const WorkingDayCalendar plain;
  const WorkingDayCalendar closing(danish_closing_days());
  const auto year = [](int y) { return std::pair<Date, Date>{Date::from_ymd(y, 1, 1), Date::from_ymd(y, 12, 31)}; };
  for (const auto& [y, without, with] : std::vector<std::tuple<int, int, int>>{
           {2023, 252, 251}, {2024, 254, 251}, {2026, 254, 251}, {2027, 255, 253}}) {
    const auto [first, last] = year(y);
    EXPECT_EQ(plain.count_working_days(first, last), without) << y;
    EXPECT_EQ(closing.count_working_days(first, last), with) << y;
  }
  EXPECT_FALSE(plain.is_working_day(D("2023-05-05")));
  EXPECT_TRUE(plain.is_working_day(D("2024-04-26")));
}

TEST(WorkingDays, CountInAYear) {
  // 2025: 261 weekdays; 8 holidays fall on weekdays; 3 closing days do (5 Jun, 24 and 31 Dec).
  EXPECT_EQ(WorkingDayCalendar().count_working_days(D("2025-01-01"), D("2025-12-31")), 253);
  EXPECT_EQ(WorkingDayCalendar(danish_closing_days())
                .count_working_days(D("2025-01-01"), D("2025-12-31")),
            250);
}

}  // namespace
}  // namespace caseflow
