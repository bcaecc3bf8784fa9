// An include that climbs out of its directory.
#include "../rules/model.hpp"
