/*
 * caseflow.h — the stable C ABI of caseflow, and its reference manual.
 *
 * caseflow models the lifecycle of Danish job-centre cases (sickness benefit, its follow-up,
 * reassessment and extension, job clarification, the rehabilitation team, resource course, flex
 * job, disability pension) as state machines driven by events and by dates. The law is data: a
 * rule-set, compiled once and shared. This header is the whole interface that case systems in C,
 * C++, C#, Java or Python (bindings/python, over ctypes) use; it compiles alone as C11 and C++.
 *
 * ---------------------------------------------------------------------------------------------
 * Conventions (read once; every declaration below follows them)
 * ---------------------------------------------------------------------------------------------
 *
 * Names.    Functions are cf_<object>_<verb>; types cf_<object>; macros and enum values CF_...
 *           Output parameters come first and are called `out` (or `out_<what>`).
 *
 * Statuses. Every function that can fail returns a cf_status: CF_OK (0) on success, another
 *           pinned value on failure. On failure no output parameter is written (unless its
 *           documentation says otherwise: the array and buffer functions report the size they
 *           need), no handle is changed, and cf_last_error() holds a message that names the
 *           problem (the event, the state, the field, the rule and its legal reference).
 *           No C++ exception ever crosses this interface.
 *
 * Ownership. A handle returned through `cf_x **out` is the caller's; release it with the
 *           matching cf_x_free(), which accepts NULL. A `const char *` or `const cf_x *` returned
 *           through an out-parameter is borrowed: it lives as long as the handle it came from
 *           (a name from a rule-set lives as long as that rule-set or any case or caseload made
 *           under it). Text that the library builds for the caller (DOT, JSON) comes back as
 *           `char **out`, NUL-terminated, and is released with cf_string_free(); or, from
 *           functions that take (buf, cap, out_len), in the caller's buffer: *out_len receives
 *           the text's length without its NUL, and when cap <= *out_len nothing is written and
 *           CF_BUFFER_TOO_SMALL is returned (buf may be NULL when cap is 0: a size query).
 *
 * Arrays.   Functions that return lists take (out, cap, out_count): a caller's array `out` with
 *           room for `cap` elements, and `out_count`, which always receives the number of
 *           elements of the full result. When cap is too small nothing is written to `out` and
 *           CF_BUFFER_TOO_SMALL is returned; call again with cap >= *out_count. `out` may be NULL
 *           when cap is 0 (a size query).
 *
 * Ids.      States, events, timers, obligations, rules (transitions), variables, points and the
 *           fields of an event are small integers (uint16_t) in the order the rule-set declares them; look them up
 *           by name with cf_ruleset_find() and cf_ruleset_find_field(). CF_ID_NONE means "none".
 *
 * Dates.    A cf_date is a calendar date as days since 1970-01-01 (int32_t, negative before it).
 *           The calendar covers 1400-01-01 ... 9999-12-31. CF_DATE_NONE means "unknown".
 *
 * Threads.  A cf_ruleset is immutable: share it between threads freely. A cf_case or a
 *           cf_caseload is used by one thread at a time (callers lock if they share one).
 *           cf_last_error() is per thread. See docs/threading.md.
 *
 * Versions. The ABI only grows within a major version: a shipped function never changes its
 *           signature or meaning (a new behaviour gets a new function, cf_x_v2), a pinned enum
 *           value is never renumbered, and the structs passed in arrays are frozen. Check
 *           cf_abi_version() against CF_ABI_VERSION when loading the library dynamically.
 */
#ifndef CASEFLOW_CASEFLOW_H
#define CASEFLOW_CASEFLOW_H

#include <stddef.h>
#include <stdint.h>

/*
 * CF_API marks the functions the library exports; everything else in the library is hidden.
 * Define CF_STATIC when linking the static library on Windows.
 */
#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(CF_STATIC)
#    define CF_API
#  elif defined(CF_BUILDING_LIBRARY)
#    define CF_API __declspec(dllexport)
#  else
#    define CF_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define CF_API __attribute__((visibility("default")))
#else
#  define CF_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*****************************************************************************************/
/* Section - Version and ABI                                                              */
/*****************************************************************************************/

/* The version of this header (semantic versioning). */
#define CF_VERSION_MAJOR 0
#define CF_VERSION_MINOR 1
#define CF_VERSION_PATCH 0
/* MAJOR * 10000 + MINOR * 100 + PATCH: for compile-time comparisons. */
#define CF_VERSION_NUMBER (CF_VERSION_MAJOR * 10000 + CF_VERSION_MINOR * 100 + CF_VERSION_PATCH)
/* "MAJOR.MINOR.PATCH". */
#define CF_VERSION_STRING "0.1.0"

/*
 * The ABI version of this header. It changes only when a shipped declaration changes in a way
 * that breaks binaries built against an older header (which happens only with a new major
 * version); adding functions, enum values at the end or new structs does not change it.
 */
#define CF_ABI_VERSION 1

/**
 * The version of the library actually loaded, as "MAJOR.MINOR.PATCH".
 *
 * @return A static string; never NULL.
 * @since 0.1
 */
CF_API const char *cf_version(void);

/**
 * The ABI version of the library actually loaded.
 *
 * A program (or a binding that loads the library at run time) compares it with CF_ABI_VERSION
 * and refuses to run on a mismatch.
 *
 * @return The library's ABI version.
 * @since 0.1
 */
CF_API int cf_abi_version(void);

/*****************************************************************************************/
/* Section - Status and errors                                                            */
/*****************************************************************************************/

/**
 * The result of every fallible function. The values are pinned: they never change, and new
 * ones are only added at the end. The first seven are also the per-record statuses of a batch
 * (cf_caseload_apply_batch(), cf_caseload_apply_compact(), cf_caseload_open_cases()), which is
 * why they come first.
 *
 * @since 0.1
 */
typedef enum cf_status {
  /** Done. */
  CF_OK = 0,
  /** Wrong input: a bad date text, a field that is missing or outside its set, an unknown event
      id, a date pair that is malformed, a record for an event a batch cannot carry. */
  CF_BAD_INPUT = 1,
  /** No rule takes this event in the case's current state (a final state included). */
  CF_NOT_ALLOWED = 2,
  /** A rule matched the event but one of its guards refused it; the message names the guard's
      rule and legal reference. */
  CF_GUARD_FAILED = 3,
  /** The event (or the advance) is dated before the case's clock: events come in date order. */
  CF_OUT_OF_ORDER = 4,
  /** The case is not open, and this event does not open one (or: advancing an unopened case,
      asking an unopened case for its state). */
  CF_NOT_OPEN = 5,
  /** An opening event (sick_listed) for a case that is already open. */
  CF_ALREADY_OPEN = 6,
  /** A failure with no better code: an internal error. The message says what happened. */
  CF_ERROR = 7,
  /** Misuse of the interface: a NULL handle or out-pointer, an id or index out of range, an
      argument that cannot be meant (a count with a NULL array). */
  CF_INVALID_ARGUMENT = 8,
  /** A name that is not there: a built-in rule-set, a state, an event, a field, a value, a case
      id, a point or a variable. */
  CF_NOT_FOUND = 9,
  /** The caller's array or buffer is too small; the size needed was reported. */
  CF_BUFFER_TOO_SMALL = 10,
  /** Snapshot bytes that are damaged, truncated, of an unknown format version, or taken under
      another rule-set. The case they were to be restored into is unchanged. */
  CF_CORRUPT = 11,
  /** A rule file or rule text that does not load; the message lists each error as
      FILE:LINE:COL: message, one per line. */
  CF_BAD_RULESET = 12,
  /** A file that cannot be read. */
  CF_IO = 13,
  /** Memory ran out. */
  CF_NO_MEMORY = 14
} cf_status;

/**
 * The name of a status, e.g. "not_allowed" for CF_NOT_ALLOWED.
 *
 * @param status Any value; an unknown one gives "unknown_status".
 * @return A static string; never NULL.
 * @since 0.1
 */
CF_API const char *cf_status_str(cf_status status);

/**
 * The message of the last failure on the calling thread.
 *
 * The message names the problem, e.g. "event 'extension_granted' is not allowed in state
 * job_clarification" or "field 'employment' of 'sick_listed' must be one of: employee,
 * unemployed, self_employed". A successful call does not clear it.
 *
 * @return A string owned by the library, valid until the next cf_ call on the same thread;
 *         "" when nothing has failed yet on this thread. Never NULL.
 * @since 0.1
 */
CF_API const char *cf_last_error(void);

/*****************************************************************************************/
/* Section - Memory                                                                       */
/*****************************************************************************************/

