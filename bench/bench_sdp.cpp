// sdp-ref: the data-driven replay (the caseload's fast path through bench/sdp-ref.yaml) against
// the hand-written switch, on 100,000 and 1,000,000 cases, single-threaded.
#include <benchmark/benchmark.h>

#include <map>

#include "replay.hpp"
#include "sdp_handwritten.hpp"

namespace {

const sdp::Stream& stream_of(std::size_t cases) {
  static std::map<std::size_t, sdp::Stream> streams;
  auto it = streams.find(cases);
  if (it == streams.end()) it = streams.emplace(cases, sdp::generate(cases, 1)).first;
  return it->second;
}

void BM_Handwritten(benchmark::State& state) {
  const sdp::Stream& s = stream_of(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const sdp::Summary sum = sdp::replay_handwritten(s);
    benchmark::DoNotOptimize(sum.checksum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(s.records.size()));
}

void BM_DataDriven(benchmark::State& state) {
  const sdp::Stream& s = stream_of(static_cast<std::size_t>(state.range(0)));
  const caseflow::RuleSet rules = caseflow::RuleSet::load_file(CASEFLOW_SDP_REF);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const sdp::Summary sum = sdp::replay(s, rules, caseflow::CaseloadPath::fast_if_possible, &bytes);
    benchmark::DoNotOptimize(sum.checksum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(s.records.size()));
  state.counters["bytes_per_case"] = static_cast<double>(bytes);
}

BENCHMARK(BM_Handwritten)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DataDriven)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
