#include "replay.hpp"

#include <algorithm>

namespace sdp {

Summary replay(const Stream& s, const caseflow::RuleSet& rules, caseflow::CaseloadPath path,
               std::size_t* bytes_per_case) {
  using caseflow::EventRecord;
  caseflow::Caseload load(rules, path);
  const std::size_t n = s.start.size();
  load.add_cases(n);
  if (bytes_per_case) *bytes_per_case = load.bytes_per_case();
  for (std::size_t c = 0; c < n; ++c) load.open_at(static_cast<std::uint32_t>(c), caseflow::Date(s.start[c]));
  // Which events have a field for the record's arg.
  std::vector<std::uint8_t> has_field(256, 0);  // by record type: does the event take the arg
  for (std::size_t e = 0; e < rules.event_count() && e < 256; ++e) has_field[e] = rules.field_count(e) > 0;

  Summary sum;
  constexpr std::size_t kChunk = 1024;  // records converted and applied per batch call
  std::vector<EventRecord> batch(kChunk);
  for (std::size_t at = 0; at < s.records.size(); at += kChunk) {
    const std::size_t count = std::min(kChunk, s.records.size() - at);
    for (std::size_t i = 0; i < count; ++i) {
      const Record& r = s.records[at + i];
      EventRecord& e = batch[i];
      e.case_index = r.case_id;
      e.date = r.day;
      e.event = r.type;
      e.present = has_field[r.type];
      e.values[0] = r.arg;
    }
    sum.rejected += static_cast<std::int64_t>(count - load.apply_batch(batch.data(), count, nullptr));
  }
  load.advance(caseflow::Date(s.end_day));
  sum.states = load.count_by_state();
  sum.timers = load.pending_timer_counts();
  sum.late = load.count_met_late();
  for (std::size_t c = 0; c < n; ++c) {
    const auto last = load.last_transition(static_cast<std::uint32_t>(c));
    sum.add_case(static_cast<std::uint32_t>(c), static_cast<std::uint8_t>(load.state_of(static_cast<std::uint32_t>(c))),
                 last ? last->days() : s.start[c]);
  }
  return sum;
}

}  // namespace sdp
