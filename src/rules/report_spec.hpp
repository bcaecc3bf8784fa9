// The report specification of a rule-set: what its reports watch, list, count and call things, read
// from the rule file's `report:` block (docs/rulesets.md, "Reports") by loader_report.cpp and
// checked against the rule-set's names. The report layer computes every figure from a caseload and
// this; nothing in the library names a rule-set's words, so another rule-set shapes its own report.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "caseflow/calendar.hpp"

namespace YAML {
class Node;
}

namespace caseflow::rules {

/// One obligation on the worklists, with the words the report shows for it.
struct ReportObligation {
  std::uint16_t obligation = 0;  ///< the rule-set's obligation id
  std::string label;             ///< "First follow-up (before the end of week 8)"
  std::string legal_ref;         ///< the spec's, else the obligation's own
};

/// A derived point whose coming dates the report lists (the reassessment point).
struct ReportPoint {
  std::string point;             ///< the rule-set's point name
  std::string label;
  std::string legal_ref;
  std::int32_t ahead_days = 28;  ///< listed when it falls within [date, date + ahead_days − 1]
};

/// A norm that changes with time: each value holds from its date on (the plan's 10, later 5).
struct ReportNorm {
  struct Step {
    Date from;
    double value = 0;
  };
  std::vector<Step> steps;  ///< by date
  std::string label;
  std::string legal_ref;  ///< where the norm comes from (a plan, an agreement)
  /// The value in force on `d` (the first step's before it begins), or empty with no steps.
  std::optional<double> at(Date d) const {
    if (steps.empty()) return std::nullopt;
    double v = steps.front().value;
    for (const Step& s : steps)
      if (s.from <= d) v = s.value;
    return v;
  }
};

/// A state (or parent) whose stays the report measures: how long, and how they ended.
struct ReportStay {
  std::uint16_t scope = 0xFFFF;  ///< a state or parent (Model::scopes)
  std::string name;              ///< its name in the rule file
  std::string label;
};

/// The whole `report:` block of a rule file.
struct ReportSpec {
  std::string language = "en";        ///< the language of the labels (BCP 47), for the HTML's lang
  std::string title = "Case report";
  std::vector<std::int32_t> watched_weeks;   ///< who enters these weeks of their case
  std::vector<std::int32_t> long_case_weeks;  ///< inflow, outflow and stock of cases over these
  std::int32_t due_ahead_days = 14;           ///< the worklists' look ahead
  std::int32_t sample_size = 10;              ///< the supervision sample
  std::int32_t status_period_days = 14;       ///< the status report's period
  std::vector<ReportObligation> worklists;    ///< by file order
  std::vector<ReportPoint> points;
  std::vector<std::uint16_t> punctuality;     ///< obligations whose punctuality is a key figure
  // The case variables that name people and things (empty: the rule-set has none).
  std::string caseworker, team, provider, extension_ground;
  std::string closure_expected;               ///< a bool variable: screened as closing soon
  std::string technical_reason;               ///< the closure reason that is technical
  std::uint16_t extension_scope = 0xFFFF;     ///< an event that puts a case in it is an extension
  ReportNorm closures_per_month;              ///< closures per caseworker per month
  std::vector<ReportStay> lead_times;         ///< time in a state until it is left (recommendation → decision)
  std::vector<ReportStay> course_outcomes;    ///< where stays in a state went next
  /// Words: the states', closure reasons', enum values' and the report's own headings.
  std::map<std::string, std::string> labels;
  /// The label of `key` ("state.closed", "heading.overdue"), else `fallback`.
  std::string label(const std::string& key, const std::string& fallback) const {
    auto it = labels.find(key);
    return it == labels.end() ? fallback : it->second;
  }
};

struct Model;

/// Reads and checks a rule file's `report:` block against the rule-set's first version (the
/// names every version shares); throws RuleSetError with `FILE:LINE:COL` messages. An absent
/// block gives an empty spec: the report then lists every obligation under its own name.
ReportSpec load_report_spec(const YAML::Node& block, const Model& model, const std::string& origin);

}  // namespace caseflow::rules
