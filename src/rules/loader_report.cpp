// The `report:` block of a rule file (docs/rulesets.md, "Reports"): read with yaml-cpp, every name
// checked against the rule-set, every error at its FILE:LINE:COL, all errors of the block at once.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <initializer_list>
#include <stdexcept>

#include "caseflow/ruleset.hpp"
#include "rules/model.hpp"
#include "rules/report_spec.hpp"

namespace caseflow::rules {

namespace {

// An error in one entry; the reader records it and goes on with the next entry.
struct EntryError {
  std::string text;
};

class ReportReader {
 public:
  ReportReader(const Model& m, std::string origin) : m_(m), origin_(std::move(origin)) {}

  ReportSpec read(const YAML::Node& block) {
    ReportSpec s;
    if (!block) return s;
    if (!block.IsMap()) {
      errors_.push_back(at(block) + "'report' is a mapping (title:, worklists:, ...)");
      throw RuleSetError(errors_);
    }
    check_keys(block, {"language", "title", "watched_weeks", "long_case_weeks", "due_ahead_days", "sample_size",
                       "status_period_days", "variables", "technical_reason", "extension", "norms", "worklists",
                       "points", "punctuality", "lead_times", "course_outcomes", "labels"},
               "the report");
    guarded([&] { if (block["language"]) s.language = text(block["language"], "language"); });
    guarded([&] { if (block["title"]) s.title = text(block["title"], "title"); });
    guarded([&] { s.watched_weeks = weeks(block["watched_weeks"], "watched_weeks"); });
    guarded([&] { s.long_case_weeks = weeks(block["long_case_weeks"], "long_case_weeks"); });
    guarded([&] { if (block["due_ahead_days"]) s.due_ahead_days = count(block["due_ahead_days"], "due_ahead_days", 0, 366); });
    guarded([&] { if (block["sample_size"]) s.sample_size = count(block["sample_size"], "sample_size", 0, 10000); });
    guarded([&] {
      if (block["status_period_days"]) s.status_period_days = count(block["status_period_days"], "status_period_days", 1, 366);
    });
    guarded([&] { read_variables(block["variables"], s); });
    guarded([&] {
      if (!block["technical_reason"]) return;
      s.technical_reason = text(block["technical_reason"], "technical_reason");
      if (!has_reason(s.technical_reason))
        fail(block["technical_reason"], "technical_reason '" + s.technical_reason + "' is no closure reason of the rule-set" +
                                            " (" + list(reasons()) + ")");
    });
    guarded([&] {
      if (!block["extension"]) return;
      s.extension_scope = scope(block["extension"]);
    });
    guarded([&] { read_norms(block["norms"], s); });
    each(block["worklists"], "worklists", [&](const std::string& name, const YAML::Node& v) {
      ReportObligation o;
      o.obligation = find(obligation_names(), name, v, "obligation");
      const Obligation& ob = m_.obligations[o.obligation];
      check_keys(v, {"label", "legal_ref"}, "worklist '" + name + "'");
      o.label = v["label"] ? text(v["label"], "label") : name;
      o.legal_ref = v["legal_ref"] ? text(v["legal_ref"], "legal_ref") : ob.legal_ref;
      s.worklists.push_back(std::move(o));
    });
    each(block["points"], "points", [&](const std::string& name, const YAML::Node& v) {
      ReportPoint p;
      find(point_names(), name, v, "point");
      p.point = name;
      check_keys(v, {"label", "legal_ref", "ahead_days"}, "point '" + name + "'");
      const Point& pt = *std::find_if(m_.points.begin(), m_.points.end(), [&](const Point& x) { return x.name == name; });
      p.label = v["label"] ? text(v["label"], "label") : name;
      p.legal_ref = v["legal_ref"] ? text(v["legal_ref"], "legal_ref") : pt.legal_ref;
      if (v["ahead_days"]) p.ahead_days = count(v["ahead_days"], "ahead_days", 1, 366);
      s.points.push_back(std::move(p));
    });
    guarded([&] {
      const YAML::Node p = block["punctuality"];
      if (!p) return;
      if (!p.IsSequence()) fail(p, "'punctuality' is a list of obligations");
      for (const auto& o : p) s.punctuality.push_back(find(obligation_names(), o.IsScalar() ? o.Scalar() : "", o, "obligation"));
    });
    each(block["lead_times"], "lead_times", [&](const std::string& name, const YAML::Node& v) {
      s.lead_times.push_back(stay(name, v));
    });
    each(block["course_outcomes"], "course_outcomes", [&](const std::string& name, const YAML::Node& v) {
      s.course_outcomes.push_back(stay(name, v));
    });
    guarded([&] { read_labels(block["labels"], s); });
    if (!errors_.empty()) throw RuleSetError(errors_);
    return s;
  }

