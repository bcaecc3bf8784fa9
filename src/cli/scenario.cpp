// Scenario files: reading them (yaml-cpp), replaying them (cli/replay) and comparing, with diffs.
#include "cli/scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "cli/case_view.hpp"
#include "cli/commands.hpp"
#include "cli/report.hpp"

namespace caseflow::cli {

namespace {

using Json = nlohmann::ordered_json;

const std::regex& integer_re() {
  static const std::regex re(R"(-?(0|[1-9][0-9]*))");
  return re;
}
const std::regex& number_re() {
  static const std::regex re(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
  return re;
}

bool plain(const YAML::Node& n) { return n.Tag() != "!"; }

/// A JSON string literal.
std::string json_string(const std::string& s) { return Json(s).dump(); }

/// A YAML value as JSON text, keeping a plain number's text as written (1e0 stays 1e0), so that
/// an event line reaches the event reader as the author wrote it.
std::string json_text(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null:
      return "null";
    case YAML::NodeType::Sequence: {
      std::string out = "[";
      for (std::size_t i = 0; i < n.size(); ++i) out += (i ? ", " : "") + json_text(n[i]);
      return out + "]";
    }
    case YAML::NodeType::Map: {
      std::string out = "{";
      bool first = true;
      for (const auto& kv : n) {
        out += (first ? "" : ", ") + json_string(kv.first.Scalar()) + ": " + json_text(kv.second);
        first = false;
      }
      return out + "}";
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (plain(n)) {
        if (s == "null" || s == "~") return "null";
        if (s == "true" || s == "false") return s;
        if (std::regex_match(s, number_re())) return s;
      }
      return json_string(s);
    }
    default:
      return "null";
  }
}

/// `FILE:LINE:COL: ` for a node.
std::string at(const std::string& file, const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  if (m.line < 0) return file + ": ";
  return file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1) + ": ";
}

[[noreturn]] void fail(const std::string& file, const YAML::Node& n, const std::string& message) {
  throw BadInput(at(file, n) + message);
}

void check_keys(const std::string& file, const YAML::Node& map, std::initializer_list<const char*> allowed,
                const std::string& what) {
  for (const auto& kv : map) {
    const std::string k = kv.first.Scalar();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; })) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail(file, kv.first, "unknown key '" + k + "' in " + what + " (expected one of: " + list + ")");
    }
  }
}

std::string need_text(const std::string& file, const YAML::Node& n, const std::string& what) {
  if (!n.IsScalar()) fail(file, n, what + " must be a text");
  return n.Scalar();
}

Checkpoint load_checkpoint(const std::string& file, const YAML::Node& c, std::size_t event_count) {
  if (!c.IsMap()) fail(file, c, "each item of 'expect' is a mapping (as_of:, cases:, rejected:)");
  check_keys(file, c, {"as_of", "cases", "rejected"}, "an expectation");
  Checkpoint cp;
  cp.line = c.Mark().line + 1;
  if (const YAML::Node d = c["as_of"]) {
    const auto date = Date::try_parse(need_text(file, d, "as_of"));
    if (!date) fail(file, d, "as_of must be a date (YYYY-MM-DD), not '" + d.Scalar() + "'");
    cp.as_of = *date;
  }
  if (const YAML::Node cases = c["cases"]) {
    if (!cases.IsMap()) fail(file, cases, "'cases' maps each case id to what must hold for it");
    for (const auto& kv : cases) {
      if (!kv.second.IsMap()) fail(file, kv.second, "case '" + kv.first.Scalar() + "': expected a mapping (state:, obligations:, ...)");
      check_keys(file, kv.second,
                 {"state", "reason", "transitions", "obligations", "timers", "allowed_events", "ruleset", "as_of"},
                 "case '" + kv.first.Scalar() + "'");
      cp.cases[kv.first.Scalar()] = yaml_to_json(kv.second);
    }
  }
  if (const YAML::Node rej = c["rejected"]) {
    if (!rej.IsSequence()) fail(file, rej, "'rejected' is a list of {event: N, message: ...}");
    for (const YAML::Node& r : rej) {
      if (!r.IsMap() || !r["event"]) fail(file, r, "each rejection names its event: {event: N, message: ...}");
      check_keys(file, r, {"event", "message", "why"}, "a rejection");
      const std::string n = need_text(file, r["event"], "event");
      if (!std::regex_match(n, integer_re()) || std::stoll(n) < 1 || static_cast<std::size_t>(std::stoll(n)) > event_count)
        fail(file, r["event"], "event must be the number of an event in 'events' (1-" + std::to_string(event_count) + ")");
      ExpectedRejection e;
      e.event = static_cast<std::size_t>(std::stoll(n));
      e.line = r.Mark().line + 1;
      if (r["message"]) e.message = need_text(file, r["message"], "message");
      cp.rejected.push_back(std::move(e));
    }
  }
  return cp;
}

