// caseflow report: what a team leader acts on, computed from a caseload and the rule-set's report
// specification (the `report:` block of the rule file, docs/rulesets.md): worklists per caseworker
// and team, the weekly screening lists, the status report of a period against the previous one,
// closures against the norm, extensions by ground, long-case flows, external actors, lead times,
// course outcomes and caseloads per caseworker. Every face shows the same Report; its JSON form is
// the one documented schema (docs/reports.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "caseflow/calendar.hpp"
#include "caseflow/caseload.hpp"

namespace caseflow {

/// What a report covers.
struct ReportRequest {
  Date on;                   ///< the report date: the caseload is judged on it (advanced to it)
  std::optional<Date> from;  ///< the first day of the range of the plans' figures (default: the
                             ///< first day of the month before `on`'s)
  std::uint64_t seed = 1;    ///< the supervision sample's seed
};

/// What reading the events gave, for the report to say (a mailed report is never silently short).
struct InputSummary {
  std::int64_t events = 0;       ///< events read and applied
  std::int64_t rejected = 0;     ///< events the rules refused (well-formed, not applicable)
  std::int64_t bad = 0;          ///< lines or rows that were not events
  std::int64_t after_date = 0;   ///< events dated after the report date, left out
};

/// One line of a worklist: an obligation instance overdue, or due within the look-ahead.
struct WorkItem {
  std::string case_id;
  std::string obligation;  ///< the rule-set's name
  std::string label;       ///< what is due, in words
  Date due;
  std::int32_t days_overdue = 0;  ///< on − due: > 0 overdue, ≤ 0 due in −n days
  std::string caseworker;         ///< empty: none
  std::string team;               ///< empty: none
  std::string legal_ref;
};

/// A count under a name and its label.
struct NamedCount {
  std::string name;
  std::string label;
  std::int64_t count = 0;
};

/// Cases whose week N of their case starts within the report's 7 days.
struct EnteringWeek {
  std::int32_t week = 0;
  std::vector<std::string> cases;  ///< sorted
};

/// A case whose derived point (the reassessment point) falls within its look-ahead.
struct PointItem {
  std::string case_id;
  std::string point;
  std::string label;
  Date date;
  std::string caseworker;
  std::string team;
};

/// Closures of one caseworker in one month or week (within the range), against the norm.
struct ClosureRow {
  std::string caseworker;  ///< empty: none
  std::string period;      ///< "2025-02" (a month) or "2025-W07" (an ISO week)
  Date first, last;        ///< the period's days within the range
  std::int64_t real = 0;
  std::int64_t technical = 0;
  std::optional<double> norm;  ///< real closures expected in the period (a week: 12/52 of a month's)
};

/// Figures of one period of the status report.
struct PeriodFigures {
  Date first, last;
  std::int64_t opened = 0;
  std::int64_t closed_real = 0;
  std::int64_t closed_technical = 0;
  std::int64_t extensions = 0;
  std::int64_t open_at_end = 0;
  std::vector<std::int64_t> long_inflow;    ///< per long_case_weeks
  std::vector<std::int64_t> long_outflow;   ///< per long_case_weeks
  std::vector<std::int64_t> long_at_end;    ///< per long_case_weeks
};

/// Inflow to, outflow from and stock of cases over N weeks, within the range:
/// stock_at_end = stock_before + inflow − outflow.
struct LongCaseFlow {
  std::int32_t weeks = 0;
  std::int64_t stock_before = 0;  ///< on the day before the range
  std::int64_t inflow = 0;        ///< open cases passing N weeks within the range
  std::int64_t outflow = 0;       ///< cases over N weeks closing within the range
  std::int64_t stock_at_end = 0;  ///< on the last day of the range
  std::vector<std::pair<Date, std::int64_t>> weekly;  ///< the stock at each of the last weeks' ends
};

/// One external actor: the cases it was given, closed while it held them, still open with it.
struct ActorRow {
  std::string provider;
  std::int64_t held = 0;       ///< cases ever given to it (on or before the report date)
  std::int64_t closed = 0;     ///< of which closed while it held them
  std::int64_t closed_in_range = 0;
  std::int64_t open = 0;       ///< of which open with it on the report date
  std::int64_t passed_on = 0;  ///< of which given to another actor since
};

/// Time spent in a state until it was left (recommendation → decision), over stays ending in the range.
struct LeadTime {
  std::string state;
  std::string label;
  std::int64_t ended = 0;  ///< stays that ended within the range
  double mean_days = 0;
  std::int32_t median_days = 0;
  std::int32_t max_days = 0;
  std::int64_t waiting = 0;           ///< stays not ended on the report date
  std::int32_t longest_waiting_days = 0;
};

/// How the stays in a state (a resource course, job clarification) that ended within the range ended.
struct CourseOutcome {
  std::string state;
  std::string label;
  std::vector<NamedCount> outcomes;  ///< by the next state (and a closure's reason), most first
  std::int64_t running = 0;          ///< stays not ended on the report date
};

/// Open cases of one caseworker on the report date.
struct CaseworkerLoad {
  std::string caseworker;  ///< empty: none
  std::string team;        ///< the team of most of them; empty: none
  std::int64_t open = 0;
  std::int64_t overdue = 0;  ///< of which with an obligation overdue
};

/// The share of instances of some obligations met on time (judged on the report date).
struct PunctualityFigure {
  std::vector<std::string> obligations;
  std::int64_t on_time = 0, late = 0, missed = 0;
};

/// Every figure of the report; the renderers below show it whole.
struct Report {
  std::string ruleset;
  std::string title;
  std::string language;
  Date on;
  Date from;  ///< the range of the plans' figures is [from, on]
  std::uint64_t seed = 1;
  std::int64_t cases = 0;  ///< opened cases
  InputSummary input;

