// The DOT writer: clusters from the dotted state names, one edge per (source, transition).
#include "rules/dot.hpp"

#include <algorithm>
#include <bitset>
#include <sstream>

#include "rules/explain.hpp"

namespace caseflow::rules {

namespace {

/// A DOT string literal.
std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

/// Whether a guard of the rule is the constant false: the rule is never taken.
bool never_taken(const Model& m, const Transition& t) {
  return std::any_of(t.guards.begin(), t.guards.end(), [&](const Guard& g) {
    const auto v = constant_value(m, g.check);
    return v && *v == 0;
  });
}

/// Breaks a long label into lines of about `width` characters at spaces.
std::string wrap(const std::string& text, std::size_t width = 44) {
  std::string out, line;
  std::istringstream words(text);
  for (std::string w; words >> w;) {
    if (!line.empty() && line.size() + 1 + w.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + w;
  }
  return out + line;
}

class DotWriter {
 public:
  explicit DotWriter(const Model& m) : m_(m) {}

  /// The version drawn, what it changes and the act that brought it, when the file says (a title's
  /// second line); nothing for a rule-set whose versions say neither.
  std::string version_line() const {
    if (m_.version_doc.empty() && m_.version_legal_ref.empty()) return {};
    std::string line = "\nversion " + m_.version_name + " from " + m_.version_from.iso();
    if (!m_.version_doc.empty()) line += ": " + m_.version_doc;
    if (!m_.version_legal_ref.empty()) line += " (" + m_.version_legal_ref + ")";
    return line;
  }

  std::string write() {
    out_ << "digraph " << quote(m_.name) << " {\n";
    out_ << "  graph [rankdir=LR, compound=true, fontname=\"Helvetica\", fontsize=12, labelloc=t, label="
         << quote(m_.name + (m_.description.empty() ? "" : ": " + m_.description) + version_line()) << "];\n";
    out_ << "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n";
    out_ << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    out_ << "  \"(no case)\" [shape=point, width=0.15, tooltip=\"no case yet: an opening event starts one\"];\n";
    for (std::size_t s = 0; s < m_.scopes.size(); ++s)
      if (parent_of(s) == kNone) scope(s, 1);
    // Rules with the same trigger, sources and target (one per `when` branch) share one edge. A rule
    // a guard always refuses (a version that abolished it says why) is not a way the case can go.
    std::vector<bool> drawn(m_.transitions.size(), false);
    for (std::size_t i = 0; i < m_.transitions.size(); ++i)
      if (never_taken(m_, m_.transitions[i])) drawn[i] = true;
    for (std::size_t i = 0; i < m_.transitions.size(); ++i) {
      if (drawn[i] || m_.transitions[i].disabled) continue;
      std::vector<std::size_t> group;
      for (std::size_t j = i; j < m_.transitions.size(); ++j) {
        const Transition &a = m_.transitions[i], &b = m_.transitions[j];
        if (!drawn[j] && !b.disabled && a.event == b.event && a.timer == b.timer && a.from_mask == b.from_mask &&
            a.opens == b.opens && a.to == b.to) {
          group.push_back(j);
          drawn[j] = true;
        }
      }
      transition(group);
    }
    out_ << "}\n";
    return out_.str();
  }

 private:
  // The innermost parent scope containing scope s (by the dotted name), or none.
  Id parent_of(std::size_t s) const {
    const std::string& name = m_.scopes[s].name;
    const std::size_t dot = name.rfind('.');
    if (dot == std::string::npos) return kNone;
    const std::string parent = name.substr(0, dot);
    for (std::size_t p = m_.leaf_count; p < m_.scopes.size(); ++p)
      if (m_.scopes[p].name == parent) return static_cast<Id>(p);
    return kNone;
  }
  std::string short_name(std::size_t s) const {
    const std::string& name = m_.scopes[s].name;
    const std::size_t dot = name.rfind('.');
    return dot == std::string::npos ? name : name.substr(dot + 1);
  }
  std::string cluster(std::size_t p) const { return "cluster_" + m_.scopes[p].name; }

  void scope(std::size_t s, int depth) {
    const std::string pad(static_cast<std::size_t>(2 * depth), ' ');
    const Scope& sc = m_.scopes[s];
    if (sc.leaf) {
      out_ << pad << quote(sc.name) << " [label=" << quote(short_name(s));
      if (sc.final) out_ << ", peripheries=2";
      if (s == m_.initial) out_ << ", penwidth=2";
      out_ << ", tooltip=" << quote(sc.name + (sc.doc.empty() ? "" : ": " + sc.doc)) << "];\n";
      return;
    }
    out_ << pad << "subgraph " << quote(cluster(s)) << " {\n";
    out_ << pad << "  label=" << quote(short_name(s)) << "; style=rounded; color=gray50; tooltip="
         << quote(sc.name) << ";\n";
    for (std::size_t c = 0; c < m_.scopes.size(); ++c)
      if (parent_of(c) == s) scope(c, depth + 1);
    out_ << pad << "}\n";
  }

  std::uint64_t leaves_of(std::size_t scope) const {
    std::uint64_t mask = 0;
    for (std::size_t s = 0; s < m_.leaf_count; ++s)
      if (m_.within(s, static_cast<Id>(scope))) mask |= std::uint64_t(1) << s;
    return mask;
  }
  std::size_t first_leaf(std::uint64_t mask) const {
    for (std::size_t s = 0; s < m_.leaf_count; ++s)
      if ((mask >> s) & 1u) return s;
    return 0;
  }

  void transition(const std::vector<std::size_t>& group) {
    const Transition& t = m_.transitions[group.front()];
    if (t.to == kNone) return;
    std::string label, style, tip;
    if (t.timer != kNone) {
      const Timer& tm = m_.timers[t.timer];
      label = "timer " + tm.name + "\n" + wrap("date: " + describe_expr(m_, tm.date));
      style = ", style=dashed";
    } else {
      label = m_.events[t.event].name;
      std::string whens;
      for (std::size_t i : group) {
        const Transition& g = m_.transitions[i];
        whens += (whens.empty() ? "" : " | ") +
                 (g.when == UINT32_MAX ? std::string("otherwise") : describe_condition(m_, g.when, g.event));
      }
      if (group.size() > 1 || t.when != UINT32_MAX) label += "\n" + wrap("[" + whens + "]");
    }
    for (std::size_t i : group) {
      const Transition& g = m_.transitions[i];
      tip += (tip.empty() ? "" : "\n") + ("rule " + g.id + (g.doc.empty() ? "" : ": " + g.doc) + " [" + g.legal_ref + "]");
      for (const Guard& gd : g.guards) tip += "\n  guard: " + gd.message + " [" + gd.legal_ref + "]";
    }
    if (t.timer != kNone && !m_.timers[t.timer].legal_ref.empty())
      tip += "\ntimer " + m_.timers[t.timer].name + " [" + m_.timers[t.timer].legal_ref + "]";
    const std::string attrs = " [label=" + quote(label) + style + ", tooltip=" + quote(tip) + ", labeltooltip=" +
                              quote(tip) + "];\n";
    if (t.opens) {
      out_ << "  \"(no case)\" -> " << quote(m_.scopes[t.to].name) << attrs;
      return;
    }
    // Draw once from each parent whose every state the rule applies from (largest first), unless
    // the target lies inside it; then from each remaining state.
    std::uint64_t rest = t.from_mask;
    std::vector<std::size_t> parents;
    for (std::size_t p = m_.leaf_count; p < m_.scopes.size(); ++p) parents.push_back(p);
    std::stable_sort(parents.begin(), parents.end(), [&](std::size_t a, std::size_t b) {
      return std::bitset<64>(leaves_of(a)).count() > std::bitset<64>(leaves_of(b)).count();
    });
    for (std::size_t p : parents) {
      const std::uint64_t in = leaves_of(p);
      if ((in & rest) != in || m_.within(t.to, static_cast<Id>(p))) continue;
      out_ << "  " << quote(m_.scopes[first_leaf(in)].name) << " -> " << quote(m_.scopes[t.to].name)
           << " [ltail=" << quote(cluster(p)) << "," << attrs.substr(2);
      rest &= ~in;
    }
    for (std::size_t s = 0; s < m_.leaf_count; ++s)
      if ((rest >> s) & 1u) out_ << "  " << quote(m_.scopes[s].name) << " -> " << quote(m_.scopes[t.to].name) << attrs;
  }

  const Model& m_;
  std::ostringstream out_;
};

}  // namespace

std::string to_dot(const Model& model) { return DotWriter(model).write(); }

}  // namespace caseflow::rules
