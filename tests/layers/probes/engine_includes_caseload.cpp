// Must not compile: the engine layer reaching up into the caseload layer. Arrows point down.
#include "caseload/store.hpp"
