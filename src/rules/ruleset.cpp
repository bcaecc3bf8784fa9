// RuleSet: the public face of a compiled model, and the built-in rule-sets.
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>

#include "caseflow/ruleset.hpp"
#include "rules/builtin.hpp"
#include "rules/dot.hpp"
#include "rules/validate.hpp"

namespace caseflow {

RuleSet RuleSet::builtin(std::string_view name) {
  // Each built-in is compiled once and shared: a RuleSet is immutable.
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const rules::Versions>> cache;
  const std::string key(name);
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(key); it != cache.end()) return RuleSet(it->second);
  for (std::size_t i = 0; i < rules::kBuiltinRuleSetCount; ++i) {
    if (key != rules::kBuiltinRuleSets[i].name) continue;
    auto versions = std::make_shared<const rules::Versions>(
        rules::load_versions(rules::kBuiltinRuleSets[i].text, "rulesets/" + key + ".yaml"));
    cache.emplace(key, versions);
    return RuleSet(versions);
  }
  std::string known;
  for (const std::string& n : builtin_names()) known += (known.empty() ? "" : ", ") + n;
  throw RuleSetError({"no built-in rule-set '" + key + "' (built-in: " + known + ")"});
}

std::vector<std::string> RuleSet::builtin_names() {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < rules::kBuiltinRuleSetCount; ++i) out.emplace_back(rules::kBuiltinRuleSets[i].name);
  return out;
}

std::string_view RuleSet::builtin_text(std::string_view name) {
  for (std::size_t i = 0; i < rules::kBuiltinRuleSetCount; ++i)
    if (name == rules::kBuiltinRuleSets[i].name) return rules::kBuiltinRuleSets[i].text;
  return {};
}

RuleSet RuleSet::resolve(const std::string& name_or_path) {
  if (!builtin_text(name_or_path).empty()) return builtin(name_or_path);
  // Neither a built-in nor a readable file: say which names would have worked.
  if (!std::ifstream(name_or_path)) {
    std::string known;
    for (const std::string& n : builtin_names()) known += (known.empty() ? "" : ", ") + n;
    throw RuleSetError({name_or_path + ": no built-in rule-set of that name (built-in: " + known + ") and no rule file there"});
  }
  return load_file(name_or_path);
}

RuleSet::RuleSet(std::shared_ptr<const rules::Versions> v) : versions_(std::move(v)), model_(&versions_->models.front()) {}

std::size_t RuleSet::version_count() const noexcept { return versions_->models.size(); }
const std::string& RuleSet::version_name(std::size_t v) const { return versions_->models.at(v).version_name; }
Date RuleSet::version_valid_from(std::size_t v) const { return versions_->models.at(v).version_from; }
std::size_t RuleSet::version_at(Date day) const noexcept { return versions_->at(day); }
const rules::Model& RuleSet::model(std::size_t v) const { return versions_->models.at(v); }
std::optional<std::size_t> RuleSet::find_version(std::string_view name) const noexcept {
  for (std::size_t v = 0; v < versions_->models.size(); ++v)
    if (versions_->models[v].version_name == name) return v;
  return std::nullopt;
}

const std::string& RuleSet::name() const noexcept { return model_->name; }
std::size_t RuleSet::state_count() const noexcept { return model_->leaf_count; }
std::size_t RuleSet::event_count() const noexcept { return model_->events.size(); }
std::size_t RuleSet::timer_count() const noexcept { return model_->timers.size(); }
std::size_t RuleSet::obligation_count() const noexcept { return model_->obligations.size(); }
const std::string& RuleSet::state_name(std::size_t id) const { return model_->scopes.at(id).name; }
const std::string& RuleSet::event_name(std::size_t id) const { return model_->events.at(id).name; }
const std::string& RuleSet::timer_name(std::size_t id) const { return model_->timers.at(id).name; }
const std::string& RuleSet::obligation_name(std::size_t id) const { return model_->obligations.at(id).name; }
bool RuleSet::state_is_final(std::size_t id) const { return model_->scopes.at(id).final; }

namespace {
template <class V>
std::optional<std::uint16_t> index_by_name(const V& items, std::string_view name, std::size_t limit) {
  for (std::size_t i = 0; i < limit; ++i)
    if (items[i].name == name) return static_cast<std::uint16_t>(i);
  return std::nullopt;
}
}  // namespace

