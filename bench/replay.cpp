#include "replay.hpp"

#include <algorithm>

namespace sdp {

Summary replay(const Stream& s, const caseflow::RuleSet& rules, caseflow::CaseloadPath path,
               std::size_t* bytes_per_case) {
  using caseflow::CompactRecord;
  caseflow::Caseload load(rules, path);
  const std::size_t n = s.start.size();
  load.add_cases(n);
  if (bytes_per_case) *bytes_per_case = load.bytes_per_case();
  load.open_cases(0, s.start.data(), n, nullptr);
  Summary sum;
  // Records are widened a chunk at a time into compact batch records (16 bytes: a chunk stays
  // in the L1 cache) and applied in one call per chunk.
  constexpr std::size_t kChunk = 1024;
  std::vector<CompactRecord> batch(kChunk);
  for (std::size_t at = 0; at < s.records.size(); at += kChunk) {
    const std::size_t count = std::min(kChunk, s.records.size() - at);
    const Record* in = s.records.data() + at;
    for (std::size_t i = 0; i < count; ++i)
      batch[i] = CompactRecord{in[i].case_id, in[i].day, in[i].type, 1, in[i].arg};  // ignored without a field
    sum.rejected += static_cast<std::int64_t>(count - load.apply_compact(batch.data(), count, nullptr));
  }
  load.advance(caseflow::Date(s.end_day));
  sum.states = load.count_by_state();
  sum.timers = load.pending_timer_counts();
  sum.late = load.count_met_late();
  std::vector<std::uint16_t> states(n);
  std::vector<std::int32_t> last(n);
  load.export_states(0, n, states.data(), last.data());
  for (std::size_t c = 0; c < n; ++c)
    sum.add_case(static_cast<std::uint32_t>(c), static_cast<std::uint8_t>(states[c]),
                 last[c] == INT32_MIN ? s.start[c] : last[c]);
  return sum;
}

}  // namespace sdp
