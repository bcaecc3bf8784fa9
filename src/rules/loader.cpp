// The rule-file loader: YAML (yaml-cpp, whose marks give FILE:LINE:COL) into the compiled Model.
// Every name is resolved and every expression typed here, so the engine never meets a string. This
// file reads a version's sections and builds its dense table; expressions are in loader_expr.cpp,
// a file's versions in loader_versions.cpp.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <unordered_map>

#include "caseflow/ruleset.hpp"
#include "rules/loader.hpp"
#include "rules/model.hpp"

namespace caseflow {

RuleSetError::RuleSetError(std::vector<std::string> messages)
    : std::runtime_error([&] {
        std::string all;
        for (const auto& m : messages) all += (all.empty() ? "" : "\n") + m;
        return all;
      }()),
      messages_(std::move(messages)) {}

namespace rules {
namespace loading {

YAML::Node Loader::parse(std::string_view text, const std::string& origin) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    throw RuleSetError({Loader(origin).at(e.mark) + e.msg});
  }
}

Model Loader::load(const YAML::Node& root) {
  if (!root.IsMap()) throw RuleSetError({at(root.Mark()) + "a rule file is a mapping (name:, states:, ...)"});
  guarded(root, [&] { load_header(root); });
  check_keys(root, {"name", "valid_from", "valid_until", "description", "parameters", "states",
                    "variables", "events", "points", "timers", "obligations", "transitions", "versions",
                    "report"},
             "the rule file");
  guarded(root, [&] { load_params(root["parameters"]); });
  guarded(root, [&] { load_states(root["states"], root); });
  guarded(root, [&] { load_variables(root["variables"]); });
  guarded(root, [&] { load_events(root["events"], root); });
  guarded(root, [&] { resolve_enum_variables(); });
  // Everything below names states and events: without them it would only report echoes.
  if (!errors_.empty()) throw RuleSetError(errors_);
  declare_names(root["points"], point_ix_, "point");
  declare_names(root["timers"], timer_ix_, "timer");
  declare_names(root["obligations"], obligation_ix_, "obligation");
  m_.points.resize(point_ix_.size());
  m_.timers.resize(timer_ix_.size());
  m_.obligations.resize(obligation_ix_.size());
  load_each(root["points"], [&](const std::string& n, const YAML::Node& v) { load_point(n, v); });
  load_each(root["timers"], [&](const std::string& n, const YAML::Node& v) { load_timer(n, v); });
  load_each(root["obligations"],
            [&](const std::string& n, const YAML::Node& v) { load_obligation(n, v); });
  load_transitions(root["transitions"], root);
  mark_declarations(root);
  if (errors_.empty()) guarded(root, [&] { compile(root); });
  if (!errors_.empty()) throw RuleSetError(errors_);
  return std::move(m_);
}

// ---- messages ----
std::string Loader::at(const YAML::Mark& mk) const {
  if (mk.line < 0) return m_.origin + ": ";
  return m_.origin + ":" + std::to_string(mk.line + 1) + ":" + std::to_string(mk.column + 1) + ": ";
}

void Loader::fail(const YAML::Node& n, const std::string& msg) const {
  throw ItemError{at(n.Mark()) + msg};
}

void Loader::check_keys(const YAML::Node& map, std::initializer_list<const char*> allowed,
                        const std::string& what) {
  if (!map.IsMap()) return;
  for (const auto& kv : map) {
    const std::string k = kv.first.as<std::string>();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; })) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      errors_.push_back(at(kv.first.Mark()) + "unknown key '" + k + "' in " + what +
                        " (expected one of: " + list + ")");
    }
  }
}

std::string Loader::need_string(const YAML::Node& parent, const char* key, const std::string& what) const {
  const YAML::Node n = parent[key];
  if (!n) fail(parent, what + " needs '" + key + "'");
  if (!n.IsScalar() || n.Scalar().empty()) fail(n, "'" + std::string(key) + "' of " + what + " must be a text");
  return n.Scalar();
}

std::int64_t Loader::need_int(const YAML::Node& n, const std::string& what) const {
  if (!n.IsScalar()) fail(n, what + " must be a whole number");
  const std::string& s = n.Scalar();
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(s, &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != s.size()) fail(n, what + " must be a whole number, not '" + s + "'");
  return v;
}

