// The reassessment-point search for a caseload: 100,000 cases with gaps and prior periods.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "caseflow/calendar.hpp"

namespace {

using caseflow::Date;
using caseflow::DateIntervalSet;

// One case's paid days after its own period, and its prior periods.
struct CaseDays {
  DateIntervalSet own;
  DateIntervalSet prior;
};

std::uint64_t splitmix64(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<CaseDays> make_caseload(std::size_t n) {
  std::uint64_t seed = 42;
  std::vector<CaseDays> cases(n);
  const Date base = Date::parse("2015-01-01");
  for (CaseDays& c : cases) {
    const Date day1 = base + static_cast<std::int32_t>(splitmix64(seed) % 3650);
    const Date counting = day1 + 30;
    c.own.add(counting, Date::max());
    // Up to three unpaid gaps in the first 200 days, and sometimes an earlier case.
    const int gaps = static_cast<int>(splitmix64(seed) % 4);
    for (int g = 0; g < gaps; ++g) {
      const Date from = counting + static_cast<std::int32_t>(splitmix64(seed) % 200);
      c.own.remove(from, from + static_cast<std::int32_t>(splitmix64(seed) % 40));
    }
    if (splitmix64(seed) % 3 == 0) {
      const Date end = day1 - static_cast<std::int32_t>(1 + splitmix64(seed) % 300);
      c.prior.add(end - static_cast<std::int32_t>(splitmix64(seed) % 150), end);
    }
  }
  return cases;
}

void BM_ReassessmentSearch(benchmark::State& state) {
  const auto cases = make_caseload(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (const CaseDays& c : cases) {
      const auto x = caseflow::first_day_exceeding(c.own, c.own, c.prior, 9, 154);
      sum += x ? caseflow::month_end(*x).days() : 0;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ReassessmentSearch)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_AddMonths(benchmark::State& state) {
  Date d = Date::parse("2020-01-31");
  for (auto _ : state) {
    d = caseflow::add_months(d, 1) - 30;
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_AddMonths);

}  // namespace

BENCHMARK_MAIN();
