// caseflow io: the file formats. Events come in as JSON Lines (one object per line) or CSV (a
// header row of the same names), checked against a rule-set's event schema (`case`, `date`,
// `event`, then the event's typed fields); a case goes out as its timeline JSON object, and its
// explanation as text or JSON. One reading of a field's value from text serves both readers, and
// the C ABI's cf_field_parse.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "caseflow/engine.hpp"
#include "caseflow/events.hpp"
#include "caseflow/explain.hpp"
#include "caseflow/ruleset.hpp"
#include "caseflow/strings.hpp"

namespace caseflow {

/// Reads one value of an event's field from text: an enum value's name, a date `YYYY-MM-DD`, an
/// integer, `true` or `false`, a string (interned in `strings`), or date pairs
/// `first:last;first:last` (kept in `pairs`, which `out.pairs` then points into). On success
/// `out` is the present value; on bad text returns false with the reason in `error` ("'x' is not
/// one of its values"), as the JSON Lines and CSV readers report it after the field's name. A
/// string field with no table (`strings` null) is refused. Range and set checks on the whole
/// event are validate_event's.
bool parse_field_text(const RuleSet& rules, std::size_t event, std::size_t field, std::string_view text,
                      StringTable* strings, std::vector<DateInterval>& pairs, FieldValue& out, std::string& error);

/// An event read from text, owning its field values; input() views it for Case::apply.
struct ParsedEvent {
  std::string case_id;
  std::uint16_t event = 0;
  Date date;
  mutable std::vector<FieldValue> fields;  ///< date_pairs values point into `pairs`
  std::vector<std::vector<DateInterval>> pairs;  ///< storage for date_pairs fields, by field

  /// The event as the engine takes it (points into this object, also after a copy).
  EventInput input() const;
};

/// Parses JSON Lines events for one rule-set (with simdjson). String field values are interned
/// in the reader's table, so the same text always gets the same id.
class JsonEventReader {
 public:
  /// A reader for `rules`; string values are interned in `strings` when given (e.g. a
  /// caseload's table), else in the reader's own.
  explicit JsonEventReader(RuleSet rules, StringTable* strings = nullptr);
  ~JsonEventReader();
  JsonEventReader(const JsonEventReader&) = delete;
  JsonEventReader& operator=(const JsonEventReader&) = delete;

  /// Parses one line into `out`. On bad input returns false and sets `error` (a missing, unknown
  /// or mistyped field, an impossible date, a value outside its set, text that is not JSON).
  /// `out.case_id` is set whenever the line names a case, even when it is bad.
  bool parse(std::string_view line, ParsedEvent& out, std::string& error);

  /// Called with the line number and each good event.
  using EventSink = std::function<void(std::size_t line, ParsedEvent& event)>;
  /// Called with the line number, the case id (may be empty) and the message of each bad line.
  using ErrorSink = std::function<void(std::size_t line, const std::string& case_id, const std::string& message)>;
  /// Reads a block of whole lines with simdjson's document stream (one pass over the block, no
  /// copy of a line), numbering them from `first_line`; blank lines are skipped, a bad line is
  /// reported and the reading goes on, exactly as parse() line by line. The block must stay
  /// allocated for 64 bytes past its end (`capacity` ≥ `size` + 64, as a std::string's
  /// capacity); with less it is read line by line. Returns the number of lines in the block.
  std::size_t read_lines(const char* text, std::size_t size, std::size_t capacity, std::size_t first_line,
                         const EventSink& on_event, const ErrorSink& on_error);

  /// The strings interned from string fields.
  StringTable& strings() noexcept { return *strings_; }
  const StringTable& strings() const noexcept { return *strings_; }

 private:
  struct Impl;
  RuleSet rules_;
  StringTable own_strings_;
  StringTable* strings_;
  std::unique_ptr<Impl> impl_;
};

/// Reads events from CSV (libcsv, RFC 4180 quoting) with a header row naming the columns as in
/// the JSON form: `case`, `date`, `event`, then any event's fields; an empty cell is an absent
/// field. A date_pairs cell is `first:last` pairs separated by `;`.
class CsvEventReader {
 public:
  /// A reader for `rules`; string values are interned in `strings` when given.
  explicit CsvEventReader(RuleSet rules, StringTable* strings = nullptr);

  /// Called with the row number (the header is row 1) and each good event.
  using EventSink = std::function<void(std::size_t row, ParsedEvent& event)>;
  /// Called with the row number, the case id (may be empty) and the message of each bad row.
  using ErrorSink = std::function<void(std::size_t row, const std::string& case_id, const std::string& message)>;

  /// Reads all of `text`; returns false when the CSV itself is malformed (reported to `on_error`).
  bool read(std::string_view text, const EventSink& on_event, const ErrorSink& on_error);
  /// Reads CSV in blocks, as `next_block` replaces its argument with each (false at the end), with
  /// cells separated by `delimiter` (',' or ';'): the same rows, checks and messages as read().
  bool read_blocks(const std::function<bool(std::string&)>& next_block, const EventSink& on_event,
                   const ErrorSink& on_error, char delimiter);

  /// The strings interned from string fields.
  StringTable& strings() noexcept { return *strings_; }

 private:
  RuleSet rules_;
  StringTable own_strings_;
  StringTable* strings_;
};

/// What caused a trace entry, as the timeline names it: an event's or a timer's name, or
/// "open_at" for a case that simply started.
std::string trace_cause(const RuleSet& rules, const TraceEntry& entry);

/// A case as its timeline JSON object on one line (docs/domain.md §6), keys in the contract's order:
/// case, ruleset, as_of, state, reason, transitions, obligations, timers, allowed_events.
/// Names, not ids, so the object reads on its own. The one writer behind `caseflow timeline
/// --json`, the C ABI's cf_case_json and so Python's Case.timeline().
std::string timeline_json(const std::string& case_id, const Case& c, Date as_of);

/// The explanation as `caseflow explain` prints it, naming the case `case_id`.
std::string explanation_text(const CaseExplanation& e, std::string_view case_id);
/// The explanation as one line of JSON (its schema: docs/explain.md); `case_id` is its "case".
std::string explanation_json(const CaseExplanation& e, std::string_view case_id);

}  // namespace caseflow
