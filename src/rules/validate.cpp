// The graph checks of `caseflow check`, with Boost.Graph over the compiled machine: one vertex per
// state, one for "no case yet" (the opening) and one for "ended" (every final state leads to it);
// one edge per (state, transition) that changes state.
#include "rules/validate.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <functional>

namespace caseflow::rules {

namespace {

/// The transition an edge stands for.
struct EdgeInfo {
  Id transition = kNone;
};

/// The machine: states, plus the opening and the end, as a graph that can also be walked backwards.
using Machine = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, EdgeInfo>;
/// The states joined by timer transitions alone.
using TimerGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, EdgeInfo>;

/// Which vertices a breadth-first search from `source` reaches.
template <class Graph>
std::vector<bool> reached_from(const Graph& g, std::size_t source) {
  std::vector<boost::default_color_type> colors(boost::num_vertices(g), boost::white_color);
  boost::breadth_first_search(
      g, boost::vertex(source, g),
      boost::color_map(boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, g))));
  std::vector<bool> out(colors.size());
  for (std::size_t i = 0; i < colors.size(); ++i) out[i] = colors[i] != boost::white_color;
  return out;
}

/// Everything validate() needs to know about who takes what, computed once.
class Checker {
 public:
  explicit Checker(const Model& m) : m_(m), leaves_(m.leaf_count) {}

  std::vector<Finding> run() {
    check_graph();
    check_timer_loops();
    check_events();
    check_obligations();
    check_timers();
    return std::move(findings_);
  }

 private:
  std::string state(std::size_t s) const { return "'" + m_.scopes[s].name + "'"; }
  std::string event(std::size_t e) const { return "'" + m_.events[e].name + "'"; }

  void add(Severity sev, SourceMark mark, const char* check, std::string message) {
    findings_.push_back(Finding{sev, mark, check, std::move(message)});
  }

  // The states a transition applies from, and where each leads (itself when it has no `to`).
  template <class F>
  void each_move(const Transition& t, F&& f) const {
    if (t.opens) {
      f(kNone, t.to);
      return;
    }
    for (std::size_t s = 0; s < leaves_; ++s)
      if ((t.from_mask >> s) & 1u) f(static_cast<Id>(s), t.to == kNone ? static_cast<Id>(s) : t.to);
  }

  // Unreachable states and dead ends.
  void check_graph() {
    const std::size_t opening = leaves_, end = leaves_ + 1;
    Machine g(leaves_ + 2);
    for (std::size_t i = 0; i < m_.transitions.size(); ++i) {
      const Transition& t = m_.transitions[i];
      if (t.to == kNone || t.disabled) continue;
      each_move(t, [&](Id from, Id to) {
        boost::add_edge(from == kNone ? opening : from, to, EdgeInfo{static_cast<Id>(i)}, g);
      });
    }
    // A case may also start in the initial state with no event (Case::open_at).
    if (m_.initial != kNone) boost::add_edge(opening, m_.initial, g);
    for (std::size_t s = 0; s < leaves_; ++s)
      if (m_.scopes[s].final) boost::add_edge(s, end, g);
    const std::vector<bool> reachable = reached_from(g, opening);
    const std::vector<bool> can_end = reached_from(boost::make_reverse_graph(g), end);
    for (std::size_t s = 0; s < leaves_; ++s) {
      if (!reachable[s])
        add(Severity::error, m_.scopes[s].mark, "unreachable-state",
            "state " + state(s) + " cannot be reached from the initial state or an opening transition (from: null)");
    }
    for (std::size_t s = 0; s < leaves_; ++s) {
      if (!m_.scopes[s].final && !can_end[s])
        add(Severity::error, m_.scopes[s].mark, "dead-end",
            "no final state can be reached from state " + state(s) + ": a case there can never end");
    }
  }

