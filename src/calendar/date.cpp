// Dates, months and periods on Boost.Date_Time's Gregorian calendar.
#include "caseflow/calendar.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdio>

namespace caseflow {
namespace {

using boost::gregorian::gregorian_calendar;

// Boost counts days as Julian day numbers; ours start at 1970-01-01.
const std::int32_t kEpochDayNumber = static_cast<std::int32_t>(
    gregorian_calendar::day_number(gregorian_calendar::ymd_type(1970, 1, 1)));

constexpr int kMinYear = 1400;  // Boost.Date_Time's range
constexpr int kMaxYear = 9999;

bool valid_ymd(int year, int month, int day) noexcept {
  return year >= kMinYear && year <= kMaxYear && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

// The one gate between the calendar's arithmetic and Boost: a year Boost does not have (its
// constructors throw std::out_of_range, which callers would not expect) is a DateError here.
[[noreturn]] void outside(std::int64_t days) {
  throw DateError("day " + std::to_string(days) + " is outside the calendar (1400-01-01 … 9999-12-31)");
}

Date checked_from_ymd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear)
    throw DateError("year " + std::to_string(year) + " is outside the calendar (1400–9999)");
  const gregorian_calendar::ymd_type ymd(static_cast<unsigned short>(year),
                                         static_cast<unsigned short>(month),
                                         static_cast<unsigned short>(day));
  return Date(static_cast<std::int32_t>(gregorian_calendar::day_number(ymd)) - kEpochDayNumber);
}

const char* const kMonthNames[] = {"January", "February", "March",     "April",
                                   "May",     "June",     "July",      "August",
                                   "September", "October", "November", "December"};

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace

bool is_leap_year(int year) noexcept {
  return gregorian_calendar::is_leap_year(static_cast<unsigned short>(year));
}

int days_in_month(int year, int month) noexcept {
  return gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                              static_cast<unsigned short>(month));
}

Date Date::from_ymd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear)
    throw DateError("year " + std::to_string(year) + " is outside 1400–9999");
  if (month < 1 || month > 12)
    throw DateError("month " + std::to_string(month) + " is not a month (1–12)");
  if (day < 1 || day > days_in_month(year, month))
    throw DateError("day " + std::to_string(day) + " does not exist in " + kMonthNames[month - 1] +
                    " " + std::to_string(year));
  return checked_from_ymd(year, month, day);
}

std::optional<Date> Date::try_from_ymd(int year, int month, int day) noexcept {
  if (!valid_ymd(year, month, day)) return std::nullopt;
  return checked_from_ymd(year, month, day);
}

std::optional<Date> Date::try_parse(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      const char c = text[static_cast<std::size_t>(starts[p] + i)];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  return try_from_ymd(parts[0], parts[1], parts[2]);
}

Date Date::parse(std::string_view text) {
  if (auto d = try_parse(text)) return *d;
  // Tell a malformed text from a well-formed one that names no day.
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (std::size_t i = 0; shaped && i < text.size(); ++i)
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) shaped = false;
  if (!shaped) throw DateError("invalid date " + quoted(text) + ": expected YYYY-MM-DD");
  const int y = std::stoi(std::string(text.substr(0, 4)));
  const int m = std::stoi(std::string(text.substr(5, 2)));
  const int d = std::stoi(std::string(text.substr(8, 2)));
  try {
    (void)from_ymd(y, m, d);
  } catch (const DateError& e) {
    throw DateError("invalid date " + quoted(text) + ": " + e.what());
  }
  throw DateError("invalid date " + quoted(text));  // unreachable: try_parse accepted nothing else
}


Date Date::checked(std::int64_t days, std::string_view what) {
  if (days < min().days() || days > max().days())
    throw DateError(std::string(what) + " (day " + std::to_string(days) +
                    ") is outside the calendar (1400-01-01 … 9999-12-31)");
  return Date(static_cast<std::int32_t>(days));
}

YearMonthDay Date::ymd() const {
  if (!in_calendar()) outside(days_);
  const auto ymd = gregorian_calendar::from_day_number(
      static_cast<gregorian_calendar::date_int_type>(days_ + kEpochDayNumber));
  return {static_cast<int>(ymd.year), static_cast<int>(ymd.month), static_cast<int>(ymd.day)};
}

Weekday Date::weekday() const noexcept {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const std::int32_t r = ((days_ % 7) + 7 + 3) % 7;
  return static_cast<Weekday>(r);
}

void Date::write_iso(char* out) const {
  const YearMonthDay v = ymd();
  int y = v.year;
  for (int i = 3; i >= 0; --i, y /= 10) out[i] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + v.month / 10);
  out[6] = static_cast<char>('0' + v.month % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + v.day / 10);
  out[9] = static_cast<char>('0' + v.day % 10);
}

std::string Date::iso() const {
  std::string s(10, '0');
  write_iso(s.data());
  return s;
}

Date month_start(Date d) {
  const YearMonthDay v = d.ymd();
  return d - (v.day - 1);
}

Date month_end(Date d) {
  const YearMonthDay v = d.ymd();
  return d + (days_in_month(v.year, v.month) - v.day);
}

std::int32_t month_index(Date d) {
  const YearMonthDay v = d.ymd();
  return v.year * 12 + (v.month - 1);
}

Date month_index_start(std::int32_t index) {
  if (index < kMinYear * 12 || index > kMaxYear * 12 + 11)
    throw DateError("month " + std::to_string(index) + " (year × 12 + month − 1) is outside the calendar (1400–9999)");
  return checked_from_ymd(index / 12, index % 12 + 1, 1);
}

Date add_months(Date s, std::int32_t n) {
  const YearMonthDay v = s.ymd();
  const std::int64_t wide = std::int64_t(v.year) * 12 + (v.month - 1) + n;
  if (wide < kMinYear * 12 || wide > kMaxYear * 12 + 11)
    throw DateError(s.iso() + " + " + std::to_string(n) + " months is outside the calendar (1400–9999)");
  const auto target = static_cast<std::int32_t>(wide);
  const int year = target / 12;
  const int month = target % 12 + 1;
  if (v.day <= days_in_month(year, month)) return checked_from_ymd(year, month, v.day);
  // The anniversary does not exist in a short month: it is the first day of the next one.
  return month_index_start(target + 1);
}

Date add_years(Date s, std::int32_t n) {
  if (n < -kMaxYear || n > kMaxYear)
    throw DateError(s.iso() + " + " + std::to_string(n) + " years is outside the calendar (1400–9999)");
  return add_months(s, 12 * n);
}

Date period_end_months(Date s, std::int32_t n) {
  const Date end = add_months(s, n) - 1;
  if (!end.in_calendar()) outside(end.days());
  return end;
}

Date period_end_years(Date s, std::int32_t n) {
  const Date end = add_years(s, n) - 1;
  if (!end.in_calendar()) outside(end.days());
  return end;
}

Date window_start(Date d, std::int32_t months) {
  if (months < 1) throw DateError("a window of " + std::to_string(months) + " months is no window");
  const std::int64_t first = std::int64_t(month_index(d)) - (months - 1);
  return first < kMinYear * 12 ? Date::min() : month_index_start(static_cast<std::int32_t>(first));
}

}  // namespace caseflow
