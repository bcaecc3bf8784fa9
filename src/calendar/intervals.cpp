// Sets of date intervals and the counted-days threshold search over them.
#include <algorithm>

#include "caseflow/calendar.hpp"

namespace caseflow {

void DateIntervalSet::rebuild_cumulative() {
  cumulative_.resize(intervals_.size());
  std::int64_t total = 0;
  for (std::size_t i = 0; i < intervals_.size(); ++i) {
    total += intervals_[i].length();
    cumulative_[i] = total;
  }
}

void DateIntervalSet::add(Date first, Date last) {
  if (last < first) return;
  // Intervals that overlap or touch [first, last] merge into one.
  auto lo = std::lower_bound(intervals_.begin(), intervals_.end(), first,
                             [](const DateInterval& iv, Date d) { return iv.last + 1 < d; });
  auto hi = lo;
  while (hi != intervals_.end() && hi->first <= last + 1) {
    first = earlier(first, hi->first);
    last = later(last, hi->last);
    ++hi;
  }
  lo = intervals_.erase(lo, hi);
  intervals_.insert(lo, DateInterval{first, last});
  rebuild_cumulative();
}

void DateIntervalSet::remove(Date first, Date last) {
  if (last < first) return;
  std::vector<DateInterval> kept;
  kept.reserve(intervals_.size() + 1);
  for (const DateInterval& iv : intervals_) {
    if (iv.last < first || iv.first > last) {
      kept.push_back(iv);
      continue;
    }
    if (iv.first < first) kept.push_back({iv.first, first - 1});
    if (iv.last > last) kept.push_back({last + 1, iv.last});
  }
  intervals_.swap(kept);
  rebuild_cumulative();
}

void DateIntervalSet::clear() noexcept {
  intervals_.clear();
  cumulative_.clear();
}

bool DateIntervalSet::contains(Date d) const noexcept {
  auto it = std::lower_bound(intervals_.begin(), intervals_.end(), d,
                             [](const DateInterval& iv, Date x) { return iv.last < x; });
  return it != intervals_.end() && it->first <= d;
}

std::int64_t DateIntervalSet::count(Date first, Date last) const noexcept {
  if (last < first || intervals_.empty()) return 0;
  // Days on or before `last`, minus days before `first`, each by one binary search.
  auto through = [this](Date d) -> std::int64_t {
    auto it = std::lower_bound(intervals_.begin(), intervals_.end(), d,
                               [](const DateInterval& iv, Date x) { return iv.last < x; });
    const std::size_t i = static_cast<std::size_t>(it - intervals_.begin());
    std::int64_t n = days_before(i);
    if (it != intervals_.end() && it->first <= d) n += std::int64_t(d - it->first) + 1;
    return n;
  };
  return through(last) - through(first - 1);
}

std::optional<Date> DateIntervalSet::nth_day_from(Date from, std::int64_t k) const noexcept {
  if (k < 1) return std::nullopt;
  auto it = std::lower_bound(intervals_.begin(), intervals_.end(), from,
                             [](const DateInterval& iv, Date x) { return iv.last < x; });
  for (; it != intervals_.end(); ++it) {
    const Date start = later(it->first, from);
    const std::int64_t available = std::int64_t(it->last - start) + 1;
    if (k <= available) return start + static_cast<std::int32_t>(k - 1);
    k -= available;
  }
  return std::nullopt;
}

std::optional<Date> DateIntervalSet::first_on_or_after(Date from) const noexcept {
  return nth_day_from(from, 1);
}

namespace {

// Counted days in [first, last] over one or two disjoint sets.
struct CountedDays {
  const DateIntervalSet& a;
  const DateIntervalSet* b;
  std::int64_t operator()(Date first, Date last) const noexcept {
    return a.count(first, last) + (b ? b->count(first, last) : 0);
  }
};

std::optional<Date> search(const DateIntervalSet& candidates, CountedDays counted,
                           std::int32_t window_months, std::int64_t threshold) {
  if (window_months < 1) return std::nullopt;
  // No window holds more than 31 days a month: past that the search could never succeed.
  if (threshold >= std::int64_t(window_months) * 31) return std::nullopt;
  for (const DateInterval& iv : candidates.intervals()) {
    Date d = iv.first;
    // Walk the interval a month at a time: within one month the window is fixed, so the count
    // on or before X only grows with X and the first X is found by bisection.
    while (d <= iv.last) {
      const Date segment_end = earlier(iv.last, month_end(d));
      const Date w = window_start(d, window_months);
      if (counted(w, segment_end) > threshold) {
        Date lo = d, hi = segment_end;  // the answer lies in [lo, hi]
        while (lo < hi) {
          const Date mid = lo + (hi - lo) / 2;
          if (counted(w, mid) > threshold) hi = mid; else lo = mid + 1;
        }
        return lo;
      }
      if (segment_end == Date::max()) break;
      d = segment_end + 1;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Date> first_day_exceeding(const DateIntervalSet& candidates,
                                        const DateIntervalSet& counted,
                                        std::int32_t window_months, std::int64_t threshold) {
  return search(candidates, CountedDays{counted, nullptr}, window_months, threshold);
}

std::optional<Date> first_day_exceeding(const DateIntervalSet& candidates,
                                        const DateIntervalSet& counted_a,
                                        const DateIntervalSet& counted_b,
                                        std::int32_t window_months, std::int64_t threshold) {
  return search(candidates, CountedDays{counted_a, &counted_b}, window_months, threshold);
}

}  // namespace caseflow
