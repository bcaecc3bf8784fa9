// caseflow events: the vocabulary in which a case is told what happened — an event with its typed
// field values — and in which the engine answers (a status, and what is needed to explain a
// rejection). Reading events from text is caseflow/io.hpp's; applying them is caseflow/engine.hpp's.
#pragma once

#include <cstddef>
#include <cstdint>

#include "caseflow/calendar.hpp"

namespace caseflow {

/// Why an event or an advance was not applied.
enum class Status : std::uint8_t {
  ok = 0,
  bad_input,      ///< a field is missing, of the wrong value, or a date list is malformed
  not_allowed,    ///< no rule takes this event in the case's state (a final state included)
  guard_failed,   ///< a rule matched but its guard refused the event
  out_of_order,   ///< dated before the case's clock
  not_open,       ///< the case is not open and the event does not open one
  already_open,   ///< an opening event for a case that is already open
};

/// What was wrong with a field (Status::bad_input).
enum class InputProblem : std::uint8_t {
  none,
  unknown_event,      ///< the event id is not in the rule-set
  missing_field,      ///< a required field is absent
  value_not_in_set,   ///< an enum index outside its values
  value_out_of_range, ///< an int outside min … max, a bool not 0/1, a date outside the calendar
  bad_pairs,          ///< a date pair whose first day is after its last, or pairs that overlap
  pairs_not_before,   ///< a prior period that does not end before the event's date
  too_many_fields,    ///< more field values than the event has fields
  unknown_case,       ///< a batch record names a case index the caseload does not have
  not_batchable,      ///< a batch record for an event with a list field or too many fields
};

/// One field value of an event. Enum values are indices into the field's values, dates are days
/// since 1970-01-01, booleans 0/1, strings an id the caller interned; date pairs point aside.
struct FieldValue {
  bool present = false;
  std::int64_t number = 0;
  const DateInterval* pairs = nullptr;  ///< date_pairs: [first, last] both included
  std::size_t pair_count = 0;
};

/// An event to apply: its kind (RuleSet::find_event), date and field values in declaration order.
struct EventInput {
  std::uint16_t event = 0;
  Date date;
  const FieldValue* fields = nullptr;
  std::size_t field_count = 0;
};

/// The result of apply() or advance(): a status and what is needed to explain a rejection.
struct Outcome {
  Status status = Status::ok;
  InputProblem problem = InputProblem::none;
  std::uint16_t event = 0xFFFF;
  std::uint16_t state = 0xFFFF;
  std::uint16_t transition = 0xFFFF;
  std::uint16_t guard = 0xFFFF;
  std::uint16_t field = 0xFFFF;
  Date date;
  Date clock;
  std::int64_t value = 0;
  std::uint8_t version = 0;  ///< the rule-set version whose rule judged the event
  /// True when the call was applied.
  explicit operator bool() const noexcept { return status == Status::ok; }
};

/// The name of a status ("guard_failed").
const char* to_string(Status s) noexcept;

}  // namespace caseflow
