// caseflow engine: one case driven by events and by dates under a compiled rule-set.
//
// A Case is opened by its opening event (sick_listed in the built-in rule-sets), takes events
// with apply() and moves in time with advance(); timers due on or before an event's date fire
// first, in date order. Every call is transactional: a rejected event leaves the case exactly as
// it was (clock and timers included). A rejection is a status code; its message is built only
// when asked for, by describe().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "caseflow/calendar.hpp"
#include "caseflow/events.hpp"
#include "caseflow/explain.hpp"
#include "caseflow/ruleset.hpp"

namespace caseflow {

/// The life of an obligation instance.
enum class ObligationStatus : std::uint8_t { pending, overdue, met, met_late, lapsed, missed };

/// The name of an obligation status, as in the JSON ("met_late").
const char* to_string(ObligationStatus s) noexcept;

/// An obligation instance as seen on a date.
struct ObligationView {
  std::uint16_t obligation;
  std::optional<Date> due;      ///< empty while unknown
  ObligationStatus status;
  std::optional<Date> met_on;   ///< empty unless met
  Date arose;                   ///< the date it arose
  std::uint8_t version = 0;     ///< the rule-set version its due date follows
};

/// A pending timer with a known date.
struct TimerView {
  std::uint16_t timer;
  Date due;
  std::uint8_t version = 0;  ///< the rule-set version its date follows
};

/// One transition taken: the explanation of a state change.
struct TraceEntry {
  Date date;
  std::uint16_t from;        ///< 0xFFFF for the opening
  std::uint16_t to;
  std::uint16_t event;       ///< the cause, when an event (else 0xFFFF)
  std::uint16_t timer;       ///< the cause, when a timer (else 0xFFFF)
  std::uint16_t transition;  ///< the rule in the rule-set
  std::uint8_t version = 0;  ///< the rule-set version the rule was taken from
};

/// What the counted-days search behind a derived point found (for explaining the point).
struct CountedDaysFound {
  Date counting_from;          ///< the first day that can count (after the own period)
  Date found;                  ///< the day X: the first own counted day on which the count exceeded the limit
  std::int32_t window_months;  ///< the window, in calendar months ending with X's month
  std::int64_t counted;        ///< counted days (prior ones included) on or before X within that window
  std::int64_t prior;          ///< of which days of prior periods
};

/// The raw value of a variable that is not set.
constexpr std::int64_t kUnsetValue = INT64_MIN;

/// Checks an event's fields against its schema (required fields, enum sets, int ranges, date
/// pairs), with no case: what makes an event bad input whatever its date.
Outcome validate_event(const RuleSet& rules, const EventInput& event);
/// The message for an outcome, naming the event, state, field or rule (and its legal reference).
std::string describe(const RuleSet& rules, const Outcome& outcome);

/// Thrown by Case::restore for bytes that are not a whole snapshot of a case under its rule-set.
class SnapshotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A secret key for keyed snapshots (HMAC-SHA256), for snapshots stored where others can write:
/// at least 16 bytes, kept by the caller; the bytes are read, not kept.
struct SnapshotKey {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
};

/// One case under one rule-set. Owned by one thread at a time; copies are independent.
class Case {
 public:
  /// A case not yet opened, under `rules`.
  explicit Case(RuleSet rules);

  /// Applies one event; timers due on or before its date fire first. On any rejection the case
  /// is left exactly as it was.
  Outcome apply(const EventInput& event);
  /// Moves the clock to `to`, firing every timer due on or before it (Status::out_of_order if
  /// `to` is before the clock).
  Outcome advance(Date to);
  /// Opens the case in the rule-set's initial state on `day` with no event, for rule-sets whose
  /// cases simply start (Status::already_open if it is open).
  Outcome open_at(Date day);

  /// The message for a rejection, naming the event, state, field or rule.
  std::string describe(const Outcome& outcome) const;

  /// The rule-set the case runs under.
  const RuleSet& rules() const noexcept { return rules_; }
  /// Whether the opening event has been applied.
  bool is_open() const noexcept { return open_; }
  /// The current state (a leaf state id); meaningful once open.
  std::uint16_t state() const noexcept { return state_; }
  /// Whether the case is in a final state.
  bool is_final() const;
  /// The latest date the case has seen.
  Date clock() const noexcept { return clock_; }
  /// The case's day 1 (the opening event's date).
  Date day1() const noexcept { return day1_; }
  /// The closure reason in a final state reached with one.
  std::optional<std::string_view> reason() const;