/**
 * Releases text returned through a `char **out` (DOT, JSON).
 *
 * @param text The text, or NULL (nothing happens).
 * @since 0.1
 */
CF_API void cf_string_free(char *text);

/*****************************************************************************************/
/* Section - Dates                                                                        */
/*****************************************************************************************/

/** A calendar date: days since 1970-01-01 (1970-01-02 is 1, 1969-12-31 is -1). @since 0.1 */
typedef int32_t cf_date;

/** "No date" or "not known yet" (a due date that depends on a point not yet known). */
#define CF_DATE_NONE INT32_MIN

/** Bytes needed to format a date: "YYYY-MM-DD" and its terminating NUL. */
#define CF_DATE_ISO_SIZE 11

/**
 * Parses a date written as strict ISO 8601 "YYYY-MM-DD".
 *
 * @param[out] out  The date.
 * @param text      NUL-terminated text, e.g. "2018-01-08".
 * @return CF_OK; CF_BAD_INPUT when the text is not of that form or names no calendar day
 *         ("2018-02-30"), or lies outside 1400-01-01 ... 9999-12-31; CF_INVALID_ARGUMENT when
 *         out or text is NULL.
 * @since 0.1
 */
CF_API cf_status cf_date_parse(cf_date *out, const char *text);

/**
 * Formats a date as "YYYY-MM-DD" with a terminating NUL.
 *
 * @param[out] buf  Room for CF_DATE_ISO_SIZE bytes.
 * @param cap       The size of buf.
 * @param date      The date.
 * @return CF_OK; CF_BUFFER_TOO_SMALL when cap < CF_DATE_ISO_SIZE; CF_BAD_INPUT when the date
 *         lies outside the calendar (CF_DATE_NONE included); CF_INVALID_ARGUMENT when buf is NULL.
 * @since 0.1
 */
CF_API cf_status cf_date_format(char *buf, size_t cap, cf_date date);

/**
 * The date of a year, month (1-12) and day of the month.
 *
 * @param[out] out  The date.
 * @return CF_OK; CF_BAD_INPUT when the three name no calendar day; CF_INVALID_ARGUMENT when
 *         out is NULL.
 * @since 0.1
 */
CF_API cf_status cf_date_from_ymd(cf_date *out, int year, int month, int day);

/**
 * The year, month (1-12) and day of the month of a date.
 *
 * @param[out] out_year, out_month, out_day  The parts.
 * @param date  The date.
 * @return CF_OK; CF_BAD_INPUT when the date lies outside the calendar; CF_INVALID_ARGUMENT
 *         when an out-pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_date_to_ymd(int *out_year, int *out_month, int *out_day, cf_date date);

/*****************************************************************************************/
/* Section - Rule-sets                                                                    */
/*****************************************************************************************/

/**
 * A compiled rule-set: states, events and their fields, timers, obligations and rules, with
 * names interned to ids. Immutable: one rule-set may be used by any number of cases,
 * caseloads and threads at once. Cases and caseloads keep their rule-set alive, so it may be
 * freed before them.
 *
 * @since 0.1
 */
typedef struct cf_ruleset cf_ruleset;

/** "No id": no state (before a case opens), no event (a timer's transition), any obligation. */
#define CF_ID_NONE 0xFFFFu

/** What a name or an id refers to, for cf_ruleset_find() and friends. @since 0.1 */
typedef enum cf_kind {
  /** A state: a leaf of the state tree, e.g. "sickness_benefit.ongoing". */
  CF_KIND_STATE = 0,
  /** An event kind, e.g. "sick_listed". */
  CF_KIND_EVENT = 1,
  /** A timer (a date-driven transition), e.g. "reassessment_point". */
  CF_KIND_TIMER = 2,
  /** An obligation (a deadline), e.g. "first_followup". */
  CF_KIND_OBLIGATION = 3,
  /** A rule (a transition) by its id in the rule file, e.g. "reassessment_point_reached". */
  CF_KIND_RULE = 4,
  /** A case variable, e.g. "category", "caseworker" (cf_case_variable()). */
  CF_KIND_VARIABLE = 5,
  /** A derived date of a case, e.g. "reassessment_point" (cf_case_point()). */
  CF_KIND_POINT = 6
} cf_kind;

/** The type of an event field, which says what its cf_field_value.number holds. @since 0.1 */
typedef enum cf_field_type {
  /** The index of one of the field's values (cf_ruleset_find_enum_value()). */
  CF_FIELD_ENUM = 0,
  /** A cf_date. */
  CF_FIELD_DATE = 1,
  /** 0 or 1. */
  CF_FIELD_BOOL = 2,
  /** An integer within the field's range (visitation's category: 1-3). */
  CF_FIELD_INT = 3,
  /** A string, carried as an id the caller chooses (cf_caseload_intern() in a caseload). */
  CF_FIELD_STRING = 4,
  /** A list of date pairs, given in cf_field_value.pairs (prior_paid_periods). */
  CF_FIELD_DATE_PAIRS = 5
} cf_field_type;

/**
 * One of the rule-sets built into the library ("dk": the Danish rules from 1 July 2014;
 * "dk-2008": the rules the 2008 action plan worked under).
 *
 * Each built-in is compiled once per process and shared, so this is cheap after the first call.
 *
 * @param[out] out  The rule-set; release it with cf_ruleset_free().
 * @param name      The built-in's name.
 * @return CF_OK; CF_NOT_FOUND for a name that is not built in (the message lists those that
 *         are); CF_INVALID_ARGUMENT when out or name is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_builtin(cf_ruleset **out, const char *name);

/**
 * The name of the index-th built-in rule-set, for listing them.
 *
 * @param[out] out  The name (static).
 * @param index     0, 1, ...
 * @return CF_OK; CF_NOT_FOUND when index is past the last; CF_INVALID_ARGUMENT when out is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_builtin_name(const char **out, size_t index);

/**
 * Loads and compiles a rule file (YAML; the format is in docs/rulesets.md).
 *
 * @param[out] out  The rule-set; release it with cf_ruleset_free().
 * @param path      The file's path.
 * @return CF_OK; CF_IO when the file cannot be read; CF_BAD_RULESET when it does not load (the
 *         message has one "FILE:LINE:COL: message" line per error); CF_INVALID_ARGUMENT when out
 *         or path is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_load_file(cf_ruleset **out, const char *path);

/**
 * Loads and compiles rule-set text held in memory.
 *
 * @param[out] out  The rule-set; release it with cf_ruleset_free().
 * @param text      The YAML text (need not be NUL-terminated).
 * @param len       Its length in bytes.
 * @param origin    What to call the text in error messages (e.g. a file name), or NULL for
 *                  "<string>".
 * @return CF_OK; CF_BAD_RULESET when it does not load; CF_INVALID_ARGUMENT when out or text is
 *         NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_load_string(cf_ruleset **out, const char *text, size_t len,
                                        const char *origin);

/**
 * Releases a rule-set handle. Cases and caseloads made under it keep working.
 *
 * @param ruleset The handle, or NULL (nothing happens).
 * @since 0.1
 */
CF_API void cf_ruleset_free(cf_ruleset *ruleset);

