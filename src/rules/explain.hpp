// Expressions in words. describe_expr() renders a rule's date or condition as text (for diagrams);
// explain() writes the steps of an evaluation that the one evaluator (rules/eval.hpp) kept with the
// words trace, each with its inputs ("counting from 5 Feb 2025, the 155th counted day is 9 Jul 2025;
// the month of 9 Jul 2025 ends 31 Jul 2025"). The values are the evaluator's; the words only name
// them. Nothing here knows Danish law or the engine: a case comes in as a Source and a WordsContext
// (the engine's own), or through ExprEnv.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "caseflow/explain.hpp"
#include "rules/eval.hpp"
#include "rules/model.hpp"

namespace caseflow::rules {

/// A date in words, as a reader writes it: "9 Jul 2025".
inline std::string long_date(Date d) { return date_words(d); }
/// A raw value in words: a long date for a date expression, a number otherwise, "unknown" if unknown.
std::string value_text(std::int64_t value, bool is_date);

/// An expression in words with parameters shown by name and value (their value for a case whose
/// day 1 is `day1`, or the base value when none is given); `event` names the event whose fields the
/// expression may read (kNone: none), so that enum values are shown by name. Points are spelled
/// out the first time they appear, unless `expand_points` is false. `anchor`, when given, names
/// `event_date` and `timer_start` ("the day it arose"); else they read "the event's date", "the start".
std::string describe_expr(const Model& m, std::uint32_t expr, Id event = kNone,
                          std::optional<Date> day1 = std::nullopt, bool expand_points = true,
                          const char* anchor = nullptr);

/// A condition in words ("field outcome is resource_course"); `event` as for describe_expr.
std::string describe_condition(const Model& m, std::uint32_t cond, Id event = kNone);

/// What a counted-days search found, as the engine kept it (see Case::counted_days_found).
struct CountedDaysInputs {
  Date counting_from;   ///< the first day that can count (after the own period)
  Date found;           ///< the day X: the first own counted day on which the count exceeded the limit
  std::int64_t counted = 0;  ///< counted days (prior ones included) on or before X in X's window
  std::int64_t prior = 0;    ///< of which days of prior periods
  std::int32_t window_months = 0;
};

/// One step of an explanation: a sentence, and the steps it rests on.
using Step = ExplanationStep;

/// An expression explained: its value (kUnknown if unknown), a short phrase naming it in the
/// sentence that uses it ("31 Jul 2025 (the point reassessment_point)"), and the steps computing it.
struct Explanation {
  std::int64_t value = kUnknown;
  std::string phrase;
  std::vector<Step> steps;
};

/// What the words of an explanation need of a case besides the values the evaluator computed.
class WordsContext {
 public:
  virtual ~WordsContext() = default;
  /// The case's day 1 (parameters are named with their value for it).
  virtual std::optional<Date> day1() const = 0;
  /// What `event_date` and `timer_start` are, in words ("the day it arose").
  virtual std::string anchor_name() const = 0;
  /// The name of a field of the event being applied.
  virtual std::string field_name(Id field) const;
  /// Where a variable's value came from, in words ("set by rule x on 1 Aug 2018"), or empty.
  virtual std::string var_origin(Id var) const;
  /// How the rule that set a variable computed its value, when known (else null).
  virtual const Explanation* var_explanation(Id var) const;
  /// What the counted-days search that gave `found` counted (within a point's rule: `point`).
  virtual std::optional<CountedDaysInputs> counted_days(Id point, Date found, std::int32_t window_months) const = 0;
};

/// The words trace of the evaluator (rules/eval.hpp): a node per step of the walk, with the value
/// the evaluator computed there, from which explain() writes the sentences.
class WordsTrace {
 public:
  static constexpr bool kWords = true;
  struct Node {
    std::uint32_t expr = 0;
    std::int64_t value = kUnknown;
    std::int64_t note = kUnknown;  ///< day N: the day 1 it counted from
    bool test = false;             ///< a condition a `cond` judged (value 1 or 0)
    /// The steps below, in the order they were evaluated; a point's first appearance: its rule.
    std::vector<Node> kids;
  };
  Node& child(Node& n) {
    n.kids.emplace_back();
    return n.kids.back();
  }
  void done(Node& n, std::uint32_t x, std::int64_t v) noexcept {
    n.expr = x;
    n.value = v;
  }
  void note(Node& n, std::int64_t v) noexcept { n.note = v; }
  void branch(Node& n, std::uint32_t cond, bool taken) {
    Node& t = child(n);
    t.expr = cond;
    t.value = taken ? 1 : 0;
    t.test = true;
  }
  /// Where a point's rule is spelled out: the first time the point appears, else nowhere.
  Node* expand(Node& n, Id point) {
    if (std::find(expanded_.begin(), expanded_.end(), point) != expanded_.end()) return nullptr;
    expanded_.push_back(point);
    return &child(n);
  }

