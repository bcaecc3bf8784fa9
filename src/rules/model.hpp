// The compiled form of a rule-set: flat arrays indexed by small integers, built once by the loader
// and read by the engine. Nothing here knows Danish law; the rule file says everything.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "caseflow/calendar.hpp"
#include "caseflow/ruleset.hpp"

namespace caseflow::fixed {
struct Table;
}

namespace caseflow::rules {

/// A small id into one of the model's tables.
using Id = std::uint16_t;
/// No id: "none", "no target state", "not given".
constexpr Id kNone = 0xFFFF;
/// The value of a date or number that is not known (an unset variable, a point not yet found).
constexpr std::int64_t kUnknown = std::numeric_limits<std::int64_t>::min();

/// What an expression node computes; dates are days since 1970-01-01 in an int64.
enum class Op : std::uint8_t {
  // leaves
  literal,      // value
  day1,         // the case's day 1
  event_date,   // the date of the event or timer being applied
  timer_start,  // the date the timer (or obligation instance) being evaluated started
  param,        // a = parameter
  field,        // a = field of the current event
  var,          // a = case variable
  point,        // a = derived point
  timer_date,   // a = timer
  entered,      // a = scope: the date the case last entered it
  current,      // the value so far inside `adjust`
  // date arithmetic
  day_n,             // args[0] = N: day1 + N − 1
  add_days,          // args: date, days
  add_months,        // args: date, months (anniversary rule)
  period_end_months, // args: date, months
  period_end_weeks,  // args: date, weeks
  month_end,         // args: date
  later,             // args: dates (unknown if any is)
  earlier,           // args: dates (unknown if any is)
  first_known,       // args: values: the first known
  counted_days,      // args: window months, threshold: the first own paid day exceeding it
  counted_in_window, // args: window months, date: counted days (prior ones too) in the window at the date's month, up to it
  adjust,            // args: start, cond, value, cond, value, …: each step whose condition holds replaces the value so far
  cond,              // args: cond, value, cond, value, …, else-value (kNone: unknown)
  // integer arithmetic
  mul,               // args: numbers
  sum,               // args: numbers
  // conditions (value 1 or 0)
  equals,            // args[0] value; b = constant in `value`
  in_set,            // args[0] value; set = values
  present,           // a = field: given on the event
  known,             // args[0]: the value is known
  visited,           // a = scope: the case has been in it
  in_state,          // a = scope: the case is in it now
  paid,              // value: 1 when benefit is being paid
  compare,           // args: left, right; b = Compare
  between,           // args: value, low, high (both included)
  all,
  any,
  negate,
};

/// How `compare` orders its operands.
enum class Compare : std::uint8_t { on_or_before, on_or_after, before, after, same };

/// One node of an expression or condition tree; children are indices into Model::exprs.
struct Expr {
  Op op = Op::literal;
  Id a = kNone;
  std::uint8_t b = 0;
  std::int64_t value = 0;
  std::vector<std::uint32_t> args;
  std::vector<std::int64_t> set;
};

/// Where something was written in the rule file, for messages.
struct SourceMark {
  int line = 0;
  int column = 0;
};

/// A number or date parameter, possibly changing at dates; chosen by the case's day 1.
struct Param {
  std::string name;
  bool is_date = false;
  std::int64_t value = 0;
  std::vector<std::pair<Date, std::int64_t>> changes;  // sorted: from this day 1 on, this value
  std::string legal_ref;
  std::string doc;
  /// The value for a case whose day 1 is `day1`.
  std::int64_t at(Date day1) const noexcept {
    std::int64_t v = value;
    for (const auto& c : changes)
      if (day1 >= c.first) v = c.second;
    return v;
  }
};

/// One field of an event.
struct Field {
  std::string name;
  FieldType type = FieldType::string;
  bool required = true;
  bool has_default = false;
  std::int64_t default_value = 0;
  std::vector<std::string> values;  // enum
  std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

/// An event kind with its typed fields.
struct Event {
  std::string name;
  std::string doc;
  std::vector<Field> fields;
  bool opens = false;  // has a transition from no case
  SourceMark mark;     // where it is declared
};

/// A state (a leaf of the state tree) or a parent grouping states ("sickness_benefit").
struct Scope {
  std::string name;
  bool leaf = false;
  bool final = false;
  std::string doc;
  SourceMark mark;  // where it is declared (a parent: its first state)
};

/// A case variable (category, caseworker, an extension's last day), set by transition effects.
struct Variable {
  std::string name;
  FieldType type = FieldType::integer;
  std::int64_t initial = kUnknown;
  std::string doc;
  Id enum_event = kNone;  // an enum variable: the event field whose values it holds (`of:`)
  Id enum_field = kNone;
};

/// A derived date (the reassessment point), recomputed while the case is in `recompute_in`.
struct Point {
  std::string name;
  std::uint32_t expr = 0;
  Id recompute_in = kNone;
  std::string legal_ref;
  std::string doc;
};

/// A date-driven trigger: started by events or by entering a state, cancelled by leaving its scope.
struct Timer {
  std::string name;
  bool version_by_event = false;  // the version in force when it starts, not on day 1
  Id scope = kNone;
  std::vector<Id> start_on_events;
  Id start_on_enter = kNone;  // a scope
  std::vector<Id> cancel_on;
  std::uint32_t date = 0;
  Id recompute_in = kNone;
  std::string legal_ref;
  std::string doc;
  SourceMark mark;  // where it is declared
};

/// One way an obligation arises: on an event, a timer, entering a state or opening, with its due.
struct Arising {
  Id on_event = kNone;
  Id on_timer = kNone;
  Id on_enter = kNone;  // a scope
  std::uint32_t when = UINT32_MAX;  // condition, or none
  std::uint32_t due = 0;
  Id recompute_in = kNone;
};

/// A deadline that events must meet (a follow-up before week 8, a decision by the point).
struct Obligation {
  std::string name;
  bool version_by_event = false;  // each instance follows the version in force when it arises
  /// The transitional rule of the version that writes this declaration: on that version's first
  /// day, an open instance that arose under an earlier version lapses and arises again under this
  /// one (else it keeps the rule it arose under). False in a version that only inherits it.
  bool lapse_on_switch = false;
  Id scope = kNone;  // kNone: the whole case
  std::vector<Arising> arises;
  std::vector<Id> met_by;  // events
  /// Per entry of met_by: a condition the event must also pass to meet an open instance (UINT32_MAX:
  /// none); `timer_start` in it is the day the instance arose.
  std::vector<std::uint32_t> met_when;
  /// Events that close every open instance, as leaving the scope does (lapsed, or missed if overdue).
  std::vector<Id> lapse_on;
  std::string legal_ref;
  std::string doc;
  SourceMark mark;  // where it is declared
};

/// A condition an event must pass, with the message and reference given when it does not.
struct Guard {
  std::uint32_t check = 0;
  std::string message;
  std::string legal_ref;
};

/// What an accepted transition does besides changing state.
struct Effect {
  enum Kind : std::uint8_t { set_var, pay_from, pay_stop, pay_resume, prior_periods, start_timer, cancel_timer };
  Kind kind = set_var;
  Id target = kNone;        // variable, field or timer
  std::uint32_t expr = 0;   // set_var, pay_from
};

/// Where a closure reason comes from: a literal name or an enum field of the event.
struct ReasonSource {
  Id literal = kNone;  // index into Model::reasons
  Id field = kNone;    // an enum field whose value names the reason
};

/// A rule: from states, on an event or timer, optionally selected by `when`, guarded, to a state.
struct Transition {
  std::string id;
  std::string legal_ref;
  std::string doc;
  std::uint64_t from_mask = 0;  // leaves it applies from; 0 with opens = from no case
  bool opens = false;
  Id event = kNone;
  Id timer = kNone;
  std::uint32_t when = UINT32_MAX;
  std::vector<Guard> guards;
  Id to = kNone;  // kNone: no state change
  std::vector<Effect> effects;
  ReasonSource reason;
  std::vector<Id> reason_by_enum;  // for reason.field: enum index → reason index
  SourceMark mark;
  /// Which version governs it: the one in force on the case's day 1, or on the event's date.
  bool version_by_event = false;
  /// Not part of this version (defined by another one): kept so that a transition's index names
  /// the same rule in every version, but never taken.
  bool disabled = false;
};

/// The whole compiled rule-set (one version of it).
struct Model {
  std::string name;
  std::string version_name = "1";  // this version's label
  Date version_from = Date::min();  // the first day it governs
  std::string version_legal_ref;    // the act that brought this version, when the file says
  std::string version_doc;          // what this version changes, when the file says
  std::string origin;  // file path or built-in name
  std::string description;
  Date valid_from = Date::min();
  Date valid_until = Date::max();

