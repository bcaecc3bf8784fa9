// caseflow caseload: many cases of one rule-set, applied in batches and advanced together, with
// the monitoring queries and KPIs a job centre runs every week (DOMAIN.md §4).
//
// A Caseload owns its cases; it is used by one thread at a time, and advance() may spread the
// work over threads with bit-identical results. String field values (caseworker, team, provider)
// are interned to ids through the caseload's string table.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseflow/engine.hpp"
#include "caseflow/strings.hpp"

namespace caseflow {

/// The most field values a batch record carries; events with more (or a date_pairs field) go
/// through Caseload::apply one at a time.
constexpr std::size_t kRecordValues = 4;

/// One event of a batch, fixed width (48 bytes): the layout of the C ABI's cf_event_record.
struct EventRecord {
  std::uint32_t case_index;  ///< Caseload::add_case's index
  std::int32_t date;         ///< days since 1970-01-01
  std::uint16_t event;       ///< RuleSet::find_event
  std::uint16_t present;     ///< bit i set: values[i] is given
  std::uint32_t reserved;    ///< zero
  std::int64_t values[kRecordValues];  ///< as FieldValue::number, by field index
};
static_assert(sizeof(EventRecord) == 48, "EventRecord is ABI: 48 bytes");

/// One event of a batch in 16 bytes, for events with at most one field given: a third of what an
/// EventRecord makes the batch loop read, for streams of simple events (the layout of the C
/// ABI's cf_compact_record). It reads as an EventRecord whose values[0] is `value`.
struct CompactRecord {
  std::uint32_t case_index;  ///< Caseload::add_case's index
  std::int32_t date;         ///< days since 1970-01-01
  std::uint16_t event;       ///< RuleSet::find_event
  std::uint16_t present;     ///< bit 0 set: `value` is given (other bits are ignored)
  std::int32_t value;        ///< field 0's value, as FieldValue::number
};
static_assert(sizeof(CompactRecord) == 16, "CompactRecord is ABI: 16 bytes");

/// A case and one of its obligations with a due date (obligations due within a window).
struct DueItem {
  std::uint32_t case_index;
  std::uint16_t obligation;
  Date due;
};

/// Closures of one caseworker in one calendar month, split into real and technical.
struct ClosureCount {
  std::int64_t caseworker;  ///< string id, or -1 for cases with no caseworker
  std::int32_t month;       ///< month_index() of the closure date
  std::int64_t real = 0;
  std::int64_t technical = 0;
};

/// A case variable taking a new value on an event's date (Caseload::history).
struct VariableChange {
  Date date;
  std::uint16_t variable;  ///< the variable's id (declaration order)
  std::int64_t value;      ///< its raw value (Case::variable_at)
};

/// Share of follow-up instances met on time.
struct Punctuality {
  std::int64_t on_time = 0;
  std::int64_t late = 0;    ///< met late
  std::int64_t missed = 0;  ///< missed, or overdue and still open on the date
  /// on_time / (on_time + late + missed), or 0 with nothing to judge.
  double share() const noexcept {
    const std::int64_t all = on_time + late + missed;
    return all == 0 ? 0.0 : static_cast<double>(on_time) / static_cast<double>(all);
  }
};

/// How a caseload runs its cases.
enum class CaseloadPath : std::uint8_t {
  general,           ///< one full Case per case: every query, the trace, list fields
  fast_if_possible,  ///< a fixed-size hot row per case when the rule-set fits the fixed shape
                     ///< (see docs/performance.md); replay statistics only, no per-case history
};

/// Many cases of one rule-set.
class Caseload {
 public:
  explicit Caseload(RuleSet rules, CaseloadPath path = CaseloadPath::general);
  ~Caseload();
  Caseload(Caseload&&) noexcept;
  Caseload& operator=(Caseload&&) noexcept;

  /// The rule-set every case runs under.
  const RuleSet& rules() const noexcept;
  /// Adds a case with an external id (not yet opened: its opening event opens it); returns its
  /// index. Adding an id twice returns the existing index.
  std::uint32_t add_case(std::string_view id);
  /// The index of a case id, if added.
  std::optional<std::uint32_t> find_case(std::string_view id) const;
  /// Adds `count` cases known by their index (their id is the index in decimal); returns the
  /// first index. For simulations and replays of many cases, where names would only cost.
  std::uint32_t add_cases(std::size_t count);
  /// The external id of a case.
  std::string case_id(std::uint32_t index) const;
  /// The number of cases.
  std::size_t size() const noexcept;
  /// One case, for every single-case query (state, obligations, trace, ...).
  const Case& at(std::uint32_t index) const;
  /// The interned strings of string fields (caseworker, team, provider).
  StringTable& strings() noexcept;
  const StringTable& strings() const noexcept;

