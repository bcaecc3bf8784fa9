// DOMAIN.md §6: the timeline of a case as JSON. Names, not ids, so the object reads on its own.
#include "engine/case_json.hpp"

namespace caseflow {

const rules::Transition& rule_of(const rules::Model& m, const TraceEntry& t) {
  return t.transition == 0xFFFF ? m.initial_opening : m.transitions[t.transition];
}

std::string cause_of(const RuleSet& rs, const TraceEntry& t) {
  if (t.event != 0xFFFF) return rs.event_name(t.event);
  if (t.timer != 0xFFFF) return rs.timer_name(t.timer);
  return "open_at";
}

namespace {
nlohmann::ordered_json date_or_null(const std::optional<Date>& d) {
  return d ? nlohmann::ordered_json(d->iso()) : nlohmann::ordered_json(nullptr);
}
}  // namespace

nlohmann::ordered_json case_json(const std::string& case_id, const Case& c, Date as_of) {
  const RuleSet& rs = c.rules();
  const rules::Model& m = rs.model();
  nlohmann::ordered_json j;
  j["case"] = case_id;
  j["ruleset"] = rs.name();
  j["as_of"] = as_of.iso();
  j["state"] = rs.state_name(c.state());
  j["reason"] = c.reason() ? nlohmann::ordered_json(std::string(*c.reason())) : nlohmann::ordered_json(nullptr);
  j["transitions"] = nlohmann::ordered_json::array();
  for (const TraceEntry& t : c.trace()) {
    const rules::Transition& rule = rule_of(m, t);
    nlohmann::ordered_json e;
    e["date"] = t.date.iso();
    e["from"] = t.from == 0xFFFF ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(rs.state_name(t.from));
    e["to"] = rs.state_name(t.to);
    e["cause"] = cause_of(rs, t);
    e["rule"] = rule.id;
    e["legal_ref"] = rule.legal_ref;
    j["transitions"].push_back(std::move(e));
  }
  j["obligations"] = nlohmann::ordered_json::array();
  for (const ObligationView& o : c.obligations(as_of)) {
    nlohmann::ordered_json e;
    e["name"] = rs.obligation_name(o.obligation);
    e["due"] = date_or_null(o.due);
    e["status"] = to_string(o.status);
    e["met_on"] = date_or_null(o.met_on);
    j["obligations"].push_back(std::move(e));
  }
  j["timers"] = nlohmann::ordered_json::array();
  for (const TimerView& t : c.pending_timers()) {
    nlohmann::ordered_json e;
    e["name"] = rs.timer_name(t.timer);
    e["due"] = t.due.iso();
    j["timers"].push_back(std::move(e));
  }
  j["allowed_events"] = nlohmann::ordered_json::array();
  for (std::uint16_t e : c.allowed_events()) j["allowed_events"].push_back(rs.event_name(e));
  return j;
}

}  // namespace caseflow
