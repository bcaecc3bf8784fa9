// The caseload's fixed-shape store: each case one small row of 32-bit words, run by the rule-set's
// fixed-shape table (rules/fixed_shape.hpp): an event is a lookup and a few stores, applied the
// same way whatever the rule says. Counters instead of histories: the monitoring queries need the
// general store, and say so.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rules/fixed_shape.hpp"

namespace caseflow::stores {

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
static_assert(row_words(fixed::kMaxObligations) == kRowWords, "the widest row holds every obligation the shape allows");

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

 private:
  std::int32_t* words_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace caseflow::stores