Scenario load_one(const std::string& file, const YAML::Node& s, std::size_t index) {
  if (!s.IsMap()) fail(file, s, "a scenario is a mapping (scenario:, ruleset:, events:, expect:)");
  check_keys(file, s, {"scenario", "description", "ruleset", "notes", "events", "expect"}, "a scenario");
  Scenario sc;
  sc.file = file;
  if (s["scenario"]) sc.name = need_text(file, s["scenario"], "scenario");
  else {
    const std::size_t slash = file.find_last_of('/');
    sc.name = file.substr(slash == std::string::npos ? 0 : slash + 1);
    if (sc.name.size() > 5 && sc.name.compare(sc.name.size() - 5, 5, ".yaml") == 0) sc.name.resize(sc.name.size() - 5);
    if (index > 0) sc.name += "#" + std::to_string(index + 1);
  }
  if (!s["ruleset"]) fail(file, s, "scenario '" + sc.name + "' needs 'ruleset': a built-in name (dk, dk-2008) or a rule file");
  sc.ruleset = need_text(file, s["ruleset"], "ruleset");
  if (const YAML::Node notes = s["notes"]; notes && !notes.IsSequence() && !notes.IsScalar())
    fail(file, notes, "'notes' is a text or a list of texts");
  const YAML::Node events = s["events"];
  if (!events || !events.IsSequence()) fail(file, events ? events : s, "scenario '" + sc.name + "' needs 'events': a list");
  for (const YAML::Node& e : events) {
    const std::size_t number = sc.events.size() + 1;
    // A mapping is written as YAML; a text is a raw JSON line (for testing bad input).
    if (e.IsMap()) sc.events.push_back({number, json_text(e)});
    else if (e.IsScalar()) sc.events.push_back({number, e.Scalar()});
    else fail(file, e, "an event is a mapping ({case:, date:, event:, ...}) or a raw JSON line in quotes");
    sc.event_lines.push_back(e.Mark().line + 1);
  }
  const YAML::Node expect = s["expect"];
  if (!expect || !expect.IsSequence() || expect.size() == 0)
    fail(file, expect ? expect : s, "scenario '" + sc.name + "' needs 'expect': a list of {as_of:, cases:, rejected:}");
  for (const YAML::Node& c : expect) sc.expect.push_back(load_checkpoint(file, c, sc.events.size()));
  return sc;
}

// ---------------------------------------------------------------- comparing

/// A JSON value written as YAML flow, as the author would write it in a scenario.
std::string flow(const Json& v) {
  if (v.is_null()) return "null";
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    static const std::regex safe(R"([A-Za-z_][A-Za-z0-9_.\-]*|\d{4}-\d{2}-\d{2})");
    static const std::set<std::string> words = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"};
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return std::regex_match(s, safe) && !words.count(lower) ? s : v.dump();
  }
  if (v.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + flow(v[i]);
    return out + "]";
  }
  if (v.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [k, x] : v.items()) {
      out += (first ? "" : ", ") + k + ": " + flow(x);
      first = false;
    }
    return out + "}";
  }
  return v.dump();
}

/// Lines of a unified-style diff of two lists of lines: "  " same, "- " expected only, "+ " actual only.
std::vector<std::string> diff_lines(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<std::string> out;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out.push_back("  " + a[i++]);
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push_back("- " + a[i++]);
    } else {
      out.push_back("+ " + b[j++]);
    }
  }
  return out;
}

std::string indent(const std::vector<std::string>& lines, const std::string& pad) {
  std::string out;
  for (const std::string& l : lines) out += "\n" + pad + l;
  return out;
}

/// Compares one expected case with the actual timeline JSON: every key given is compared exactly;
/// in lists of transitions, obligations and timers each item is compared on the keys it gives.
void compare_case(const std::string& id, const Json& expected, const Json& actual, std::vector<std::string>& problems) {
  for (const auto& [key, want] : expected.items()) {
    Json have = actual.contains(key) ? actual[key] : Json();
    if ((key == "transitions" || key == "obligations" || key == "timers") && want.is_array() && have.is_array()) {
      Json projected = Json::array();
      for (std::size_t i = 0; i < have.size(); ++i) {
        if (i >= want.size() || !want[i].is_object()) {
          projected.push_back(have[i]);
          continue;
        }
        Json item = Json::object();
        for (const auto& [k, unused] : want[i].items()) item[k] = have[i].contains(k) ? have[i][k] : Json();
        projected.push_back(item);
      }
      have = projected;
    }
    if (have == want) continue;
    if (want.is_array() && have.is_array()) {
      std::vector<std::string> a, b;
      for (const Json& x : want) a.push_back(flow(x));
      for (const Json& x : have) b.push_back(flow(x));
      problems.push_back("case " + id + ", " + key + " (- expected, + actual):" + indent(diff_lines(a, b), "    "));
    } else {
      problems.push_back("case " + id + ", " + key + ":\n    - " + flow(want) + "\n    + " + flow(have));
    }
  }
}

}  // namespace

Json yaml_to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const YAML::Node& x : n) out.push_back(yaml_to_json(x));
      return out;
    }
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& kv : n) out[kv.first.Scalar()] = yaml_to_json(kv.second);
      return out;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (plain(n)) {
        if (s == "null" || s == "~") return nullptr;
        if (s == "true") return true;
        if (s == "false") return false;
        if (std::regex_match(s, integer_re())) return std::stoll(s);
        if (std::regex_match(s, number_re())) return std::stod(s);
      }
      return s;
    }
    default:
      return nullptr;
  }
}

