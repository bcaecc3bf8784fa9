/*
 * DOMAIN.md worked example 2, from C: an employee is sick-listed on Mon 8 Jan 2018 and the
 * extension is refused on 10 Jul 2018. Where does the case stand on 1 Sep 2018, and why?
 *
 * Built against the installed package:  cc worked_example_2.c $(pkg-config --cflags --libs caseflow)
 * Prints the case and exits non-zero unless every date is the one DOMAIN.md works out by hand.
 */
#include <caseflow/caseflow.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

/* Stops the program on a failed call: the message names what went wrong. */
static void check(cf_status status, const char *what) {
  if (status != CF_OK) {
    fprintf(stderr, "%s: %s: %s\n", what, cf_status_str(status), cf_last_error());
    exit(1);
  }
}

/* Compares one fact with DOMAIN.md and says so. */
static void expect(const char *what, const char *actual, const char *expected) {
  if (strcmp(actual, expected) != 0) {
    fprintf(stderr, "MISMATCH %s: got %s, DOMAIN.md says %s\n", what, actual, expected);
    ++failures;
  }
}

static cf_date date(const char *iso) {
  cf_date d = 0;
  check(cf_date_parse(&d, iso), iso);
  return d;
}

/* Formats into one of a few rotating buffers, so that several dates fit in one printf. */
static const char *iso(cf_date d) {
  static char buf[4][CF_DATE_ISO_SIZE];
  static int next = 0;
  char *out = buf[next++ % 4];
  if (d == CF_DATE_NONE) return "unknown";
  check(cf_date_format(out, CF_DATE_ISO_SIZE, d), "cf_date_format");
  return out;
}

static const char *name(const cf_ruleset *rs, cf_kind kind, uint16_t id) {
  const char *out = "-";
  if (id != CF_ID_NONE) check(cf_ruleset_name_of(&out, rs, kind, id), "cf_ruleset_name_of");
  return out;
}

static uint16_t find(const cf_ruleset *rs, cf_kind kind, const char *n) {
  uint16_t id = 0;
  check(cf_ruleset_find(&id, rs, kind, n), n);
  return id;
}

