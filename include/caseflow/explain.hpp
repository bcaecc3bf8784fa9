// caseflow explanation: why a case is in its state on a date, and where each due date and timer
// date comes from (the rule, its version, the arithmetic step by step, the legal reference), as
// data returned by the engine (Case::explain). The io layer writes it as text or JSON
// (explanation_text, explanation_json in caseflow/io.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "caseflow/calendar.hpp"

namespace caseflow {

enum class ObligationStatus : std::uint8_t;

/// One step of the arithmetic behind a date: a sentence, and the steps it rests on.
struct ExplanationStep {
  std::string text;
  std::vector<ExplanationStep> because;
};

/// A date rule and how it was worked out for one case.
struct DateWorking {
  std::string rule;              ///< the rule in words ("the day it arose + 14 (reply_days) days")
  std::string version;           ///< the rule-set version the rule was taken from (its name)
  /// False when nothing says how the date was computed (a timer that fired while the case kept no
  /// explanations): then only `rule` is filled.
  bool explained = true;
  /// True when the steps were kept at the moment the engine computed the date (the case records
  /// explanations); false when they were worked out again on the case as it is now.
  bool recorded = false;
  std::optional<Date> result;    ///< where the steps lead (empty: unknown)
  std::string phrase;            ///< the result in a phrase with its source, for a rule with no steps
  std::vector<ExplanationStep> steps;
};

/// One transition taken, with its cause and rule.
struct TransitionExplanation {
  Date date;
  std::optional<std::string> from;  ///< empty for the opening
  std::string to;
  std::optional<std::string> event;  ///< the cause, when an event
  std::optional<std::string> timer;  ///< the cause, when a timer
  std::string rule;                  ///< the rule's id; empty when a case simply started
  std::string rule_doc;
  std::string legal_ref;
  std::string version;               ///< the rule-set version the rule was taken from
  // For a timer: the timer and how its date was computed for the run that fired.
  std::string timer_doc;
  std::string timer_legal_ref;
  std::optional<Date> timer_started;
  std::optional<DateWorking> timer_date;
};

/// An obligation instance and where its due date comes from.
struct ObligationExplanation {
  std::string name;
  std::string doc;
  std::string legal_ref;
  std::optional<Date> due;      ///< the engine's due date (empty: unknown)
  ObligationStatus status;
  std::optional<Date> met_on;
  Date arose;
  std::string arose_how;        ///< "on event sick_listed", "when timer x fired", "on entering s"
  DateWorking due_date;
};

/// A pending timer and where its date comes from.
struct TimerExplanation {
  std::string name;
  std::string doc;
  std::string legal_ref;
  Date due;                     ///< the engine's date
  std::optional<Date> started;
  DateWorking date;
};

/// A case explained on a date: its state, the transitions that led there, its obligation
/// instances, its pending timers and the events it allows.
struct CaseExplanation {
  std::string ruleset;
  Date as_of;
  std::string state;
  std::string state_doc;
  std::optional<std::string> reason;
  Date day1;
  std::size_t version_count = 1;  ///< the rule-set's versions
  std::string version_on_day1;    ///< the version in force on day 1
  std::vector<TransitionExplanation> transitions;
  std::vector<ObligationExplanation> obligations;
  std::vector<TimerExplanation> timers;
  std::vector<std::string> allowed_events;

  /// Every date the explanation does not lead to, in words (empty when each step leads to the
  /// engine's date): a fired timer with no record of its date, or a result that differs.
  std::vector<std::string> disagreements() const;
};

/// A date as an explanation writes it: "9 Jul 2025".
std::string date_words(Date d);

}  // namespace caseflow