/**
 * The rule-set's name ("dk", "dk-2008", or the `name` of a rule file).
 *
 * @param[out] out  The name, borrowed from the rule-set.
 * @return CF_OK; CF_INVALID_ARGUMENT when out or ruleset is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_name(const char **out, const cf_ruleset *ruleset);

/**
 * How many names of a kind (states, events, timers, obligations, rules, variables, points) the
 * rule-set declares: ids run from 0 to the count minus one.
 *
 * @param[out] out  The count.
 * @return CF_OK; CF_INVALID_ARGUMENT when out or ruleset is NULL or kind is unknown.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_count(size_t *out, const cf_ruleset *ruleset, cf_kind kind);

/**
 * The id of a state, event, timer, obligation, rule, variable or point, by name.
 *
 * @param[out] out  The id.
 * @param name      The name, e.g. "job_clarification" with CF_KIND_STATE.
 * @return CF_OK; CF_NOT_FOUND when the rule-set has no such name of that kind;
 *         CF_INVALID_ARGUMENT when out, ruleset or name is NULL or kind is unknown.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_find(uint16_t *out, const cf_ruleset *ruleset, cf_kind kind,
                                 const char *name);

/**
 * The name of a state, event, timer, obligation, rule, variable or point, by id.
 *
 * @param[out] out  The name, borrowed from the rule-set.
 * @return CF_OK; CF_INVALID_ARGUMENT when the id is out of range, out or ruleset is NULL, or
 *         kind is unknown.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_name_of(const char **out, const cf_ruleset *ruleset, cf_kind kind,
                                    uint16_t id);

/**
 * The legal reference of a rule, timer, obligation or point (e.g. "SDL § 24, stk. 1"): the
 * why of every state change and deadline.
 *
 * @param[out] out  The reference (UTF-8), borrowed from the rule-set; "" for states, events and
 *                  variables, which carry none.
 * @return CF_OK; CF_INVALID_ARGUMENT when the id is out of range, a pointer is NULL or kind is
 *         unknown.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_legal_ref(const char **out, const cf_ruleset *ruleset, cf_kind kind,
                                      uint16_t id);

/**
 * Whether a state is final (disability_pension, closed): a case there takes no more events.
 *
 * @param[out] out  1 when final, else 0.
 * @return CF_OK; CF_INVALID_ARGUMENT when the state is out of range or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_state_is_final(int *out, const cf_ruleset *ruleset, uint16_t state);

/**
 * The type of a case variable: what cf_case_variable() returns for it (a string variable holds
 * a string id: cf_caseload_string() in a caseload).
 *
 * @param[out] out  The type (never CF_FIELD_DATE_PAIRS).
 * @return CF_OK; CF_INVALID_ARGUMENT when the variable is out of range or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_variable_type(cf_field_type *out, const cf_ruleset *ruleset,
                                          uint16_t variable);

/**
 * How many fields an event has; field ids run from 0 in declaration order, and
 * cf_field_value arrays are indexed by them.
 *
 * @param[out] out  The count.
 * @return CF_OK; CF_INVALID_ARGUMENT when the event is out of range or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_field_count(size_t *out, const cf_ruleset *ruleset, uint16_t event);

/**
 * The id of an event's field, by name.
 *
 * @param[out] out  The field id.
 * @param name      The field's name, e.g. "employment".
 * @return CF_OK; CF_NOT_FOUND when the event has no such field; CF_INVALID_ARGUMENT when the
 *         event is out of range or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_find_field(uint16_t *out, const cf_ruleset *ruleset, uint16_t event,
                                       const char *name);

/**
 * The name of an event's field.
 *
 * @param[out] out  The name, borrowed from the rule-set.
 * @return CF_OK; CF_INVALID_ARGUMENT when the event or field is out of range or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_field_name(const char **out, const cf_ruleset *ruleset,
                                       uint16_t event, uint16_t field);

/**
 * The type of an event's field: what its cf_field_value carries.
 *
 * @param[out] out  The type.
 * @return CF_OK; CF_INVALID_ARGUMENT when the event or field is out of range or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_field_type(cf_field_type *out, const cf_ruleset *ruleset,
                                       uint16_t event, uint16_t field);

/**
 * The number that stands for a value of an enum field (the index of "employee" in
 * sick_listed's employment).
 *
 * @param[out] out  The value's index.
 * @param value     The value's name.
 * @return CF_OK; CF_NOT_FOUND when the value is not in the field's set; CF_INVALID_ARGUMENT when
 *         the event or field is out of range, the field is not an enum, or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_find_enum_value(int64_t *out, const cf_ruleset *ruleset,
                                            uint16_t event, uint16_t field, const char *value);

/**
 * The name of a value of an enum field.
 *
 * @param[out] out  The name, borrowed from the rule-set.
 * @param value     The value's index.
 * @return CF_OK; CF_NOT_FOUND when the index is not in the field's set; CF_INVALID_ARGUMENT when
 *         the event or field is out of range, the field is not an enum, or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_enum_value_name(const char **out, const cf_ruleset *ruleset,
                                            uint16_t event, uint16_t field, int64_t value);

/**
 * The state diagram as Graphviz DOT text: states (grouped by parent, final states doubled),
 * the opening, and every transition labelled with its event, or dashed with its timer.
 *
 * @param[out] out      The text, NUL-terminated; release it with cf_string_free().
 * @param[out] out_len  Its length without the NUL, or NULL when not wanted.
 * @return CF_OK; CF_INVALID_ARGUMENT when out or ruleset is NULL; CF_NO_MEMORY.
 * @since 0.1
 */
CF_API cf_status cf_ruleset_dot(char **out, size_t *out_len, const cf_ruleset *ruleset);

/*****************************************************************************************/
/* Section - Events                                                                       */
/*****************************************************************************************/

/** A closed range of days, both ends included (a prior paid period). @since 0.1 */
typedef struct cf_date_pair {
  cf_date first;
  cf_date last;
} cf_date_pair;

/**
 * The value of one field of an event, in an array indexed by field id (cf_ruleset_find_field()).
 * An array shorter than the event's fields leaves the rest absent. Zero-initialise it and set
 * `present` for each field given.
 *
 * @since 0.1
 */
typedef struct cf_field_value {
  /** Enum: the value's index; date: a cf_date; bool: 0/1; int: the integer; string: an id. */
  int64_t number;
  /** CF_FIELD_DATE_PAIRS only: the pairs (borrowed for the call), else NULL. */
  const cf_date_pair *pairs;
  /** CF_FIELD_DATE_PAIRS only: how many pairs. */
  size_t pair_count;
  /** Non-zero when the field is given; absent optional fields take their default. */
  int32_t present;
  /** Zero. */
  int32_t reserved;
} cf_field_value;

/**
 * Reads the value of an event's field from text, exactly as the library's JSON Lines and CSV
 * readers read it: an enum value's name ("employee"), a date "YYYY-MM-DD", an integer ("3"),
 * "true" or "false", or date pairs "first:last" separated by ";"
 * ("2017-11-01:2017-12-31;2018-02-01:2018-02-28"). `out` is then the present value to put at
 * index `field` of the array given to cf_case_apply() or cf_caseload_apply(). Only the text is
 * read here: whether an integer lies in the field's range, or pairs overlap, is judged when the
 * event is applied (CF_BAD_INPUT there).
 *
 * @param[out] out        The value (`present` set, `pairs` pointing into out_pairs for a
 *                        CF_FIELD_DATE_PAIRS field, else NULL).
 * @param[out] out_pairs  Room for `cap` pairs: used by CF_FIELD_DATE_PAIRS fields only; may be
 *                        NULL when cap is 0.
 * @param cap             How many pairs out_pairs has room for.
 * @param[out] out_count  The number of pairs the text holds (0 for other fields); written also
 *                        when the status is CF_BUFFER_TOO_SMALL.
 * @param text, len       The text (UTF-8, `len` bytes, need not be NUL-terminated).
 * @return CF_OK; CF_NOT_FOUND for an enum value that is not in the field's set (the message
 *         lists those that are, as cf_ruleset_find_enum_value() does); CF_BAD_INPUT for other
 *         text that is not a value of the field (the message names the field and the text);
 *         CF_BUFFER_TOO_SMALL when the pairs do not fit in cap; CF_INVALID_ARGUMENT when the
 *         event or field is out of range, the field is a string (its number is an id the caller
 *         chooses: cf_caseload_intern() in a caseload), or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_field_parse(cf_field_value *out, cf_date_pair *out_pairs, size_t cap,
                                size_t *out_count, const cf_ruleset *ruleset, uint16_t event,
                                uint16_t field, const char *text, size_t len);

/*****************************************************************************************/
/* Section - Cases                                                                        */
/*****************************************************************************************/

/**
 * One case under one rule-set: its state, clock, timers, obligations and the trace of every
 * transition with the rule that caused it. Opened by its opening event (sick_listed), moved
 * by events (cf_case_apply()) and by time (cf_case_advance()). Every call is transactional: a
 * rejected event leaves the case exactly as it was, clock and timers included.
 *
 * Used by one thread at a time.
 *
 * @since 0.1
 */
typedef struct cf_case cf_case;

/** The life of an obligation instance (DOMAIN.md §5). Pinned values. @since 0.1 */
typedef enum cf_obligation_status {
  /** Open, and its due date is today or later (or not known yet). */
  CF_OBLIGATION_PENDING = 0,
  /** Open, and its due date has passed. */
  CF_OBLIGATION_OVERDUE = 1,
  /** Met on or before its due date. */
  CF_OBLIGATION_MET = 2,
  /** Met after its due date. */
  CF_OBLIGATION_MET_LATE = 3,
  /** Closed unmet when the case left its scope on or before the due date. */
  CF_OBLIGATION_LAPSED = 4,
  /** Closed unmet when the case left its scope after the due date. */
  CF_OBLIGATION_MISSED = 5
} cf_obligation_status;

/**
 * The name of an obligation status as in the JSON ("met_late").
 *
 * @return A static string; "unknown" for a value outside the enum. Never NULL.
 * @since 0.1
 */
CF_API const char *cf_obligation_status_str(cf_obligation_status status);

