// Reading events from text: one JSON object per line (JSON Lines), checked against a rule-set's
// event schema (DOMAIN.md §5: `case`, `date`, `event`, then the event's typed fields).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "caseflow/engine.hpp"
#include "caseflow/ruleset.hpp"

namespace caseflow {

/// Interns strings (case ids, caseworkers, teams, providers) to dense ids and back.
class StringTable {
 public:
  /// The id of `s`, adding it when new.
  std::int64_t intern(std::string_view s);
  /// The id of `s`, or -1 when it was never interned.
  std::int64_t find(std::string_view s) const;
  /// The string of an id.
  const std::string& text(std::int64_t id) const { return strings_.at(static_cast<std::size_t>(id)); }
  std::size_t size() const noexcept { return strings_.size(); }

 private:
  std::vector<std::string> strings_;
  std::unordered_map<std::string, std::int64_t> ids_;
};

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

}  // namespace caseflow

namespace caseflow {

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

  StringTable& strings() noexcept { return *strings_; }

 private:
  RuleSet rules_;
  StringTable own_strings_;
  StringTable* strings_;
};

}  // namespace caseflow
