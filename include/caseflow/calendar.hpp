// caseflow calendar: dates, the anniversary rule, periods, month windows, sets of date
// intervals, the counted-days threshold search, Danish public holidays and working days.
//
// This layer knows nothing of rules or cases: it is the arithmetic every rule stands on, with the
// conventions of DOMAIN.md §1 (day N, week N, the anniversary rule, periods).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

/// Thrown for a date text or a year/month/day that names no calendar day, and by every calendar
/// function given a date outside the calendar or whose result would lie outside it.
class DateError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A year, a month (1–12) and a day of the month.
struct YearMonthDay {
  int year;
  int month;
  int day;
};

/// Day of the week, ISO numbering minus one: Monday is 0, Sunday is 6.
enum class Weekday : std::uint8_t { monday, tuesday, wednesday, thursday, friday, saturday, sunday };

/// A calendar date (no time of day, no zone) as days since 1970-01-01, the unit every rule counts in.
class Date {
 public:
  /// 1970-01-01.
  constexpr Date() = default;
  /// The date `days` days after 1970-01-01 (negative: before it).
  constexpr explicit Date(std::int32_t days) : days_(days) {}

  /// The date of a year, month and day; throws DateError when it names no day (2025-02-30).
  static Date from_ymd(int year, int month, int day);
  /// As from_ymd, but empty instead of throwing.
  static std::optional<Date> try_from_ymd(int year, int month, int day) noexcept;
  /// Parses strict ISO 8601 `YYYY-MM-DD`; throws DateError naming the text.
  static Date parse(std::string_view text);
  /// As parse, but empty instead of throwing.
  static std::optional<Date> try_parse(std::string_view text) noexcept;

  /// The earliest and latest dates the calendar handles (1400-01-01 … 9999-12-31).
  static constexpr Date min() noexcept { return Date(-208188); }
  static constexpr Date max() noexcept { return Date(2932896); }

  /// Whether this date lies within min() … max(): the only dates the calendar computes with.
  constexpr bool in_calendar() const noexcept { return days_ >= min().days_ && days_ <= max().days_; }
  /// The date `days` days after 1970-01-01; throws DateError naming `what` (e.g. "the advance's
  /// day") when it lies outside the calendar. The one check every entry point that takes a day
  /// runs before the day reaches any computation.
  static Date checked(std::int64_t days, std::string_view what);

  /// Days since 1970-01-01.
  constexpr std::int32_t days() const noexcept { return days_; }
  /// Year, month and day of this date; throws DateError outside the calendar.
  YearMonthDay ymd() const;
  int year() const { return ymd().year; }
  int month() const { return ymd().month; }
  int day() const { return ymd().day; }
  /// The day of the week.
  Weekday weekday() const noexcept;
  /// `YYYY-MM-DD`; throws DateError outside the calendar.
  std::string iso() const;
  /// Writes `YYYY-MM-DD` into out[0..9] (no terminator): formatting without allocating. Throws
  /// DateError outside the calendar.
  void write_iso(char* out) const;

  constexpr Date operator+(std::int32_t n) const noexcept { return Date(days_ + n); }
  constexpr Date operator-(std::int32_t n) const noexcept { return Date(days_ - n); }
  /// Days from `o` to this date.
  constexpr std::int32_t operator-(Date o) const noexcept { return days_ - o.days_; }
  constexpr Date& operator+=(std::int32_t n) noexcept { days_ += n; return *this; }
  constexpr Date& operator-=(std::int32_t n) noexcept { days_ -= n; return *this; }
  constexpr bool operator==(Date o) const noexcept { return days_ == o.days_; }
  constexpr bool operator!=(Date o) const noexcept { return days_ != o.days_; }
  constexpr bool operator<(Date o) const noexcept { return days_ < o.days_; }
  constexpr bool operator<=(Date o) const noexcept { return days_ <= o.days_; }
  constexpr bool operator>(Date o) const noexcept { return days_ > o.days_; }
  constexpr bool operator>=(Date o) const noexcept { return days_ >= o.days_; }

 private:
  std::int32_t days_ = 0;
};

/// The later of two dates.
constexpr Date later(Date a, Date b) noexcept { return a < b ? b : a; }
/// The earlier of two dates.
constexpr Date earlier(Date a, Date b) noexcept { return a < b ? a : b; }