/** An obligation instance as seen on a date (16 bytes, frozen). @since 0.1 */
typedef struct cf_obligation {
  /** The obligation's id (CF_KIND_OBLIGATION). */
  uint16_t obligation;
  /** A cf_obligation_status. */
  uint8_t status;
  /** Zero. */
  uint8_t reserved;
  /** The due date, or CF_DATE_NONE while it is not known. */
  cf_date due;
  /** The day it was met, or CF_DATE_NONE when not met. */
  cf_date met_on;
  /** The day it arose. */
  cf_date arose;
} cf_obligation;

/** A pending timer with a known date (8 bytes, frozen). @since 0.1 */
typedef struct cf_timer {
  /** The timer's id (CF_KIND_TIMER). */
  uint16_t timer;
  /** Zero. */
  uint16_t reserved;
  /** The day it fires. */
  cf_date due;
} cf_timer;

/** One transition taken: the explanation of a state change (16 bytes, frozen). @since 0.1 */
typedef struct cf_transition {
  /** The day of the change. */
  cf_date date;
  /** The state left, or CF_ID_NONE for the opening. */
  uint16_t from;
  /** The state entered. */
  uint16_t to;
  /** The event that caused it, or CF_ID_NONE when a timer did (or the case simply started). */
  uint16_t event;
  /** The timer that caused it, or CF_ID_NONE when an event did. */
  uint16_t timer;
  /** The rule (CF_KIND_RULE): its name and legal reference explain the change. CF_ID_NONE for
      the start of a case opened with no event, in a rule-set whose cases simply start. */
  uint16_t rule;
  /** Zero. */
  uint16_t reserved;
} cf_transition;

/**
 * A new case under a rule-set, not yet opened: its opening event (sick_listed) opens it.
 *
 * @param[out] out  The case; release it with cf_case_free().
 * @param ruleset   The rule-set; the case keeps it alive.
 * @return CF_OK; CF_INVALID_ARGUMENT when out or ruleset is NULL; CF_NO_MEMORY.
 * @since 0.1
 */
CF_API cf_status cf_case_open(cf_case **out, const cf_ruleset *ruleset);

/**
 * An independent copy of a case ("what if": apply events to the copy, keep the original).
 *
 * @param[out] out  The copy; release it with cf_case_free().
 * @return CF_OK; CF_INVALID_ARGUMENT when out or c is NULL; CF_NO_MEMORY.
 * @since 0.1
 */
CF_API cf_status cf_case_copy(cf_case **out, const cf_case *c);

/**
 * Releases a case.
 *
 * @param c The case, or NULL (nothing happens). Never pass a case borrowed from a caseload.
 * @since 0.1
 */
CF_API void cf_case_free(cf_case *c);

/**
 * The rule-set a case runs under, as a new handle (the compiled rule-set is shared, not copied):
 * how code that holds only a case, e.g. one borrowed from a caseload, finds its names.
 *
 * @param[out] out  The rule-set; release it with cf_ruleset_free().
 * @return CF_OK; CF_INVALID_ARGUMENT when out or c is NULL; CF_NO_MEMORY.
 * @since 0.1
 */
CF_API cf_status cf_case_ruleset(cf_ruleset **out, const cf_case *c);

/**
 * Applies one event. Every timer due on or before its date fires first, in date order; then
 * the rule for the event in the resulting state is found, its guards checked, and its effects
 * applied. On any rejection the case is left exactly as it was.
 *
 * @param c            The case.
 * @param event        The event's id (CF_KIND_EVENT).
 * @param date         The event's date: on or after the case's clock.
 * @param fields       The field values indexed by field id, or NULL when field_count is 0.
 * @param field_count  How many values: at most the event's field count.
 * @return CF_OK; CF_BAD_INPUT (unknown event id, a required field missing, a value outside its
 *         set or range, malformed date pairs, too many fields); CF_NOT_ALLOWED (no rule for the
 *         event in the state); CF_GUARD_FAILED; CF_OUT_OF_ORDER (dated before the clock);
 *         CF_NOT_OPEN (the case is not open and the event does not open it); CF_ALREADY_OPEN;
 *         CF_INVALID_ARGUMENT when c is NULL, or fields is NULL with field_count > 0.
 * @since 0.1
 */
CF_API cf_status cf_case_apply(cf_case *c, uint16_t event, cf_date date,
                               const cf_field_value *fields, size_t field_count);

/**
 * Starts a case in the rule-set's initial state on a day, with no event: for rule-sets whose
 * cases simply start (a rule-set with an opening event, like dk's sick_listed, opens with it).
 *
 * @param c    The case, not yet open.
 * @param day  Its day 1.
 * @return CF_OK; CF_ALREADY_OPEN when the case is open; CF_INVALID_ARGUMENT when c is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_start(cf_case *c, cf_date day);

/**
 * Moves the case's clock to a date, firing every timer due on or before it.
 *
 * @param c   The case.
 * @param to  The date: on or after the clock.
 * @return CF_OK; CF_OUT_OF_ORDER when to is before the clock; CF_NOT_OPEN when the case is not
 *         open; CF_INVALID_ARGUMENT when c is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_advance(cf_case *c, cf_date to);

/**
 * Whether the case has been opened.
 *
 * @param[out] out  1 when open (a closed case too), else 0.
 * @return CF_OK; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_is_open(int *out, const cf_case *c);

/**
 * The case's current state.
 *
 * @param[out] out  The state's id (CF_KIND_STATE).
 * @return CF_OK; CF_NOT_OPEN when the case is not open; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_state(uint16_t *out, const cf_case *c);

/**
 * Whether the case is in a final state (it takes no more events).
 *
 * @param[out] out  1 when final, else 0 (also when not open).
 * @return CF_OK; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_is_final(int *out, const cf_case *c);

/**
 * The case's clock: the latest date it has seen (its last event, or the date it was advanced to).
 *
 * @param[out] out  The clock.
 * @return CF_OK; CF_NOT_OPEN when the case is not open; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_clock(cf_date *out, const cf_case *c);

/**
 * The case's day 1: the date of its opening event (the first day of absence).
 *
 * @param[out] out  Day 1.
 * @return CF_OK; CF_NOT_OPEN when the case is not open; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_day1(cf_date *out, const cf_case *c);

/**
 * The closure reason of a case in a final state reached with one (e.g. "recovered").
 *
 * @param[out] out  The reason, borrowed from the rule-set; NULL when there is none.
 * @return CF_OK; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_reason(const char **out, const cf_case *c);

/**
 * A derived date of the case by name, e.g. "reassessment_point" (projected while benefit is
 * paid, fixed once the case leaves sickness_benefit.ongoing).
 *
 * @param[out] out  The date, or CF_DATE_NONE while it is not known.
 * @param name      The point's name in the rule-set.
 * @return CF_OK; CF_NOT_FOUND when the rule-set has no such point; CF_INVALID_ARGUMENT when a
 *         pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_point(cf_date *out, const cf_case *c, const char *name);

/**
 * A case variable's raw value by name, e.g. "category" (an integer), "caseworker" (a string id).
 *
 * @param[out] out  The value, or INT64_MIN while it is not set.
 * @param name      The variable's name in the rule-set.
 * @return CF_OK; CF_NOT_FOUND when the rule-set has no such variable; CF_INVALID_ARGUMENT when a
 *         pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_variable(int64_t *out, const cf_case *c, const char *name);

/**
 * Every obligation instance of the case, in the order they arose, with its status as of a date.
 *
 * @param[out] out        Room for cap instances (may be NULL when cap is 0).
 * @param cap             The room in out.
 * @param[out] out_count  The number of instances.
 * @param as_of           The date statuses are judged on (pending vs overdue); CF_DATE_NONE
 *                        for the case's clock.
 * @return CF_OK; CF_BUFFER_TOO_SMALL when cap < *out_count; CF_INVALID_ARGUMENT when c or
 *         out_count is NULL, or out is NULL with cap > 0.
 * @since 0.1
 */
CF_API cf_status cf_case_obligations(cf_obligation *out, size_t cap, size_t *out_count,
                                     const cf_case *c, cf_date as_of);

/**
 * The pending timers that have a date, by date, then declaration order.
 *
 * @param[out] out        Room for cap timers (may be NULL when cap is 0).
 * @param[out] out_count  The number of pending timers.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_INVALID_ARGUMENT as for cf_case_obligations().
 * @since 0.1
 */
CF_API cf_status cf_case_timers(cf_timer *out, size_t cap, size_t *out_count, const cf_case *c);