std::vector<Scenario> load_scenarios(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BadInput(path + ": cannot open the scenario file");
  YAML::Node root;
  try {
    root = YAML::Load(in);
  } catch (const YAML::ParserException& e) {
    throw BadInput(path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  std::vector<Scenario> out;
  try {
    if (root.IsSequence()) {
      for (std::size_t i = 0; i < root.size(); ++i) out.push_back(load_one(path, root[i], i));
    } else {
      out.push_back(load_one(path, root, 0));
    }
  } catch (const YAML::Exception& e) {
    throw BadInput(path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  return out;
}

bool looks_like_scenarios(const std::string& path) {
  try {
    const YAML::Node root = YAML::LoadFile(path);
    const YAML::Node first = root.IsSequence() && root.size() > 0 ? root[0] : root;
    return first.IsMap() && first["events"] && !first["states"];
  } catch (const YAML::Exception&) {
    return true;  // let load_scenarios report what is wrong with it
  }
}

ScenarioResult run_scenario(const Scenario& sc, bool check_explanations) {
  ScenarioResult result;
  std::set<std::string> case_ids;
  std::string rules_path = sc.ruleset;
  if (RuleSet::builtin_text(rules_path).empty() && !rules_path.empty() && rules_path[0] != '/') {
    const std::size_t slash = sc.file.find_last_of('/');
    if (slash != std::string::npos) rules_path = sc.file.substr(0, slash + 1) + rules_path;
  }
  if (RuleSet::builtin_text(sc.ruleset).empty() && !std::ifstream(rules_path)) {
    std::string names;
    for (const std::string& n : RuleSet::builtin_names()) names += (names.empty() ? "" : ", ") + n;
    throw BadInput("ruleset '" + sc.ruleset + "' is neither built in (" + names + ") nor a rule file (" + rules_path + ")");
  }
  const RuleSet rules = load_rules(rules_path);
  for (const Checkpoint& cp : sc.expect) {
    std::vector<std::string> problems;
    // With check_explanations every case keeps the words of its dates as the engine computes them.
    const Replay r = replay(rules, sc.events, cp.as_of, [&](const std::string&) { return check_explanations; });
    std::map<std::string, Json> actual;
    for (const std::string& id : r.order) actual.emplace(id, case_json(id, r.cases.at(id), r.as_of));
    std::vector<std::string> want_ids, have_ids;
    for (const auto& [id, unused] : cp.cases.items()) want_ids.push_back(id);
    for (const auto& [id, unused] : actual) have_ids.push_back(id);
    std::sort(want_ids.begin(), want_ids.end());
    if (want_ids != have_ids) {
      const auto list = [](const std::vector<std::string>& v) {
        std::string s;
        for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
        return "[" + s + "]";
      };
      problems.push_back("cases:\n    - " + list(want_ids) + "\n    + " + list(have_ids));
    }
    for (const auto& [id, want] : cp.cases.items())
      if (auto it = actual.find(id); it != actual.end()) compare_case(id, want, it->second, problems);
    // Rejections: the same events, and the same message where one is given.
    std::map<std::size_t, std::string> got;
    for (const LineReport& rep : r.reports)
      if (rep.is_error()) got[rep.number] = rep.message;
    std::set<std::size_t> want_events;
    for (const ExpectedRejection& e : cp.rejected) {
      want_events.insert(e.event);
      auto it = got.find(e.event);
      if (e.message && it != got.end() && it->second != *e.message)
        problems.push_back("event " + std::to_string(e.event) + " (line " + std::to_string(sc.event_lines[e.event - 1]) +
                           "), message:\n    - " + *e.message + "\n    + " + it->second);
    }
    std::set<std::size_t> have_events;
    for (const auto& [n, unused] : got) have_events.insert(n);
    if (want_events != have_events) {
      std::vector<std::string> lines;
      for (std::size_t n : want_events)
        if (!have_events.count(n)) lines.push_back("- event " + std::to_string(n) + " (line " + std::to_string(sc.event_lines[n - 1]) + "): not rejected");
      for (std::size_t n : have_events)
        if (!want_events.count(n)) lines.push_back("+ event " + std::to_string(n) + " (line " + std::to_string(sc.event_lines[n - 1]) + "): " + got[n]);
      problems.push_back("rejected events (- expected, + actual):" + indent(lines, "    "));
    }
    if (check_explanations)
      for (const auto& [id, unused] : actual)
        for (const std::string& d : r.cases.at(id).explain(r.as_of).disagreements())
          problems.push_back("case " + id + ", explanation: " + d);
    for (const auto& [id, unused] : cp.cases.items()) case_ids.insert(id);
    const std::string when = cp.as_of ? cp.as_of->iso() : "the latest event (" + r.as_of.iso() + ")";
    for (std::string& p : problems) result.problems.push_back("as of " + when + ", " + p);
  }
  result.cases = case_ids.size();
  result.passed = result.problems.empty();
  return result;
}

}  // namespace caseflow::cli
