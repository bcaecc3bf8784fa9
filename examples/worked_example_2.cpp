// DOMAIN.md worked example 2, from C++, through a caseload: the events go in as one batch of
// fixed-width records (one call, however many cases), then the case is read back by its id.
//
// This is the C ABI from C++, as a case system that links the shared library (caseflow::caseflow,
// which exports the C ABI only) uses it; a few lines of RAII and an exception for failed calls make
// it read like C++. The C++ API itself comes with the static library (caseflow::caseflow_static;
// tests/package/consumer.cpp). Exits non-zero unless every date is
// the one DOMAIN.md works out by hand.
#include <caseflow/caseflow.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// A failed call as an exception carrying the library's message.
void check(cf_status status, const char* what) {
  if (status != CF_OK) throw std::runtime_error(std::string(what) + ": " + cf_status_str(status) + ": " + cf_last_error());
}

struct RulesetFree {
  void operator()(cf_ruleset* r) const { cf_ruleset_free(r); }
};
struct CaseloadFree {
  void operator()(cf_caseload* c) const { cf_caseload_free(c); }
};
struct TextFree {
  void operator()(char* s) const { cf_string_free(s); }
};

cf_date date(const char* iso) {
  cf_date d = 0;
  check(cf_date_parse(&d, iso), iso);
  return d;
}

std::string iso(cf_date d) {
  if (d == CF_DATE_NONE) return "unknown";
  char buf[CF_DATE_ISO_SIZE];
  check(cf_date_format(buf, sizeof buf, d), "cf_date_format");
  return buf;
}

// Reads a whole (out, cap, out_count) list: ask for the size, then fill.
template <class T, class F>
std::vector<T> read_all(F call) {
  std::size_t n = 0;
  const cf_status first = call(nullptr, 0, &n);
  if (first != CF_OK && first != CF_BUFFER_TOO_SMALL) check(first, "size query");
  std::vector<T> out(n);
  check(call(out.data(), out.size(), &n), "read");
  return out;
}

int failures = 0;

void expect(const std::string& what, const std::string& actual, const std::string& expected) {
  if (actual == expected) return;
  std::fprintf(stderr, "MISMATCH %s: got %s, DOMAIN.md says %s\n", what.c_str(), actual.c_str(), expected.c_str());
  ++failures;
}

}  // namespace

