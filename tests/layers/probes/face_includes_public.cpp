// Compiles: what a face may use, the public API (the control for face_includes_model.cpp).
#include "caseflow/caseload.hpp"
#include "caseflow/io.hpp"
#include "caseflow/ruleset.hpp"

int probe_face_public() { return static_cast<int>(caseflow::Kind::rule); }