 private:
  std::vector<Id> expanded_;
};

/// The sentences of an evaluation kept by the words trace.
Explanation explain(const Model& m, const WordsTrace::Node& root, const WordsContext& words);

/// Evaluates `expr` over `src` with the words trace and explains it: the value is the evaluator's,
/// the words are written from the values it computed at each step.
template <class Source>
Explanation explain_with(const Model& m, std::uint32_t expr, const Source& src, const WordsContext& words) {
  WordsTrace trace;
  WordsTrace::Node root;
  Evaluator<Source, WordsTrace>(m, src, trace).value(expr, root);
  return explain(m, root, words);
}

/// The values of an expression's leaves in one case, at one moment: a case seen from outside the
/// engine (what the explanation of a date reads, and what tests give it).
class ExprEnv {
 public:
  virtual ~ExprEnv() = default;
  /// The case's day 1.
  virtual std::optional<Date> day1() const = 0;
  /// The date the expression is anchored at (`event_date`): the day an obligation arose or a timer started.
  virtual std::optional<Date> anchor() const = 0;
  /// What the anchor is, in words ("the day it arose").
  virtual std::string anchor_name() const = 0;
  /// `timer_start`: the day the timer started or the obligation instance arose.
  virtual std::optional<Date> timer_start() const = 0;
  /// A field of the event being applied (unknown when explaining after the fact).
  virtual std::int64_t field(Id field) const;
  /// Whether a field is given on the event being applied (by default: whether it has a value).
  virtual bool present(Id field) const;
  /// The name of a field of that event.
  virtual std::string field_name(Id field) const;
  /// A case variable's value (kUnknown when unset).
  virtual std::int64_t var(Id var) const = 0;
  /// Where a variable's value came from, in words ("set by rule x on 1 Aug 2018"), or empty.
  virtual std::string var_origin(Id var) const;
  /// How the rule that set a variable computed its value, when known (else null).
  virtual const Explanation* var_explanation(Id var) const;
  /// A derived point's value (kUnknown when unknown).
  virtual std::int64_t point(Id point) const = 0;
  /// What the counted-days search of a point found when the engine last computed it.
  virtual std::optional<CountedDaysInputs> counted_days(Id point) const = 0;
  /// The counted days, prior ones included, on or before a date in the window of `window` months
  /// at its month (kUnknown when not known; by default not known).
  virtual std::int64_t counted_in_window(std::int64_t window, std::int64_t day) const;
  /// A pending timer's date (kUnknown when not pending or unknown).
  virtual std::int64_t timer_date(Id timer) const = 0;
  /// The date the case last entered a scope (kUnknown if never).
  virtual std::int64_t entered(Id scope) const = 0;
  /// Whether the case has been in a scope.
  virtual bool visited(Id scope) const = 0;
  /// Whether the case is in a scope now.
  virtual bool in_state(Id scope) const = 0;
  /// Whether benefit is being paid.
  virtual bool paid() const = 0;
};

/// Evaluates an expression on a case seen through `env` and explains each step with its inputs.
/// Points are expanded into their own rule once, with their legal reference; a counted-days
/// search inside a point is told from what the engine found.
Explanation explain_expr(const Model& m, std::uint32_t expr, const ExprEnv& env);

/// Writes steps as an indented list, `indent` spaces deep, one step per line.
std::string render_steps(const std::vector<Step>& steps, int indent);

}  // namespace caseflow::rules
