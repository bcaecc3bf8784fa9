// A rule file's versions: each version is the previous one with its parameters, timers,
// obligations and transitions laid over it, loaded as a Model of its own; transitions are aligned
// by id so that an index names the same rule in every version.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "caseflow/ruleset.hpp"
#include "rules/loader.hpp"
#include "rules/report_spec.hpp"

namespace caseflow {
namespace rules {

using loading::Loader;

namespace {

// A map with the entries of `base`, each replaced by the entry of `over` with the same key; keys
// only in `over` are added when `may_add`, else reported. Key and value nodes are shared with the
// file's, never assigned to, so their marks stay true and no earlier version's document changes.
YAML::Node merge_map(const YAML::Node& base, const YAML::Node& over, bool may_add, const char* what,
                     const std::string& origin, std::vector<std::string>& errors) {
  YAML::Node out(YAML::NodeType::Map);
  const bool overrides = over && over.IsMap();
  if (over && !over.IsMap())
    errors.push_back(origin + ":" + std::to_string(over.Mark().line + 1) + ":" + std::to_string(over.Mark().column + 1) +
                     ": a version's " + what + " is a mapping");
  if (base && base.IsMap())
    for (const auto& kv : base) {
      const std::string key = kv.first.as<std::string>();
      if (overrides && over[key]) {
        for (const auto& o : over)
          if (o.first.as<std::string>() == key) out.force_insert(o.first, o.second);
      } else {
        out.force_insert(kv.first, kv.second);
      }
    }
  if (!overrides) return out;
  for (const auto& kv : over) {
    const std::string key = kv.first.as<std::string>();
    if (base && base.IsMap() && base[key]) continue;
    if (!may_add)
      errors.push_back(origin + ":" + std::to_string(kv.first.Mark().line + 1) + ":" + std::to_string(kv.first.Mark().column + 1) +
                       ": a version may change " + what + " '" + key + "' of the first version, not add one");
    out.force_insert(kv.first, kv.second);
  }
  return out;
}

// The document of the next version: the previous one with the version's parameters, timers,
// obligations and transitions (by id) laid over it, built in one pass from shared nodes.
YAML::Node overlay(const YAML::Node& doc, const YAML::Node& v, const std::string& origin, std::vector<std::string>& errors) {
  std::map<std::string, YAML::Node> replaced_sections;
  replaced_sections["parameters"] = merge_map(doc["parameters"], v["parameters"], true, "parameter", origin, errors);
  replaced_sections["timers"] = merge_map(doc["timers"], v["timers"], false, "timer", origin, errors);
  replaced_sections["obligations"] = merge_map(doc["obligations"], v["obligations"], false, "obligation", origin, errors);
  if (const YAML::Node ts = v["transitions"]; ts && !ts.IsSequence()) {
    errors.push_back(origin + ":" + std::to_string(ts.Mark().line + 1) + ":" + std::to_string(ts.Mark().column + 1) +
                     ": a version's transitions is a list of rules");
  } else if (ts) {
    YAML::Node list(YAML::NodeType::Sequence);
    std::vector<std::string> replaced;
    for (const auto& t : doc["transitions"]) {
      YAML::Node chosen = t;
      for (const auto& n : ts)
        if (n.IsMap() && n["id"] && t["id"] && n["id"].as<std::string>() == t["id"].as<std::string>()) {
          chosen.reset(n);  // operator= would copy the node's content, not refer to it
          replaced.push_back(n["id"].as<std::string>());
        }
      list.push_back(chosen);
    }
    for (const auto& n : ts)
      if (!(n.IsMap() && n["id"]) ||
          std::find(replaced.begin(), replaced.end(), n["id"].as<std::string>()) == replaced.end())
        list.push_back(static_cast<const YAML::Node&>(n));
    replaced_sections["transitions"] = list;
  }
  YAML::Node out(YAML::NodeType::Map);
  for (const auto& kv : doc) {
    auto it = replaced_sections.find(kv.first.as<std::string>());
    out.force_insert(kv.first, it != replaced_sections.end() ? it->second : kv.second);
    if (it != replaced_sections.end()) replaced_sections.erase(it);
  }
  for (const auto& [key, node] : replaced_sections)
    if (node.size() > 0) out.force_insert(key, node);
  return out;
}

}  // namespace

namespace {
Versions load_versions_unchecked(std::string_view text, const std::string& origin);
}  // namespace

Versions load_versions(std::string_view text, const std::string& origin) {
  // A malformed versions block can make yaml-cpp itself throw (a map where a list belongs):
  // it is still reported at its line and column.
  try {
    return load_versions_unchecked(text, origin);
  } catch (const YAML::Exception& e) {
    const std::string at = e.mark.line < 0 ? origin + ": "
                                            : origin + ":" + std::to_string(e.mark.line + 1) + ":" +
                                                  std::to_string(e.mark.column + 1) + ": ";
    throw RuleSetError({at + "in the versions: " + e.msg});
  }
}

namespace {
Versions load_versions_unchecked(std::string_view text, const std::string& origin) {
  const YAML::Node root = Loader::parse(text, origin);
  Versions out;
  const YAML::Node versions = root.IsMap() ? root["versions"] : YAML::Node();
  if (!versions) {
    out.models.push_back(Loader(origin).load(root));
    out.models.back().version_from = out.models.back().valid_from;
    out.report = std::make_shared<const ReportSpec>(load_report_spec(root["report"], out.models.front(), origin));
    return out;
  }
  const auto where = [&](const YAML::Node& n) {
    return origin + ":" + std::to_string(n.Mark().line + 1) + ":" + std::to_string(n.Mark().column + 1) + ": ";
  };
  if (!versions.IsSequence() || versions.size() == 0)
    throw RuleSetError({where(versions) + "'versions' is a list of {name:, valid_from:, ...}"});
  YAML::Node doc(YAML::NodeType::Map);
  for (const auto& kv : root)
    if (kv.first.as<std::string>() != "versions") doc.force_insert(kv.first, kv.second);
  std::vector<std::string> errors;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const YAML::Node v = versions[i];
    if (!v.IsMap()) {
      errors.push_back(where(v) + "a version is a mapping (name:, valid_from:, parameters:, ...)");
      continue;
    }
    for (const auto& kv : v) {
      const std::string k = kv.first.as<std::string>();
      if (k != "name" && k != "valid_from" && k != "legal_ref" && k != "doc" && k != "parameters" && k != "timers" &&
          k != "obligations" && k != "transitions")
        errors.push_back(where(kv.first) + "unknown key '" + k + "' in a version (expected one of: name, valid_from, "
                         "legal_ref, doc, parameters, timers, obligations, transitions; states, events and variables "
                         "are shared)");
    }
    doc = overlay(doc, v, origin, errors);
    Model m;
    try {
      m = Loader(origin).load(doc);
    } catch (const RuleSetError& e) {
      errors.insert(errors.end(), e.messages().begin(), e.messages().end());
      continue;
    }
    m.version_name = v["name"] ? v["name"].as<std::string>() : std::to_string(i + 1);
    if (v["legal_ref"]) m.version_legal_ref = v["legal_ref"].as<std::string>();
    if (v["doc"]) m.version_doc = v["doc"].as<std::string>();
    // A transitional rule belongs to the version that writes it: an obligation this version only
    // inherits keeps its open instances at this version's start.
    if (i > 0)
      for (Obligation& o : m.obligations)
        if (!(v["obligations"] && v["obligations"].IsMap() && v["obligations"][o.name])) o.lapse_on_switch = false;
    if (!v["valid_from"]) {
      errors.push_back(where(v) + "version '" + m.version_name + "' needs valid_from");
      continue;
    }
    const auto from = Date::try_parse(v["valid_from"].as<std::string>());
    if (!from) {
      errors.push_back(where(v["valid_from"]) + "version '" + m.version_name + "': valid_from is not a date (YYYY-MM-DD)");
      continue;
    }
    if (!out.models.empty() && *from <= out.models.back().version_from)
      errors.push_back(where(v["valid_from"]) + "version '" + m.version_name + "' must start after version '" +
                       out.models.back().version_name + "'");
    m.version_from = *from;
    out.models.push_back(std::move(m));
  }
  if (!errors.empty()) throw RuleSetError(errors);
  // Every version lists every transition, in the order they first appear, so that an index names
  // the same rule in each; one a version does not have is kept, disabled, for its id and text.
  std::vector<std::pair<std::string, std::size_t>> order;  // id, first version that has it
  for (std::size_t v = 0; v < out.models.size(); ++v)
    for (const Transition& t : out.models[v].transitions)
      if (std::none_of(order.begin(), order.end(), [&](const auto& o) { return o.first == t.id; }))
        order.emplace_back(t.id, v);
  for (Model& m : out.models) {
    std::vector<Transition> aligned;
    for (const auto& entry : order) {
      // Not a structured binding: C++17 lambdas cannot capture one (clang refuses it).
      const std::string& id = entry.first;
      const std::size_t first = entry.second;
      const auto own = std::find_if(m.transitions.begin(), m.transitions.end(), [&](const Transition& t) { return t.id == id; });
      if (own != m.transitions.end()) {
        aligned.push_back(*own);
        continue;
      }
      const auto& src = out.models[first].transitions;
      Transition t = *std::find_if(src.begin(), src.end(), [&](const Transition& x) { return x.id == id; });
      t.disabled = true;
      t.from_mask = 0;
      t.opens = false;
      t.when = UINT32_MAX;
      t.guards.clear();
      t.effects.clear();
      aligned.push_back(std::move(t));
    }
    m.transitions = std::move(aligned);
    const std::vector<bool> anchors = m.scope_has_entry_anchor;
    m.table.clear();
    m.candidates.clear();
    Loader relink(origin);
    relink.m_ = std::move(m);
    relink.compile(YAML::Node());
    m = std::move(relink.m_);
    m.scope_has_entry_anchor = anchors;
  }
  out.report = std::make_shared<const ReportSpec>(load_report_spec(root["report"], out.models.front(), origin));
  return out;
}
}  // namespace

}  // namespace rules

RuleSet RuleSet::load_string(std::string_view text, const std::string& origin) {
  return RuleSet(std::make_shared<const rules::Versions>(rules::load_versions(text, origin)));
}

RuleSet RuleSet::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RuleSetError({path + ": cannot open the rule file"});
  std::ostringstream text;
  text << in.rdbuf();
  return load_string(text.str(), path);
}

}  // namespace caseflow