  /// Obligation instances in the order they arose, with statuses as of `as_of`.
  std::vector<ObligationView> obligations(Date as_of) const;
  /// Pending timers that have a date, by date then declaration order.
  std::vector<TimerView> pending_timers() const;
  /// Events allowed in the current state (guards not evaluated), in declaration order.
  std::vector<std::uint16_t> allowed_events() const;
  /// Every transition taken, in order.
  const std::vector<TraceEntry>& trace() const noexcept { return trace_; }
  /// A derived point's value (the reassessment point), if known.
  std::optional<Date> point(std::string_view name) const;
  /// A case variable's raw value (category, caseworker id, ...), if set.
  std::optional<std::int64_t> variable(std::string_view name) const;

  /// The date of the earliest pending timer with a known date, or of a version switch that closes
  /// an open deadline, whichever is first: when the case next needs a look.
  std::optional<Date> next_due() const;
  /// Makes every rule follow one version of the rule-set, whatever its dates (empty: by date).
  /// Returns false, changing nothing, if there is no such version.
  bool pin_version(std::optional<std::size_t> version);
  /// The pinned version, if any.
  std::optional<std::size_t> pinned_version() const noexcept;
  /// A variable's raw value by id (declaration order), kUnsetValue when unset.
  std::int64_t variable_at(std::size_t id) const noexcept { return vars_[id]; }
  /// The number of case variables.
  std::size_t variable_count() const noexcept { return vars_.size(); }
  /// The date the case reached its final state, if it has.
  std::optional<Date> final_date() const;

  /// True when both cases hold exactly the same state (for checking that a rejection changed nothing).
  bool same_as(const Case& other) const;

  // Read-only queries for explaining a case (caseflow explain).
  /// What the counted-days search of point `point` found when the engine last computed the point.
  std::optional<CountedDaysFound> counted_days_found(std::size_t point) const;
  /// The day timer `timer`'s latest run started (kept after it fired), if it has started.
  std::optional<Date> timer_started(std::size_t timer) const;
  /// Which `arises` way of its obligation created instance `index` (as obligations() lists them).
  std::size_t instance_arising(std::size_t index) const { return instances_.at(index).arising; }
  /// Whether benefit is being paid.
  bool paid() const noexcept { return paid_; }

  /// Why the case is in its state on `as_of`, and where each due date and timer date comes from
  /// (include/caseflow/explain.hpp). A date after the clock is reached on a copy, its timers
  /// fired; an earlier one judges obligation statuses on that day but does not go back in time.
  /// Throws std::logic_error when the case is not open.
  CaseExplanation explain(Date as_of) const;
  /// Keeps from now on, at the moment the engine computes each due date, timer date and variable,
  /// how it was computed, in words: explain() then tells exactly that, even when what it was
  /// computed from changed later. Without it, explain() works each date out again on the case as
  /// it is and says where that differs. Off by default (it costs time and memory; off costs
  /// nothing); turning it off forgets what was kept. Copies keep their own; restore() keeps the
  /// setting and forgets what was kept (it belonged to the state replaced).
  void record_explanations(bool on);
  /// Whether the case keeps explanations (record_explanations).
  bool records_explanations() const noexcept { return static_cast<bool>(recording_); }

  /// The whole state as bytes, to store and restore later: versioned, fingerprinted with the
  /// rule-set, checksummed, little-endian and deterministic (equal cases give equal bytes). The
  /// format is docs/snapshots.md.
  std::vector<std::uint8_t> snapshot() const;
  /// As snapshot(), sealed with an HMAC-SHA256 under `key` instead of a checksum.
  std::vector<std::uint8_t> snapshot(const SnapshotKey& key) const;
  /// Replaces this case's state with a snapshot's; throws SnapshotError, leaving the case
  /// unchanged, when the bytes are damaged, truncated, of another format or rule-set, keyed, or
  /// hold any value it cannot prove valid under the rule-set (a date outside the calendar, an id
  /// outside its table, dates out of order), whatever the checksum says.
  void restore(const std::uint8_t* data, std::size_t size);
  /// As restore(), for a keyed snapshot whose MAC matches under `key` (and only such).
  void restore(const std::uint8_t* data, std::size_t size, const SnapshotKey& key);

