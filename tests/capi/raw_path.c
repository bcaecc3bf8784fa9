/* A C caller may pass any value of an enum's integer type, cf_caseload_path included; in C++ a
   value outside the enum's range (here 0 and 1) cannot even be made. capi_test.cpp calls this to
   see what cf_caseload_new_on_path() does with such a value, as a C caller would pass it. */
#include <caseflow/caseflow.h>

cf_status caseflow_test_new_on_raw_path(cf_caseload **out, const cf_ruleset *ruleset, int path);

cf_status caseflow_test_new_on_raw_path(cf_caseload **out, const cf_ruleset *ruleset, int path) {
  return cf_caseload_new_on_path(out, ruleset, (cf_caseload_path)path);
}