 private:
  std::string at(const YAML::Node& n) const {
    const YAML::Mark mk = n.Mark();
    if (mk.line < 0) return origin_ + ": ";
    return origin_ + ":" + std::to_string(mk.line + 1) + ":" + std::to_string(mk.column + 1) + ": ";
  }
  [[noreturn]] void fail(const YAML::Node& n, const std::string& msg) const { throw EntryError{at(n) + "in the report: " + msg}; }

  template <class F>
  void guarded(F&& f) {
    try {
      f();
    } catch (const EntryError& e) {
      errors_.push_back(e.text);
    } catch (const YAML::Exception& e) {
      errors_.push_back(origin_ + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": in the report: " + e.msg);
    }
  }

  // Calls f(name, value) for each entry of a mapping, each guarded on its own.
  template <class F>
  void each(const YAML::Node& n, const char* what, F&& f) {
    if (!n) return;
    if (!n.IsMap()) {
      errors_.push_back(at(n) + "in the report: '" + what + "' is a mapping of names");
      return;
    }
    for (const auto& kv : n) guarded([&] { f(kv.first.as<std::string>(), kv.second); });
  }

  void check_keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const std::string& what) {
    if (!map.IsMap()) return;
    for (const auto& kv : map) {
      const std::string k = kv.first.as<std::string>();
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; })) {
        std::string all;
        for (const char* a : allowed) all += (all.empty() ? "" : ", ") + std::string(a);
        errors_.push_back(at(kv.first) + "in the report: unknown key '" + k + "' in " + what + " (expected one of: " + all + ")");
      }
    }
  }

  std::string text(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar() || n.Scalar().empty()) fail(n, what + " must be a text");
    return n.Scalar();
  }

  std::int32_t count(const YAML::Node& n, const std::string& what, std::int32_t low, std::int32_t high) const {
    long long v = 0;
    std::size_t used = 0;
    if (n.IsScalar()) {
      try {
        v = std::stoll(n.Scalar(), &used);
      } catch (const std::exception&) {
        used = 0;
      }
    }
    if (!n.IsScalar() || used == 0 || used != n.Scalar().size() || v < low || v > high)
      fail(n, what + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
    return static_cast<std::int32_t>(v);
  }

  std::vector<std::int32_t> weeks(const YAML::Node& n, const std::string& what) const {
    std::vector<std::int32_t> out;
    if (!n) return out;
    if (!n.IsSequence()) fail(n, what + " is a list of week numbers");
    for (const auto& w : n) {
      out.push_back(count(w, "a week in " + what, 1, 520));
      if (out.size() > 1 && out[out.size() - 2] >= out.back()) fail(w, what + " must be in increasing order");
    }
    return out;
  }

  static std::string list(const std::vector<std::string>& names) {
    std::string all;
    for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
    return all.empty() ? "none" : all;
  }

  std::uint16_t find(const std::vector<std::string>& names, const std::string& name, const YAML::Node& where,
                     const char* kind) const {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return static_cast<std::uint16_t>(i);
    fail(where, std::string("unknown ") + kind + " '" + name + "' (the rule-set has: " + list(names) + ")");
  }

  std::vector<std::string> obligation_names() const {
    std::vector<std::string> out;
    for (const auto& o : m_.obligations) out.push_back(o.name);
    return out;
  }
  std::vector<std::string> point_names() const {
    std::vector<std::string> out;
    for (const auto& p : m_.points) out.push_back(p.name);
    return out;
  }
  std::vector<std::string> scope_names() const {
    std::vector<std::string> out;
    for (const auto& s : m_.scopes) out.push_back(s.name);
    return out;
  }
  std::vector<std::string> reasons() const { return m_.reasons; }
  bool has_reason(const std::string& r) const { return std::find(m_.reasons.begin(), m_.reasons.end(), r) != m_.reasons.end(); }

  std::uint16_t scope(const YAML::Node& n) const {
    if (!n.IsScalar()) fail(n, "expected a state's name");
    return find(scope_names(), n.Scalar(), n, "state");
  }

  ReportStay stay(const std::string& name, const YAML::Node& v) {
    ReportStay st;
    st.scope = find(scope_names(), name, v, "state");
    st.name = name;
    check_keys(v, {"label"}, "'" + name + "'");
    st.label = v.IsMap() && v["label"] ? text(v["label"], "label") : name;
    return st;
  }

  // variables: {caseworker: NAME, team: NAME, provider: NAME, extension_ground: NAME, closure_expected: NAME}
  void read_variables(const YAML::Node& n, ReportSpec& s) {
    if (!n) return;
    if (!n.IsMap()) fail(n, "'variables' maps a role (caseworker, team, provider, ...) to a case variable");
    check_keys(n, {"caseworker", "team", "provider", "extension_ground", "closure_expected"}, "variables");
    const auto var = [&](const char* role, std::string& out, FieldType want) {
      const YAML::Node v = n[role];
      if (!v) return;
      guarded([&] {
        const std::string name = text(v, role);
        const auto it = std::find_if(m_.variables.begin(), m_.variables.end(), [&](const Variable& x) { return x.name == name; });
        if (it == m_.variables.end()) {
          std::vector<std::string> names;
          for (const auto& x : m_.variables) names.push_back(x.name);
          fail(v, std::string("unknown variable '") + name + "' for " + role + " (the rule-set has: " + list(names) + ")");
        }
        if (it->type != want && !(want == FieldType::string && it->type == FieldType::enumeration))
          fail(v, std::string("the ") + role + " variable '" + name + "' must be of type " +
                      (want == FieldType::boolean ? "bool" : "string or enum"));
        out = name;
      });
    };
    var("caseworker", s.caseworker, FieldType::string);
    var("team", s.team, FieldType::string);
    var("provider", s.provider, FieldType::string);
    var("extension_ground", s.extension_ground, FieldType::string);
    var("closure_expected", s.closure_expected, FieldType::boolean);
  }

  // norms: {closures_per_caseworker_month: {label:, legal_ref:, values: [{from: DATE, value: N}, ...]}}
  void read_norms(const YAML::Node& n, ReportSpec& s) {
    if (!n) return;
    if (!n.IsMap()) fail(n, "'norms' is a mapping of norms (closures_per_caseworker_month)");
    check_keys(n, {"closures_per_caseworker_month"}, "norms");
    const YAML::Node c = n["closures_per_caseworker_month"];
    if (!c) return;
    if (!c.IsMap()) fail(c, "a norm is {label:, legal_ref:, values: [{from:, value:}, ...]}");
    check_keys(c, {"label", "legal_ref", "values"}, "the norm");
    ReportNorm& norm = s.closures_per_month;
    norm.label = c["label"] ? text(c["label"], "label") : "closures per caseworker per month";
    if (c["legal_ref"]) norm.legal_ref = text(c["legal_ref"], "legal_ref");
    const YAML::Node vs = c["values"];
    if (!vs || !vs.IsSequence() || vs.size() == 0) fail(vs ? vs : c, "a norm needs values: [{from: DATE, value: N}, ...]");
    for (const auto& v : vs) {
      if (!v.IsMap() || !v["from"] || !v["value"]) fail(v, "a norm's value is {from: DATE, value: N}");
      check_keys(v, {"from", "value"}, "a norm's value");
      const auto from = Date::try_parse(v["from"].IsScalar() ? v["from"].Scalar() : std::string());
      if (!from) fail(v["from"], "from must be a date (YYYY-MM-DD)");
      double value = 0;
      try {
        value = v["value"].as<double>();
      } catch (const YAML::Exception&) {
        fail(v["value"], "value must be a number");
      }
      if (value < 0) fail(v["value"], "value must not be negative");
      if (!norm.steps.empty() && *from <= norm.steps.back().from) fail(v["from"], "a norm's values must be in date order");
      norm.steps.push_back({*from, value});
    }
  }

  // labels: {states: {NAME: TEXT}, reasons: {...}, values: {...}, headings: {...}}
  void read_labels(const YAML::Node& n, ReportSpec& s) {
    if (!n) return;
    if (!n.IsMap()) fail(n, "'labels' is {states:, reasons:, values:, headings:}");
    check_keys(n, {"states", "reasons", "values", "headings"}, "labels");
    const auto section = [&](const char* key, const char* prefix, auto&& check) {
      each(n[key], key, [&](const std::string& name, const YAML::Node& v) {
        check(name, v);
        s.labels[std::string(prefix) + name] = text(v, std::string("the label of '") + name + "'");
      });
    };
    section("states", "state.", [&](const std::string& name, const YAML::Node& v) { find(scope_names(), name, v, "state"); });
    section("reasons", "reason.", [&](const std::string& name, const YAML::Node& v) {
      if (!has_reason(name)) fail(v, "unknown closure reason '" + name + "' (the rule-set has: " + list(reasons()) + ")");
    });
    section("values", "value.", [](const std::string&, const YAML::Node&) {});
    section("headings", "heading.", [](const std::string&, const YAML::Node&) {});
  }

  const Model& m_;
  std::string origin_;
  std::vector<std::string> errors_;
};

}  // namespace

ReportSpec load_report_spec(const YAML::Node& block, const Model& model, const std::string& origin) {
  return ReportReader(model, origin).read(block);
}

}  // namespace caseflow::rules