Date Loader::need_date(const YAML::Node& n, const std::string& what) const {
  if (!n.IsScalar()) fail(n, what + " must be a date (YYYY-MM-DD)");
  try {
    return Date::parse(n.Scalar());
  } catch (const DateError& e) {
    fail(n, what + ": " + e.what());
  }
}

// ---- lookups ----
Id Loader::lookup(const std::unordered_map<std::string, Id>& ix, const YAML::Node& n,
                  const char* kind) const {
  const std::string name = scalar(n);
  auto it = ix.find(name);
  if (it == ix.end()) fail(n, std::string("unknown ") + kind + " '" + name + "'");
  return it->second;
}

Id Loader::scope_of(const YAML::Node& n) const {
  std::string name = scalar(n);
  if (name.size() > 2 && name.compare(name.size() - 2, 2, ".*") == 0) name.resize(name.size() - 2);
  auto it = scope_ix_.find(name);
  if (it == scope_ix_.end()) fail(n, "unknown state '" + scalar(n) + "'");
  return it->second;
}

Id Loader::field_of(Id event, const YAML::Node& n, const Ctx& ctx) const {
  if (event == kNone) fail(n, "no event's fields are in reach in " + ctx.where);
  const Event& e = m_.events[event];
  const std::string name = scalar(n);
  for (std::size_t i = 0; i < e.fields.size(); ++i)
    if (e.fields[i].name == name) return static_cast<Id>(i);
  fail(n, "event '" + e.name + "' has no field '" + name + "'");
}

// ---- header, parameters, states, variables, events ----
void Loader::load_header(const YAML::Node& root) {
  m_.name = need_string(root, "name", "the rule file");
  if (root["valid_from"]) m_.valid_from = need_date(root["valid_from"], "valid_from");
  if (root["valid_until"]) m_.valid_until = need_date(root["valid_until"], "valid_until");
  if (root["description"]) m_.description = scalar(root["description"]);
}

void Loader::declare_names(const YAML::Node& section, std::unordered_map<std::string, Id>& ix,
                           const char* kind) {
  if (!section || !section.IsMap()) return;
  for (const auto& kv : section) {
    const std::string name = kv.first.as<std::string>();
    if (ix.count(name)) {
      errors_.push_back(at(kv.first.Mark()) + kind + " '" + name + "' is declared twice");
      continue;
    }
    const Id id = static_cast<Id>(ix.size());
    ix.emplace(name, id);
  }
}

void Loader::load_params(const YAML::Node& section) {
  load_each(section, [&](const std::string& name, const YAML::Node& v) {
    Param p;
    p.name = name;
    YAML::Node value = v;
    if (v.IsMap()) {
      check_keys(v, {"value", "changes", "legal_ref", "doc"}, "parameter '" + name + "'");
      value.reset(v["value"]);  // Node::operator= would overwrite v itself
      if (!value) fail(v, "parameter '" + name + "' needs 'value'");
      if (v["legal_ref"]) p.legal_ref = scalar(v["legal_ref"]);
      if (v["doc"]) p.doc = scalar(v["doc"]);
    }
    const auto parse_value = [&](const YAML::Node& n) -> std::int64_t {
      if (auto d = Date::try_parse(scalar(n))) {
        p.is_date = true;
        return d->days();
      }
      return need_int(n, "parameter '" + name + "'");
    };
    p.value = parse_value(value);
    const bool first_is_date = p.is_date;
    if (v.IsMap() && v["changes"]) {
      const YAML::Node ch = v["changes"];
      if (!ch.IsMap()) fail(ch, "'changes' maps a date to the value from that date on");
      for (const auto& c : ch) {
        const Date from = need_date(c.first, "a change date of '" + name + "'");
        p.is_date = false;
        const std::int64_t val = parse_value(c.second);
        if (p.is_date != first_is_date) fail(c.second, "parameter '" + name + "' mixes dates and numbers");
        p.changes.emplace_back(from, val);
      }
      p.is_date = first_is_date;
      std::sort(p.changes.begin(), p.changes.end());
    }
    if (param_ix_.count(name)) fail(v, "parameter '" + name + "' is declared twice");
    param_ix_.emplace(name, static_cast<Id>(m_.params.size()));
    m_.params.push_back(std::move(p));
  });
}