  // Internal state, laid out from the compiled rule-set.
  struct TimerSlot {
    std::int32_t start = 0;
    std::int32_t due = 0;
    bool armed = false;
    bool known = false;
    std::uint8_t version = 0;  // the rule-set version its date follows
  };
  struct Instance {
    std::uint16_t obligation;
    std::uint16_t arising;
    std::int32_t arose;
    std::int32_t due;
    bool due_known;
    std::uint8_t state;  // 0 open, else ObligationStatus of a closed instance
    std::int32_t closed_on;
    std::uint8_t version;  // the rule-set version its due date follows
  };

 private:
  struct Ctx;
  struct Source;
  struct Recording;
  class Words;
  /// What record_explanations keeps, owned by the case and copied with it.
  class RecordingPtr {
   public:
    RecordingPtr() noexcept;
    RecordingPtr(const RecordingPtr& other);
    RecordingPtr(RecordingPtr&& other) noexcept;
    RecordingPtr& operator=(const RecordingPtr& other);
    RecordingPtr& operator=(RecordingPtr&& other) noexcept;
    ~RecordingPtr();
    explicit operator bool() const noexcept { return p_ != nullptr; }
    Recording* operator->() const noexcept { return p_.get(); }
    Recording& operator*() const noexcept { return *p_; }
    void reset(std::unique_ptr<Recording> p) noexcept;

   private:
    std::unique_ptr<Recording> p_;
  };
  // With record_explanations: evaluates a date or a variable's value with the words trace and
  // keeps the words (engine/explain.cpp).
  std::int64_t record_timer(std::size_t timer, const Ctx& ctx);
  std::int64_t record_instance(std::size_t index, std::uint32_t due, const Ctx& ctx);
  std::int64_t record_var(const void* transition, std::uint32_t expr, std::uint16_t var, const Ctx& ctx);
  void record_fired(std::uint16_t timer);
  CountedDaysFound counted_days_at(Date found, std::int32_t window) const;
  Outcome check(const EventInput& ev, std::uint16_t& chosen, std::uint8_t& version) const;
  bool find(const EventInput& ev, std::uint8_t version, std::uint16_t& chosen) const;
  const rules::Model& model_of_version(std::size_t version) const;
  std::size_t version_for(Date key) const noexcept;
  std::uint8_t event_version(const EventInput& ev, std::uint8_t day1_version) const;
  std::optional<Date> next_switch() const;
  void switch_versions(Date on);
  bool meets(const Instance& in, const Ctx& ctx) const;
  Outcome validate(const EventInput& ev) const;
  void commit(std::uint16_t transition, const Ctx& ctx);
  void commit(const void* transition, std::uint16_t id, const Ctx& ctx);
  void fire_due(Date limit);
  void recompute();
  std::int64_t eval(std::uint32_t expr, const Ctx& ctx) const;
  bool holds(std::uint32_t expr, const Ctx& ctx) const;
  std::int64_t field_value(const Ctx& ctx, std::uint16_t field) const;
  bool select(std::uint16_t transition, const Ctx& ctx) const;
  void close_instance(Instance& in, Date on);
  std::vector<std::uint8_t> snapshot_with(const SnapshotKey* key) const;
  void restore_with(const std::uint8_t* data, std::size_t size, const SnapshotKey* key);

  RuleSet rules_;
  const void* model_;  // rules::Model, kept opaque in this header
  // Null unless record_explanations(true); tested on every date the engine computes, so it sits
  // on the case's first cache line with the model, not at the end of the object.
  RecordingPtr recording_;
  bool open_ = false;
  bool paid_ = false;
  bool dirty_ = true;  // an effect or a state change since the last recompute()
  int pinned_ = -1;    // the version every rule follows, or -1: by each rule's date
  std::uint16_t state_ = 0xFFFF;
  std::uint16_t reason_ = 0xFFFF;
  Date clock_;
  Date day1_;
  Date pay_floor_;  // the first day that can count (after the own period)
  std::uint64_t visited_ = 0;
  std::vector<std::int64_t> vars_;
  std::vector<std::int64_t> points_;
  std::vector<TimerSlot> timers_;
  std::vector<std::int32_t> entered_;
  DateIntervalSet paid_days_;
  DateIntervalSet prior_days_;
  std::vector<Instance> instances_;
  std::vector<TraceEntry> trace_;
  // For explaining: per point, the X its counted-days search found and the window (0: none).
  std::vector<std::pair<std::int32_t, std::int32_t>> point_found_;
  mutable std::pair<std::int32_t, std::int32_t> last_found_{0, 0};  // set by eval(counted_days)
};

}  // namespace caseflow