  // Cycles of timer transitions: a case that would move round them with no event.
  void check_timer_loops() {
    TimerGraph g(leaves_);
    std::vector<bool> self_loop(leaves_, false);
    for (std::size_t i = 0; i < m_.transitions.size(); ++i) {
      const Transition& t = m_.transitions[i];
      if (t.timer == kNone || t.to == kNone || t.disabled) continue;
      each_move(t, [&](Id from, Id to) {
        boost::add_edge(from, to, EdgeInfo{static_cast<Id>(i)}, g);
        if (from == to) self_loop[from] = true;
      });
    }
    std::vector<int> component(leaves_);
    const int count = boost::strong_components(
        g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
    for (int c = 0; c < count; ++c) {
      std::vector<std::size_t> members;
      for (std::size_t s = 0; s < leaves_; ++s)
        if (component[s] == c) members.push_back(s);
      if (members.empty() || (members.size() == 1 && !self_loop[members[0]])) continue;
      // Walk one cycle through the component, from its first state, for the message.
      std::vector<std::pair<std::size_t, Id>> path;  // (state, transition taken from it)
      std::vector<bool> seen(leaves_, false);
      const std::size_t start = members[0];
      std::function<bool(std::size_t)> walk = [&](std::size_t s) {
        seen[s] = true;
        for (auto [e, e_end] = boost::out_edges(s, g); e != e_end; ++e) {
          const std::size_t to = boost::target(*e, g);
          if (component[to] != c) continue;
          path.emplace_back(s, g[*e].transition);
          if (to == start || (!seen[to] && walk(to))) return true;
          path.pop_back();
        }
        return false;
      };
      walk(start);
      std::string loop;
      for (const auto& [s, t] : path)
        loop += m_.scopes[s].name + " -(timer " + m_.timers[m_.transitions[t].timer].name + ", rule " +
                m_.transitions[t].id + ")-> ";
      loop += m_.scopes[start].name;
      const SourceMark mark = path.empty() ? m_.scopes[start].mark : m_.transitions[path.front().second].mark;
      add(Severity::error, mark, "timer-loop",
          "timer transitions alone form a loop, so a case would cycle with no event: " + loop);
    }
  }

  // The scopes a move enters, as the engine counts them: all of them on opening, the state itself
  // on a renewal (a transition to the state it is in), none without `to`.
  std::uint64_t entered(Id from, Id to, bool has_to) const {
    if (from == kNone) return m_.scope_mask[to];
    if (!has_to) return 0;
    if (from == to) return std::uint64_t(1) << to;
    return m_.scope_mask[to] & ~m_.scope_mask[from];
  }

  // Leaves from which a transition takes event e (the opening aside).
  std::uint64_t taken_from(std::size_t e) const {
    std::uint64_t mask = 0;
    for (const Transition& t : m_.transitions)
      if (t.event == e && !t.opens && !t.disabled) mask |= t.from_mask;
    return mask;
  }
  bool taken_at_all(std::size_t e) const {
    return std::any_of(m_.transitions.begin(), m_.transitions.end(), [&](const Transition& t) { return t.event == e && !t.disabled; });
  }
  std::uint64_t scope_leaves(Id scope) const {
    std::uint64_t mask = 0;
    for (std::size_t s = 0; s < leaves_; ++s)
      if (m_.within(s, scope) && !m_.scopes[s].final) mask |= std::uint64_t(1) << s;
    return mask;
  }

  void check_events() {
    for (std::size_t e = 0; e < m_.events.size(); ++e)
      if (!taken_at_all(e))
        add(Severity::warning, m_.events[e].mark, "unused-event",
            "event " + event(e) + " is taken by no transition: it is always rejected");
  }

  void check_obligations() {
    for (const Obligation& o : m_.obligations) {
      const std::string name = "obligation '" + o.name + "'";
      if (o.met_by.empty()) {
        add(Severity::warning, o.mark, "unmeetable-obligation", name + " has no met_by: no event can meet it");
        continue;
      }
      const std::uint64_t open_in = scope_leaves(o.scope);
      const bool meetable = std::any_of(o.met_by.begin(), o.met_by.end(),
                                        [&](Id e) { return (taken_from(e) & open_in) != 0; });
      if (!meetable) {
        std::string events;
        for (Id e : o.met_by) events += (events.empty() ? "" : ", ") + m_.events[e].name;
        add(Severity::warning, o.mark, "unmeetable-obligation",
            name + " can never be met: no transition takes its met_by events (" + events + ") in a state within " +
                (o.scope == kNone ? std::string("the case") : "its scope '" + m_.scopes[o.scope].name + "'"));
      }
    }
  }

  void check_timers() {
    for (std::size_t i = 0; i < m_.timers.size(); ++i) {
      const Timer& tm = m_.timers[i];
      const std::string name = "timer '" + tm.name + "'";
      // Opening in the initial state with no event (Case::open_at) enters all its scopes.
      bool started = m_.initial != kNone && tm.start_on_enter != kNone && m_.within(m_.initial, tm.scope) &&
                     m_.within(m_.initial, tm.start_on_enter);
      for (const Transition& t : m_.transitions) {
        if (t.disabled) continue;
        const bool by_event = t.event != kNone &&
                              std::find(tm.start_on_events.begin(), tm.start_on_events.end(), t.event) !=
                                  tm.start_on_events.end();
        const bool by_effect = std::any_of(t.effects.begin(), t.effects.end(), [&](const Effect& fx) {
          return fx.kind == Effect::start_timer && fx.target == i;
        });
        each_move(t, [&](Id from, Id to) {
          if (!m_.within(to, tm.scope) || m_.scopes[to].final) return;
          const bool enters = tm.start_on_enter != kNone && ((entered(from, to, t.to != kNone) >> tm.start_on_enter) & 1u);
          started = started || by_event || by_effect || enters;
        });
      }
      if (!started) {
        add(Severity::warning, tm.mark, "timer-never-fires",
            name + " is never started: no transition takes its start events, enters its start state or starts it "
                   "within its scope '" + m_.scopes[tm.scope].name + "'");
        continue;
      }
      const std::uint64_t armed_in = scope_leaves(tm.scope);
      const bool taken = std::any_of(m_.transitions.begin(), m_.transitions.end(), [&](const Transition& t) {
        return t.timer == i && !t.disabled && (t.from_mask & armed_in) != 0;
      });
      if (!taken)
        add(Severity::warning, tm.mark, "timer-never-fires",
            name + " has no transition on it (on: {timer: " + tm.name + "}) from a state within its scope '" +
                m_.scopes[tm.scope].name + "': when it is due nothing happens");
    }
  }

  const Model& m_;
  std::size_t leaves_;
  std::vector<Finding> findings_;
};

}  // namespace

