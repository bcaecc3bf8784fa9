// Compiles: the engine layer sees the rules layer below it (the control for engine_includes_caseload.cpp).
#include "rules/model.hpp"

int probe_engine_rules() { return static_cast<int>(caseflow::rules::kNone); }