  std::vector<Param> params;
  std::vector<Scope> scopes;     // leaves (states) first, then parents
  std::size_t leaf_count = 0;
  std::vector<std::uint64_t> scope_mask;  // per leaf: bits of the scopes containing it
  Id initial = kNone;
  std::vector<Variable> variables;
  std::vector<Event> events;
  std::vector<Point> points;
  std::vector<Timer> timers;
  std::vector<Obligation> obligations;
  std::vector<Transition> transitions;
  std::vector<std::string> reasons;
  std::vector<Expr> exprs;

  /// Dense table: for (leaf, trigger) the candidate transitions in file order, as a range of
  /// `candidates`. Triggers are the events, then the timers.
  struct Cell {
    std::uint32_t first = 0;
    std::uint16_t count = 0;
  };
  std::vector<Cell> table;
  std::vector<Id> candidates;
  std::vector<Id> opening;  // transitions from no case, per event (kNone if none)
  /// Opens a case in the initial state with no event (Case::open_at): a case that simply starts.
  Transition initial_opening;

  /// Derived indexes so the engine never scans names.
  std::vector<std::vector<Id>> timers_started_by_event;    // per event
  std::vector<std::vector<Id>> timers_cancelled_by_event;  // per event
  std::vector<std::vector<Id>> obligations_met_by_event;   // per event
  std::vector<std::vector<Id>> obligations_lapsed_by_event;  // per event
  std::vector<bool> scope_has_entry_anchor;                // scopes used by `entered`
  bool uses_visited = false;