int main(void) {
  cf_ruleset *dk = NULL;
  cf_case *c = NULL;
  uint16_t sick, worker, refused, state;
  cf_field_value fields[2];
  cf_transition trace[8];
  cf_obligation obligations[8];
  cf_timer timers[4];
  size_t n, i;

  check(cf_ruleset_builtin(&dk, "dk"), "cf_ruleset_builtin");
  check(cf_case_open(&c, dk), "cf_case_open");
  sick = find(dk, CF_KIND_EVENT, "sick_listed");
  worker = find(dk, CF_KIND_EVENT, "caseworker_assigned");
  refused = find(dk, CF_KIND_EVENT, "extension_refused");

  /* The events of examples/data/example-case.jsonl. Field values go by field id; an enum value by
     its index, a string by an id of the caller's choosing. */
  memset(fields, 0, sizeof fields);
  fields[0].present = 1;
  check(cf_ruleset_find_enum_value(&fields[0].number, dk, sick, 0, "employee"), "employee");
  check(cf_case_apply(c, sick, date("2018-01-08"), fields, 1), "sick_listed");
  memset(fields, 0, sizeof fields);
  fields[0].present = 1; /* caseworker: string id 1 ("Mette Holm") */
  fields[0].number = 1;
  fields[1].present = 1; /* team: string id 2 ("North") */
  fields[1].number = 2;
  check(cf_case_apply(c, worker, date("2018-01-15"), fields, 2), "caseworker_assigned");
  check(cf_case_apply(c, refused, date("2018-07-10"), NULL, 0), "extension_refused");
  check(cf_case_advance(c, date("2018-09-01")), "cf_case_advance");

  check(cf_case_state(&state, c), "cf_case_state");
  printf("E2 under dk as of 2018-09-01: %s\n", name(dk, CF_KIND_STATE, state));
  expect("state", name(dk, CF_KIND_STATE, state), "job_clarification");

  check(cf_case_trace(trace, 8, &n, c), "cf_case_trace");
  printf("transitions:\n");
  for (i = 0; i < n; ++i) {
    const char *ref = "";
    check(cf_ruleset_legal_ref(&ref, dk, CF_KIND_RULE, trace[i].rule), "cf_ruleset_legal_ref");
    printf("  %s  %s -> %s  (%s; %s)\n", iso(trace[i].date),
           trace[i].from == CF_ID_NONE ? "(no case)" : name(dk, CF_KIND_STATE, trace[i].from),
           name(dk, CF_KIND_STATE, trace[i].to),
           trace[i].event != CF_ID_NONE ? name(dk, CF_KIND_EVENT, trace[i].event) : name(dk, CF_KIND_TIMER, trace[i].timer),
           ref);
  }
  if (n != 3) {
    fprintf(stderr, "MISMATCH transitions: got %u, DOMAIN.md says 3\n", (unsigned)n);
    ++failures;
  } else {
    expect("opening", iso(trace[0].date), "2018-01-08");
    expect("reassessment_point", iso(trace[1].date), "2018-07-31");
    expect("reassessment_point's cause", name(dk, CF_KIND_TIMER, trace[1].timer), "reassessment_point");
    expect("job_clarification_start", iso(trace[2].date), "2018-08-01");
    expect("job_clarification_start's cause", name(dk, CF_KIND_TIMER, trace[2].timer), "job_clarification_start");
  }

  check(cf_case_obligations(obligations, 8, &n, c, date("2018-09-01")), "cf_case_obligations");
  printf("obligations:\n");
  for (i = 0; i < n; ++i)
    printf("  %-28s due %s  %s%s%s\n", name(dk, CF_KIND_OBLIGATION, obligations[i].obligation),
           iso(obligations[i].due), cf_obligation_status_str((cf_obligation_status)obligations[i].status),
           obligations[i].met_on != CF_DATE_NONE ? " on " : "",
           obligations[i].met_on != CF_DATE_NONE ? iso(obligations[i].met_on) : "");
  if (n != 3) {
    fprintf(stderr, "MISMATCH obligations: got %u, DOMAIN.md says 3\n", (unsigned)n);
    ++failures;
  } else {
    expect("first_followup", name(dk, CF_KIND_OBLIGATION, obligations[0].obligation), "first_followup");
    expect("first_followup due", iso(obligations[0].due), "2018-03-04");
    expect("first_followup status", cf_obligation_status_str((cf_obligation_status)obligations[0].status), "missed");
    expect("reassessment_decision", name(dk, CF_KIND_OBLIGATION, obligations[1].obligation), "reassessment_decision");
    expect("reassessment_decision due", iso(obligations[1].due), "2018-07-31");
    expect("reassessment_decision status", cf_obligation_status_str((cf_obligation_status)obligations[1].status), "met");
    expect("reassessment_decision met on", iso(obligations[1].met_on), "2018-07-10");
    expect("rehabilitation_team_meeting", name(dk, CF_KIND_OBLIGATION, obligations[2].obligation),
           "rehabilitation_team_meeting");
    expect("rehabilitation_team_meeting due", iso(obligations[2].due), "2018-08-29");
    expect("rehabilitation_team_meeting status", cf_obligation_status_str((cf_obligation_status)obligations[2].status),
           "overdue");
  }

  check(cf_case_timers(timers, 4, &n, c), "cf_case_timers");
  printf("timers:\n");
  for (i = 0; i < n; ++i) printf("  %s  %s\n", iso(timers[i].due), name(dk, CF_KIND_TIMER, timers[i].timer));
  if (n != 1) {
    fprintf(stderr, "MISMATCH timers: got %u, DOMAIN.md says 1\n", (unsigned)n);
    ++failures;
  } else {
    expect("timer", name(dk, CF_KIND_TIMER, timers[0].timer), "job_clarification_end");
    expect("job_clarification_end", iso(timers[0].due), "2020-07-31");
  }

  cf_case_free(c);
  cf_ruleset_free(dk);
  if (failures) {
    fprintf(stderr, "worked example 2: %d dates differ from DOMAIN.md\n", failures);
    return 1;
  }
  printf("all dates match DOMAIN.md worked example 2\n");
  return 0;
}