/**
 * The events allowed in the current state (guards not evaluated), in declaration order; none
 * in a final state or before the case opens.
 *
 * @param[out] out        Room for cap event ids (may be NULL when cap is 0).
 * @param[out] out_count  The number of allowed events.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_INVALID_ARGUMENT as for cf_case_obligations().
 * @since 0.1
 */
CF_API cf_status cf_case_allowed_events(uint16_t *out, size_t cap, size_t *out_count,
                                        const cf_case *c);

/**
 * Every transition taken, in order: the opening, then each state change with its cause and
 * rule. A renewal from a state to itself is listed; events that change no state are not.
 *
 * @param[out] out        Room for cap transitions (may be NULL when cap is 0).
 * @param[out] out_count  The number of transitions.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_INVALID_ARGUMENT as for cf_case_obligations().
 * @since 0.1
 */
CF_API cf_status cf_case_trace(cf_transition *out, size_t cap, size_t *out_count,
                               const cf_case *c);

/**
 * The case as the JSON object of `caseflow timeline --json` (DOMAIN.md §6): case, ruleset,
 * as_of, state, reason, transitions (with rule and legal_ref), obligations, timers and
 * allowed_events, keys in that order, on one line.
 *
 * @param[out] out      The text, NUL-terminated UTF-8; release it with cf_string_free().
 * @param[out] out_len  Its length without the NUL, or NULL when not wanted.
 * @param case_id       The value of the "case" key, or NULL for "".
 * @param as_of         The date obligations are judged on; CF_DATE_NONE for the case's clock.
 *                      (It does not move the case: advance it first to see timers fire.)
 * @return CF_OK; CF_NOT_OPEN when the case is not open; CF_INVALID_ARGUMENT when out or c is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_json(char **out, size_t *out_len, const cf_case *c, const char *case_id,
                              cf_date as_of);

/**
 * The case's whole state as bytes, to store and later give to cf_case_restore(). The bytes
 * carry a format version, a fingerprint of the rule-set and a CRC-32 checksum; they are
 * portable between machines (little-endian, fixed widths) and deterministic (the same case
 * gives the same bytes), so two snapshots compare equal exactly when the cases are the same.
 *
 * @param[out] buf       Room for cap bytes (may be NULL when cap is 0).
 * @param cap            The room in buf.
 * @param[out] out_size  The snapshot's size in bytes.
 * @return CF_OK; CF_BUFFER_TOO_SMALL when cap < *out_size (nothing written);
 *         CF_INVALID_ARGUMENT when c or out_size is NULL, or buf is NULL with cap > 0.
 * @since 0.1
 */
CF_API cf_status cf_case_snapshot(void *buf, size_t cap, size_t *out_size, const cf_case *c);

/**
 * Replaces a case's state with a snapshot's. The case must be under the rule-set the snapshot
 * was taken under (the same rules, parameters and names; a rule-set loaded again from the same
 * text qualifies). On failure the case is unchanged.
 *
 * @param c      The case to overwrite (e.g. fresh from cf_case_open()).
 * @param bytes  The snapshot.
 * @param size   Its size in bytes.
 * Restore proves every value of the snapshot valid under the case's rule-set before it
 * accepts it (dates within the calendar, ids within the rule-set's tables, versions the rule-set
 * has, lists in the engine's order), whatever the checksum says: the checksum catches damage, not
 * forgery. The format is versioned and documented (docs/snapshots.md); every earlier version
 * this library has written restores. A keyed snapshot (cf_case_snapshot_keyed()) is refused here.
 *
 * @return CF_OK; CF_CORRUPT when the bytes are truncated, damaged (checksum), not a snapshot,
 *         of an unknown format version, keyed, taken under another rule-set, or hold a value
 *         that is not valid under it (the message names which); CF_INVALID_ARGUMENT when c or
 *         bytes is NULL.
 * @since 0.1
 */
CF_API cf_status cf_case_restore(cf_case *c, const void *bytes, size_t size);

/** The shortest key cf_case_snapshot_keyed() and cf_case_restore_keyed() accept, in bytes. */
#define CF_SNAPSHOT_KEY_MIN 16

/**
 * As cf_case_snapshot(), sealed with an HMAC-SHA256 under a secret key instead of a checksum:
 * for snapshots stored where others can write. Only cf_case_restore_keyed() with the same key
 * restores it.
 *
 * @param key      The key's bytes (kept by the caller; read, not kept).
 * @param key_len  Its length: at least CF_SNAPSHOT_KEY_MIN (32 random bytes recommended).
 * @return As cf_case_snapshot(); CF_INVALID_ARGUMENT also when key is NULL or key_len is less
 *         than CF_SNAPSHOT_KEY_MIN.
 * @since 0.2
 */
CF_API cf_status cf_case_snapshot_keyed(void *buf, size_t cap, size_t *out_size, const cf_case *c,
                                        const void *key, size_t key_len);

/**
 * As cf_case_restore(), for a snapshot from cf_case_snapshot_keyed(): its MAC must match under
 * the key (an unkeyed snapshot, or one sealed with another key, is refused), and its every value
 * is then checked as cf_case_restore() checks it. On failure the case is unchanged.
 *
 * @return As cf_case_restore() (CF_CORRUPT also when the MAC does not match or the snapshot is
 *         not keyed); CF_INVALID_ARGUMENT also when key is NULL or key_len is less than
 *         CF_SNAPSHOT_KEY_MIN.
 * @since 0.2
 */
CF_API cf_status cf_case_restore_keyed(cf_case *c, const void *bytes, size_t size, const void *key,
                                       size_t key_len);

/**
 * Why a case is in its state on a date, and where each of its due dates and timer dates comes
 * from, as one line of JSON (the schema is in docs/explain.md): the state, every transition with
 * its cause, rule, rule-set version and legal reference (for a timer: when it started and how
 * its date was computed), every obligation instance and pending timer with its date rule in
 * words and the arithmetic step by step, and the events allowed now. A date after the case's
 * clock is reached on a copy, its timers fired; the case itself does not move. The words of the
 * steps are those `caseflow explain` prints.
 *
 * The steps are the ones kept when the engine computed each date if the case records
 * explanations (cf_case_record_explanations(); "recorded": true); otherwise each date is worked
 * out again on the case as it is ("recorded": false; "disagreements" names any date that then
 * comes out differently), and a timer that fired is named with its rule but not explained
 * ("explained": false).
 *
 * @param[out] buf      Room for cap bytes: the text and its terminating NUL (may be NULL when cap is 0).
 * @param cap           The room in buf.
 * @param[out] out_len  The text's length in bytes, without the NUL: buf needs *out_len + 1 bytes.
 * @param c             The case.
 * @param case_id       The value of the "case" key, or NULL for "".
 * @param as_of         The date to explain the case on; CF_DATE_NONE for the case's clock. A date
 *                      before the clock judges obligation statuses on that day but does not go
 *                      back in time.
 * @return CF_OK; CF_BUFFER_TOO_SMALL when cap <= *out_len (nothing is written to buf);
 *         CF_NOT_OPEN when the case is not open; CF_INVALID_ARGUMENT when c or out_len is NULL,
 *         buf is NULL with cap > 0, or as_of lies outside 1400-01-01 ... 9999-12-31.
 * @since 0.2
 */
CF_API cf_status cf_case_explain(char *buf, size_t cap, size_t *out_len, const cf_case *c,
                                 const char *case_id, cf_date as_of);

/**
 * Makes a case keep, from now on, how each due date, timer date and variable is computed, in
 * words, at the moment the engine computes it, so that cf_case_explain() tells exactly that even
 * when what a date was computed from changed later. Off by default: recording costs time and
 * memory on every event, and not recording costs nothing. Turn it on before the case's first
 * event to have every date explained. Turning it off forgets what was kept; a copy
 * (cf_case_copy()) keeps its own; cf_case_restore() keeps the setting and forgets what was kept.
 *
 * @param c   The case.
 * @param on  Non-zero to record, 0 to stop.
 * @return CF_OK; CF_INVALID_ARGUMENT when c is NULL.
 * @since 0.2
 */
CF_API cf_status cf_case_record_explanations(cf_case *c, int on);

/*****************************************************************************************/
/* Section - Caseloads                                                                    */
/*****************************************************************************************/

/**
 * Many cases of one rule-set, with an external id each, applied in batches, advanced together,
 * and screened by the monitoring queries a job centre runs every week. String field values
 * (caseworker, team, provider) are interned to ids through the caseload.
 *
 * Used by one thread at a time; cf_caseload_advance() may itself use several threads.
 *
 * @since 0.1
 */
typedef struct cf_caseload cf_caseload;

/** The most field values a batch record carries. */
#define CF_RECORD_VALUES 4

