// Must not compile: the CLI reaching into the C ABI's shim. Faces do not see each other.
#include "capi/capi_internal.hpp"
