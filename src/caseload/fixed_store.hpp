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

#include "caseload/store.hpp"
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
constexpr std::size_t head_state(std::int32_t head) noexcept { return static_cast<std::size_t>(head & kStateMask); }
/// The clock of a head word (a day within the calendar).
constexpr std::int32_t head_clock(std::int32_t head) noexcept {
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

/// The cases of a caseload as rows run by the rule-set's fixed-shape table.
class FixedStore final : public Store {
 public:
  /// A store for `rules`, whose fixed-shape table is `table` (kept with the rule-set).
  FixedStore(RuleSet rules, const fixed::Table& table);

  bool is_fast() const noexcept override { return true; }
  std::size_t bytes_per_case() const noexcept override { return stride_ * sizeof(std::int32_t); }
  std::size_t size() const noexcept override { return count_; }
  void add_cases(std::size_t count) override;

  Outcome open_at(std::uint32_t case_index, Date day) override;
  std::size_t open_cases(std::uint32_t first, const std::int32_t* days, std::size_t count, Status* statuses) override;
  void export_states(std::uint32_t first, std::size_t count, std::uint16_t* states,
                     std::int32_t* last_days) const override;
  std::uint16_t state_of(std::uint32_t case_index) const override;
  std::optional<Date> last_transition(std::uint32_t case_index) const override;
  std::vector<std::int64_t> pending_timer_counts() const override;
  std::int64_t count_met_late() const override { return met_late_; }
  std::vector<std::int64_t> count_by_state() const override;

  Outcome apply(std::uint32_t case_index, const EventInput& event) override;
  std::size_t apply_batch(const EventRecord* records, std::size_t count, Status* statuses) override;
  std::size_t apply_compact(const CompactRecord* records, std::size_t count, Status* statuses) override;
  std::string batch_message(std::size_t position) const override;
  void advance(Date to, unsigned threads) override;

  // A row keeps no history: each of these says so (std::logic_error naming the call).
  const Case& at(std::uint32_t case_index) const override;
  std::vector<std::uint32_t> entering_week(std::int32_t week, Date from, Date to) const override;
  std::map<std::uint16_t, std::vector<std::uint32_t>> overdue(Date on) const override;
  std::vector<DueItem> due_within(Date from, Date to) const override;
  std::map<std::int64_t, std::vector<std::uint32_t>> over_weeks_by(std::int32_t weeks, Date on,
                                                                    std::string_view group) const override;
  std::vector<std::uint32_t> flagged(std::string_view bool_variable) const override;
  std::vector<std::pair<std::uint32_t, Date>> points_within(std::string_view point, Date from, Date to) const override;
  std::vector<ClosureCount> closures(std::string_view caseworker_variable,
                                     std::string_view technical_reason) const override;
  std::vector<std::int64_t> variable_changes(std::string_view variable) const override;
  std::map<std::int64_t, std::int64_t> open_by(std::string_view variable) const override;
  Punctuality punctuality(const std::vector<std::string>& obligations, Date on) const override;
  std::vector<std::uint32_t> holding(std::string_view variable) const override;
  const std::vector<VariableChange>& history(std::uint32_t case_index) const override;

 private:
  /// A record of the last batch that no rule took, in one 8-byte store: enough to build its
  /// message later (the status is not_allowed).
  struct Note {
    std::uint32_t position;
    std::uint16_t event;
    std::uint16_t state;
  };

  // The kernel (fixed_store.cpp): row code compiled once per obligation count K.
  template <std::size_t K> void run_k(std::int32_t* row, const fixed::Entry& e, std::int32_t day, std::int64_t value);
  template <std::size_t K> void fire_row(std::int32_t* row, std::int32_t day);
  template <std::size_t K> void fire_k(std::int32_t* row, std::int32_t day);
  template <class F> decltype(auto) with_k(F&& f);
  void run(std::int32_t* row, const fixed::Entry& e, std::int32_t day, std::int64_t value);
  void fire(std::int32_t* row, std::int32_t day);
  template <class Reader, class Record> std::size_t batch(const Record* records, std::size_t n, Status* statuses);
  template <std::size_t K, bool kStatuses, class Reader, class Record>
  std::size_t batch_k(const Reader reader, const Record* records, std::size_t n, Status* statuses);
  template <std::size_t K, class Reader, class Record>
  unsigned fire_then_take(const Reader& reader, std::int32_t* row, const Record& r, std::size_t i, Note* note);
  template <class Record> Status reject_record(const Record& r, std::size_t i);
  template <class Record>
  Status note(const Record& r, std::size_t position, Status st, InputProblem problem, std::uint16_t field,
              std::int64_t value);
  InputProblem range_problem(std::uint16_t event, std::size_t f) const;
  [[noreturn]] void refuse(const char* what) const;

  RuleSet rules_;
  const rules::Model* model_;
  const fixed::Table* table_;
  std::size_t stride_;  // words per row: row_words(obligations)
  RowStore rows_;
  std::size_t count_ = 0;
  std::int64_t met_late_ = 0;
  std::int32_t advanced_day_ = INT32_MIN;  // the latest advance, for out-of-order checks
  std::vector<std::pair<std::size_t, Outcome>> rejections_;  // of the last batch: the cold path's, in full
  std::unique_ptr<Note[]> notes_;  // the last batch's notes, not zero-filled: written before read
  std::size_t notes_len_ = 0;
  std::size_t notes_cap_ = 0;
};

}  // namespace caseflow::stores
