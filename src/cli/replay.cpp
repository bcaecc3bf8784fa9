#include "cli/replay.hpp"

#include <fstream>

#include "cli/report.hpp"

namespace caseflow::cli {

bool Replay::failed() const {
  for (const LineReport& r : reports)
    if (r.is_error()) return true;
  return false;
}

std::vector<InputLine> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BadInput(path + ": cannot open the events file");
  std::vector<InputLine> out;
  std::string text;
  for (std::size_t number = 1; std::getline(in, text); ++number) out.push_back({number, text});
  return out;
}

Replay replay(const RuleSet& rules, const std::vector<InputLine>& input, std::optional<Date> as_of,
              const std::function<bool(const std::string&)>& record) {
  Replay r;
  JsonEventReader reader(rules);
  struct Line {
    std::size_t number;
    ParsedEvent event;
  };
  std::vector<Line> lines;
  std::string error;
  std::optional<Date> latest;
  for (const InputLine& in : input) {
    if (in.text.find_first_not_of(" \t\r") == std::string::npos) continue;
    Line line{in.number, {}};
    if (!reader.parse(in.text, line.event, error)) {
      r.reports.push_back({LineReport::bad_input, in.number,
                           (line.event.case_id.empty() ? "" : "case " + line.event.case_id + ": ") + error});
      continue;
    }
    latest = latest ? later(*latest, line.event.date) : line.event.date;
    lines.push_back(std::move(line));
  }
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
