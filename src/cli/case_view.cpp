#include "cli/case_view.hpp"

#include <iomanip>

#include "rules/model.hpp"

namespace caseflow::cli {

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
