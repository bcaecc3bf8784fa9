// caseflow rule-sets: the law as data. A rule-set file (YAML, see docs/rulesets.md) is parsed,
// checked and compiled into an immutable RuleSet that any number of cases and threads may share.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "caseflow/calendar.hpp"

namespace caseflow {

namespace rules {
struct Model;
struct Versions;
}

/// Thrown when a rule file cannot be loaded; what() holds one `FILE:LINE:COL: message` per line.
class RuleSetError : public std::runtime_error {
 public:
  explicit RuleSetError(std::vector<std::string> messages);
  /// Each error as `FILE:LINE:COL: message`.
  const std::vector<std::string>& messages() const noexcept { return messages_; }

 private:
  std::vector<std::string> messages_;
};

/// The type of an event field.
enum class FieldType : std::uint8_t { enumeration, date, boolean, integer, string, date_pairs };

/// What a name in a rule-set refers to; each kind has its own ids, from 0 in declaration order
/// (the C ABI's cf_kind, value for value).
enum class Kind : std::uint8_t { state, event, timer, obligation, rule, variable, point };

/// The id of no rule in a trace: the opening of a case in the initial state with no event
/// (Case::open_at). name(), legal_ref() and doc() of Kind::rule accept it.
constexpr std::uint16_t kOpeningRule = 0xFFFF;

/// One finding of RuleSet::check(): a state no case can reach, a dead end, a loop of timers, or a
/// declaration that can never take effect.
struct RuleFinding {
  enum class Severity : std::uint8_t { warning, error };
  Severity severity = Severity::warning;
  std::string check;    ///< the check's short name, e.g. "unreachable-state"
  std::string message;  ///< one sentence naming the state, event, timer or obligation
  int line = 0;         ///< where the declaration was written (0: nowhere, e.g. a built-in with no marks)
  int column = 0;
  /// The finding as a compiler prints it: `FILE:LINE:COL: error: MESSAGE [check]`, followed by
  /// ` (version A, B)` when only some of the rule-set's versions give it.
  std::string text;
};

/// A compiled, immutable rule-set: states, events, timers, obligations and transitions, with
/// names interned to small integers. Cheap to copy (shared); safe to use from many threads.
class RuleSet {
 public:
  /// Loads and compiles a rule file; throws RuleSetError with `FILE:LINE:COL` messages.
  static RuleSet load_file(const std::string& path);
  /// Loads and compiles rule-set text; `origin` names it in error messages.
  static RuleSet load_string(std::string_view text, const std::string& origin = "<string>");
  /// A rule-set shipped inside the library (`dk`, `dk-2008`); throws RuleSetError if unknown.
  static RuleSet builtin(std::string_view name);
  /// The names of the built-in rule-sets.
  static std::vector<std::string> builtin_names();
  /// A built-in rule-set by name, or else a file by path: how every face selects rules.
  static RuleSet resolve(const std::string& name_or_path);
  /// The YAML text of a built-in rule-set, or empty.
  static std::string_view builtin_text(std::string_view name);

  /// The rule-set's `name`.
  const std::string& name() const noexcept;

  /// Number of states (leaves of the state tree), events, timers, obligations.
  std::size_t state_count() const noexcept;
  std::size_t event_count() const noexcept;
  std::size_t timer_count() const noexcept;
  std::size_t obligation_count() const noexcept;

  /// Names by id, in declaration order.
  const std::string& state_name(std::size_t id) const;
  const std::string& event_name(std::size_t id) const;
  const std::string& timer_name(std::size_t id) const;
  const std::string& obligation_name(std::size_t id) const;
  /// Whether a state is final.
  bool state_is_final(std::size_t id) const;

  /// Ids by name; empty when the name is unknown.
  std::optional<std::uint16_t> find_state(std::string_view name) const noexcept;
  std::optional<std::uint16_t> find_event(std::string_view name) const noexcept;
  std::optional<std::uint16_t> find_timer(std::string_view name) const noexcept;
  std::optional<std::uint16_t> find_obligation(std::string_view name) const noexcept;

  /// Fields of an event, in declaration order.
  std::size_t field_count(std::size_t event) const;
  const std::string& field_name(std::size_t event, std::size_t field) const;
  FieldType field_type(std::size_t event, std::size_t field) const;
  std::optional<std::uint16_t> find_field(std::size_t event, std::string_view name) const noexcept;
  /// The index of an enum field's value; empty if the value is not in its set.
  std::optional<std::int64_t> find_enum_value(std::size_t event, std::size_t field,
                                              std::string_view value) const noexcept;
  /// The name of an enum field's value.
  const std::string& enum_value_name(std::size_t event, std::size_t field, std::int64_t v) const;

  // ---- the catalogue: every kind of name, its legal reference and its documentation ----

  /// The number of names of a kind (ids run below it).
  std::size_t count(Kind kind) const noexcept;
  /// A name by id: a state, event, timer, obligation, rule (its id in the file; kOpeningRule is
  /// "open_at"), variable or point, as `version` has it (a later version may rewrite a rule).
  /// Throws std::out_of_range for an id past the last, or a version past the last.
  const std::string& name(Kind kind, std::size_t id, std::size_t version = 0) const;
  /// The id of a name of a kind; empty when the rule-set has no such name.
  std::optional<std::uint16_t> find(Kind kind, std::string_view name) const noexcept;
  /// The legal reference of a rule, timer, obligation or point ("SDL § 24, stk. 1"); "" for
  /// states, events and variables, which carry none. Throws std::out_of_range as name() does.
  const std::string& legal_ref(Kind kind, std::size_t id, std::size_t version = 0) const;
  /// The one-line documentation the rule file gives a name ("" when it gives none).
  const std::string& doc(Kind kind, std::size_t id, std::size_t version = 0) const;
  /// The type of a case variable (never FieldType::date_pairs).
  FieldType variable_type(std::size_t variable) const;
  /// The number of values of an enum field (0 for a field of another type).
  std::size_t enum_value_count(std::size_t event, std::size_t field) const;
  /// The state machine of one version as a Graphviz DOT digraph (`caseflow graph`).
  std::string dot(std::size_t version = 0) const;
  /// The graph checks of every version of the machine (`caseflow check`); a finding every
  /// version gives is reported once. A rule-set with error findings loads but is unfit for use.
  std::vector<RuleFinding> check() const;

  /// The compiled model the engine runs (internal layout; not part of the stable API).
  const rules::Model& model() const noexcept { return *model_; }

  // ---- versions by effective date (docs/rulesets.md) ----

  /// The number of versions (1 for a file without `versions:`).
  std::size_t version_count() const noexcept;
  /// A version's label (`name:` in the file, else its position from 1).
  const std::string& version_name(std::size_t version) const;
  /// The first day a version governs.
  Date version_valid_from(std::size_t version) const;
  /// The version in force on a day: the last that starts on or before it (else the first).
  std::size_t version_at(Date day) const noexcept;
  /// The index of a version by its label, if there is one.
  std::optional<std::size_t> find_version(std::string_view name) const noexcept;
  /// The compiled model of one version.
  const rules::Model& model(std::size_t version) const;
  /// Every version (internal layout).
  const rules::Versions& versions() const noexcept { return *versions_; }

 private:
  explicit RuleSet(std::shared_ptr<const rules::Versions> v);
  std::shared_ptr<const rules::Versions> versions_;
  const rules::Model* model_;  // the first version: names and layout every version shares
};

}  // namespace caseflow