void Loader::load_states(const YAML::Node& section, const YAML::Node& root) {
  if (!section || !section.IsMap() || section.size() == 0)
    fail(section ? section : root, "the rule file needs 'states': a mapping of state names");
  std::vector<std::string> parents;
  for (const auto& kv : section) {
    const std::string name = kv.first.as<std::string>();
    const YAML::Node v = kv.second;
    Scope s;
    s.name = name;
    s.leaf = true;
    if (v.IsMap()) {
      check_keys(v, {"initial", "final", "doc"}, "state '" + name + "'");
      s.final = v["final"] && v["final"].as<bool>();
      if (v["doc"]) s.doc = scalar(v["doc"]);
      if (v["initial"] && v["initial"].as<bool>()) {
        if (m_.initial != kNone) fail(kv.first, "a second initial state '" + name + "'");
        m_.initial = static_cast<Id>(m_.scopes.size());
      }
    } else if (!v.IsNull()) {
      fail(v, "state '" + name + "' takes a mapping (initial:, final:, doc:) or nothing");
    }
    if (scope_ix_.count(name)) fail(kv.first, "state '" + name + "' is declared twice");
    scope_ix_.emplace(name, static_cast<Id>(m_.scopes.size()));
    m_.scopes.push_back(std::move(s));
    for (std::size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1)) {
      const std::string parent = name.substr(0, dot);
      if (std::find(parents.begin(), parents.end(), parent) == parents.end()) parents.push_back(parent);
    }
  }
  m_.leaf_count = m_.scopes.size();
  for (const std::string& p : parents) {
    if (scope_ix_.count(p)) fail(section, "'" + p + "' is both a state and a parent of states");
    scope_ix_.emplace(p, static_cast<Id>(m_.scopes.size()));
    Scope s;
    s.name = p;
    m_.scopes.push_back(std::move(s));
  }
  if (m_.scopes.size() > 64) fail(section, "at most 64 states and parents are supported");
  m_.scope_mask.assign(m_.leaf_count, 0);
  for (std::size_t i = 0; i < m_.leaf_count; ++i) {
    const std::string& name = m_.scopes[i].name;
    m_.scope_mask[i] |= std::uint64_t(1) << i;
    for (std::size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1))
      m_.scope_mask[i] |= std::uint64_t(1) << scope_ix_.at(name.substr(0, dot));
  }
  if (m_.initial == kNone) fail(section, "no state is marked initial: true");
}

bool Loader::parse_field_type(const std::string& s, FieldType& t) {
  static const std::pair<const char*, FieldType> kTypes[] = {
      {"enum", FieldType::enumeration}, {"date", FieldType::date},
      {"bool", FieldType::boolean},     {"int", FieldType::integer},
      {"string", FieldType::string},    {"date_pairs", FieldType::date_pairs}};
  for (const auto& [n, ft] : kTypes)
    if (s == n) {
      t = ft;
      return true;
    }
  return false;
}

void Loader::load_variables(const YAML::Node& section) {
  load_each(section, [&](const std::string& name, const YAML::Node& v) {
    Variable var;
    var.name = name;
    check_keys(v, {"type", "initial", "doc", "of"}, "variable '" + name + "'");
    const std::string t = need_string(v, "type", "variable '" + name + "'");
    if (!parse_field_type(t, var.type) || var.type == FieldType::date_pairs)
      fail(v["type"], "variable type must be int, date, bool, string or enum, not '" + t + "'");
    // An enum variable holds a value of an event's enum field (`of: event.field`), resolved once
    // the events are read.
    if (var.type == FieldType::enumeration) {
      if (!v["of"]) fail(v, "enum variable '" + name + "' needs 'of: event.field' (the field whose values it holds)");
      if (v["initial"]) fail(v["initial"], "an enum variable has no initial value");
      enum_variables_.emplace_back(static_cast<Id>(m_.variables.size()), v["of"]);
    } else if (v["of"]) {
      fail(v["of"], "'of' belongs to an enum variable");
    }
    if (v["initial"]) {
      const YAML::Node i = v["initial"];
      if (var.type == FieldType::date) var.initial = need_date(i, "initial").days();
      else if (var.type == FieldType::boolean) var.initial = i.as<bool>() ? 1 : 0;
      else if (var.type == FieldType::integer) var.initial = need_int(i, "initial");
      else fail(i, "a string variable has no initial value");
    }
    if (v["doc"]) var.doc = scalar(v["doc"]);
    if (var_ix_.count(name)) fail(v, "variable '" + name + "' is declared twice");
    var_ix_.emplace(name, static_cast<Id>(m_.variables.size()));
    m_.variables.push_back(std::move(var));
  });
}

