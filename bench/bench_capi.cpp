// The C ABI's cost: events per second through cf_case_apply (one call per event) and through one
// cf_caseload_apply_batch call, on a year of 100,000 cases of DOMAIN.md's kind. Linked to the shared
// library and given caseflow.h only, as a case system would be.
#include <caseflow/caseflow.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

void check(cf_status s, const char* what) {
  if (s != CF_OK) throw std::runtime_error(std::string(what) + ": " + cf_last_error());
}

std::uint64_t splitmix64(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The workload of bench_engine: a year of a typical case — sick-listed, a caseworker, a
// visitation, follow-ups every 4 weeks, sometimes a stop and a resume, then a refusal, an
// extension or a recovery — for `cases` cases, sorted by date (cases interleaved).
struct Stream {
  std::vector<cf_event_record> records;
  std::size_t cases = 0;
  cf_date end = 0;
};

Stream make_stream(const cf_ruleset* rs, std::size_t cases, std::uint64_t seed) {
  const auto id = [&](const char* name) {
    uint16_t out = 0;
    check(cf_ruleset_find(&out, rs, CF_KIND_EVENT, name), name);
    return out;
  };
  const uint16_t sick = id("sick_listed"), worker = id("caseworker_assigned"), visit = id("visitation"),
                 follow = id("followup_held"), stop = id("benefit_stopped"), resume = id("benefit_resumed"),
                 refuse = id("extension_refused"), grant = id("extension_granted"), recover = id("recovered");
  cf_date base = 0;
  check(cf_date_parse(&base, "2019-01-01"), "date");
  Stream s;
  s.cases = cases;
  s.end = base + 800;
  const auto add = [&](std::uint32_t c, uint16_t e, cf_date d, std::int64_t value) {
    cf_event_record r{};
    r.case_index = c;
    r.date = d;
    r.event = e;
    if (value >= 0) {
      r.present = 1;
      r.values[0] = value;
    }
    s.records.push_back(r);
  };
  for (std::uint32_t c = 0; c < cases; ++c) {
    const cf_date d1 = base + static_cast<cf_date>(splitmix64(seed) % 365);
    add(c, sick, d1, static_cast<std::int64_t>(splitmix64(seed) % 3));
    add(c, worker, d1 + 3, static_cast<std::int64_t>(splitmix64(seed) % 12));
    add(c, visit, d1 + 20, 1 + static_cast<std::int64_t>(splitmix64(seed) % 3));
    for (int k = 1; k <= 6; ++k) add(c, follow, d1 + 28 * k + static_cast<cf_date>(splitmix64(seed) % 5), -1);
    if (splitmix64(seed) % 4 == 0) {
      add(c, stop, d1 + 60, -1);
      add(c, resume, d1 + 75, -1);
    }
    const auto r = splitmix64(seed) % 3;
    if (r == 0) add(c, refuse, d1 + 170, -1);
    else if (r == 1) add(c, grant, d1 + 200, 0 /* revalidation */);
    else add(c, recover, d1 + 120, -1);
  }
  std::stable_sort(s.records.begin(), s.records.end(),
                   [](const cf_event_record& a, const cf_event_record& b) { return a.date < b.date; });
  return s;
}

cf_ruleset* dk() {
  static cf_ruleset* rules = [] {
    cf_ruleset* r = nullptr;
    check(cf_ruleset_builtin(&r, "dk"), "dk");
    return r;
  }();
  return rules;
}

// One C call per event, to one cf_case per case: what a case system calling per event pays.
void BM_CasePerEvent(benchmark::State& state) {
  const Stream s = make_stream(dk(), static_cast<std::size_t>(state.range(0)), 7);
  std::vector<cf_field_value> one(1);
  std::size_t rejected = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<cf_case*> cases(s.cases);
    for (cf_case*& c : cases) check(cf_case_open(&c, dk()), "open");
    state.ResumeTiming();
    for (const cf_event_record& r : s.records) {
      one[0].present = r.present & 1u;
      one[0].number = r.values[0];
      rejected += cf_case_apply(cases[r.case_index], r.event, r.date, one.data(), r.present ? 1 : 0) == CF_OK ? 0 : 1;
    }
    for (cf_case* c : cases) benchmark::DoNotOptimize(cf_case_advance(c, s.end));
    state.PauseTiming();
    for (cf_case* c : cases) cf_case_free(c);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(s.records.size()));
  state.counters["events"] = static_cast<double>(s.records.size());
  state.counters["rejected"] = static_cast<double>(rejected) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_CasePerEvent)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

// The whole stream in one cf_caseload_apply_batch call, then one cf_caseload_advance.
void BM_CaseloadBatch(benchmark::State& state) {
  const Stream s = make_stream(dk(), static_cast<std::size_t>(state.range(0)), 7);
  std::vector<uint8_t> statuses(s.records.size());
  std::size_t applied = 0;
  for (auto _ : state) {
    state.PauseTiming();
    cf_caseload* load = nullptr;
    check(cf_caseload_new(&load, dk()), "caseload");
    for (std::size_t c = 0; c < s.cases; ++c) {
      uint32_t index = 0;
      check(cf_caseload_add_case(&index, load, ("C" + std::to_string(c)).c_str()), "add");
    }
    for (int w = 0; w < 12; ++w) {
      int64_t ignored = 0;
      check(cf_caseload_intern(&ignored, load, ("caseworker " + std::to_string(w)).c_str()), "intern");
    }
    state.ResumeTiming();
    check(cf_caseload_apply_batch(&applied, statuses.data(), load, s.records.data(), s.records.size()), "batch");
    check(cf_caseload_advance(load, s.end, 1), "advance");
    benchmark::DoNotOptimize(statuses.data());
    state.PauseTiming();
    cf_caseload_free(load);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(s.records.size()));
  state.counters["events"] = static_cast<double>(s.records.size());
  state.counters["rejected"] = static_cast<double>(s.records.size() - applied);
}
BENCHMARK(BM_CaseloadBatch)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