/**
 * One event of a batch: 48 bytes, fixed-width fields only, frozen for the major version. A
 * numpy structured array with the dtype
 * [("case_index","<u4"),("date","<i4"),("event","<u2"),("present","<u2"),("reserved","<u4"),
 *  ("values","<i8",(4,))] has exactly this layout.
 *
 * An event with a field of type CF_FIELD_DATE_PAIRS, or with more than CF_RECORD_VALUES
 * fields, cannot travel in a record (its status is CF_BAD_INPUT): apply it with
 * cf_caseload_apply().
 *
 * @since 0.1
 */
typedef struct cf_event_record {
  /** The case: cf_caseload_add_case()'s index. */
  uint32_t case_index;
  /** The event's date. */
  cf_date date;
  /** The event's id (CF_KIND_EVENT). */
  uint16_t event;
  /** Bit i set: values[i] is given (field id i). */
  uint16_t present;
  /** Zero. */
  uint32_t reserved;
  /** Field values by field id, as cf_field_value.number (string fields: cf_caseload_intern()). */
  int64_t values[CF_RECORD_VALUES];
} cf_event_record;

/**
 * One event of a batch in 16 bytes, for events with at most field 0 given
 * (cf_caseload_apply_compact()): a third of the bytes of a cf_event_record, for long streams of
 * simple events. Fixed-width fields only, frozen for the major version. A numpy structured
 * array with the dtype
 * [("case_index","<u4"),("date","<i4"),("event","<u2"),("present","<u2"),("value","<i4")] has
 * exactly this layout.
 *
 * It is read as the cf_event_record whose values[0] is `value` and whose other fields are not
 * given: an event that needs a later field (or a value outside int32_t) goes in a cf_event_record.
 *
 * @since 0.1
 */
typedef struct cf_compact_record {
  /** The case: cf_caseload_add_case()'s index. */
  uint32_t case_index;
  /** The event's date. */
  cf_date date;
  /** The event's id (CF_KIND_EVENT). */
  uint16_t event;
  /** Bit 0 set: value is given (field id 0); the other bits are ignored. */
  uint16_t present;
  /** Field 0's value, as cf_field_value.number (string fields: cf_caseload_intern()). */
  int32_t value;
} cf_compact_record;

/** An open obligation instance of a case, with its due date (12 bytes, frozen). @since 0.1 */
typedef struct cf_due_item {
  uint32_t case_index;
  /** The obligation's id. */
  uint16_t obligation;
  /** Zero. */
  uint16_t reserved;
  cf_date due;
} cf_due_item;

/** A case and a date (8 bytes, frozen). @since 0.1 */
typedef struct cf_case_date {
  uint32_t case_index;
  cf_date date;
} cf_case_date;

/** A case in a group (16 bytes, frozen). @since 0.1 */
typedef struct cf_group_case {
  /** The group: a string id (cf_caseload_string()), or -1 for cases without a value. */
  int64_t group;
  uint32_t case_index;
  /** Zero. */
  uint32_t reserved;
} cf_group_case;

/** Closures of one caseworker in one calendar month (32 bytes, frozen). @since 0.1 */
typedef struct cf_closure_count {
  /** The caseworker's string id (cf_caseload_string()), or -1 for cases with none. */
  int64_t caseworker;
  int32_t year;
  /** 1-12. */
  int32_t month;
  /** Closures that are real: every way of reaching a final state but a technical closure. */
  int64_t real;
  /** Technical closures (closed with the technical reason). */
  int64_t technical;
} cf_closure_count;

/** How many cases hold one value of a variable (16 bytes, frozen). @since 0.1 */
typedef struct cf_value_count {
  /** The value (a string id for string variables), or -1 for cases without one. */
  int64_t value;
  int64_t count;
} cf_value_count;

/** Punctuality of obligation instances (24 bytes, frozen). @since 0.1 */
typedef struct cf_punctuality {
  /** Met on or before the due date. */
  int64_t on_time;
  /** Met after it. */
  int64_t late;
  /** Missed, or overdue and still open on the date judged. */
  int64_t missed;
} cf_punctuality;

/**
 * How a caseload runs its cases, chosen when it is made (cf_caseload_new_on_path()). The values
 * are pinned. docs/performance.md describes both paths and the fixed shape the fast one needs.
 *
 * @since 0.1
 */
typedef enum cf_caseload_path {
  /** A full case object for every case: every call of this section, cf_caseload_case() and the
      single-case queries through it. What cf_caseload_new() makes. */
  CF_PATH_GENERAL = 0,
  /** A fixed-size row per case (16 or 32 bytes) when the rule-set fits the fixed shape, else the
      general path (cf_caseload_is_fast() tells which). A fast caseload opens, applies, advances,
      exports states and counts by state as a general one does, with the same statuses and
      messages, but keeps no history per case: cf_caseload_case() and every monitoring query but
      cf_caseload_count_by_state() fail on it with CF_INVALID_ARGUMENT. */
  CF_PATH_FAST_IF_POSSIBLE = 1
} cf_caseload_path;

/**
 * A new, empty caseload under a rule-set, on the general path (cf_caseload_new_on_path() with
 * CF_PATH_GENERAL).
 *
 * @param[out] out  The caseload; release it with cf_caseload_free().
 * @param ruleset   The rule-set; the caseload keeps it alive.
 * @return CF_OK; CF_INVALID_ARGUMENT when out or ruleset is NULL; CF_NO_MEMORY.
 * @since 0.1
 */
CF_API cf_status cf_caseload_new(cf_caseload **out, const cf_ruleset *ruleset);

/**
 * A new, empty caseload under a rule-set, on the path asked for. CF_PATH_FAST_IF_POSSIBLE falls
 * back to the general path when the rule-set does not fit the fast path's shape (e.g. dk, with
 * its guards and points); that is no failure: ask cf_caseload_is_fast().
 *
 * @param[out] out  The caseload; release it with cf_caseload_free().
 * @param ruleset   The rule-set; the caseload keeps it alive.
 * @param path      CF_PATH_GENERAL or CF_PATH_FAST_IF_POSSIBLE.
 * @return CF_OK; CF_INVALID_ARGUMENT when out or ruleset is NULL or path is not a
 *         cf_caseload_path; CF_NO_MEMORY.
 * @since 0.1
 */
CF_API cf_status cf_caseload_new_on_path(cf_caseload **out, const cf_ruleset *ruleset,
                                         cf_caseload_path path);

/**
 * Releases a caseload and every case in it.
 *
 * @param caseload The caseload, or NULL (nothing happens).
 * @since 0.1
 */
CF_API void cf_caseload_free(cf_caseload *caseload);

/**
 * The rule-set a caseload runs under, as a new handle (shared, not copied).
 *
 * @param[out] out  The rule-set; release it with cf_ruleset_free().
 * @return CF_OK; CF_INVALID_ARGUMENT when out or caseload is NULL; CF_NO_MEMORY.
 * @since 0.1
 */
CF_API cf_status cf_caseload_ruleset(cf_ruleset **out, const cf_caseload *caseload);

/**
 * Whether a caseload runs on the fast path: made with CF_PATH_FAST_IF_POSSIBLE under a rule-set
 * that fits the fast path's shape.
 *
 * @param[out] out  1 on the fast path, 0 on the general path.
 * @return CF_OK; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_caseload_is_fast(int *out, const cf_caseload *caseload);

/**
 * The bytes of hot state a caseload keeps per case: on the fast path the row (16 bytes for a
 * rule-set with at most one obligation, 32 for two to four); on the general path the case
 * object, not counting the memory it owns (variables, timers, obligations, trace).
 *
 * @param[out] out  The bytes.
 * @return CF_OK; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_caseload_bytes_per_case(size_t *out, const cf_caseload *caseload);

/**
 * Adds a case by its external id; it opens with its opening event. Adding an id that is
 * already there returns the existing case's index.
 *
 * @param[out] out  The case's index: 0, 1, 2, ... in the order of adding.
 * @param id        The external id (e.g. "E2").
 * @return CF_OK; CF_INVALID_ARGUMENT when a pointer is NULL; CF_NO_MEMORY.
 * @since 0.1
 */
CF_API cf_status cf_caseload_add_case(uint32_t *out, cf_caseload *caseload, const char *id);

