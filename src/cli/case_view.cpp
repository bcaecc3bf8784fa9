#include "cli/case_view.hpp"

#include <iomanip>

#include "rules/model.hpp"

namespace caseflow::cli {

namespace {
// The rule of a trace entry: a transition of the file, or the opening in the initial state.
const rules::Transition& rule_of(const rules::Model& m, const TraceEntry& t) {
  return t.transition == 0xFFFF ? m.initial_opening : m.transitions[t.transition];
}

// What caused a trace entry: an event, a timer, or the case's start (Case::open_at).
std::string cause_of(const RuleSet& rs, const TraceEntry& t) {
  if (t.event != 0xFFFF) return rs.event_name(t.event);
  if (t.timer != 0xFFFF) return rs.timer_name(t.timer);
  return "open_at";
}

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

void write_case_text(std::ostream& out, const std::string& case_id, const Case& c, Date as_of) {
  const RuleSet& rs = c.rules();
  const rules::Model& m = rs.model();
  out << "Case " << case_id << " (" << rs.name() << "), day 1 " << c.day1().iso() << ", as of "
      << as_of.iso() << ": " << rs.state_name(c.state());
  if (c.reason()) out << " (reason: " << *c.reason() << ")";
  out << "\n  What happened:\n";
  for (const TraceEntry& t : c.trace()) {
    const rules::Transition& rule = rule_of(m, t);
    out << "    " << t.date.iso() << "  ";
    if (t.from == 0xFFFF) out << "opened in " << rs.state_name(t.to);
    else out << rs.state_name(t.from) << " -> " << rs.state_name(t.to);
    out << "\n                by " << (t.timer != 0xFFFF ? "date rule " + cause_of(rs, t) : "event " + cause_of(rs, t))
        << ": " << (rule.doc.empty() ? rule.id : rule.doc) << " [" << rule.legal_ref << "]\n";
  }
  const auto obligations = c.obligations(as_of);
  out << "  Deadlines:\n";
  if (obligations.empty()) out << "    (none)\n";
  for (const ObligationView& o : obligations) {
    out << "    " << std::left << std::setw(28) << rs.obligation_name(o.obligation) << " due "
        << (o.due ? o.due->iso() : std::string("unknown   ")) << "  " << to_string(o.status);
    if (o.met_on) out << " on " << o.met_on->iso();
    out << '\n';
  }
  const auto timers = c.pending_timers();
  out << "  Coming by date:\n";
  if (timers.empty()) out << "    (nothing)\n";
  for (const TimerView& t : timers) {
    const rules::Timer& tm = m.timers[t.timer];
    out << "    " << t.due.iso() << "  " << std::left << std::setw(24) << tm.name << " "
        << (tm.doc.empty() ? "" : tm.doc) << " [" << tm.legal_ref << "]\n";
  }
  out << "  Allowed now:";
  const auto allowed = c.allowed_events();
  if (allowed.empty()) out << " nothing (final state)";
  for (std::size_t i = 0; i < allowed.size(); ++i) out << (i ? ", " : " ") << rs.event_name(allowed[i]);
  out << "\n";
}

}  // namespace caseflow::cli