// ---- a case's days and weeks, counted from its day 1 (DOMAIN.md §1) ----

/// Day N of a case whose day 1 is `day1`: day1 + (N − 1).
constexpr Date day_n(Date day1, std::int32_t n) noexcept { return day1 + (n - 1); }
/// The first day of week N: day 7(N−1)+1.
constexpr Date week_first_day(Date day1, std::int32_t n) noexcept { return day1 + 7 * (n - 1); }
/// The last day of week N: day 7N ("before the end of week 8" = on or before day 56).
constexpr Date week_last_day(Date day1, std::int32_t n) noexcept { return day1 + (7 * n - 1); }
/// The number N of the week of `d` in a case whose day 1 is `day1` (d ≥ day1).
constexpr std::int32_t week_number(Date day1, Date d) noexcept { return (d - day1) / 7 + 1; }

// ---- months and years ----
//
// Every function below that takes or gives a Date checks it: a date outside min() … max(), given
// or computed, is a DateError, never a call into Boost with a year it does not have.

/// Whether `year` is a Gregorian leap year.
bool is_leap_year(int year) noexcept;
/// The number of days in a month (28–31).
int days_in_month(int year, int month) noexcept;
/// The first day of the month of `d`.
Date month_start(Date d);
/// The last day of the month of `d` (28/29/30/31).
Date month_end(Date d);
/// A month as one running number (year × 12 + month − 1), for counting months apart.
std::int32_t month_index(Date d);
/// The first day of the month with running number `index`.
Date month_index_start(std::int32_t index);

/// S + n months by the anniversary rule: S's day number in the target month, or the first day of
/// the following month when that month is too short (31 Mar 2020 + 6 = 1 Oct 2020). Never snaps
/// to a month end. n may be negative.
Date add_months(Date s, std::int32_t n);
/// S + n years by the anniversary rule (29 Feb 2024 + 1 year = 1 Mar 2025).
Date add_years(Date s, std::int32_t n);
/// S + n weeks.
constexpr Date add_weeks(Date s, std::int32_t n) noexcept { return s + 7 * n; }

/// The last day of a period of n months starting on S: the day before S + n months.
Date period_end_months(Date s, std::int32_t n);
/// The last day of a period of n years starting on S (2 years from 1 Aug 2025 end 31 Jul 2027).
Date period_end_years(Date s, std::int32_t n);
/// The end of a period of W weeks from R: R + 7W days (DOMAIN.md §1).
constexpr Date period_end_weeks(Date r, std::int32_t w) noexcept { return r + 7 * w; }

/// The first day of the window of N calendar months at the month of `d`: months M−N+1 … M; the
/// calendar's first day when the window begins before the calendar does (no day before it can be
/// counted, so every count over the window is the same). Throws DateError when `d` lies outside
/// the calendar or N < 1.
Date window_start(Date d, std::int32_t months);

// ---- sets of date intervals ----

/// A closed range of days [first, last], both included.
struct DateInterval {
  Date first;
  Date last;
  /// The number of days in the interval.
  constexpr std::int64_t length() const noexcept { return std::int64_t(last - first) + 1; }
  constexpr bool operator==(const DateInterval& o) const noexcept {
    return first == o.first && last == o.last;
  }
};

/// A set of days kept as sorted, disjoint, non-adjacent closed intervals (paid days, prior periods).
class DateIntervalSet {
 public:
  DateIntervalSet() = default;

  /// Adds every day of [first, last] (merging with neighbours); an empty range is ignored.
  void add(Date first, Date last);
  /// Removes every day of [first, last] from the set.
  void remove(Date first, Date last);
  /// Removes every day.
  void clear() noexcept;

  /// Whether day `d` is in the set.
  bool contains(Date d) const noexcept;
  /// The number of days of the set within [first, last].
  std::int64_t count(Date first, Date last) const noexcept;
  /// The total number of days.
  std::int64_t size() const noexcept { return cumulative_.empty() ? 0 : cumulative_.back(); }
  bool empty() const noexcept { return intervals_.empty(); }
  /// The intervals, sorted.
  const std::vector<DateInterval>& intervals() const noexcept { return intervals_; }

