// A layer that reaches up.
#include "rules/model.hpp"
#include "caseload/store.hpp"
