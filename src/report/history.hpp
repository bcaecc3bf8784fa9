// A case's past as the report reads it: its state, whether it was open, and a variable's value on
// any day, from the trace and the caseload's variable history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "caseflow/caseload.hpp"

namespace caseflow::report {

/// One case of a caseload with its variable history, read on past days.
struct CaseView {
  CaseView(const Caseload& load, std::uint32_t index);
  /// The state on day `d` (after that day's transitions); empty before the case opened.
  std::optional<std::uint16_t> state_on(Date d) const;
  /// Opened on or before `d` and not closed on or before it (a case closing on `d` is not open).
  bool open_on(Date d) const;
  /// A variable's raw value after the events of day `d`, if it had one.
  std::optional<std::int64_t> value_on(std::uint16_t variable, Date d) const;

  const Case& k;
  const std::vector<VariableChange>& history;
};

/// "2025-W07": the ISO week of a day.
std::string iso_week_name(Date d);
/// "2025-02": the month of a day.
std::string month_name(Date d);

}  // namespace caseflow::report