  /// The k-th day of the set (1-based) that lies on or after `from`, if there is one.
  std::optional<Date> nth_day_from(Date from, std::int64_t k) const noexcept;
  /// The first day of the set on or after `from`, if any.
  std::optional<Date> first_on_or_after(Date from) const noexcept;

  bool operator==(const DateIntervalSet& o) const noexcept { return intervals_ == o.intervals_; }

 private:
  void rebuild_cumulative();
  /// Days in intervals [0, i), so that counts are a binary search, not a walk.
  std::int64_t days_before(std::size_t i) const noexcept { return i == 0 ? 0 : cumulative_[i - 1]; }

  std::vector<DateInterval> intervals_;
  std::vector<std::int64_t> cumulative_;  // cumulative_[i]: days in intervals [0, i]
};

/// The first day X of `candidates` on which the days of `counted` that lie on or before X, within
/// the window of `window_months` calendar months at X's month, number more than `threshold`.
/// This is the reassessment-point search of DOMAIN.md §2 (X = a case's own counted day, counted =
/// its own and prior counted days). `counted` may be given as two disjoint sets whose union counts
/// (own and prior days, without building the union). Runs in time linear in the number of
/// intervals and months visited, not days; returns nothing when no such day exists.
std::optional<Date> first_day_exceeding(const DateIntervalSet& candidates,
                                        const DateIntervalSet& counted,
                                        std::int32_t window_months, std::int64_t threshold);
/// As above, counting the days of two disjoint sets `counted_a` ∪ `counted_b`.
std::optional<Date> first_day_exceeding(const DateIntervalSet& candidates,
                                        const DateIntervalSet& counted_a,
                                        const DateIntervalSet& counted_b,
                                        std::int32_t window_months, std::int64_t threshold);

// ---- Danish public holidays and working days ----

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm).
Date easter_sunday(int year);

/// A named public holiday.
struct Holiday {
  Date date;
  const char* name;  // English name, with the Danish in parentheses
};

/// Denmark's public holidays of a year, by date: New Year's Day, Maundy Thursday, Good Friday,
/// Easter Sunday and Monday, Great Prayer Day (until 2023), Ascension Day, Whit Sunday and Monday,
/// Christmas Day and Boxing Day.
std::vector<Holiday> danish_public_holidays(int year);
/// Whether `d` is a Danish public holiday.
bool is_danish_public_holiday(Date d);

/// A fixed day of the year (month, day) that a rule-set may name as a closing day.
struct MonthDay {
  int month;
  int day;
  const char* name = nullptr;  // English name, with the Danish in parentheses (may be null)
};

/// The closing days a Danish rule-set may add, which are not public holidays: 5 June
/// (Constitution Day), 24 December (Christmas Eve) and 31 December (New Year's Eve). A deadline that
/// ends on one of them moves to the next weekday (forældelsesloven § 27, stk. 2); shops close on
/// them (lukkeloven § 2, stk. 1; from 15:00 on 31 December) and so do the banks (Danmarks
/// Nationalbank's closing days). docs/domain.md#working-days.
std::vector<MonthDay> danish_closing_days();

/// The closing days among `days` in a year, by date, with their names.
std::vector<Holiday> closing_days_of(const std::vector<MonthDay>& days, int year);

/// Working days (hverdage): not Saturday, Sunday, a Danish public holiday or a named closing day.
class WorkingDayCalendar {
 public:
  /// A calendar with public holidays only.
  WorkingDayCalendar() = default;
  /// A calendar that also closes on each of `closing_days` every year.
  explicit WorkingDayCalendar(std::vector<MonthDay> closing_days);

  /// Whether `d` is a working day.
  bool is_working_day(Date d) const;
  /// The first working day strictly after `d`.
  Date next_working_day(Date d) const;
  /// The last working day strictly before `d`.
  Date previous_working_day(Date d) const;
  /// The n-th working day after `d` (n > 0), before it (n < 0), or `d` itself (n = 0).
  Date add_working_days(Date d, std::int32_t n) const;
  /// The number of working days in [first, last].
  std::int32_t count_working_days(Date first, Date last) const;

 private:
  std::vector<MonthDay> closing_days_;
};

}  // namespace caseflow
