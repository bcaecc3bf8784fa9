// Messages for rejections, built only when asked for: the hot path returns a status code.
#include "caseflow/engine.hpp"
#include "rules/model.hpp"

namespace caseflow {

std::string Case::describe(const Outcome& o) const { return caseflow::describe(rules_, o); }

namespace {

// A day for a message: ISO text within the calendar, else its number (an outcome may carry any day
// a caller passed, and building the message must not fail on it).
std::string day_text(Date d) { return d.in_calendar() ? d.iso() : "day " + std::to_string(d.days()); }

}  // namespace

std::string describe(const RuleSet& rules, const Outcome& o) {
  const rules::Model& m = rules.model(o.version < rules.version_count() ? o.version : 0);
  const auto event_name = [&]() -> std::string {
    return o.event < m.events.size() ? "'" + m.events[o.event].name + "'" : "#" + std::to_string(o.event);
  };
  const auto state_name = [&]() -> std::string {
    return o.state < m.leaf_count ? m.scopes[o.state].name : std::string("(no case)");
  };
  switch (o.status) {
    case Status::ok:
      return "ok";
    case Status::bad_input: {
      if (o.problem == InputProblem::unknown_event) return "unknown event id " + std::to_string(o.value);
      if (o.problem == InputProblem::unknown_case) return "no case with index " + std::to_string(o.value);
      if (o.problem == InputProblem::not_batchable)
        return "event " + event_name() + " has a list field or more fields than a batch record holds: apply it on its own";
      if (o.problem == InputProblem::too_many_fields)
        return "event " + event_name() + " has " + std::to_string(m.events[o.event].fields.size()) + " fields";
      if (o.field == 0xFFFF) {
        // No event: a day given to start or advance a case.
        if (o.event == 0xFFFF) return "day " + std::to_string(o.value) + " is outside the calendar (1400-01-01 … 9999-12-31)";
        return "the date of event " + event_name() + " is outside 1400-01-01 … 9999-12-31";
      }
      const rules::Field& f = m.events[o.event].fields[o.field];
      const std::string field = "field '" + f.name + "' of " + event_name();
      switch (o.problem) {
        case InputProblem::missing_field: return field + " is required";
        case InputProblem::value_not_in_set: {
          std::string list;
          for (const auto& v : f.values) list += (list.empty() ? "" : ", ") + v;
          return field + " must be one of: " + list;
        }
        case InputProblem::value_out_of_range:
          if (f.type == FieldType::integer)
            return field + ": " + std::to_string(o.value) + " is outside " + std::to_string(f.min) + "–" + std::to_string(f.max);
          return field + ": value " + std::to_string(o.value) + " is out of range";
        case InputProblem::bad_pairs:
          return field + ": pair " + std::to_string(o.value + 1) + " ends before it starts or overlaps an earlier pair";
        case InputProblem::pairs_not_before:
          return field + ": pair " + std::to_string(o.value + 1) + " does not end before the event's date " + day_text(o.date);
        default: return field + " is wrong";
      }
    }
    case Status::not_allowed:
      if (o.state < m.leaf_count && m.scopes[o.state].final)
        return "event " + event_name() + " is not allowed: the case is in the final state " + state_name();
      if (o.value == 1)
        return "event " + event_name() + " with these field values is not allowed in state " + state_name();
      return "event " + event_name() + " is not allowed in state " + state_name();
    case Status::guard_failed: {
      const rules::Transition& t = m.transitions[o.transition];
      const rules::Guard& g = t.guards[o.guard];
      return "event " + event_name() + " on " + day_text(o.date) + " refused: " + g.message + " (rule " + t.id +
             ", " + g.legal_ref + ")";
    }
    case Status::out_of_order:
      return "event " + event_name() + " dated " + day_text(o.date) + " is before the case's clock " + day_text(o.clock);
    case Status::not_open:
      if (o.event == 0xFFFF) return "the case is not open";
      return "event " + event_name() + " for a case that is not open (a case opens with its first event, e.g. sick_listed)";
    case Status::already_open:
      return "the case is already open: a second " + event_name() + " is not allowed";
  }
  return "unknown status";
}

}  // namespace caseflow
