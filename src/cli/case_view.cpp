#include "cli/case_view.hpp"

#include <iomanip>

namespace caseflow::cli {

void write_case_text(std::ostream& out, const std::string& case_id, const Case& c, Date as_of) {
  const RuleSet& rs = c.rules();
  out << "Case " << case_id << " (" << rs.name() << "), day 1 " << c.day1().iso() << ", as of "
      << as_of.iso() << ": " << rs.state_name(c.state());
  if (c.reason()) out << " (reason: " << *c.reason() << ")";
  out << "\n  What happened:\n";
  for (const TraceEntry& t : c.trace()) {
    const std::size_t v = t.version < rs.version_count() ? t.version : 0;  // the version that took it
    out << "    " << t.date.iso() << "  ";
    if (t.from == 0xFFFF) out << "opened in " << rs.state_name(t.to);
    else out << rs.state_name(t.from) << " -> " << rs.state_name(t.to);
    const std::string& doc = rs.doc(Kind::rule, t.transition, v);
    out << "\n                by " << (t.timer != 0xFFFF ? "date rule " + trace_cause(rs, t) : "event " + trace_cause(rs, t))
        << ": " << (doc.empty() ? rs.name(Kind::rule, t.transition, v) : doc) << " [" << rs.legal_ref(Kind::rule, t.transition, v)
        << "]" << (rs.version_count() > 1 ? " (version " + rs.version_name(v) + ")" : std::string()) << "\n";
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
    out << "    " << t.due.iso() << "  " << std::left << std::setw(24) << rs.timer_name(t.timer) << " "
        << rs.doc(Kind::timer, t.timer) << " [" << rs.legal_ref(Kind::timer, t.timer) << "]\n";
  }
  out << "  Allowed now:";
  const auto allowed = c.allowed_events();
  if (allowed.empty()) out << " nothing (final state)";
  for (std::size_t i = 0; i < allowed.size(); ++i) out << (i ? ", " : " ") << rs.event_name(allowed[i]);
  out << "\n";
}

}  // namespace caseflow::cli
