// caseflow event source: the one way every face reads events. A file, standard input (`-`) or text
// in memory, as JSON Lines or CSV (the format taken from the content unless given), read in large
// blocks; a UTF-8 byte-order mark is ignored, CSV cells are separated by `,` or `;`. What cannot be
// read at all (a missing file, a directory, an empty input, a CSV header without case, date and
// event) is an InputError before any event is given; a bad line is reported and reading goes on.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "caseflow/io.hpp"
#include "caseflow/ruleset.hpp"

namespace caseflow {

/// The format of an event input.
enum class EventFormat : std::uint8_t {
  detect,      ///< from the content: JSON Lines when the first character is `{`, else CSV
  json_lines,  ///< one JSON object per line
  csv,         ///< a header row naming case, date, event and fields; `,` or `;` between cells
};

/// The format named `auto`, `jsonl` (or `json`, `ndjson`) or `csv`, any case; empty if none.
std::optional<EventFormat> event_format_named(std::string_view name) noexcept;

/// An input that cannot be read as events at all: nothing was reported from it.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One input of events, read once from start to end.
class EventSource {
 public:
  /// Called with the line (JSON Lines) or row (CSV: the header is row 1) and each good event.
  using EventSink = std::function<void(std::size_t number, ParsedEvent& event)>;
  /// Called with the line or row, the case id (may be empty) and the message of each bad one.
  using ErrorSink = std::function<void(std::size_t number, const std::string& case_id, const std::string& message)>;

  /// Opens `path` (`-`: standard input). Throws InputError when it cannot be opened, is a
  /// directory or is empty. String values are interned in `strings` when given.
  static EventSource open(const RuleSet& rules, const std::string& path, EventFormat format = EventFormat::detect,
                          StringTable* strings = nullptr);
  /// Events in memory (a scenario's), named `name` in messages.
  static EventSource from_text(const RuleSet& rules, std::string text, std::string name,
                               EventFormat format = EventFormat::detect, StringTable* strings = nullptr);
  EventSource(EventSource&&) noexcept;
  EventSource& operator=(EventSource&&) noexcept;
  ~EventSource();

  /// Reads every event to the end, in input order. Throws InputError when the input turns out
  /// unreadable (a CSV header without case, date and event; malformed CSV quoting; a read error).
  void read(const EventSink& on_event, const ErrorSink& on_error);

  /// The name used in messages: the path, `<stdin>` or the name given.
  const std::string& name() const noexcept;
  /// The format, once known (after open: from the content when it was `detect`).
  EventFormat format() const noexcept;
  /// Bytes read so far, and the input's size when known (a regular file): for progress.
  std::uint64_t bytes_read() const noexcept;
  std::optional<std::uint64_t> size() const noexcept;

 private:
  struct Impl;
  explicit EventSource(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace caseflow