  /// Whether the caseload runs on hot rows (CaseloadPath::fast_if_possible and a fitting rule-set).
  bool is_fast() const noexcept;
  /// Bytes of hot state per case: the row on the fast path, the Case object on the general one.
  std::size_t bytes_per_case() const noexcept;
  /// Opens a case in the initial state on `day` with no event (Case::open_at).
  Outcome open_at(std::uint32_t case_index, Date day);
  /// Opens cases first … first + count − 1 on days[0 … count − 1] (days since 1970-01-01), one
  /// status per case into `statuses` (may be null), as open_at would; returns the number opened.
  /// For simulations that open every case at once, where one call per case would cost.
  std::size_t open_cases(std::uint32_t first, const std::int32_t* days, std::size_t count, Status* statuses);
  /// For cases first … first + count − 1: the state into `states` (0xFFFF before a case opens)
  /// and the day of the last state change into `last_days` (INT32_MIN when there is none);
  /// either may be null. Throws std::out_of_range when the range passes the last case.
  void export_states(std::uint32_t first, std::size_t count, std::uint16_t* states, std::int32_t* last_days) const;
  /// The state of a case (opened or not: 0xFFFF before it opens).
  std::uint16_t state_of(std::uint32_t case_index) const;
  /// The date of a case's last state change (its opening when none since).
  std::optional<Date> last_transition(std::uint32_t case_index) const;
  /// Pending timers with a date, counted per timer id.
  std::vector<std::int64_t> pending_timer_counts() const;
  /// Obligation instances met late, over all cases.
  std::int64_t count_met_late() const;

  /// Applies one event to one case (any event, list fields included); transactional per case.
  Outcome apply(std::uint32_t case_index, const EventInput& event);
  /// Applies records in order (cases interleaved by date), one status per record into
  /// `statuses` (may be null). Returns the number applied. A record whose case index is out of
  /// range is Status::bad_input.
  std::size_t apply_batch(const EventRecord* records, std::size_t count, Status* statuses);
  /// apply_batch for compact records: the same checks, statuses and messages, reading values[0]
  /// from `value` and no other field.
  std::size_t apply_compact(const CompactRecord* records, std::size_t count, Status* statuses);
  /// The message of record `position` of the last apply_batch or apply_compact call: empty when it was applied.
  /// Only rejections are kept, so asking costs nothing on the batch path.
  std::string batch_message(std::size_t position) const;
  /// Advances every open case to `to`, touching only cases with a timer due by then; with
  /// threads > 1 the cases are split among threads, with results identical to one thread.
  /// Throws DateError, changing nothing, when `to` is outside the calendar.
  void advance(Date to, unsigned threads = 1);

  // ---- monitoring queries, judged on the date `on` (the caseload should be advanced to it) ----

  /// Cases whose week N starts (day 1 + 7(N−1)) within [from, to] and that are open (not in a
  /// final state) on that day, sorted by index.
  std::vector<std::uint32_t> entering_week(std::int32_t week, Date from, Date to) const;
  /// Per obligation id, the cases with an instance overdue on `on`, sorted.
  std::map<std::uint16_t, std::vector<std::uint32_t>> overdue(Date on) const;
  /// Open instances (pending or overdue) due within [from, to], by due date then case.
  std::vector<DueItem> due_within(Date from, Date to) const;
  /// A reproducible random sample of k cases with an overdue obligation on `on`: splitmix64
  /// seeded with `seed`, a partial Fisher–Yates shuffle over the candidates sorted by case id
  /// (j = i + next() mod (n − i)), the sample returned sorted by case id.
  std::vector<std::uint32_t> supervision_sample(std::size_t k, std::uint64_t seed, Date on) const;
  /// Open cases past `weeks` weeks on `on` (on − day 1 ≥ 7·weeks), grouped by the string
  /// variable `group_variable` (e.g. "team"; -1 for cases without it).
  std::map<std::int64_t, std::vector<std::uint32_t>> over_weeks_by(std::int32_t weeks, Date on,
                                                                    std::string_view group_variable) const;
  /// Open cases whose bool variable (e.g. "closure_expected") is true.
  std::vector<std::uint32_t> flagged(std::string_view bool_variable) const;
  /// The number of open (opened) cases in each state, by state id.
  std::vector<std::int64_t> count_by_state() const;
  /// The reassessment-style point of each open case whose point `point` falls within [from, to].
  std::vector<std::pair<std::uint32_t, Date>> points_within(std::string_view point, Date from, Date to) const;

  // ---- KPIs ----

  /// Closures per caseworker (string variable `caseworker_variable` at closure) per calendar
  /// month: `technical` when the closure reason equals `technical_reason`, else real (every other
  /// way of reaching a final state). Sorted by caseworker id, then month.
  std::vector<ClosureCount> closures(std::string_view caseworker_variable,
                                     std::string_view technical_reason) const;
  /// For each case, how many times the variable changed to a new value after it was first set.
  std::vector<std::int64_t> variable_changes(std::string_view variable) const;
  /// Open cases per value of a string variable (caseworker id → count; -1: unset).
  std::map<std::int64_t, std::int64_t> open_by(std::string_view variable) const;
  /// Punctuality of the named obligations' instances, judged on `on`.
  Punctuality punctuality(const std::vector<std::string>& obligations, Date on) const;
  /// Open cases whose string variable (e.g. "provider") is set.
  std::vector<std::uint32_t> holding(std::string_view variable) const;
  /// Every value a case's variables took through events (dated with the event), in order: who
  /// held the case when, on which ground each extension was granted. General path only.
  const std::vector<VariableChange>& history(std::uint32_t case_index) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace caseflow
