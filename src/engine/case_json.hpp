// A case as DOMAIN.md §6's JSON object: the one contract the CLI (`timeline --json`), the C ABI
// (`cf_case_json`) and so the Python binding all print, built in one place.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "caseflow/engine.hpp"
#include "rules/model.hpp"

namespace caseflow {

/// The rule of a trace entry: a transition of the file, or the opening in the initial state.
const rules::Transition& rule_of(const rules::Model& m, const TraceEntry& t);
/// What caused a trace entry: an event's or a timer's name, or "open_at" for a case that started.
std::string cause_of(const RuleSet& rs, const TraceEntry& t);

/// The §6 JSON object of a case as of `as_of` (keys in the contract's order): case, ruleset,
/// as_of, state, reason, transitions, obligations, timers, allowed_events.
nlohmann::ordered_json case_json(const std::string& case_id, const Case& c, Date as_of);

}  // namespace caseflow