/**
 * The index of a case by its external id.
 *
 * @param[out] out  The index.
 * @return CF_OK; CF_NOT_FOUND when no case has that id; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_caseload_find_case(uint32_t *out, const cf_caseload *caseload,
                                       const char *id);

/**
 * The external id of a case.
 *
 * @param[out] out  The id, borrowed from the caseload.
 * @return CF_OK; CF_INVALID_ARGUMENT when the index is out of range or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_caseload_case_id(const char **out, const cf_caseload *caseload,
                                     uint32_t index);

/**
 * The number of cases.
 *
 * @param[out] out  The count.
 * @return CF_OK; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_caseload_size(size_t *out, const cf_caseload *caseload);

/**
 * One case of the caseload, for every single-case query (cf_case_state(), cf_case_json(),
 * cf_case_snapshot(), ...; cf_case_copy() to keep it). A caseload advances only the cases that
 * have a timer due, so a case's clock may lag the caseload's last advance; nothing else differs,
 * but pass the date you mean as `as_of` to cf_case_obligations() and cf_case_json(). A fast
 * caseload (cf_caseload_is_fast()) holds no cf_case to lend: use cf_caseload_export_states().
 *
 * @param[out] out  The case, borrowed: valid until the next call that changes the caseload
 *                  (adding cases, applying, advancing). Never pass it to cf_case_free().
 * @return CF_OK; CF_INVALID_ARGUMENT when the index is out of range, a pointer is NULL or the
 *         caseload runs on the fast path.
 * @since 0.1
 */
CF_API cf_status cf_caseload_case(const cf_case **out, const cf_caseload *caseload,
                                  uint32_t index);

/**
 * The id that stands for a string in the caseload's string fields and variables (caseworker,
 * team, provider); the same text always gets the same id.
 *
 * @param[out] out  The id (0, 1, 2, ...).
 * @return CF_OK; CF_INVALID_ARGUMENT when a pointer is NULL; CF_NO_MEMORY.
 * @since 0.1
 */
CF_API cf_status cf_caseload_intern(int64_t *out, cf_caseload *caseload, const char *text);

/**
 * The string an id stands for.
 *
 * @param[out] out  The text, borrowed from the caseload.
 * @return CF_OK; CF_NOT_FOUND when no string has that id; CF_INVALID_ARGUMENT when a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_caseload_string(const char **out, const cf_caseload *caseload, int64_t id);

/**
 * Applies one event to one case of the caseload: any event, date-pair fields included.
 *
 * @param case_index   The case.
 * @param event, date, fields, field_count  As for cf_case_apply().
 * @return As cf_case_apply(); CF_INVALID_ARGUMENT also when case_index is out of range.
 * @since 0.1
 */
CF_API cf_status cf_caseload_apply(cf_caseload *caseload, uint32_t case_index, uint16_t event,
                                   cf_date date, const cf_field_value *fields,
                                   size_t field_count);

/**
 * Starts one case of the caseload in the initial state on a day, with no event (cf_case_start()).
 *
 * @return CF_OK; CF_ALREADY_OPEN; CF_INVALID_ARGUMENT when caseload is NULL or case_index is out
 *         of range.
 * @since 0.1
 */
CF_API cf_status cf_caseload_start(cf_caseload *caseload, uint32_t case_index, cf_date day);

/**
 * Starts the cases first ... first + count - 1 in the initial state, case first + i on days[i],
 * as cf_caseload_start() would one by one: for simulations that open every case at once.
 *
 * @param[out] out_opened    The number of cases started, or NULL when not wanted.
 * @param[out] out_statuses  Room for count statuses, one cf_status value per case (CF_OK,
 *                           CF_ALREADY_OPEN, or CF_BAD_INPUT for a day outside the calendar), or
 *                           NULL when not wanted. No message is kept for them, and
 *                           cf_caseload_batch_message() still answers for the last batch.
 * @param first              The first case's index.
 * @param days               The days, or NULL when count is 0.
 * @param count              How many cases.
 * @return CF_OK when the cases were processed, however many were refused; CF_INVALID_ARGUMENT
 *         when caseload is NULL, days is NULL with count > 0, or the range passes the last case
 *         (then no case is started).
 * @since 0.1
 */
CF_API cf_status cf_caseload_open_cases(size_t *out_opened, uint8_t *out_statuses,
                                        cf_caseload *caseload, uint32_t first, const cf_date *days,
                                        size_t count);

/**
 * Applies a batch of events in one call, in array order (sort them by date; cases may be
 * interleaved). Each record is applied or rejected on its own, exactly as by
 * cf_caseload_apply(); a rejection costs a status code, and its message is built only when
 * asked for with cf_caseload_batch_message().
 *
 * @param[out] out_applied   The number of records applied, or NULL when not wanted.
 * @param[out] out_statuses  Room for count statuses, one cf_status value per record (CF_OK,
 *                           CF_BAD_INPUT, CF_NOT_ALLOWED, CF_GUARD_FAILED, CF_OUT_OF_ORDER,
 *                           CF_NOT_OPEN or CF_ALREADY_OPEN; a case index out of range is
 *                           CF_BAD_INPUT), or NULL when not wanted.
 * @param records            The records, or NULL when count is 0.
 * @param count              How many.
 * @return CF_OK when the batch was processed, however many records were rejected;
 *         CF_INVALID_ARGUMENT when caseload is NULL or records is NULL with count > 0.
 * @since 0.1
 */
CF_API cf_status cf_caseload_apply_batch(size_t *out_applied, uint8_t *out_statuses,
                                         cf_caseload *caseload, const cf_event_record *records,
                                         size_t count);

/**
 * cf_caseload_apply_batch() for compact records: the same checks, statuses and messages
 * (cf_caseload_batch_message()), each record read as the cf_event_record it stands for.
 *
 * @param[out] out_applied   The number of records applied, or NULL when not wanted.
 * @param[out] out_statuses  Room for count statuses, one cf_status value per record, as for
 *                           cf_caseload_apply_batch(); or NULL when not wanted.
 * @param records            The records, or NULL when count is 0.
 * @param count              How many.
 * @return CF_OK when the batch was processed, however many records were rejected;
 *         CF_INVALID_ARGUMENT when caseload is NULL or records is NULL with count > 0.
 * @since 0.1
 */
CF_API cf_status cf_caseload_apply_compact(size_t *out_applied, uint8_t *out_statuses,
                                           cf_caseload *caseload, const cf_compact_record *records,
                                           size_t count);

/**
 * Why a record of the last cf_caseload_apply_batch() or cf_caseload_apply_compact() call was
 * rejected.
 *
 * @param[out] out  The message, "" when the record was applied; borrowed, valid until the next
 *                  call on the caseload.
 * @param position  The record's position in the last batch.
 * @return CF_OK; CF_INVALID_ARGUMENT when position is past the last batch or a pointer is NULL.
 * @since 0.1
 */
CF_API cf_status cf_caseload_batch_message(const char **out, cf_caseload *caseload,
                                           size_t position);

/**
 * Advances every open case to a date, firing the timers due by then; only cases with a timer
 * due are touched. Cases whose clock is already past the date are left as they are.
 *
 * @param to       The date.
 * @param threads  How many threads to use (0 or 1: the calling thread only). The result is
 *                 identical whatever the number.
 * @return CF_OK; CF_BAD_INPUT when `to` is outside the calendar (1400-01-01 … 9999-12-31),
 *         and nothing changes; CF_INVALID_ARGUMENT when caseload is NULL.
 * @since 0.1
 */
CF_API cf_status cf_caseload_advance(cf_caseload *caseload, cf_date to, unsigned threads);

/**
 * The state and the day of the last state change of the cases first ... first + count - 1, in
 * one call: for simulations that read every case at the end.
 *
 * @param[out] out_states     Room for count state ids (CF_ID_NONE for a case not yet open), or
 *                            NULL when not wanted.
 * @param[out] out_last_days  Room for count dates (CF_DATE_NONE for a case with no transition),
 *                            or NULL when not wanted.
 * @param first               The first case's index.
 * @param count               How many cases.
 * @return CF_OK; CF_INVALID_ARGUMENT when caseload is NULL or the range passes the last case
 *         (then nothing is written).
 * @since 0.1
 */
CF_API cf_status cf_caseload_export_states(uint16_t *out_states, cf_date *out_last_days,
                                           const cf_caseload *caseload, uint32_t first,
                                           size_t count);

/*
 * The monitoring queries. Each is judged on the cases as they are: advance the caseload to the
 * date the question is about first. Every one has the (out, cap, out_count) shape of the
 * Arrays convention: CF_BUFFER_TOO_SMALL when cap < *out_count (nothing written), and
 * CF_INVALID_ARGUMENT when caseload or out_count is NULL, or out is NULL with cap > 0. Every one
 * but cf_caseload_count_by_state() needs the history a general-path caseload keeps: on a fast
 * caseload (cf_caseload_is_fast()) it returns CF_INVALID_ARGUMENT.
 */

/**
 * The number of open cases in each state, indexed by state id.
 *
 * @param[out] out        Room for cap counts; the count needed is the rule-set's state count.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_INVALID_ARGUMENT.
 * @since 0.1
 */
