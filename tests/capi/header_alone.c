/* caseflow.h compiled alone, as strict C11 (and again as C++ by header_alone.cpp): the header
   must need nothing but itself, and the ABI structs must have their frozen layout in C too. */
#include <caseflow/caseflow.h>
#include <caseflow/caseflow.h> /* twice: the include guard holds */

#include <stddef.h>

_Static_assert(sizeof(cf_date) == 4, "cf_date is int32_t");
_Static_assert(sizeof(cf_event_record) == 48, "cf_event_record is 48 bytes");
_Static_assert(offsetof(cf_event_record, case_index) == 0, "record layout");
_Static_assert(offsetof(cf_event_record, date) == 4, "record layout");
_Static_assert(offsetof(cf_event_record, event) == 8, "record layout");
_Static_assert(offsetof(cf_event_record, present) == 10, "record layout");
_Static_assert(offsetof(cf_event_record, reserved) == 12, "record layout");
_Static_assert(offsetof(cf_event_record, values) == 16, "record layout");
_Static_assert(sizeof(cf_compact_record) == 16, "cf_compact_record is 16 bytes");
_Static_assert(offsetof(cf_compact_record, case_index) == 0, "compact record layout");
_Static_assert(offsetof(cf_compact_record, date) == 4, "compact record layout");
_Static_assert(offsetof(cf_compact_record, event) == 8, "compact record layout");
_Static_assert(offsetof(cf_compact_record, present) == 10, "compact record layout");
_Static_assert(offsetof(cf_compact_record, value) == 12, "compact record layout");
_Static_assert(sizeof(cf_obligation) == 16, "cf_obligation is 16 bytes");
_Static_assert(sizeof(cf_timer) == 8, "cf_timer is 8 bytes");
_Static_assert(sizeof(cf_transition) == 16, "cf_transition is 16 bytes");
_Static_assert(sizeof(cf_date_pair) == 8, "cf_date_pair is 8 bytes");
_Static_assert(sizeof(cf_due_item) == 12, "cf_due_item is 12 bytes");
_Static_assert(sizeof(cf_case_date) == 8, "cf_case_date is 8 bytes");
_Static_assert(sizeof(cf_group_case) == 16, "cf_group_case is 16 bytes");
_Static_assert(sizeof(cf_closure_count) == 32, "cf_closure_count is 32 bytes");
_Static_assert(sizeof(cf_value_count) == 16, "cf_value_count is 16 bytes");
_Static_assert(sizeof(cf_punctuality) == 24, "cf_punctuality is 24 bytes");
_Static_assert(CF_OK == 0 && CF_BAD_INPUT == 1 && CF_NOT_ALLOWED == 2 && CF_GUARD_FAILED == 3 &&
                   CF_OUT_OF_ORDER == 4 && CF_NOT_OPEN == 5 && CF_ALREADY_OPEN == 6 && CF_ERROR == 7 &&
                   CF_INVALID_ARGUMENT == 8 && CF_NOT_FOUND == 9 && CF_BUFFER_TOO_SMALL == 10 &&
                   CF_CORRUPT == 11 && CF_BAD_RULESET == 12 && CF_IO == 13 && CF_NO_MEMORY == 14,
               "cf_status values are pinned");
_Static_assert(CF_PATH_GENERAL == 0 && CF_PATH_FAST_IF_POSSIBLE == 1, "cf_caseload_path values are pinned");
_Static_assert(CF_VERSION_NUMBER == CF_VERSION_MAJOR * 10000 + CF_VERSION_MINOR * 100 + CF_VERSION_PATCH,
               "version number");

/* Every function's type is usable from C: take each one's address. */
typedef void (*any_fn)(void);
const any_fn caseflow_header_functions[] = {
    (any_fn)cf_version, (any_fn)cf_abi_version, (any_fn)cf_status_str, (any_fn)cf_last_error,
    (any_fn)cf_string_free, (any_fn)cf_date_parse, (any_fn)cf_date_format, (any_fn)cf_ruleset_builtin,
    (any_fn)cf_case_apply, (any_fn)cf_caseload_apply_batch, (any_fn)cf_caseload_apply_compact,
    (any_fn)cf_caseload_open_cases, (any_fn)cf_caseload_export_states, (any_fn)cf_caseload_punctuality,
    (any_fn)cf_caseload_new_on_path, (any_fn)cf_caseload_is_fast, (any_fn)cf_caseload_bytes_per_case,
};
