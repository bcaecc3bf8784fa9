#include "cli/replay.hpp"


#include "cli/report.hpp"

namespace caseflow::cli {

bool Replay::failed() const {
  for (const LineReport& r : reports)
    if (r.is_error()) return true;
  return false;
}

Replay replay(const RuleSet& rules, const std::vector<InputLine>& input, std::optional<Date> as_of,
              const std::function<bool(const std::string&)>& record) {
  // Lines numbered 1, 2, ... in order (a scenario's events): one line of text each.
  std::string text;
  for (const InputLine& in : input) text += in.text + "\n";
  EventSource source = EventSource::from_text(rules, std::move(text), "<events>", EventFormat::json_lines);
  return replay(rules, source, as_of, record);
}

Replay replay(const RuleSet& rules, EventSource& source, std::optional<Date> as_of,
              const std::function<bool(const std::string&)>& record) {
  Replay r;
  struct Line {
    std::size_t number;
    ParsedEvent event;
  };
  std::vector<Line> lines;
  std::optional<Date> latest;
  source.read(
      [&](std::size_t number, ParsedEvent& ev) {
        latest = latest ? later(*latest, ev.date) : ev.date;
        lines.push_back({number, ev});
      },
      [&](std::size_t number, const std::string& case_id, const std::string& error) {
        r.reports.push_back({LineReport::bad_input, number, (case_id.empty() ? "" : "case " + case_id + ": ") + error});
      });
  if (as_of) r.as_of = *as_of;
  else if (latest) r.as_of = *latest;
  else return r;  // nothing to show
  r.has_events = true;

  for (const Line& line : lines) {
    const ParsedEvent& ev = line.event;
    if (ev.date > r.as_of) {
      r.reports.push_back({LineReport::skipped, line.number,
                           "case " + ev.case_id + ": event dated " + ev.date.iso() + " is after --as-of " +
                               r.as_of.iso() + "; skipped"});
      continue;
    }
    auto it = r.cases.find(ev.case_id);
    if (it == r.cases.end()) {
      it = r.cases.emplace(ev.case_id, Case(rules)).first;
      if (record && record(ev.case_id)) it->second.record_explanations(true);
    }
    Case& c = it->second;
    const bool was_open = c.is_open();
    const Outcome out = c.apply(ev.input());
    if (!out) {
      r.reports.push_back({LineReport::rejected, line.number, "case " + ev.case_id + ": rejected: " + c.describe(out)});
      continue;
    }
    if (!was_open) r.order.push_back(ev.case_id);
  }
  for (const std::string& id : r.order) r.cases.at(id).advance(r.as_of);
  return r;
}

}  // namespace caseflow::cli
