// A case's explanation as `caseflow explain` prints it: the state and why it is there, each due
// date with its rule and arithmetic, each timer, and the events allowed now.
#include <sstream>

#include "caseflow/io.hpp"

namespace caseflow {

namespace {

std::string ref(const std::string& legal_ref) { return legal_ref.empty() ? "" : " [" + legal_ref + "]"; }
std::string words(const std::optional<Date>& d) { return d ? date_words(*d) : std::string("unknown"); }

void write_steps(std::ostream& out, const std::vector<ExplanationStep>& steps, int indent) {
  for (const ExplanationStep& s : steps) {
    out << std::string(static_cast<std::size_t>(indent), ' ') << "- " << s.text << '\n';
    write_steps(out, s.because, indent + 2);
  }
}

// The arithmetic of a date, or its value when it took none.
void write_working(std::ostream& out, const DateWorking& w) {
  if (w.steps.empty()) out << "      - " << w.phrase << '\n';
  else write_steps(out, w.steps, 6);
}

}  // namespace

std::string explanation_text(const CaseExplanation& e, std::string_view case_id) {
  std::ostringstream out;
  const bool versioned = e.version_count > 1;
  // " (version 2022)" after a rule, when the rule-set has versions.
  const auto version_words = [&](const std::string& v) { return versioned ? " (version " + v + ")" : std::string(); };
  out << "Case " << case_id << " under " << e.ruleset << ", as of " << date_words(e.as_of) << ": " << e.state
      << (e.state_doc.empty() ? "" : " - " + e.state_doc);
  if (e.reason) out << ", reason " << *e.reason;
  out << ".\nDay 1 is " << date_words(e.day1) << ".\n";
  if (versioned)
    out << "The rule-set has " << e.version_count << " versions; on day 1 version " << e.version_on_day1
        << " is in force.\n";

  out << "\nWhy it is there:\n";
  for (const TransitionExplanation& t : e.transitions) {
    out << "  " << date_words(t.date) << ": ";
    if (!t.from) out << "opened in " << t.to;
    else out << "moved from " << *t.from << " to " << t.to;
    if (t.event) out << ", on event " << *t.event;
    else if (t.timer) out << ", because timer " << *t.timer << " was due that day";
    out << ".\n";
    if (!t.rule.empty())
      out << "    rule " << t.rule << version_words(t.version) << (t.rule_doc.empty() ? "" : ": " + t.rule_doc)
          << ref(t.legal_ref) << '\n';
    if (!t.timer || !t.timer_date) continue;
    out << "    timer " << *t.timer << (t.timer_doc.empty() ? "" : ": " + t.timer_doc) << ref(t.timer_legal_ref) << '\n';
    const DateWorking& w = *t.timer_date;
    if (w.explained) {
      out << "    it started " << (t.timer_started ? date_words(*t.timer_started) : std::string("(unknown)"))
          << "; its date is " << w.rule << version_words(w.version) << ":\n";
      write_working(out, w);
    } else {
      out << "    its date is " << w.rule << '\n';
    }
  }
  if (e.transitions.empty()) out << "  (no transition)\n";

  out << "\nDue dates:\n";
  if (e.obligations.empty()) out << "  (none)\n";
  for (const ObligationExplanation& o : e.obligations) {
    out << "  " << o.name << ": due " << words(o.due) << ", " << to_string(o.status);
    if (o.met_on) out << " on " << date_words(*o.met_on);
    out << ".\n";
    out << "    " << (o.doc.empty() ? o.name : o.doc) << ref(o.legal_ref) << '\n';
    out << "    it arose " << date_words(o.arose) << ", " << o.arose_how << "; it is due " << o.due_date.rule
        << version_words(o.due_date.version) << ":\n";
    write_working(out, o.due_date);
    if (o.due_date.result != o.due)
      out << "      (this gives " << words(o.due_date.result) << ", but the engine kept " << words(o.due) << ")\n";
  }

  out << "\nComing by date:\n";
  if (e.timers.empty()) out << "  (nothing)\n";
  for (const TimerExplanation& t : e.timers) {
    out << "  " << t.name << " on " << date_words(t.due) << ".\n";
    out << "    " << (t.doc.empty() ? t.name : t.doc) << ref(t.legal_ref) << '\n';
    out << "    it started " << (t.started ? date_words(*t.started) : std::string("(unknown)")) << "; its date is "
        << t.date.rule << version_words(t.date.version) << ":\n";
    write_working(out, t.date);
    if (t.date.result != t.due)
      out << "      (this gives " << words(t.date.result) << ", but the engine kept " << date_words(t.due) << ")\n";
  }

  out << "\nAllowed now:";
  if (e.allowed_events.empty()) out << " nothing (a final state)";
  for (std::size_t i = 0; i < e.allowed_events.size(); ++i) out << (i ? ", " : " ") << e.allowed_events[i];
  out << '\n';
  return out.str();
}

}  // namespace caseflow
