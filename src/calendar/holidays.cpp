// Danish public holidays, closing days and working-day arithmetic.
#include <algorithm>

#include "caseflow/calendar.hpp"

namespace caseflow {

Date easter_sunday(int year) {
  // The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date::from_ymd(year, month, day);
}

std::vector<Holiday> danish_public_holidays(int year) {
  const Date easter = easter_sunday(year);
  std::vector<Holiday> days = {
      {Date::from_ymd(year, 1, 1), "New Year's Day (nytårsdag)"},
      {easter - 3, "Maundy Thursday (skærtorsdag)"},
      {easter - 2, "Good Friday (langfredag)"},
      {easter, "Easter Sunday (påskedag)"},
      {easter + 1, "Easter Monday (2. påskedag)"},
      {easter + 39, "Ascension Day (Kristi himmelfartsdag)"},
      {easter + 49, "Whit Sunday (pinsedag)"},
      {easter + 50, "Whit Monday (2. pinsedag)"},
      {Date::from_ymd(year, 12, 25), "Christmas Day (juledag)"},
      {Date::from_ymd(year, 12, 26), "Boxing Day (2. juledag)"},
  };
  // Great Prayer Day, the 4th Friday after Easter, was abolished from 2024.
  if (year <= 2023) days.push_back({easter + 26, "Great Prayer Day (store bededag)"});
  std::sort(days.begin(), days.end(),
            [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
  return days;
}

bool is_danish_public_holiday(Date d) {
  const YearMonthDay v = d.ymd();
  if ((v.month == 1 && v.day == 1) || (v.month == 12 && (v.day == 25 || v.day == 26))) return true;
  if (v.month < 3 || v.month > 6) return false;  // the movable feasts fall from March to June
  const std::int32_t offset = d - easter_sunday(v.year);
  switch (offset) {
    case -3: case -2: case 0: case 1: case 39: case 49: case 50:
      return true;
    case 26:
      return v.year <= 2023;
    default:
      return false;
  }
}

// The days the Limitation Act § 27, stk. 2 treats like holidays for a deadline ("grundlovsdag,
// den 24. eller den 31. december"); the Shop Closing Act § 2, stk. 1 and Danmarks Nationalbank
// close on them too. None is a public holiday. (1 June, once in this list, has no source.)
std::vector<MonthDay> danish_closing_days() {
  return {{6, 5, "Constitution Day (grundlovsdag)"},
          {12, 24, "Christmas Eve (juleaftensdag)"},
          {12, 31, "New Year's Eve (nytårsaftensdag)"}};
}

std::vector<Holiday> closing_days_of(const std::vector<MonthDay>& days, int year) {
  std::vector<Holiday> out;
  for (const MonthDay& c : days) {
    const auto d = Date::try_from_ymd(year, c.month, c.day);
    if (d) out.push_back({*d, c.name ? c.name : "closing day"});
  }
  std::sort(out.begin(), out.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

WorkingDayCalendar::WorkingDayCalendar(std::vector<MonthDay> closing_days)
    : closing_days_(std::move(closing_days)) {}

bool WorkingDayCalendar::is_working_day(Date d) const {
  const Weekday w = d.weekday();
  if (w == Weekday::saturday || w == Weekday::sunday) return false;
  if (!closing_days_.empty()) {
    const YearMonthDay v = d.ymd();
    for (const MonthDay& c : closing_days_)
      if (c.month == v.month && c.day == v.day) return false;
  }
  return !is_danish_public_holiday(d);
}

Date WorkingDayCalendar::next_working_day(Date d) const {
  do d += 1; while (!is_working_day(d));
  return d;
}

Date WorkingDayCalendar::previous_working_day(Date d) const {
  do d -= 1; while (!is_working_day(d));
  return d;
}

Date WorkingDayCalendar::add_working_days(Date d, std::int32_t n) const {
  for (; n > 0; --n) d = next_working_day(d);
  for (; n < 0; ++n) d = previous_working_day(d);
  return d;
}

std::int32_t WorkingDayCalendar::count_working_days(Date first, Date last) const {
  std::int32_t n = 0;
  for (Date d = first; d <= last; d += 1) n += is_working_day(d) ? 1 : 0;
  return n;
}

}  // namespace caseflow
