// A case's explanation as JSON (nlohmann-json); the schema is in docs/explain.md.
#include <nlohmann/json.hpp>

#include "caseflow/io.hpp"

namespace caseflow {

namespace {

using Json = nlohmann::ordered_json;

Json date(const std::optional<Date>& d) { return d ? Json(d->iso()) : Json(nullptr); }
Json text(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json text(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json steps(const std::vector<ExplanationStep>& list) {
  Json out = Json::array();
  for (const ExplanationStep& s : list) out.push_back({{"text", s.text}, {"because", steps(s.because)}});
  return out;
}

Json working(const DateWorking& w) {
  return {{"rule", w.rule},
          {"version", w.version},
          {"explained", w.explained},
          {"recorded", w.recorded},
          {"result", date(w.result)},
          {"phrase", text(w.phrase)},
          {"steps", steps(w.steps)}};
}

}  // namespace

std::string explanation_json(const CaseExplanation& e, std::string_view case_id) {
  Json transitions = Json::array();
  for (const TransitionExplanation& t : e.transitions) {
    Json j = {{"date", t.date.iso()},
              {"from", text(t.from)},
              {"to", t.to},
              {"event", text(t.event)},
              {"timer", text(t.timer)},
              {"rule", text(t.rule)},
              {"rule_doc", text(t.rule_doc)},
              {"legal_ref", text(t.legal_ref)},
              {"version", t.version}};
    if (t.timer && t.timer_date)
      j["timer_run"] = {{"doc", text(t.timer_doc)},
                        {"legal_ref", text(t.timer_legal_ref)},
                        {"started", date(t.timer_started)},
                        {"date", working(*t.timer_date)}};
    transitions.push_back(std::move(j));
  }
  Json obligations = Json::array();
  for (const ObligationExplanation& o : e.obligations)
    obligations.push_back({{"name", o.name},
                           {"doc", text(o.doc)},
                           {"legal_ref", text(o.legal_ref)},
                           {"due", date(o.due)},
                           {"status", to_string(o.status)},
                           {"met_on", date(o.met_on)},
                           {"arose", o.arose.iso()},
                           {"arose_how", o.arose_how},
                           {"due_date", working(o.due_date)}});
  Json timers = Json::array();
  for (const TimerExplanation& t : e.timers)
    timers.push_back({{"name", t.name},
                      {"doc", text(t.doc)},
                      {"legal_ref", text(t.legal_ref)},
                      {"due", t.due.iso()},
                      {"started", date(t.started)},
                      {"date", working(t.date)}});
  const Json out = {{"case", std::string(case_id)},
                    {"ruleset", e.ruleset},
                    {"as_of", e.as_of.iso()},
                    {"state", e.state},
                    {"state_doc", text(e.state_doc)},
                    {"reason", text(e.reason)},
                    {"day1", e.day1.iso()},
                    {"versions", {{"count", e.version_count}, {"on_day1", e.version_on_day1}}},
                    {"transitions", std::move(transitions)},
                    {"obligations", std::move(obligations)},
                    {"timers", std::move(timers)},
                    {"allowed_events", e.allowed_events},
                    {"disagreements", e.disagreements()}};
  return out.dump();
}

}  // namespace caseflow
