// The timeline of a case as one JSON object (nlohmann/json, keys in the contract's order). Names,
// not ids, so the object reads on its own.
#include <nlohmann/json.hpp>

#include "caseflow/io.hpp"

namespace caseflow {

std::string trace_cause(const RuleSet& rules, const TraceEntry& t) {
  if (t.event != 0xFFFF) return rules.event_name(t.event);
  if (t.timer != 0xFFFF) return rules.timer_name(t.timer);
  return "open_at";
}

namespace {
nlohmann::ordered_json date_or_null(const std::optional<Date>& d) {
  return d ? nlohmann::ordered_json(d->iso()) : nlohmann::ordered_json(nullptr);
}
}  // namespace

std::string timeline_json(const std::string& case_id, const Case& c, Date as_of) {
  const RuleSet& rs = c.rules();
  nlohmann::ordered_json j;
  j["case"] = case_id;
  j["ruleset"] = rs.name();
  j["as_of"] = as_of.iso();
  j["state"] = rs.state_name(c.state());
  j["reason"] = c.reason() ? nlohmann::ordered_json(std::string(*c.reason())) : nlohmann::ordered_json(nullptr);
  j["transitions"] = nlohmann::ordered_json::array();
  for (const TraceEntry& t : c.trace()) {
    // The rule as the version that took it has it (its text and reference may differ by version).
    const std::size_t v = t.version < rs.version_count() ? t.version : 0;
    nlohmann::ordered_json e;
    e["date"] = t.date.iso();
    e["from"] = t.from == 0xFFFF ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(rs.state_name(t.from));
    e["to"] = rs.state_name(t.to);
    e["cause"] = trace_cause(rs, t);
    e["rule"] = rs.name(Kind::rule, t.transition, v);
    e["legal_ref"] = rs.legal_ref(Kind::rule, t.transition, v);
    e["version"] = rs.version_name(v);
    j["transitions"].push_back(std::move(e));
  }
  j["obligations"] = nlohmann::ordered_json::array();
  for (const ObligationView& o : c.obligations(as_of)) {
    nlohmann::ordered_json e;
    e["name"] = rs.obligation_name(o.obligation);
    e["due"] = date_or_null(o.due);
    e["status"] = to_string(o.status);
    e["met_on"] = date_or_null(o.met_on);
    e["version"] = rs.version_name(o.version < rs.version_count() ? o.version : 0);
    j["obligations"].push_back(std::move(e));
  }
  j["timers"] = nlohmann::ordered_json::array();
  for (const TimerView& t : c.pending_timers()) {
    nlohmann::ordered_json e;
    e["name"] = rs.timer_name(t.timer);
    e["due"] = t.due.iso();
    e["version"] = rs.version_name(t.version < rs.version_count() ? t.version : 0);
    j["timers"].push_back(std::move(e));
  }
  j["allowed_events"] = nlohmann::ordered_json::array();
  for (std::uint16_t e : c.allowed_events()) j["allowed_events"].push_back(rs.event_name(e));
  return j.dump();
}

}  // namespace caseflow
