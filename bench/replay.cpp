#include "replay.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace sdp {

// The conversion below writes a compact record as two little-endian words.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the sdp stream and its conversion are little-endian");
static_assert(offsetof(Record, case_id) == offsetof(caseflow::CompactRecord, case_index) &&
                  offsetof(Record, day) == offsetof(caseflow::CompactRecord, date) &&
                  offsetof(caseflow::CompactRecord, event) == 8 && offsetof(caseflow::CompactRecord, present) == 10 &&
                  offsetof(caseflow::CompactRecord, value) == 12,
              "a stream record's first 8 bytes are a compact record's");

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
    // A value given to an event without a field is ignored: every record gives its arg. The
    // record is put together in two 8-byte halves: four narrow stores a record would make this
    // loop wait on the store port.
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t head;  // case and day: the same 8 bytes in both layouts
      std::memcpy(&head, &in[i], sizeof head);
      const std::uint64_t tail = in[i].type | (std::uint64_t(1) << 16) | (std::uint64_t(in[i].arg) << 32);
      std::memcpy(reinterpret_cast<char*>(&batch[i]), &head, sizeof head);
      std::memcpy(reinterpret_cast<char*>(&batch[i]) + offsetof(CompactRecord, event), &tail, sizeof tail);
    }
    // The next chunk of the stream is fetched while this one is applied: the conversion would
    // otherwise wait on memory, with nothing else to do.
    const char* next = reinterpret_cast<const char*>(in + count);
    const char* const next_end = reinterpret_cast<const char*>(s.records.data() + std::min(s.records.size(), at + 2 * kChunk));
    for (; next < next_end; next += 64) __builtin_prefetch(next);
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
