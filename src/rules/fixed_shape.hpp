// The fixed shape: a rule-set that fits it is compiled into one entry per (state, event, selector
// value), so that applying an event is a lookup and a few stores, the same whatever the rule says
// (DESIGN.md, performance shape). The caseload's fixed-shape store runs the table on rows of its
// own (src/caseload/fixed_store.hpp); whatever the shape cannot express keeps the general store.
// The table is compiled once per rule-set and kept with it (table_of).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "caseflow/calendar.hpp"
#include "rules/model.hpp"

namespace caseflow::fixed {

/// A date that never comes: no timer armed, no obligation open.
constexpr std::int32_t kNever = INT32_MAX;
/// The most obligations the shape holds (one open instance each).
constexpr std::size_t kMaxObligations = 4;
/// No field / no timer.
constexpr std::uint8_t kNoField = 0xFF;
/// The most field values a batch record carries (the caseload's kRecordValues, which it checks
/// equals this): events with more never pass a batch record's check.
constexpr std::size_t kBatchValues = 4;

/// What one (state, trigger) does, as data: every accepted event runs the same few stores.
struct Entry {
  std::uint8_t accept = 0;  ///< 0: the event is not allowed here
  std::uint8_t to = 0;      ///< the state afterwards (the same state for an internal rule)
  std::uint8_t enter = 0;   ///< 0xFF: `to` is (re-)entered (its timer restarts, the last transition moves); else 0
  std::uint8_t clear = 0;   ///< obligations that end, a bit each: met, or lapsing as `to` is final
  std::uint8_t meet = 0;    ///< obligations met, a bit each (a late one is counted)
  std::uint8_t raise = 0;   ///< obligations that arise (after those that end), a bit each
  std::uint8_t field = kNoField;  ///< the event field feeding the timer date
  std::uint8_t pad = 0;
  std::int32_t timer_add = kNever;  ///< entering: due = day + timer_add + field × timer_mul (kNever: none)
  std::int32_t timer_mul = 0;
};
static_assert(sizeof(Entry) == 16, "a fixed-shape entry is 16 bytes");

/// The date of the timer an entry starts on `day`: day + add + value × mul, when it lies within the
/// calendar, else kNever (a date beyond the calendar is never reached, as an unknown date is on
/// the general path; so is one whose arithmetic passes the int64 range). Exact for every input:
/// the product is checked, and the sum is taken unsigned, so a sum past the int64 range wraps to
/// near its other end, far from the calendar. An entry without a timer adds kNever (and
/// multiplies by 0), which lands beyond the calendar. No branches: the batch loop runs it for
/// every event.
[[gnu::always_inline]] inline std::int32_t timer_day(std::int32_t day, std::int32_t add, std::int32_t mul,
                                                     std::int64_t value) noexcept {
  std::int64_t days;
  const bool overflow = __builtin_mul_overflow(value, std::int64_t(mul), &days);
  const std::uint64_t when = static_cast<std::uint64_t>(std::int64_t(day) + add) + static_cast<std::uint64_t>(days);
  const bool dated = !overflow & (when - static_cast<std::uint64_t>(std::int64_t(Date::min().days())) <=
                                  static_cast<std::uint64_t>(Date::max().days() - Date::min().days()));
  return dated ? static_cast<std::int32_t>(when) : kNever;
}

/// The range a present field value must lie in, and whether the field is required.
struct FieldCheck {
  std::int64_t low;
  std::int64_t high;
  bool required;
};

/// What a compact batch record (one value, field 0's) must satisfy, per event and whether the
/// value is given, and the event's part of an entry's index: one 16-byte load and one compare
/// in the batch loop. A value v passes when (int64)(uint32)(v − low) ≤ span: a span of −1
/// passes none (a required value absent, an empty range, a record that can never be valid),
/// a span of 2³² − 1 passes any (no value needed).
struct CompactCheck {
  std::int32_t low = 0;
  std::uint32_t column = 0;  ///< the event's part of an entry's index
  std::int64_t span = UINT32_MAX;
};
static_assert(sizeof(CompactCheck) == 16, "a compact check is 16 bytes");

/// The compiled fixed-shape table of a rule-set.
struct Table {
  std::size_t states = 0;
  std::size_t events = 0;
  std::size_t values = 1;       ///< selector values per (state, event): the widest enum selector
  /// Entries are indexed by bit fields, state | event | value, each padded to a power of two,
  /// so that finding one is shifts and ors.
  unsigned value_bits = 0;
  unsigned event_bits = 0;
  std::size_t obligations = 0;
  std::vector<Entry> entries;   ///< [state << (event_bits + value_bits) | event << value_bits | value]
  std::vector<Entry> timer_entries;  ///< per state: what its timer does when it fires
  Entry opening;                ///< Case::open_at
  std::vector<std::int32_t> raise_add;      ///< per obligation: due = day + raise_add
  std::vector<std::uint8_t> selector;       ///< per event: the enum field choosing the entry
  std::vector<std::uint8_t> timer_of_state; ///< per state: its timer id, or kNoField
  std::vector<std::vector<FieldCheck>> checks;  ///< per event: its fields' ranges (batch records)
  /// The same checks laid flat for the batch loop: per event its field count and required bits,
  /// and per (event, field < kBatchValues) the range a present value must lie in.
  std::vector<std::uint8_t> field_count;
  std::vector<std::uint8_t> required;
  /// Per event: its field count in the low byte, its required fields' bits in the next one.
  std::vector<std::uint16_t> shape;
  std::vector<std::int64_t> low;
  std::vector<std::int64_t> high;
  std::vector<CompactCheck> compact;  ///< [event << 1 | value given]: what a compact record must satisfy

  std::size_t index(std::size_t state, std::size_t event, std::size_t value) const noexcept {
    return (state << (event_bits + value_bits)) | (event << value_bits) | value;
  }
  const Entry& entry(std::size_t state, std::size_t event, std::size_t value) const noexcept {
    return entries[index(state, event, value)];
  }
};

/// Compiles one version into a fixed-shape table, or returns null and says why in `why_not`.
std::unique_ptr<Table> compile(const rules::Model& m, std::string& why_not);

/// The fixed-shape table of a loaded rule-set, compiled on the first call and kept with it, so
/// that every caseload of the rule-set reuses it; null when the rule-set does not fit (one with
/// several versions never does), and then `why_not` (if given) says why. Safe from many threads.
const Table* table_of(const rules::Versions& versions, std::string* why_not = nullptr);

}  // namespace caseflow::fixed
