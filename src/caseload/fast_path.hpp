// The caseload's fast path: a rule-set that fits a fixed shape is compiled into one entry per
// (state, event, selector value), and each case into one small row of 32-bit words. An event is
// then a lookup and a few stores, applied the same way whatever the rule says (DESIGN.md,
// performance shape). Whatever the shape cannot express keeps the general path (Case).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rules/model.hpp"

namespace caseflow::fast {

/// A date that never comes: no timer armed, no obligation open.
constexpr std::int32_t kNever = INT32_MAX;
/// The most obligations a fast row holds (one open instance each).
constexpr std::size_t kMaxObligations = 4;
/// No field / no timer.
constexpr std::uint8_t kNoField = 0xFF;

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
static_assert(sizeof(Entry) == 16, "a fast entry is 16 bytes");

/// Row words: the head (state, open flag and clock in one word), the last transition day, the
/// next due date, then one due date per obligation.
enum RowWord : std::size_t { kHeadWord = 0, kLastWord = 1, kDueWord = 2, kFirstObligationWord = 3 };
/// The head word: the state in bits 0–7, the open flag in bit 8, and the clock in the bits above,
/// as days after the calendar's first day (23 bits hold the calendar's 3.1 million days). One
/// word for all three keeps a row with one obligation in 16 bytes.
constexpr std::int32_t kStateMask = 0xFF;
constexpr std::int32_t kOpenBit = 1 << 8;
constexpr unsigned kClockShift = 9;
/// The state of a head word.
constexpr std::size_t state_of(std::int32_t head) noexcept { return static_cast<std::size_t>(head & kStateMask); }
/// The clock of a head word (a day within the calendar).
constexpr std::int32_t clock_of(std::int32_t head) noexcept {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(head) >> kClockShift) + Date::min().days();
}
/// A head word with its clock set to `day` (within the calendar).
constexpr std::int32_t with_clock(std::int32_t head, std::int32_t day) noexcept {
  return static_cast<std::int32_t>((static_cast<std::uint32_t>(head) & ((1u << kClockShift) - 1)) |
                                   (static_cast<std::uint32_t>(day - Date::min().days()) << kClockShift));
}
static_assert(Date::max().days() - Date::min().days() < (1 << (32 - kClockShift)), "the clock fits its bits");
/// Words per row for K obligations: 16 bytes while they fit, else 32, so that a row never
/// straddles two cache lines and its address is a shift.
constexpr std::size_t row_words(std::size_t obligations) noexcept {
  return kFirstObligationWord + obligations <= 4 ? 4 : 8;
}
/// The widest row.
constexpr std::size_t kRowWords = 8;

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
  std::size_t stride = kRowWords;  ///< words per row: row_words(obligations)
  std::vector<Entry> entries;   ///< [state << (event_bits + value_bits) | event << value_bits | value]
  std::vector<Entry> timer_entries;  ///< per state: what its timer does when it fires
  Entry opening;                ///< Case::open_at
  std::vector<std::int32_t> raise_add;      ///< per obligation: due = day + raise_add
  std::vector<std::uint8_t> selector;       ///< per event: the enum field choosing the entry
  std::vector<std::uint8_t> timer_of_state; ///< per state: its timer id, or kNoField
  std::vector<std::vector<FieldCheck>> checks;  ///< per event: its fields' ranges (batch records)
  /// The same checks laid flat for the batch loop: per event its field count and required bits,
  /// and per (event, field < 4) the range a present value must lie in.
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

/// The rows of a caseload: one contiguous block of 32-bit words, asked of the kernel on huge
/// pages, since a million cases span thousands of 4 KiB pages and every event lands on a random
/// one.
class RowStore {
 public:
  RowStore() = default;
  ~RowStore();
  RowStore(const RowStore&) = delete;
  RowStore& operator=(const RowStore&) = delete;
  RowStore(RowStore&& o) noexcept;
  RowStore& operator=(RowStore&& o) noexcept;

  /// Grows to `words` words, filling new ones with `fill`.
  void resize(std::size_t words, std::int32_t fill);
  std::size_t size() const noexcept { return size_; }
  std::int32_t* data() noexcept { return words_; }
  const std::int32_t* data() const noexcept { return words_; }
  std::int32_t& operator[](std::size_t i) noexcept { return words_[i]; }
  const std::int32_t& operator[](std::size_t i) const noexcept { return words_[i]; }
  /// Bounds-checked access; throws std::out_of_range.
  const std::int32_t& at(std::size_t i) const;

 private:
  std::int32_t* words_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

/// Compiles `m` into a fixed-shape table, or returns null and says why in `why_not`.
std::unique_ptr<Table> compile(const rules::Model& m, std::string& why_not);

}  // namespace caseflow::fast
