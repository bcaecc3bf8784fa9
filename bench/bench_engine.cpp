// The engine under dk: events per second applying a realistic event stream to one case and to
// 100,000 cases (events pre-decoded: the figure is the engine's, not the JSON reader's).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "caseflow/engine.hpp"

namespace {

using caseflow::Case;
using caseflow::Date;
using caseflow::EventInput;
using caseflow::FieldValue;
using caseflow::RuleSet;

std::uint64_t splitmix64(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// One event of the stream: which case, and the event with its field values kept aside.
struct StreamEvent {
  std::uint32_t case_index;
  EventInput input;
};

struct Stream {
  std::vector<StreamEvent> events;
  std::vector<FieldValue> values;  // stable storage for every event's fields
  std::size_t cases = 0;
  Date end;
};

// A year of a typical case: sick-listed, a caseworker, a visitation, follow-ups every 4 weeks,
// sometimes a stop and resume, then a refusal, an extension or a recovery.
Stream make_stream(const RuleSet& rs, std::size_t cases, std::uint64_t seed) {
  const auto id = [&](const char* name) { return *rs.find_event(name); };
  const std::uint16_t sick = id("sick_listed"), worker = id("caseworker_assigned"), visit = id("visitation"),
                      follow = id("followup_held"), stop = id("benefit_stopped"), resume = id("benefit_resumed"),
                      refuse = id("extension_refused"), grant = id("extension_granted"), recover = id("recovered");
  struct Pending {
    std::uint32_t c;
    std::uint16_t e;
    Date d;
    std::int64_t a, b;
  };
  std::vector<Pending> raw;
  const Date base = Date::parse("2019-01-01");
  for (std::uint32_t c = 0; c < cases; ++c) {
    const Date d1 = base + static_cast<std::int32_t>(splitmix64(seed) % 365);
    raw.push_back({c, sick, d1, static_cast<std::int64_t>(splitmix64(seed) % 3), -1});
    raw.push_back({c, worker, d1 + 3, static_cast<std::int64_t>(splitmix64(seed) % 12), -1});
    raw.push_back({c, visit, d1 + 20, 1 + static_cast<std::int64_t>(splitmix64(seed) % 3), -1});
    for (int k = 1; k <= 6; ++k) raw.push_back({c, follow, d1 + 28 * k + static_cast<std::int32_t>(splitmix64(seed) % 5), -1, -1});
    if (splitmix64(seed) % 4 == 0) {
      raw.push_back({c, stop, d1 + 60, -1, -1});
      raw.push_back({c, resume, d1 + 75, -1, -1});
    }
    const auto r = splitmix64(seed) % 3;
    if (r == 0) raw.push_back({c, refuse, d1 + 170, -1, -1});
    else if (r == 1) raw.push_back({c, grant, d1 + 200, 0 /* revalidation */, -1});
    else raw.push_back({c, recover, d1 + 120, -1, -1});
  }
  std::stable_sort(raw.begin(), raw.end(), [](const Pending& x, const Pending& y) { return x.d < y.d; });
  Stream s;
  s.cases = cases;
  s.values.resize(raw.size() * 2);
  s.end = base + 800;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    FieldValue* f = &s.values[2 * i];
    std::size_t n = 0;
    if (raw[i].a >= 0) {
      f[0].present = true;
      f[0].number = raw[i].a;
      n = rs.field_count(raw[i].e);
    }
    s.events.push_back({raw[i].c, EventInput{raw[i].e, raw[i].d, f, n}});
  }
  return s;
}

void BM_ApplyCaseload(benchmark::State& state) {
  const RuleSet rs = RuleSet::builtin("dk");
  const Stream s = make_stream(rs, static_cast<std::size_t>(state.range(0)), 7);
  std::size_t rejected = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Case> cases(s.cases, Case(rs));
    state.ResumeTiming();
    for (const StreamEvent& e : s.events) rejected += cases[e.case_index].apply(e.input) ? 0 : 1;
    for (Case& c : cases) benchmark::DoNotOptimize(c.advance(s.end));
    benchmark::DoNotOptimize(cases.data());
    state.PauseTiming();
    cases.clear();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(s.events.size()));
  state.counters["events"] = static_cast<double>(s.events.size());
  state.counters["rejected"] = static_cast<double>(rejected) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ApplyCaseload)->Arg(1)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_OneCaseEvent(benchmark::State& state) {
  // One open case taking a follow-up a day: the common path, no timer due.
  const RuleSet rs = RuleSet::builtin("dk");
  const std::uint16_t sick = *rs.find_event("sick_listed"), follow = *rs.find_event("followup_held");
  FieldValue fields[2];  // employment (employee), no prior periods
  fields[0].present = true;
  Case c(rs);
  c.apply(EventInput{sick, Date::parse("2019-01-01"), fields, 2});
  Date d = Date::parse("2019-01-02");
  std::int64_t n = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(c.apply(EventInput{follow, d, nullptr, 0}));
    if (++n % 100 == 0) {  // keep the case in ongoing: reopen every 100 events
      state.PauseTiming();
      c = Case(rs);
      c.apply(EventInput{sick, Date::parse("2019-01-01"), fields, 2});
      d = Date::parse("2019-01-02");
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OneCaseEvent);

}  // namespace

BENCHMARK_MAIN();
