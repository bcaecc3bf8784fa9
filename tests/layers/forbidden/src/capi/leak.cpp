// A face that reaches into the rules layer.
#include "rules/model.hpp"
#include "caseflow/caseflow.h"