void Loader::resolve_enum_variables() {
  for (const auto& [id, of] : enum_variables_)
    guarded(of, [&] {
      const std::string text = scalar(of);
      const std::size_t dot = text.find('.');
      if (dot == std::string::npos) fail(of, "'of' names an event's enum field as event.field");
      const auto ev = event_ix_.find(text.substr(0, dot));
      if (ev == event_ix_.end()) fail(of, "unknown event '" + text.substr(0, dot) + "'");
      const auto& fields = m_.events[ev->second].fields;
      const auto f = std::find_if(fields.begin(), fields.end(), [&](const Field& x) { return x.name == text.substr(dot + 1); });
      if (f == fields.end() || f->type != FieldType::enumeration)
        fail(of, "event '" + text.substr(0, dot) + "' has no enum field '" + text.substr(dot + 1) + "'");
      m_.variables[id].enum_event = ev->second;
      m_.variables[id].enum_field = static_cast<Id>(f - fields.begin());
    });
}

void Loader::load_events(const YAML::Node& section, const YAML::Node& root) {
  if (!section || !section.IsMap()) fail(section ? section : root, "the rule file needs 'events'");
  load_each(section, [&](const std::string& name, const YAML::Node& v) {
    Event e;
    e.name = name;
    if (v.IsMap()) {
      check_keys(v, {"doc", "fields"}, "event '" + name + "'");
      if (v["doc"]) e.doc = scalar(v["doc"]);
      if (const YAML::Node fs = v["fields"]) {
        if (!fs.IsMap()) fail(fs, "'fields' of event '" + name + "' is a mapping of field names");
        for (const auto& f : fs) e.fields.push_back(load_field(name, f.first.as<std::string>(), f.second));
      }
    } else if (!v.IsNull()) {
      fail(v, "event '" + name + "' takes a mapping (doc:, fields:) or nothing");
    }
    for (const char* reserved : {"case", "date", "event"})
      for (const Field& f : e.fields)
        if (f.name == reserved) fail(v, "field name '" + f.name + "' is reserved");
    if (event_ix_.count(name)) fail(v, "event '" + name + "' is declared twice");
    event_ix_.emplace(name, static_cast<Id>(m_.events.size()));
    m_.events.push_back(std::move(e));
  });
}

Field Loader::load_field(const std::string& event, const std::string& name, const YAML::Node& v) {
  Field f;
  f.name = name;
  const std::string what = "field '" + name + "' of event '" + event + "'";
  if (!v.IsMap()) fail(v, what + " takes a mapping (type:, ...)");
  check_keys(v, {"type", "values", "min", "max", "optional", "default"}, what);
  const std::string t = need_string(v, "type", what);
  if (!parse_field_type(t, f.type))
    fail(v["type"], what + ": unknown type '" + t + "' (enum, date, bool, int, string, date_pairs)");
  if (f.type == FieldType::enumeration) {
    const YAML::Node vals = v["values"];
    if (!vals || !vals.IsSequence() || vals.size() == 0) fail(v, what + " needs 'values': a list");
    for (const auto& x : vals) f.values.push_back(scalar(x));
  }
  if (v["min"]) f.min = need_int(v["min"], what + " min");
  if (v["max"]) f.max = need_int(v["max"], what + " max");
  if (v["optional"]) f.required = !v["optional"].as<bool>();
  if (const YAML::Node d = v["default"]) {
    f.required = false;
    f.has_default = true;
    switch (f.type) {
      case FieldType::boolean: f.default_value = d.as<bool>() ? 1 : 0; break;
      case FieldType::integer: f.default_value = need_int(d, what + " default"); break;
      case FieldType::date: f.default_value = need_date(d, what + " default").days(); break;
      case FieldType::enumeration: {
        auto it = std::find(f.values.begin(), f.values.end(), scalar(d));
        if (it == f.values.end()) fail(d, what + " default is not one of its values");
        f.default_value = it - f.values.begin();
        break;
      }
      default: fail(d, what + ": this type takes no default");
    }
  }
  return f;
}

