// Must not compile: a face, built with the C ABI's or the CLI's include path, reaching into the
// rules layer's compiled model. tests/layers expects the compiler to say it cannot find it.
#include "rules/model.hpp"