int main() try {
  cf_ruleset* raw_rules = nullptr;
  check(cf_ruleset_builtin(&raw_rules, "dk"), "cf_ruleset_builtin");
  std::unique_ptr<cf_ruleset, RulesetFree> dk(raw_rules);
  cf_caseload* raw_load = nullptr;
  check(cf_caseload_new(&raw_load, dk.get()), "cf_caseload_new");
  std::unique_ptr<cf_caseload, CaseloadFree> load(raw_load);

  const auto id = [&](cf_kind kind, const char* name) {
    uint16_t out = 0;
    check(cf_ruleset_find(&out, dk.get(), kind, name), name);
    return out;
  };
  const auto name = [&](cf_kind kind, uint16_t i) -> std::string {
    const char* out = "";
    check(cf_ruleset_name_of(&out, dk.get(), kind, i), "cf_ruleset_name_of");
    return out;
  };

  uint32_t e2 = 0;
  check(cf_caseload_add_case(&e2, load.get(), "E2"), "cf_caseload_add_case");
  int64_t employee = 0, mette = 0, north = 0;
  check(cf_ruleset_find_enum_value(&employee, dk.get(), id(CF_KIND_EVENT, "sick_listed"), 0, "employee"), "employee");
  check(cf_caseload_intern(&mette, load.get(), "Mette Holm"), "intern");
  check(cf_caseload_intern(&north, load.get(), "North"), "intern");

  // examples/data/example-case.jsonl as batch records: bit i of `present` marks values[i].
  std::vector<cf_event_record> batch(3);
  batch[0] = cf_event_record{e2, date("2018-01-08"), id(CF_KIND_EVENT, "sick_listed"), 1, 0, {employee, 0, 0, 0}};
  batch[1] = cf_event_record{e2, date("2018-01-15"), id(CF_KIND_EVENT, "caseworker_assigned"), 3, 0, {mette, north, 0, 0}};
  batch[2] = cf_event_record{e2, date("2018-07-10"), id(CF_KIND_EVENT, "extension_refused"), 0, 0, {0, 0, 0, 0}};
  std::vector<uint8_t> statuses(batch.size());
  std::size_t applied = 0;
  check(cf_caseload_apply_batch(&applied, statuses.data(), load.get(), batch.data(), batch.size()), "apply_batch");
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (statuses[i] == CF_OK) continue;
    const char* why = "";
    check(cf_caseload_batch_message(&why, load.get(), i), "batch_message");
    throw std::runtime_error("record " + std::to_string(i) + " rejected: " + why);
  }
  check(cf_caseload_advance(load.get(), date("2018-09-01"), 1), "cf_caseload_advance");

  const cf_case* c = nullptr;
  check(cf_caseload_case(&c, load.get(), e2), "cf_caseload_case");
  uint16_t state = 0;
  check(cf_case_state(&state, c), "cf_case_state");
  std::printf("E2 under dk as of 2018-09-01: %s (%zu events in one batch)\n", name(CF_KIND_STATE, state).c_str(), applied);
  expect("state", name(CF_KIND_STATE, state), "job_clarification");

  const auto trace = read_all<cf_transition>([&](cf_transition* out, std::size_t cap, std::size_t* n) {
    return cf_case_trace(out, cap, n, c);
  });
  std::vector<std::string> got;
  for (const cf_transition& t : trace) {
    const std::string cause = t.event != CF_ID_NONE ? name(CF_KIND_EVENT, t.event) : name(CF_KIND_TIMER, t.timer);
    std::printf("  %s  %s -> %s  (%s)\n", iso(t.date).c_str(),
                t.from == CF_ID_NONE ? "(no case)" : name(CF_KIND_STATE, t.from).c_str(),
                name(CF_KIND_STATE, t.to).c_str(), cause.c_str());
    got.push_back(iso(t.date) + " " + cause);
  }
  expect("transitions", std::to_string(got.size()), "3");
  if (got.size() == 3) {
    expect("opening", got[0], "2018-01-08 sick_listed");
    expect("reassessment_point", got[1], "2018-07-31 reassessment_point");
    expect("job_clarification_start", got[2], "2018-08-01 job_clarification_start");
  }

  const auto obligations = read_all<cf_obligation>([&](cf_obligation* out, std::size_t cap, std::size_t* n) {
    return cf_case_obligations(out, cap, n, c, date("2018-09-01"));
  });
  got.clear();
  for (const cf_obligation& o : obligations) {
    std::string line = name(CF_KIND_OBLIGATION, o.obligation) + " due " + iso(o.due) + " " +
                       cf_obligation_status_str(static_cast<cf_obligation_status>(o.status));
    if (o.met_on != CF_DATE_NONE) line += " on " + iso(o.met_on);
    std::printf("  %s\n", line.c_str());
    got.push_back(line);
  }
  expect("obligations", std::to_string(got.size()), "3");
  if (got.size() == 3) {
    expect("first_followup", got[0], "first_followup due 2018-03-04 missed");
    expect("reassessment_decision", got[1], "reassessment_decision due 2018-07-31 met on 2018-07-10");
    expect("rehabilitation_team_meeting", got[2], "rehabilitation_team_meeting due 2018-08-29 overdue");
  }

  const auto timers = read_all<cf_timer>([&](cf_timer* out, std::size_t cap, std::size_t* n) {
    return cf_case_timers(out, cap, n, c);
  });
  for (const cf_timer& t : timers) std::printf("  %s  %s\n", iso(t.due).c_str(), name(CF_KIND_TIMER, t.timer).c_str());
  expect("timers", std::to_string(timers.size()), "1");
  if (timers.size() == 1) expect("job_clarification_end", name(CF_KIND_TIMER, timers[0].timer) + " " + iso(timers[0].due),
                                 "job_clarification_end 2020-07-31");

  // The §6 JSON object, as `caseflow timeline --json` prints it.
  char* raw_json = nullptr;
  check(cf_case_json(&raw_json, nullptr, c, "E2", date("2018-09-01")), "cf_case_json");
  std::unique_ptr<char, TextFree> json(raw_json);
  std::printf("%s\n", json.get());

  if (failures) {
    std::fprintf(stderr, "worked example 2: %d facts differ from DOMAIN.md\n", failures);
    return 1;
  }
  std::printf("all dates match DOMAIN.md worked example 2\n");
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "worked example 2: %s\n", e.what());
  return 1;
}
