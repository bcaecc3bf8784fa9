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
  std::uint8_t enter = 0;   ///< 1: `to` is (re-)entered: its timer restarts, the last transition moves
  std::uint8_t final = 0;   ///< 1: `to` is final: open obligations lapse
  std::uint8_t meet = 0;    ///< obligations met, a bit each
  std::uint8_t raise = 0;   ///< obligations that arise, a bit each
  std::uint8_t field = kNoField;  ///< the event field feeding the timer date
  std::uint8_t pad = 0;
  std::int32_t timer_add = kNever;  ///< entering: due = day + timer_add + field × timer_mul (kNever: none)
  std::int32_t timer_mul = 0;
};
static_assert(sizeof(Entry) == 16, "a fast entry is 16 bytes");

/// Row words: the state and flags, the clock, the last transition day, the next due date, then
/// one due date per obligation.
enum RowWord : std::size_t { kStateWord = 0, kClockWord = 1, kLastWord = 2, kDueWord = 3, kFirstObligationWord = 4 };
/// Set in the state word once the case is open.
constexpr std::int32_t kOpenBit = 1 << 16;

/// The compiled fixed-shape table of a rule-set.
struct Table {
  std::size_t states = 0;
  std::size_t events = 0;
  std::size_t values = 1;       ///< selector values per (state, event): the widest enum selector
  std::size_t obligations = 0;
  std::size_t stride = 4;       ///< words per row
  std::vector<Entry> entries;   ///< [(state × events + event) × values + value]
  std::vector<Entry> timer_entries;  ///< per state: what its timer does when it fires
  Entry opening;                ///< Case::open_at
  std::vector<std::int32_t> raise_add;      ///< per obligation: due = day + raise_add
  std::vector<std::uint8_t> selector;       ///< per event: the enum field choosing the entry
  std::vector<std::uint8_t> timer_of_state; ///< per state: its timer id, or kNoField

  const Entry& entry(std::size_t state, std::size_t event, std::size_t value) const noexcept {
    return entries[(state * events + event) * values + value];
  }
};

/// Compiles `m` into a fixed-shape table, or returns null and says why in `why_not`.
std::unique_ptr<Table> compile(const rules::Model& m, std::string& why_not);

}  // namespace caseflow::fast