std::vector<Finding> validate(const Model& model) { return Checker(model).run(); }

std::string format_finding(const Model& model, const Finding& f) {
  std::string out = model.origin;
  if (f.mark.line > 0) out += ":" + std::to_string(f.mark.line) + ":" + std::to_string(f.mark.column);
  out += f.severity == Severity::error ? ": error: " : ": warning: ";
  out += f.message + " [" + f.check + "]";
  return out;
}

std::vector<ReportedFinding> validate_versions(const RuleSet& rules) {
  std::vector<std::pair<ReportedFinding, std::vector<std::string>>> found;  // finding, versions giving it
  for (std::size_t v = 0; v < rules.version_count(); ++v) {
    for (Finding& f : validate(rules.model(v))) {
      std::string line = format_finding(rules.model(v), f);
      auto it = std::find_if(found.begin(), found.end(), [&](const auto& x) { return x.first.line == line; });
      if (it == found.end()) found.push_back({{std::move(f), std::move(line)}, {rules.version_name(v)}});
      else it->second.push_back(rules.version_name(v));
    }
  }
  std::vector<ReportedFinding> out;
  for (auto& [r, versions] : found) {
    // States and events are shared by every version: one that the earlier versions do not reach or
    // take but a later version does is what the later law added, not a fault of the earlier ones.
    const std::string check = r.finding.check;
    if (check == "unreachable-state" || check == "unused-event") {
      bool added_later = versions.size() < rules.version_count();
      for (std::size_t v = 0; added_later && v < versions.size(); ++v)
        added_later = versions[v] == rules.version_name(v);  // the versions giving it are the first ones
      if (added_later) continue;
    }
    if (versions.size() < rules.version_count()) {
      std::string names;
      for (const std::string& n : versions) names += (names.empty() ? "" : ", ") + n;
      r.line += " (version " + names + ")";
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace caseflow::rules
