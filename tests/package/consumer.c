/* The smallest caseflow client: built against the installed package, it checks that the header
   and the library agree and that a built-in rule-set opens. */
#include <caseflow/caseflow.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  cf_ruleset *dk = NULL;
  uint16_t closed = 0;
  if (cf_abi_version() != CF_ABI_VERSION || strcmp(cf_version(), CF_VERSION_STRING) != 0) {
    fprintf(stderr, "header %s (ABI %d) but library %s (ABI %d)\n", CF_VERSION_STRING, CF_ABI_VERSION,
            cf_version(), cf_abi_version());
    return 1;
  }
  if (cf_ruleset_builtin(&dk, "dk") != CF_OK || cf_ruleset_find(&closed, dk, CF_KIND_STATE, "closed") != CF_OK) {
    fprintf(stderr, "caseflow: %s\n", cf_last_error());
    cf_ruleset_free(dk);
    return 1;
  }
  printf("caseflow %s, ABI %d: dk opens (state 'closed' is %u)\n", cf_version(), cf_abi_version(), (unsigned)closed);
  cf_ruleset_free(dk);
  return 0;
}