// ---- points, timers, obligations ----
void Loader::load_point(const std::string& name, const YAML::Node& v) {
  Point& p = m_.points[point_ix_.at(name)];
  p.name = name;
  check_keys(v, {"doc", "legal_ref", "recompute_in", "date"}, "point '" + name + "'");
  p.legal_ref = need_string(v, "legal_ref", "point '" + name + "'");
  if (v["doc"]) p.doc = scalar(v["doc"]);
  if (v["recompute_in"]) p.recompute_in = scope_of(v["recompute_in"]);
  if (!v["date"]) fail(v, "point '" + name + "' needs 'date'");
  p.expr = date_expr(v["date"], Ctx{kNone, false, "point '" + name + "'"});
}

std::vector<Id> Loader::event_list(const YAML::Node& n) {
  std::vector<Id> out;
  if (!n) return out;
  if (n.IsScalar()) return {lookup(event_ix_, n, "event")};
  if (!n.IsSequence()) fail(n, "expected an event or a list of events");
  for (const auto& x : n) out.push_back(lookup(event_ix_, x, "event"));
  return out;
}

void Loader::load_timer(const std::string& name, const YAML::Node& v) {
  Timer& t = m_.timers[timer_ix_.at(name)];
  t.name = name;
  const std::string what = "timer '" + name + "'";
  check_keys(v, {"doc", "legal_ref", "scope", "start", "cancel_on", "date", "recompute_in", "version_by"}, what);
  t.version_by_event = version_by(v, what);
  t.legal_ref = need_string(v, "legal_ref", what);
  if (v["doc"]) t.doc = scalar(v["doc"]);
  if (!v["scope"]) fail(v, what + " needs 'scope': leaving it cancels the timer");
  t.scope = scope_of(v["scope"]);
  const YAML::Node start = v["start"];
  if (!start || !start.IsMap()) fail(v, what + " needs 'start': {on: [events]} or {enter: state}");
  check_keys(start, {"on", "enter"}, what + " start");
  t.start_on_events = event_list(start["on"]);
  if (start["enter"]) t.start_on_enter = scope_of(start["enter"]);
  t.cancel_on = event_list(v["cancel_on"]);
  if (v["recompute_in"]) t.recompute_in = scope_of(v["recompute_in"]);
  if (!v["date"]) fail(v, what + " needs 'date'");
  t.date = date_expr(v["date"], Ctx{kNone, true, what});
}

void Loader::load_obligation(const std::string& name, const YAML::Node& v) {
  Obligation& o = m_.obligations[obligation_ix_.at(name)];
  o.name = name;
  const std::string what = "obligation '" + name + "'";
  check_keys(v, {"doc", "legal_ref", "scope", "arises", "met_by", "lapse_on", "version_by", "on_version_switch"}, what);
  o.version_by_event = version_by(v, what);
  if (const YAML::Node sw = v["on_version_switch"]) {
    if (scalar(sw) != "keep" && scalar(sw) != "lapse") fail(sw, "'on_version_switch' is keep or lapse");
    if (!o.version_by_event) fail(sw, "'on_version_switch' needs version_by: event_date (a day-1 rule never switches)");
    o.lapse_on_switch = scalar(sw) == "lapse";
  }
  o.legal_ref = need_string(v, "legal_ref", what);
  if (v["doc"]) o.doc = scalar(v["doc"]);
  if (v["scope"]) o.scope = scope_of(v["scope"]);
  load_met_by(o, v["met_by"], what);
  o.lapse_on = event_list(v["lapse_on"]);
  // An empty list: the obligation never arises (a later version may give it a way to).
  const YAML::Node ar = v["arises"];
  if (!ar || !ar.IsSequence()) fail(v, what + " needs 'arises': a list");
  for (const auto& a : ar) {
    Arising r;
    check_keys(a, {"on", "enter", "when", "due", "recompute_in"}, what + " arises");
    Ctx ctx{kNone, true, what};
    if (const YAML::Node on = a["on"]) {
      if (on.IsMap()) {
        if (!on["timer"]) fail(on, "'on' takes an event or {timer: name}");
        r.on_timer = lookup(timer_ix_, on["timer"], "timer");
      } else {
        r.on_event = lookup(event_ix_, on, "event");
        ctx.event = r.on_event;
      }
    } else if (a["enter"]) {
      r.on_enter = scope_of(a["enter"]);
    } else {
      fail(a, what + ": each way it arises needs 'on' (event or {timer:}) or 'enter' (state)");
    }
    if (a["when"]) r.when = cond_expr(a["when"], ctx);
    if (!a["due"]) fail(a, what + " needs 'due'");
    r.due = date_expr(a["due"], ctx);
    if (a["recompute_in"]) r.recompute_in = scope_of(a["recompute_in"]);
    o.arises.push_back(r);
  }
}

