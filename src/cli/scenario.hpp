// Scenario tests for rule authors (docs/scenarios.md): a YAML file names a rule-set, a case's
// events and what must hold at given dates; `caseflow test` replays the events exactly as
// `caseflow timeline` does and compares, printing a diff of expected against actual.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli/replay.hpp"

namespace YAML {
class Node;
}

namespace caseflow::cli {

/// An event expected to be rejected (or found bad): its position in `events` and, optionally, the
/// exact message (what `caseflow timeline` prints after `FILE:LINE: `).
struct ExpectedRejection {
  std::size_t event = 0;
  std::optional<std::string> message;
  int line = 0;  ///< where it is written in the scenario file
};

/// What must hold as of one date: each named case's keys of the timeline JSON, and the rejections.
struct Checkpoint {
  std::optional<Date> as_of;  ///< empty: the latest event's date, as timeline does
  nlohmann::ordered_json cases = nlohmann::ordered_json::object();  ///< case id → expected keys
  std::vector<ExpectedRejection> rejected;
  int line = 0;
};

/// One scenario: a rule-set, events as JSON Lines text, and checkpoints.
struct Scenario {
  std::string file;
  std::string name;
  std::string ruleset;        ///< a built-in name, or a path (relative paths: to the scenario file)
  std::vector<InputLine> events;  ///< numbered 1, 2, … in the order written
  std::vector<int> event_lines;   ///< the scenario-file line of each event
  std::vector<Checkpoint> expect;
};

/// Reads the scenarios of one file (a mapping, or a list of mappings); throws BadInput naming
/// `FILE:LINE:COL` for anything that is not the format.
std::vector<Scenario> load_scenarios(const std::string& path);

/// Whether a YAML file looks like a scenario file (and not, e.g., a rule file beside it).
bool looks_like_scenarios(const std::string& path);

/// The outcome of one scenario: passed, or the problems found, each a readable diff.
struct ScenarioResult {
  bool passed = true;
  std::vector<std::string> problems;
  std::size_t cases = 0;  ///< distinct cases with expectations
};

/// Replays a scenario's events through its rule-set at each checkpoint and compares. With
/// `check_explanations`, also explains every expected case (as `caseflow explain` does) and counts
/// as a problem any due date whose explanation does not reproduce the engine's date.
ScenarioResult run_scenario(const Scenario& scenario, bool check_explanations = false);

/// A YAML value as JSON: quoted scalars are strings; plain ones null, booleans, numbers or strings.
nlohmann::ordered_json yaml_to_json(const YAML::Node& node);

}  // namespace caseflow::cli