CF_API cf_status cf_caseload_count_by_state(int64_t *out, size_t cap, size_t *out_count,
                                            const cf_caseload *caseload);

/**
 * The cases whose week N (day 1 + 7(N-1)) starts within [from, to] and that are open on that
 * day, by index: the plan's weekly lists of cases entering week 8, 22, 39, 47, 52.
 *
 * @param[out] out  Room for cap case indices.
 * @param week      N (1, 2, ...).
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_INVALID_ARGUMENT (also for week < 1).
 * @since 0.1
 */
CF_API cf_status cf_caseload_entering_week(uint32_t *out, size_t cap, size_t *out_count,
                                           const cf_caseload *caseload, int32_t week,
                                           cf_date from, cf_date to);

/**
 * The cases with an instance of an obligation overdue on a date, by index.
 *
 * @param[out] out    Room for cap case indices.
 * @param obligation  The obligation's id, or CF_ID_NONE for any obligation.
 * @param on          The date.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_INVALID_ARGUMENT (also for an obligation out of range).
 * @since 0.1
 */
CF_API cf_status cf_caseload_overdue(uint32_t *out, size_t cap, size_t *out_count,
                                     const cf_caseload *caseload, uint16_t obligation,
                                     cf_date on);

/**
 * The open obligation instances (pending or overdue) due within [from, to], by due date, then
 * case.
 *
 * @param[out] out  Room for cap items.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_INVALID_ARGUMENT.
 * @since 0.1
 */
CF_API cf_status cf_caseload_due_within(cf_due_item *out, size_t cap, size_t *out_count,
                                        const cf_caseload *caseload, cf_date from, cf_date to);

/**
 * A reproducible random sample of k cases with an obligation overdue on a date, for management
 * supervision: splitmix64 seeded with seed drives a partial Fisher-Yates shuffle over the
 * candidates sorted by external id, and the sample comes back sorted by external id (so a seed
 * names the same cases whatever order they were added in). Fewer than k when fewer qualify.
 *
 * @param[out] out  Room for cap case indices.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_INVALID_ARGUMENT.
 * @since 0.1
 */
CF_API cf_status cf_caseload_supervision_sample(uint32_t *out, size_t cap, size_t *out_count,
                                                const cf_caseload *caseload, size_t k,
                                                uint64_t seed, cf_date on);

/**
 * The open cases past a number of weeks on a date (on - day 1 >= 7 * weeks), grouped by a
 * string variable (e.g. "team"): by group, then case index.
 *
 * @param[out] out        Room for cap (group, case) items.
 * @param group_variable  The variable's name.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_NOT_FOUND when the rule-set has no such variable;
 *         CF_INVALID_ARGUMENT.
 * @since 0.1
 */
CF_API cf_status cf_caseload_over_weeks_by(cf_group_case *out, size_t cap, size_t *out_count,
                                           const cf_caseload *caseload, int32_t weeks,
                                           cf_date on, const char *group_variable);

/**
 * The open cases whose boolean variable is true (e.g. "closure_expected" in dk-2008).
 *
 * @param[out] out       Room for cap case indices.
 * @param bool_variable  The variable's name.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_NOT_FOUND when the rule-set has no such variable;
 *         CF_INVALID_ARGUMENT.
 * @since 0.1
 */
CF_API cf_status cf_caseload_flagged(uint32_t *out, size_t cap, size_t *out_count,
                                     const cf_caseload *caseload, const char *bool_variable);

/**
 * The open cases whose point (e.g. "reassessment_point") falls within [from, to], with the
 * point's date, by date, then case index.
 *
 * @param[out] out  Room for cap (case, date) items.
 * @param point     The point's name.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_NOT_FOUND when the rule-set has no such point;
 *         CF_INVALID_ARGUMENT.
 * @since 0.1
 */
CF_API cf_status cf_caseload_points_within(cf_case_date *out, size_t cap, size_t *out_count,
                                           const cf_caseload *caseload, const char *point,
                                           cf_date from, cf_date to);

/**
 * Closures per caseworker per calendar month, split into real and technical: technical when
 * the closure reason is technical_reason, real for every other way of reaching a final state.
 * The caseworker is the value of caseworker_variable when the case closed. Sorted by
 * caseworker id, then month.
 *
 * @param[out] out             Room for cap counts.
 * @param caseworker_variable  The variable holding the caseworker ("caseworker").
 * @param technical_reason     The reason that marks a technical closure ("technical").
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_NOT_FOUND when the rule-set has no such variable;
 *         CF_INVALID_ARGUMENT.
 * @since 0.1
 */
CF_API cf_status cf_caseload_closures(cf_closure_count *out, size_t cap, size_t *out_count,
                                      const cf_caseload *caseload,
                                      const char *caseworker_variable,
                                      const char *technical_reason);

/**
 * For each case (indexed by case index), how many times a variable changed to a new value
 * after it was first set (e.g. caseworker changes).
 *
 * @param[out] out  Room for cap counts; the count needed is the number of cases.
 * @param variable  The variable's name.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_NOT_FOUND when the rule-set has no such variable;
 *         CF_INVALID_ARGUMENT.
 * @since 0.1
 */
CF_API cf_status cf_caseload_variable_changes(int64_t *out, size_t cap, size_t *out_count,
                                              const cf_caseload *caseload, const char *variable);

/**
 * The open cases per value of a variable (e.g. open cases per caseworker), by value.
 *
 * @param[out] out  Room for cap (value, count) items.
 * @param variable  The variable's name.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_NOT_FOUND when the rule-set has no such variable;
 *         CF_INVALID_ARGUMENT.
 * @since 0.1
 */
CF_API cf_status cf_caseload_open_by(cf_value_count *out, size_t cap, size_t *out_count,
                                     const cf_caseload *caseload, const char *variable);

/**
 * The open cases whose variable is set (e.g. "provider": cases held by an external actor), by
 * index.
 *
 * @param[out] out  Room for cap case indices.
 * @param variable  The variable's name.
 * @return CF_OK; CF_BUFFER_TOO_SMALL; CF_NOT_FOUND when the rule-set has no such variable;
 *         CF_INVALID_ARGUMENT.
 * @since 0.1
 */
CF_API cf_status cf_caseload_holding(uint32_t *out, size_t cap, size_t *out_count,
                                     const cf_caseload *caseload, const char *variable);

/**
 * Punctuality of the named obligations' instances, judged on a date (STAR's rettidighed: the
 * share of follow-ups held on time).
 *
 * @param[out] out         The counts.
 * @param obligations      The obligations' names (e.g. "first_followup", "followup").
 * @param obligation_count How many names.
 * @param on               The date.
 * @return CF_OK; CF_NOT_FOUND when a name is not an obligation of the rule-set;
 *         CF_INVALID_ARGUMENT when a pointer is NULL or the caseload runs on the fast path.
 * @since 0.1
 */
CF_API cf_status cf_caseload_punctuality(cf_punctuality *out, const cf_caseload *caseload,
                                         const char *const *obligations,
                                         size_t obligation_count, cf_date on);

/**
 * The report a team leader acts on, as one JSON object (the schema of docs/reports.md, the one
 * `caseflow screen --format json` prints): worklists per caseworker and team, the watched weeks,
 * the status of the last period against the one before, closures against the norm, extensions by
 * ground, long-case flows, external actors, lead times, course outcomes and open cases per
 * caseworker, shaped by the rule-set's `report:` block. Advance the caseload to `on` first.
 *
 * @param[out] buf      Room for cap bytes: the text and its terminating NUL (may be NULL when cap is 0).
 * @param cap           The room in buf.
 * @param[out] out_len  The text's length in bytes, without the NUL: buf needs *out_len + 1 bytes.
 * @param caseload      The caseload (general path).
 * @param on            The report date.
 * @param from          The first day of the range of closures, flows and extensions;
 *                      CF_DATE_NONE for the first day of the month before on's.
 * @param seed          The supervision sample's seed.
 * @return CF_OK; CF_BUFFER_TOO_SMALL when cap <= *out_len (nothing is written to buf);
 *         CF_INVALID_ARGUMENT when caseload or out_len is NULL, buf is NULL with cap > 0, a date
 *         lies outside 1400-01-01 ... 9999-12-31, from is after on, or the caseload runs on the
 *         fast path.
 * @since 0.2
 */
CF_API cf_status cf_caseload_report(char *buf, size_t cap, size_t *out_len, const cf_caseload *caseload,
                                    cf_date on, cf_date from, uint64_t seed);

#ifdef __cplusplus
}
#endif

#endif /* CASEFLOW_CASEFLOW_H */
