// A compiled rule-set as a Graphviz DOT diagram: states as boxes (parents as clusters, final states
// doubled), event transitions solid, timer transitions dashed and labelled with their date rule,
// rules' legal references in tooltips. `caseflow graph` prints it or renders it with `dot -Tsvg`.
#pragma once

#include <string>

#include "rules/model.hpp"

namespace caseflow::rules {

/// The state machine of `model` as a DOT digraph. Transitions that change no state (effects only)
/// are not drawn; a transition from every state of a parent is drawn once, from the parent's cluster.
std::string to_dot(const Model& model);

}  // namespace caseflow::rules
