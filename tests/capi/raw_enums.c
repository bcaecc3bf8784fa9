/* A C caller may pass any int where an enum parameter is declared (cf_status_str(99)); in C++ such
   a value cannot even be made without undefined behaviour. hardening_test.cpp calls these to see
   what the library does with one, as a C caller would pass it. */
#include <caseflow/caseflow.h>

const char *caseflow_test_status_str(int status);
const char *caseflow_test_obligation_status_str(int status);
cf_status caseflow_test_find(uint16_t *out, const cf_ruleset *ruleset, int kind, const char *name);
cf_status caseflow_test_name_of(const char **out, const cf_ruleset *ruleset, int kind, uint16_t id);
cf_status caseflow_test_count(size_t *out, const cf_ruleset *ruleset, int kind);
cf_status caseflow_test_legal_ref(const char **out, const cf_ruleset *ruleset, int kind, uint16_t id);

const char *caseflow_test_status_str(int status) { return cf_status_str((cf_status)status); }

const char *caseflow_test_obligation_status_str(int status) {
  return cf_obligation_status_str((cf_obligation_status)status);
}

cf_status caseflow_test_find(uint16_t *out, const cf_ruleset *ruleset, int kind, const char *name) {
  return cf_ruleset_find(out, ruleset, (cf_kind)kind, name);
}

cf_status caseflow_test_name_of(const char **out, const cf_ruleset *ruleset, int kind, uint16_t id) {
  return cf_ruleset_name_of(out, ruleset, (cf_kind)kind, id);
}

cf_status caseflow_test_count(size_t *out, const cf_ruleset *ruleset, int kind) {
  return cf_ruleset_count(out, ruleset, (cf_kind)kind);
}

cf_status caseflow_test_legal_ref(const char **out, const cf_ruleset *ruleset, int kind, uint16_t id) {
  return cf_ruleset_legal_ref(out, ruleset, (cf_kind)kind, id);
}
