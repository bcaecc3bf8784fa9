// RuleSet: the public face of a compiled model, and the built-in rule-sets.
#include <mutex>
#include <unordered_map>

#include "caseflow/ruleset.hpp"
#include "rules/builtin.hpp"

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

}  // namespace caseflow