std::optional<std::uint16_t> RuleSet::find_state(std::string_view name) const noexcept {
  return index_by_name(model_->scopes, name, model_->leaf_count);
}
std::optional<std::uint16_t> RuleSet::find_event(std::string_view name) const noexcept {
  return index_by_name(model_->events, name, model_->events.size());
}
std::optional<std::uint16_t> RuleSet::find_timer(std::string_view name) const noexcept {
  return index_by_name(model_->timers, name, model_->timers.size());
}
std::optional<std::uint16_t> RuleSet::find_obligation(std::string_view name) const noexcept {
  return index_by_name(model_->obligations, name, model_->obligations.size());
}
std::size_t RuleSet::field_count(std::size_t event) const { return model_->events.at(event).fields.size(); }
const std::string& RuleSet::field_name(std::size_t event, std::size_t field) const {
  return model_->events.at(event).fields.at(field).name;
}
FieldType RuleSet::field_type(std::size_t event, std::size_t field) const {
  return model_->events.at(event).fields.at(field).type;
}
std::optional<std::uint16_t> RuleSet::find_field(std::size_t event, std::string_view name) const noexcept {
  if (event >= model_->events.size()) return std::nullopt;
  const auto& fields = model_->events[event].fields;
  return index_by_name(fields, name, fields.size());
}
std::optional<std::int64_t> RuleSet::find_enum_value(std::size_t event, std::size_t field,
                                                     std::string_view value) const noexcept {
  if (event >= model_->events.size() || field >= model_->events[event].fields.size()) return std::nullopt;
  const auto& values = model_->events[event].fields[field].values;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] == value) return static_cast<std::int64_t>(i);
  return std::nullopt;
}
const std::string& RuleSet::enum_value_name(std::size_t event, std::size_t field, std::int64_t v) const {
  return model_->events.at(event).fields.at(field).values.at(static_cast<std::size_t>(v));
}

// ---- the catalogue ----

namespace {

const std::string kNoText;

// The item of a kind's table by id, for the fields every kind has (name, doc); throws
// std::out_of_range past the last, as the per-kind accessors do.
template <class F>
decltype(auto) visit_item(const rules::Model& m, Kind kind, std::size_t id, F&& f) {
  switch (kind) {
    case Kind::state:
      if (id >= m.leaf_count) throw std::out_of_range("state id " + std::to_string(id) + " is out of range");
      return f(m.scopes[id]);
    case Kind::event: return f(m.events.at(id));
    case Kind::timer: return f(m.timers.at(id));
    case Kind::obligation: return f(m.obligations.at(id));
    case Kind::rule: return f(id == kOpeningRule ? m.initial_opening : m.transitions.at(id));
    case Kind::variable: return f(m.variables.at(id));
    case Kind::point: return f(m.points.at(id));
  }
  throw std::out_of_range("kind " + std::to_string(static_cast<int>(kind)) + " is not a Kind");
}

// Name and doc of every kind's items; a rule's name is its `id` in the file.
template <class T>
const std::string& name_of(const T& item) { return item.name; }
const std::string& name_of(const rules::Transition& t) { return t.id; }

template <class T>
const std::string& legal_ref_of(const T& item) {
  if constexpr (std::is_same_v<T, rules::Scope> || std::is_same_v<T, rules::Event> || std::is_same_v<T, rules::Variable>)
    return kNoText;  // states, events and variables carry none
  else
    return item.legal_ref;
}

}  // namespace

std::size_t RuleSet::count(Kind kind) const noexcept {
  switch (kind) {
    case Kind::state: return model_->leaf_count;
    case Kind::event: return model_->events.size();
    case Kind::timer: return model_->timers.size();
    case Kind::obligation: return model_->obligations.size();
    case Kind::rule: return model_->transitions.size();
    case Kind::variable: return model_->variables.size();
    case Kind::point: return model_->points.size();
  }
  return 0;
}

const std::string& RuleSet::name(Kind kind, std::size_t id, std::size_t version) const {
  return visit_item(model(version), kind, id, [](const auto& item) -> const std::string& { return name_of(item); });
}

std::optional<std::uint16_t> RuleSet::find(Kind kind, std::string_view name) const noexcept {
  const std::size_t n = count(kind);
  for (std::size_t i = 0; i < n; ++i)
    if (visit_item(*model_, kind, i, [](const auto& item) -> const std::string& { return name_of(item); }) == name)
      return static_cast<std::uint16_t>(i);
  return std::nullopt;
}

const std::string& RuleSet::legal_ref(Kind kind, std::size_t id, std::size_t version) const {
  return visit_item(model(version), kind, id, [](const auto& item) -> const std::string& { return legal_ref_of(item); });
}

const std::string& RuleSet::doc(Kind kind, std::size_t id, std::size_t version) const {
  return visit_item(model(version), kind, id, [](const auto& item) -> const std::string& { return item.doc; });
}

FieldType RuleSet::variable_type(std::size_t variable) const { return model_->variables.at(variable).type; }

std::size_t RuleSet::enum_value_count(std::size_t event, std::size_t field) const {
  return model_->events.at(event).fields.at(field).values.size();
}

std::string RuleSet::dot(std::size_t version) const { return rules::to_dot(model(version)); }

std::vector<RuleFinding> RuleSet::check() const {
  std::vector<RuleFinding> out;
  for (rules::ReportedFinding& r : rules::validate_versions(*this)) {
    RuleFinding f;
    f.severity = r.finding.severity == rules::Severity::error ? RuleFinding::Severity::error : RuleFinding::Severity::warning;
    f.check = std::move(r.finding.check);
    f.message = std::move(r.finding.message);
    f.line = r.finding.mark.line;
    f.column = r.finding.mark.column;
    f.text = std::move(r.line);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace caseflow
