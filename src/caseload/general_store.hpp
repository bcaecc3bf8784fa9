// The caseload's general store: one full Case per case, so every event, every query and every
// KPI; a queue of cases by their next due date, so that an advance touches only the cases with a
// timer due; and per case and variable how often the variable changed.
#pragma once

#include <functional>
#include <queue>

#include "caseload/store.hpp"

namespace caseflow::stores {

/// The cases of a caseload as Case objects.
class GeneralStore final : public Store {
 public:
  explicit GeneralStore(RuleSet rules);

  bool is_fast() const noexcept override { return false; }
  std::size_t bytes_per_case() const noexcept override { return sizeof(Case); }
  std::size_t size() const noexcept override { return cases_.size(); }
  void add_cases(std::size_t count) override;

  Outcome open_at(std::uint32_t case_index, Date day) override;
  std::size_t open_cases(std::uint32_t first, const std::int32_t* days, std::size_t count, Status* statuses) override;
  void export_states(std::uint32_t first, std::size_t count, std::uint16_t* states,
                     std::int32_t* last_days) const override;
  std::uint16_t state_of(std::uint32_t case_index) const override;
  std::optional<Date> last_transition(std::uint32_t case_index) const override;
  std::vector<std::int64_t> pending_timer_counts() const override;
  std::int64_t count_met_late() const override;
  std::vector<std::int64_t> count_by_state() const override;

  Outcome apply(std::uint32_t case_index, const EventInput& event) override;
  std::size_t apply_batch(const EventRecord* records, std::size_t count, Status* statuses) override;
  std::size_t apply_compact(const CompactRecord* records, std::size_t count, Status* statuses) override;
  std::string batch_message(std::size_t position) const override;
  void advance(Date to, unsigned threads) override;

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
  // Cases by the date of their next timer; stale entries are skipped when popped.
  using Due = std::pair<std::int32_t, std::uint32_t>;

  void enqueue(std::uint32_t c);
  std::size_t variable(std::string_view name) const;
  // Opened and not in a final state.
  bool active(std::uint32_t c) const;
  // The active cases whose value of `variable` passes `keep`, by index.
  template <class Keep>
  std::vector<std::uint32_t> active_where(std::string_view variable, Keep keep) const;

  RuleSet rules_;
  std::vector<Case> cases_;
  std::vector<std::string> variable_names_;
  std::vector<std::int64_t> changes_;  // per case × variable: value changes after the first set
  std::vector<std::int64_t> scratch_;  // variables before an event
  std::vector<std::vector<VariableChange>> history_;  // per case: each new value, with its event's date
  std::priority_queue<Due, std::vector<Due>, std::greater<Due>> queue_;
  std::optional<Date> advanced_to_;
  std::vector<std::pair<std::size_t, Outcome>> rejections_;  // of the last batch
};

}  // namespace caseflow::stores