// What meets an obligation: events, each optionally with a condition it must also pass
// ({on: event, when: condition}); in the condition `timer_start` is the day the instance arose.
void Loader::load_met_by(Obligation& o, const YAML::Node& n, const std::string& what) {
  if (!n) return;
  const auto one = [&](const YAML::Node& x) {
    if (x.IsMap()) {
      check_keys(x, {"on", "when"}, what + " met_by");
      if (!x["on"]) fail(x, what + ": a met_by entry with a condition is {on: event, when: condition}");
      const Id e = lookup(event_ix_, x["on"], "event");
      o.met_by.push_back(e);
      o.met_when.push_back(x["when"] ? cond_expr(x["when"], Ctx{e, true, what}) : UINT32_MAX);
      return;
    }
    o.met_by.push_back(lookup(event_ix_, x, "event"));
    o.met_when.push_back(UINT32_MAX);
  };
  if (n.IsSequence()) for (const auto& x : n) one(x);
  else if (n.IsScalar()) one(n);
  else fail(n, "expected an event or a list of events");
}

// ---- transitions ----
std::uint64_t Loader::from_mask(const YAML::Node& n) {
  std::uint64_t mask = 0;
  const auto one = [&](const YAML::Node& x) {
    if (scalar(x) == "*") {
      for (std::size_t i = 0; i < m_.leaf_count; ++i)
        if (!m_.scopes[i].final) mask |= std::uint64_t(1) << i;
      return;
    }
    const Id s = scope_of(x);
    for (std::size_t i = 0; i < m_.leaf_count; ++i)
      if (m_.within(i, s)) mask |= std::uint64_t(1) << i;
  };
  if (n.IsSequence()) for (const auto& x : n) one(x);
  else one(n);
  return mask;
}

void Loader::load_transitions(const YAML::Node& section, const YAML::Node& root) {
  if (!section || !section.IsSequence()) {
    errors_.push_back(at((section ? section : root).Mark()) + "the rule file needs 'transitions': a list");
    return;
  }
  for (const auto& t : section) guarded(t, [&] { load_transition(t); });
}

void Loader::load_transition(const YAML::Node& v) {
  Transition t;
  t.mark = {v.Mark().line + 1, v.Mark().column + 1};
  t.id = need_string(v, "id", "a transition");
  const std::string what = "transition '" + t.id + "'";
  check_keys(v, {"id", "doc", "legal_ref", "from", "on", "when", "guards", "to", "effects", "reason", "version_by"}, what);
  t.version_by_event = version_by(v, what);
  for (const Transition& o : m_.transitions)
    if (o.id == t.id) fail(v["id"], "transition id '" + t.id + "' is used twice");
  t.legal_ref = need_string(v, "legal_ref", what);
  if (v["doc"]) t.doc = scalar(v["doc"]);
  const YAML::Node on = v["on"];
  if (!on) fail(v, what + " needs 'on': an event or {timer: name}");
  if (on.IsMap()) {
    if (!on["timer"]) fail(on, "'on' takes an event or {timer: name}");
    t.timer = lookup(timer_ix_, on["timer"], "timer");
  } else {
    t.event = lookup(event_ix_, on, "event");
  }
  if (!v["from"]) fail(v, what + " needs 'from': a state, a parent, a list, \"*\" or null (opens a case)");
  if (v["from"].IsNull()) {
    if (t.event == kNone) fail(v["from"], "only an event can open a case");
    t.opens = true;
  } else {
    t.from_mask = from_mask(v["from"]);
  }
  Ctx ctx{t.event, false, what};
  if (v["when"]) t.when = cond_expr(v["when"], ctx);
  if (const YAML::Node gs = v["guards"]) {
    if (!gs.IsSequence()) fail(gs, "'guards' takes a list of {check:, message:, legal_ref:}");
    for (const auto& g : gs) {
      check_keys(g, {"check", "message", "legal_ref"}, what + " guard");
      Guard gd;
      if (!g["check"]) fail(g, "a guard needs 'check'");
      gd.check = cond_expr(g["check"], ctx);
      gd.message = need_string(g, "message", "a guard of " + what);
      gd.legal_ref = need_string(g, "legal_ref", "a guard of " + what);
      t.guards.push_back(std::move(gd));
    }
  }
  if (v["to"]) {
    const Id to = scope_of(v["to"]);
    if (!m_.scopes[to].leaf) fail(v["to"], "'" + m_.scopes[to].name + "' groups states; a transition goes to one state");
    t.to = to;
  } else if (t.opens) {
    fail(v, what + " opens a case and needs 'to'");
  }
  if (const YAML::Node r = v["reason"]) {
    if (t.to == kNone || !m_.scopes[t.to].final) fail(r, "'reason' is only given on a transition to a final state");
    if (r.IsScalar()) {
      t.reason.literal = reason_id(r.Scalar());
    } else {
      if (!r["field"]) fail(r, "'reason' takes a name or {field: enum field}");
      t.reason.field = field_of(t.event, r["field"], ctx);
      const Field& f = m_.events[t.event].fields[t.reason.field];
      if (f.type != FieldType::enumeration) fail(r, "a reason field must be an enum");
      for (const std::string& val : f.values) t.reason_by_enum.push_back(reason_id(val));
    }
  }
  if (const YAML::Node fx = v["effects"]) {
    if (!fx.IsSequence()) fail(fx, "'effects' takes a list");
    for (const auto& e : fx) load_effect(e, t, ctx);
  }
  m_.transitions.push_back(std::move(t));
}

