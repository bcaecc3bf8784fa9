// What a caseload store does: the cases of a caseload, however they are kept. Caseload keeps the
// case ids, the string table and the argument checks, and forwards every call to its one store:
// the general store (a full Case per case: every query) or the fixed-shape store (a small row per
// case, run by the rule-set's fixed-shape table: replay statistics only). One virtual call per
// Caseload call; a batch runs inside one call.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "caseflow/caseload.hpp"

namespace caseflow::stores {

/// The cases of a caseload. Unless a method says otherwise, the caller has checked its arguments:
/// case indexes below size(), dates within the calendar, ranges within the cases.
class Store {
 public:
  virtual ~Store() = default;

  /// Whether cases are rows run by the fixed-shape table.
  virtual bool is_fast() const noexcept = 0;
  /// Bytes of hot state per case.
  virtual std::size_t bytes_per_case() const noexcept = 0;
  /// The number of cases.
  virtual std::size_t size() const noexcept = 0;
  /// Adds `count` cases, not yet opened.
  virtual void add_cases(std::size_t count) = 0;

  /// Opens a case in the initial state on `day` with no event.
  virtual Outcome open_at(std::uint32_t case_index, Date day) = 0;
  /// Opens cases first … first + count − 1 on days[0 … count − 1], as Caseload::open_cases; the
  /// cases lie within the store, the days are checked here (bad_input outside the calendar).
  virtual std::size_t open_cases(std::uint32_t first, const std::int32_t* days, std::size_t count,
                                 Status* statuses) = 0;
  /// As Caseload::export_states.
  virtual void export_states(std::uint32_t first, std::size_t count, std::uint16_t* states,
                             std::int32_t* last_days) const = 0;
  /// A case's state, 0xFFFF before it opens.
  virtual std::uint16_t state_of(std::uint32_t case_index) const = 0;
  /// The date of a case's last state change.
  virtual std::optional<Date> last_transition(std::uint32_t case_index) const = 0;
  /// Pending timers with a date, per timer id.
  virtual std::vector<std::int64_t> pending_timer_counts() const = 0;
  /// Obligation instances met late, over all cases.
  virtual std::int64_t count_met_late() const = 0;
  /// Opened cases per state id.
  virtual std::vector<std::int64_t> count_by_state() const = 0;

  /// Applies one event to one case, transactionally.
  virtual Outcome apply(std::uint32_t case_index, const EventInput& event) = 0;
  /// As Caseload::apply_batch (case indexes are checked here, per record); the batch's size is checked.
  virtual std::size_t apply_batch(const EventRecord* records, std::size_t count, Status* statuses) = 0;
  /// As Caseload::apply_compact.
  virtual std::size_t apply_compact(const CompactRecord* records, std::size_t count, Status* statuses) = 0;
  /// The message of a record of the last batch: empty when it was applied.
  virtual std::string batch_message(std::size_t position) const = 0;
  /// Advances every open case to `to`, on up to `threads` threads.
  virtual void advance(Date to, unsigned threads) = 0;

  // ---- what needs each case's history: Caseload's queries and KPIs, with its contracts ----

  /// One case (range-checked here: std::out_of_range).
  virtual const Case& at(std::uint32_t case_index) const = 0;
  virtual std::vector<std::uint32_t> entering_week(std::int32_t week, Date from, Date to) const = 0;
  virtual std::map<std::uint16_t, std::vector<std::uint32_t>> overdue(Date on) const = 0;
  virtual std::vector<DueItem> due_within(Date from, Date to) const = 0;
  virtual std::map<std::int64_t, std::vector<std::uint32_t>> over_weeks_by(std::int32_t weeks, Date on,
                                                                            std::string_view group) const = 0;
  virtual std::vector<std::uint32_t> flagged(std::string_view bool_variable) const = 0;
  virtual std::vector<std::pair<std::uint32_t, Date>> points_within(std::string_view point, Date from,
                                                                    Date to) const = 0;
  virtual std::vector<ClosureCount> closures(std::string_view caseworker_variable,
                                             std::string_view technical_reason) const = 0;
  virtual std::vector<std::int64_t> variable_changes(std::string_view variable) const = 0;
  virtual std::map<std::int64_t, std::int64_t> open_by(std::string_view variable) const = 0;
  virtual Punctuality punctuality(const std::vector<std::string>& obligations, Date on) const = 0;
  virtual std::vector<std::uint32_t> holding(std::string_view variable) const = 0;
  /// A case's variable changes (range-checked here: std::out_of_range).
  virtual const std::vector<VariableChange>& history(std::uint32_t case_index) const = 0;
};

/// The outcome of an event for a case the caseload does not have.
inline Outcome unknown_case(std::uint32_t case_index, const EventInput& event) {
  Outcome out;
  out.status = Status::bad_input;
  out.problem = InputProblem::unknown_case;
  out.event = event.event;
  out.date = event.date;
  out.value = case_index;
  return out;
}

/// Runs work(from, until) over [0, n) split into `threads` contiguous parts, the first on the
/// calling thread. Should a thread fail to start, the calling thread does its part too: an
/// advance never ends half done, nor with threads left unjoined.
template <class Work>
void split_work(std::size_t n, unsigned threads, const Work& work) {
  const std::size_t chunk = (n + threads - 1) / std::max(1u, threads);
  std::vector<std::thread> pool;
  std::size_t from = std::min(n, chunk);
  try {
    for (; from < n; from = std::min(n, from + chunk)) pool.emplace_back(work, from, std::min(n, from + chunk));
  } catch (...) {
    work(from, n);  // the parts no thread took
  }
  work(0, std::min(n, chunk));
  for (std::thread& th : pool) th.join();
}

}  // namespace caseflow::stores
