// Playing JSON Lines events through a rule-set as of a date: what `caseflow timeline` does, shared
// with `caseflow test` and `caseflow explain` so that all three see the same cases and messages.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "caseflow/engine.hpp"
#include "caseflow/event_source.hpp"
#include "caseflow/io.hpp"

namespace caseflow::cli {

/// One input line: its number (1-based, blank lines counted) and its text.
struct InputLine {
  std::size_t number = 0;
  std::string text;
};

/// Something said about one line: a bad or rejected line (an error) or a skipped one (a note).
struct LineReport {
  enum Kind { bad_input, rejected, skipped } kind = bad_input;
  std::size_t number = 0;
  std::string message;  ///< what follows `FILE:LINE: `, e.g. "case M: rejected: event 'x' is not allowed ..."
  bool is_error() const noexcept { return kind != skipped; }
};

/// The cases after a replay, in the order they opened, each advanced to `as_of`.
struct Replay {
  Date as_of;
  bool has_events = false;  ///< false: no well-formed event, so no as_of and no case
  std::vector<std::string> order;
  std::map<std::string, Case> cases;
  std::vector<LineReport> reports;  ///< bad lines first (in line order), then rejections and notes in replay order
  /// Whether any line was bad or rejected.
  bool failed() const;
};

/// Parses every line, then applies the well-formed events dated on or before `as_of` (default: the
/// latest date among them) in input order, and advances each opened case to `as_of`. Blank lines
/// are skipped. Bad lines and rejected events are reported and skipped; the rest is applied. The
/// cases `record` names keep their explanations (Case::record_explanations) from their first event.
Replay replay(const RuleSet& rules, const std::vector<InputLine>& lines, std::optional<Date> as_of,
              const std::function<bool(const std::string&)>& record = {});

/// replay() over the events of a source (a file, standard input: cli/progress.hpp's open_events),
/// JSON Lines or CSV alike; bad lines and rows are reported as bad_input with their number.
Replay replay(const RuleSet& rules, EventSource& source, std::optional<Date> as_of,
              const std::function<bool(const std::string&)>& record = {});

}  // namespace caseflow::cli