Id Loader::reason_id(const std::string& name) {
  auto it = std::find(m_.reasons.begin(), m_.reasons.end(), name);
  if (it != m_.reasons.end()) return static_cast<Id>(it - m_.reasons.begin());
  m_.reasons.push_back(name);
  return static_cast<Id>(m_.reasons.size() - 1);
}

void Loader::load_effect(const YAML::Node& e, Transition& t, const Ctx& ctx) {
  if (!e.IsMap() || e.size() != 1) fail(e, "an effect is one of set:, pay_from:, pay:, prior_periods:, start:, cancel:");
  const std::string key = e.begin()->first.as<std::string>();
  const YAML::Node arg = e.begin()->second;
  Effect fx;
  if (key == "set") {
    if (!arg.IsMap()) fail(arg, "'set' takes {variable: value, ...}");
    for (const auto& kv : arg) {
      fx.kind = Effect::set_var;
      fx.target = lookup(var_ix_, kv.first, "variable");
      const Variable& var = m_.variables[fx.target];
      const Typed value = want(kv.second, ctx, var_vtype(var.type));
      if (var.type == FieldType::enumeration &&
          (value.enum_event == kNone ||
           m_.events[value.enum_event].fields[value.enum_field].values != m_.events[var.enum_event].fields[var.enum_field].values))
        fail(kv.second, "enum variable '" + var.name + "' takes a value of a field with the same values as its 'of'");
      fx.expr = value.expr;
      t.effects.push_back(fx);
    }
    return;
  }
  if (key == "pay_from") {
    fx.kind = Effect::pay_from;
    fx.expr = date_expr(arg, ctx);
  } else if (key == "pay") {
    const std::string s = scalar(arg);
    if (s != "stop" && s != "resume") fail(arg, "'pay' takes stop or resume");
    fx.kind = s == "stop" ? Effect::pay_stop : Effect::pay_resume;
  } else if (key == "prior_periods") {
    fx.kind = Effect::prior_periods;
    fx.target = field_of(t.event, arg, ctx);
    if (m_.events[t.event].fields[fx.target].type != FieldType::date_pairs)
      fail(arg, "'prior_periods' takes a date_pairs field");
  } else if (key == "start" || key == "cancel") {
    fx.kind = key == "start" ? Effect::start_timer : Effect::cancel_timer;
    fx.target = lookup(timer_ix_, arg, "timer");
  } else {
    fail(e.begin()->first, "unknown effect '" + key + "'");
  }
  t.effects.push_back(fx);
}