  std::size_t trigger_count() const noexcept { return events.size() + timers.size(); }
  const Cell& cell(std::size_t leaf, std::size_t trigger) const noexcept {
    return table[leaf * trigger_count() + trigger];
  }
  /// Whether leaf `state` lies within scope `scope`.
  bool within(std::size_t state, Id scope) const noexcept {
    return scope == kNone ? true : ((scope_mask[state] >> scope) & 1u) != 0;
  }
};

/// A rule-set's fixed-shape table (rules/fixed_shape.hpp), compiled on first use by
/// fixed::table_of and kept with the rule-set, so that every caseload reuses it.
struct FixedShapeCache {
  std::once_flag compiled;
  std::shared_ptr<const fixed::Table> table;  ///< null: the rule-set does not fit
  std::string why_not;
};

/// Every version of a rule-set, oldest first; they share states, events, variables, points, timer
/// and obligation names, and transition indices.
struct ReportSpec;

struct Versions {
  std::vector<Model> models;
  /// The `report:` block, read once for all versions (rules/report_spec.hpp).
  std::shared_ptr<const ReportSpec> report;
  /// The fixed-shape table, once compiled: one per loaded rule-set, which its copies share.
  std::shared_ptr<FixedShapeCache> fixed_shape = std::make_shared<FixedShapeCache>();

  /// The version in force on `day`: the last one that starts on or before it (else the first).
  std::size_t at(Date day) const noexcept {
    std::size_t v = 0;
    for (std::size_t i = 1; i < models.size(); ++i)
      if (models[i].version_from <= day) v = i;
    return v;
  }
};

/// Parses a rule file into all its versions; throws RuleSetError.
Versions load_versions(std::string_view text, const std::string& origin);

}  // namespace caseflow::rules