  std::vector<WorkItem> worklist;  ///< most urgent first
  std::vector<EnteringWeek> entering;
  std::vector<PointItem> points;
  std::vector<std::pair<std::string, std::vector<std::string>>> overdue;  ///< per obligation: case ids
  std::vector<std::string> sample;
  std::vector<NamedCount> states;  ///< opened cases by state on the report date
  /// The open cases by state at the end of each of the last 8 weeks (oldest first): dates, then per state.
  std::vector<Date> stock_dates;
  std::vector<std::pair<NamedCount, std::vector<std::int64_t>>> stock_by_state;

  PeriodFigures period, previous_period;
  std::vector<ClosureRow> closures_by_month, closures_by_week;
  std::optional<double> norm_per_month;  ///< the norm in force on the report date
  std::string norm_label, norm_legal_ref;
  std::vector<NamedCount> extensions_by_ground;
  std::vector<LongCaseFlow> long_cases;
  std::vector<ActorRow> actors;
  std::vector<LeadTime> lead_times;
  std::vector<CourseOutcome> courses;
  std::vector<CaseworkerLoad> caseworkers;
  std::optional<double> caseworker_changes_per_case;
  std::vector<NamedCount> caseworker_changes;  ///< cases by number of changes: "0", "1", "2", "3+"
  std::optional<PunctualityFigure> punctuality;
  std::vector<std::string> closure_expected;   ///< open cases screened as closing soon

  /// A word of the report in its language ("heading.overdue"), else `fallback`.
  std::string word(const std::string& key, const std::string& fallback) const;
  std::vector<std::pair<std::string, std::string>> words;  ///< the spec's labels
};

/// Computes the report of a caseload (general path, advanced to `request.on`) under its
/// rule-set's report specification. Throws std::invalid_argument for a fixed-shape caseload.
Report build_report(const Caseload& load, const ReportRequest& request, const InputSummary& input = {});

/// The report as one JSON object (docs/reports.md).
std::string report_json(const Report& report);
/// The report as CSV: one `section,...` table holding everything the text shows (docs/reports.md).
std::string report_csv(const Report& report);
/// The report as text for a terminal or a mail: worklists grouped by team and caseworker.
std::string report_text(const Report& report);
/// The report as one self-contained HTML page: SVG charts and sortable tables, no network.
std::string report_html(const Report& report);

}  // namespace caseflow