// ---- where each name is declared, for messages about it (caseflow check) ----
void Loader::mark_declarations(const YAML::Node& root) {
  const auto each = [&](const char* section, auto&& set) {
    const YAML::Node n = root[section];
    if (!n || !n.IsMap()) return;
    for (const auto& kv : n) set(kv.first.as<std::string>(), SourceMark{kv.first.Mark().line + 1, kv.first.Mark().column + 1});
  };
  const auto into = [](auto& items, const std::unordered_map<std::string, Id>& ix, const std::string& name,
                       SourceMark mk) {
    auto it = ix.find(name);
    if (it != ix.end() && it->second < items.size() && items[it->second].mark.line == 0) items[it->second].mark = mk;
  };
  each("states", [&](const std::string& name, SourceMark mk) {
    into(m_.scopes, scope_ix_, name, mk);
    for (std::size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1))
      into(m_.scopes, scope_ix_, name.substr(0, dot), mk);
  });
  each("events", [&](const std::string& name, SourceMark mk) { into(m_.events, event_ix_, name, mk); });
  each("timers", [&](const std::string& name, SourceMark mk) { into(m_.timers, timer_ix_, name, mk); });
  each("obligations", [&](const std::string& name, SourceMark mk) { into(m_.obligations, obligation_ix_, name, mk); });
}

// ---- the dense table and indexes ----
bool Loader::version_by(const YAML::Node& v, const std::string& what) const {
  const YAML::Node n = v["version_by"];
  if (!n) return false;
  if (scalar(n) != "day1" && scalar(n) != "event_date") fail(n, what + ": version_by is day1 or event_date");
  return scalar(n) == "event_date";
}

void Loader::compile(const YAML::Node&) {
  const std::size_t triggers = m_.trigger_count();
  std::vector<std::vector<Id>> cells(m_.leaf_count * triggers);
  m_.opening.assign(m_.events.size(), kNone);
  for (std::size_t i = 0; i < m_.transitions.size(); ++i) {
    const Transition& t = m_.transitions[i];
    if (t.disabled) continue;
    const std::size_t trig = t.event != kNone ? t.event : m_.events.size() + t.timer;
    if (t.opens) {
      if (m_.opening[t.event] == kNone) m_.opening[t.event] = static_cast<Id>(i);
      m_.events[t.event].opens = true;
      continue;
    }
    for (std::size_t s = 0; s < m_.leaf_count; ++s)
      if ((t.from_mask >> s) & 1u) cells[s * triggers + trig].push_back(static_cast<Id>(i));
  }
  m_.table.resize(cells.size());
  for (std::size_t c = 0; c < cells.size(); ++c) {
    m_.table[c].first = static_cast<std::uint32_t>(m_.candidates.size());
    m_.table[c].count = static_cast<std::uint16_t>(cells[c].size());
    m_.candidates.insert(m_.candidates.end(), cells[c].begin(), cells[c].end());
  }
  m_.timers_started_by_event.assign(m_.events.size(), {});
  m_.timers_cancelled_by_event.assign(m_.events.size(), {});
  m_.obligations_met_by_event.assign(m_.events.size(), {});
  m_.obligations_lapsed_by_event.assign(m_.events.size(), {});
  for (std::size_t t = 0; t < m_.timers.size(); ++t) {
    for (Id e : m_.timers[t].start_on_events) m_.timers_started_by_event[e].push_back(static_cast<Id>(t));
    for (Id e : m_.timers[t].cancel_on) m_.timers_cancelled_by_event[e].push_back(static_cast<Id>(t));
  }
  for (std::size_t o = 0; o < m_.obligations.size(); ++o)
  {
    for (Id e : m_.obligations[o].met_by)
      if (std::find(m_.obligations_met_by_event[e].begin(), m_.obligations_met_by_event[e].end(), o) ==
          m_.obligations_met_by_event[e].end())
        m_.obligations_met_by_event[e].push_back(static_cast<Id>(o));
    for (Id e : m_.obligations[o].lapse_on) m_.obligations_lapsed_by_event[e].push_back(static_cast<Id>(o));
  }
  m_.initial_opening.id = "open_at";
  m_.initial_opening.legal_ref = "(opened in the initial state)";
  m_.initial_opening.opens = true;
  m_.initial_opening.to = m_.initial;
  m_.scope_has_entry_anchor.assign(m_.scopes.size(), false);
  for (Id s : entry_anchors_) m_.scope_has_entry_anchor[s] = true;
}

}  // namespace loading

Model load_model(std::string_view text, const std::string& origin) {
  return loading::Loader(origin).load(text);
}

}  // namespace rules
}  // namespace caseflow
