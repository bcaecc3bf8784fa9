// The C ABI of caseloads through caseflow.h: batches (wide and compact), the monitoring queries
// and KPIs, bulk open and export, and the two paths (general and fast).
#include "capi_test.hpp"

// tests/capi/raw_path.c: cf_caseload_new_on_path() with any int for its path, as C may pass it.
extern "C" cf_status caseflow_test_new_on_raw_path(cf_caseload** out, const cf_ruleset* ruleset, int path);

namespace caseflow_capi_test {
namespace {

// ---------------------------------------------------------------- caseloads

class CaseloadTest : public DkTest {
 protected:
  void SetUp() override {
    DkTest::SetUp();
    cf_caseload* raw = nullptr;
    ASSERT_EQ(cf_caseload_new(&raw, rs()), CF_OK);
    load_.reset(raw);
  }
  cf_caseload* load() { return load_.get(); }
  uint32_t add(const char* id) {
    uint32_t i = 0;
    EXPECT_EQ(cf_caseload_add_case(&i, load(), id), CF_OK);
    return i;
  }
  cf_event_record record(uint32_t c, const char* event_name, const char* date) const {
    cf_event_record r{};
    r.case_index = c;
    r.date = D(date);
    r.event = event(event_name);
    return r;
  }
  const cf_case* at(uint32_t i) {
    const cf_case* c = nullptr;
    EXPECT_EQ(cf_caseload_case(&c, load(), i), CF_OK);
    return c;
  }
  CaseloadPtr load_;
};

TEST_F(CaseloadTest, BatchPlaysWorkedExample2AndReportsEachRejection) {
  const uint32_t e2 = add("E2"), e9 = add("E9");
  EXPECT_EQ(add("E2"), e2) << "adding an id twice gives its index";
  int64_t employee = 0, mette = 0, north = 0;
  ASSERT_EQ(cf_ruleset_find_enum_value(&employee, rs(), event("sick_listed"), 0, "employee"), CF_OK);
  ASSERT_EQ(cf_caseload_intern(&mette, load(), "Mette Holm"), CF_OK);
  ASSERT_EQ(cf_caseload_intern(&north, load(), "North"), CF_OK);
  std::vector<cf_event_record> batch;
  batch.push_back(record(e2, "sick_listed", "2018-01-08"));
  batch.back().present = 1;
  batch.back().values[0] = employee;
  batch.push_back(record(e9, "sick_listed", "2018-01-09"));  // missing employment: bad input
  batch.push_back(record(e2, "caseworker_assigned", "2018-01-15"));
  batch.back().present = 3;
  batch.back().values[0] = mette;
  batch.back().values[1] = north;
  batch.push_back(record(e2, "extension_refused", "2018-07-10"));
  batch.push_back(record(e2, "extension_granted", "2018-07-11"));  // ground missing
  batch.push_back(record(7, "followup_held", "2018-07-12"));       // no such case
  std::vector<uint8_t> statuses(batch.size(), 0xEE);
  size_t applied = 0;
  ASSERT_EQ(cf_caseload_apply_batch(&applied, statuses.data(), load(), batch.data(), batch.size()), CF_OK);
  EXPECT_EQ(applied, 3u);
  EXPECT_EQ(statuses, (std::vector<uint8_t>{CF_OK, CF_BAD_INPUT, CF_OK, CF_OK, CF_BAD_INPUT, CF_BAD_INPUT}));
  const char* msg = nullptr;
  ASSERT_EQ(cf_caseload_batch_message(&msg, load(), 0), CF_OK);
  EXPECT_STREQ(msg, "");
  ASSERT_EQ(cf_caseload_batch_message(&msg, load(), 1), CF_OK);
  EXPECT_STREQ(msg, "field 'employment' of 'sick_listed' is required");
  ASSERT_EQ(cf_caseload_batch_message(&msg, load(), 4), CF_OK);
  EXPECT_STREQ(msg, "field 'ground' of 'extension_granted' is required");
  ASSERT_EQ(cf_caseload_batch_message(&msg, load(), 5), CF_OK);
  EXPECT_STREQ(msg, "no case with index 7");
  EXPECT_EQ(cf_caseload_batch_message(&msg, load(), 6), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("past the last batch's 6 records"), std::string::npos) << last_error();

  ASSERT_EQ(cf_caseload_advance(load(), D("2018-09-01"), 2), CF_OK);
  uint16_t s = 0;
  ASSERT_EQ(cf_case_state(&s, at(e2)), CF_OK);
  EXPECT_EQ(name_of(rs(), CF_KIND_STATE, s), "job_clarification");
  // The caseload's case is the same case as one played alone.
  CasePtr alone = example2();
  const auto j = nlohmann::json::parse(json_of(at(e2), "E2", D("2018-09-01")));
  auto expected = nlohmann::json::parse(json_of(alone.get(), "E2", D("2018-09-01")));
  EXPECT_EQ(j, expected);
  int64_t worker = 0;
  ASSERT_EQ(cf_case_variable(&worker, at(e2), "caseworker"), CF_OK);
  const char* text = nullptr;
  ASSERT_EQ(cf_caseload_string(&text, load(), worker), CF_OK);
  EXPECT_STREQ(text, "Mette Holm");
  EXPECT_EQ(cf_caseload_string(&text, load(), 99), CF_NOT_FOUND);
  ASSERT_EQ(cf_caseload_case_id(&text, load(), e9), CF_OK);
  EXPECT_STREQ(text, "E9");
  uint32_t found = 0;
  ASSERT_EQ(cf_caseload_find_case(&found, load(), "E9"), CF_OK);
  EXPECT_EQ(found, e9);
  EXPECT_EQ(cf_caseload_find_case(&found, load(), "E10"), CF_NOT_FOUND);
  EXPECT_NE(last_error().find("'E10'"), std::string::npos);
  const cf_case* none = nullptr;
  EXPECT_EQ(cf_caseload_case(&none, load(), 2), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("case index 2 is out of range (the caseload has 2 cases)"), std::string::npos)
      << last_error();
}

TEST_F(CaseloadTest, ListFieldsGoThroughSingleApply) {
  const uint32_t c = add("P1");
  cf_event_record r = record(c, "sick_listed", "2018-01-08");
  r.present = 3;  // employment and prior_paid_periods: a list cannot travel in a record
  uint8_t status = 0;
  ASSERT_EQ(cf_caseload_apply_batch(nullptr, &status, load(), &r, 1), CF_OK);
  EXPECT_EQ(status, CF_BAD_INPUT);
  const char* msg = nullptr;
  ASSERT_EQ(cf_caseload_batch_message(&msg, load(), 0), CF_OK);
  EXPECT_NE(std::string(msg).find("apply it on its own"), std::string::npos) << msg;

  cf_date_pair prior[1] = {{D("2017-11-01"), D("2017-12-31")}};  // inside the 9-month window
  cf_field_value v[2] = {};
  v[0].present = 1;
  v[1].present = 1;
  v[1].pairs = prior;
  v[1].pair_count = 1;
  ASSERT_EQ(cf_caseload_apply(load(), c, event("sick_listed"), D("2018-01-08"), v, 2), CF_OK) << cf_last_error();
  cf_date point = 0;
  ASSERT_EQ(cf_case_point(&point, at(c), "reassessment_point"), CF_OK);
  EXPECT_LT(point, D("2018-07-31")) << "the prior period counts: the point comes earlier than example 1's";
  EXPECT_EQ(cf_caseload_apply(load(), 5, event("followup_held"), D("2018-02-01"), nullptr, 0), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_caseload_apply(load(), c, event("followup_held"), D("2018-01-01"), nullptr, 0), CF_OUT_OF_ORDER);
  EXPECT_NE(last_error().find("before the case's clock 2018-01-08"), std::string::npos) << last_error();
}

TEST_F(CaseloadTest, MonitoringQueriesAndKpis) {
  int64_t employee = 0;
  cf_ruleset_find_enum_value(&employee, rs(), event("sick_listed"), 0, "employee");
  int64_t ann = 0, bo = 0, north = 0, south = 0, technical = 0;
  cf_caseload_intern(&ann, load(), "Ann");
  cf_caseload_intern(&bo, load(), "Bo");
  cf_caseload_intern(&north, load(), "North");
  cf_caseload_intern(&south, load(), "South");
  uint16_t closed = event("case_closed");
  cf_ruleset_find_enum_value(&technical, rs(), closed, 0, "technical");
  // Four cases a week apart, from Mon 8 Jan 2018; A and B with Ann (North), C with Bo (South).
  const char* ids[] = {"A", "B", "C", "D"};
  const char* day1[] = {"2018-01-08", "2018-01-15", "2018-01-22", "2018-01-29"};
  std::vector<cf_event_record> batch;
  for (int i = 0; i < 4; ++i) {
    const uint32_t c = add(ids[i]);
    batch.push_back(record(c, "sick_listed", day1[i]));
    batch.back().present = 1;
    batch.back().values[0] = employee;
  }
  auto assign = [&](uint32_t c, const char* date, int64_t who, int64_t team) {
    batch.push_back(record(c, "caseworker_assigned", date));
    batch.back().present = 3;
    batch.back().values[0] = who;
    batch.back().values[1] = team;
  };
  assign(0, "2018-02-01", ann, north);
  assign(1, "2018-02-01", ann, north);
  assign(2, "2018-02-01", bo, south);
  assign(1, "2018-02-05", bo, south);  // B changes caseworker once
  batch.push_back(record(0, "followup_held", "2018-02-20"));  // A's first follow-up on time
  batch.push_back(record(3, "case_closed", "2018-03-10"));    // D closed, technical, no caseworker
  batch.back().present = 1;
  batch.back().values[0] = technical;
  batch.push_back(record(2, "recovered", "2018-03-12"));      // C closed for real by Bo
  batch.push_back(record(0, "external_actor_assigned", "2018-03-15"));
  batch.back().present = 1;
  cf_caseload_intern(&batch.back().values[0], load(), "Provider X");
  size_t applied = 0;
  std::vector<uint8_t> statuses(batch.size());
  ASSERT_EQ(cf_caseload_apply_batch(&applied, statuses.data(), load(), batch.data(), batch.size()), CF_OK);
  ASSERT_EQ(applied, batch.size()) << int(statuses[0]);
  ASSERT_EQ(cf_caseload_advance(load(), D("2018-04-01"), 1), CF_OK);

  size_t n = 0;
  std::vector<int64_t> counts(32);
  ASSERT_EQ(cf_caseload_count_by_state(counts.data(), counts.size(), &n, load()), CF_OK);
  ASSERT_EQ(n, 12u);
  EXPECT_EQ(counts[state("sickness_benefit.ongoing")], 2);
  EXPECT_EQ(counts[state("closed")], 2);

  uint32_t cases[16];
  // Week 8 of A starts 26 Feb, of B 5 Mar, of C 12 Mar (C closed that day: not open), of D 19 Mar.
  ASSERT_EQ(cf_caseload_entering_week(cases, 16, &n, load(), 8, D("2018-02-26"), D("2018-03-12")), CF_OK);
  EXPECT_EQ(std::vector<uint32_t>(cases, cases + n), (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(cf_caseload_entering_week(cases, 16, &n, load(), 0, 0, 1), CF_INVALID_ARGUMENT);

  // B's first follow-up (due 11 Mar) is overdue on 1 Apr; A met its own.
  const uint16_t first = id_of(rs(), CF_KIND_OBLIGATION, "first_followup");
  ASSERT_EQ(cf_caseload_overdue(cases, 16, &n, load(), first, D("2018-04-01")), CF_OK);
  EXPECT_EQ(std::vector<uint32_t>(cases, cases + n), (std::vector<uint32_t>{1}));
  ASSERT_EQ(cf_caseload_overdue(cases, 16, &n, load(), CF_ID_NONE, D("2018-04-01")), CF_OK);
  EXPECT_EQ(std::vector<uint32_t>(cases, cases + n), (std::vector<uint32_t>{0, 1}));  // A's next follow-up too
  EXPECT_EQ(cf_caseload_overdue(cases, 16, &n, load(), 500, D("2018-04-01")), CF_INVALID_ARGUMENT);

  cf_due_item due[16];
  ASSERT_EQ(cf_caseload_due_within(due, 16, &n, load(), D("2018-03-01"), D("2018-03-31")), CF_OK);
  ASSERT_GE(n, 1u);
  EXPECT_EQ(due[0].case_index, 1u);
  EXPECT_EQ(iso(due[0].due), "2018-03-11");

  ASSERT_EQ(cf_caseload_supervision_sample(cases, 16, &n, load(), 1, 7, D("2018-04-01")), CF_OK);
  ASSERT_EQ(n, 1u);
  uint32_t again[1];
  ASSERT_EQ(cf_caseload_supervision_sample(again, 1, &n, load(), 1, 7, D("2018-04-01")), CF_OK);
  EXPECT_EQ(again[0], cases[0]) << "reproducible for a seed";

  cf_group_case groups[16];
  ASSERT_EQ(cf_caseload_over_weeks_by(groups, 16, &n, load(), 8, D("2018-04-01"), "team"), CF_OK);
  ASSERT_EQ(n, 2u);  // A and B are past 8 weeks and open
  EXPECT_EQ(groups[0].group, north);
  EXPECT_EQ(groups[0].case_index, 0u);
  EXPECT_EQ(groups[1].group, south);
  EXPECT_EQ(groups[1].case_index, 1u);
  EXPECT_EQ(cf_caseload_over_weeks_by(groups, 16, &n, load(), 8, D("2018-04-01"), "teem"), CF_NOT_FOUND);
  EXPECT_NE(last_error().find("no variable 'teem'"), std::string::npos) << last_error();

  cf_case_date points[16];
  ASSERT_EQ(cf_caseload_points_within(points, 16, &n, load(), "reassessment_point", D("2018-07-01"), D("2018-08-31")),
            CF_OK);
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(iso(points[0].date), "2018-07-31");
  EXPECT_EQ(cf_caseload_points_within(points, 16, &n, load(), "nowhere", 0, 1), CF_NOT_FOUND);

  cf_closure_count closures[8];
  ASSERT_EQ(cf_caseload_closures(closures, 8, &n, load(), "caseworker", "technical"), CF_OK);
  ASSERT_EQ(n, 2u);
  EXPECT_EQ(closures[0].caseworker, -1);  // D: no caseworker
  EXPECT_EQ(closures[0].year * 100 + closures[0].month, 201803);
  EXPECT_EQ(closures[0].technical, 1);
  EXPECT_EQ(closures[0].real, 0);
  EXPECT_EQ(closures[1].caseworker, bo);
  EXPECT_EQ(closures[1].real, 1);

  int64_t changes[8];
  ASSERT_EQ(cf_caseload_variable_changes(changes, 8, &n, load(), "caseworker"), CF_OK);
  EXPECT_EQ(std::vector<int64_t>(changes, changes + n), (std::vector<int64_t>{0, 1, 0, 0}));

  cf_value_count by[8];
  ASSERT_EQ(cf_caseload_open_by(by, 8, &n, load(), "caseworker"), CF_OK);
  ASSERT_EQ(n, 2u);
  EXPECT_EQ(by[0].value, ann);
  EXPECT_EQ(by[0].count, 1);
  EXPECT_EQ(by[1].value, bo);
  EXPECT_EQ(by[1].count, 1);

  ASSERT_EQ(cf_caseload_holding(cases, 16, &n, load(), "provider"), CF_OK);
  EXPECT_EQ(std::vector<uint32_t>(cases, cases + n), (std::vector<uint32_t>{0}));
  EXPECT_EQ(cf_caseload_flagged(cases, 16, &n, load(), "closure_expected"), CF_NOT_FOUND) << "a dk-2008 variable";

  const char* names[] = {"first_followup"};
  cf_punctuality p{};
  ASSERT_EQ(cf_caseload_punctuality(&p, load(), names, 1, D("2018-04-01")), CF_OK);
  EXPECT_EQ(p.on_time, 1);  // A
  EXPECT_EQ(p.missed, 1);   // B overdue (C and D left before their due dates: lapsed, not counted)
  EXPECT_EQ(p.late, 0);
  const char* unknown[] = {"first_folowup"};
  EXPECT_EQ(cf_caseload_punctuality(&p, load(), unknown, 1, D("2018-04-01")), CF_NOT_FOUND);
  EXPECT_NE(last_error().find("no obligation 'first_folowup'"), std::string::npos);

  // Too small: the count needed, nothing written.
  uint32_t one[1] = {12345};
  EXPECT_EQ(cf_caseload_overdue(one, 1, &n, load(), CF_ID_NONE, D("2018-04-01")), CF_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(one[0], 12345u);
}

// ---------------------------------------------------------------- compact batches, bulk open and export

// Everything a caseload holds, to see that a failed call changed nothing: each case's snapshot
// (cases not yet open included), in index order.
std::vector<std::vector<uint8_t>> fingerprint(const cf_caseload* load) {
  size_t n = 0;
  EXPECT_EQ(cf_caseload_size(&n, load), CF_OK);
  std::vector<std::vector<uint8_t>> all;
  for (uint32_t i = 0; i < n; ++i) {
    const cf_case* c = nullptr;
    EXPECT_EQ(cf_caseload_case(&c, load, i), CF_OK) << cf_last_error();
    all.push_back(snapshot(c));
  }
  return all;
}

// The compact record a wide one stands for when it carries no more than field 0.
cf_compact_record compact_of(const cf_event_record& r) {
  cf_compact_record c{};
  c.case_index = r.case_index;
  c.date = r.date;
  c.event = r.event;
  c.present = static_cast<uint16_t>(r.present & 1u);
  c.value = static_cast<int32_t>(r.values[0]);
  return c;
}

// The wide record of an event with field 0 given (or not: present = 0).
cf_event_record wide(uint32_t c, cf_date date, uint16_t event, uint16_t present = 0, int64_t value = 0) {
  cf_event_record r{};
  r.case_index = c;
  r.date = date;
  r.event = event;
  r.present = present;
  r.values[0] = value;
  return r;
}

std::vector<std::string> batch_messages(cf_caseload* load, size_t count) {
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    const char* msg = nullptr;
    EXPECT_EQ(cf_caseload_batch_message(&msg, load, i), CF_OK) << cf_last_error();
    out.emplace_back(msg ? msg : "(null)");
  }
  return out;
}

// Two caseloads of `cases` cases under one rule-set, one fed `batch` with
// cf_caseload_apply_batch() and the other its compact twin with cf_caseload_apply_compact(),
// after `prepare` ran on each. They must agree on everything: the count applied, the statuses,
// the messages, and every case afterwards. Returns the statuses.
std::vector<uint8_t> expect_compact_same_as_batch(const cf_ruleset* rs, size_t cases,
                                                  const std::vector<cf_event_record>& batch,
                                                  const std::function<void(cf_caseload*)>& prepare) {
  CaseloadPtr loads[2];
  for (CaseloadPtr& l : loads) {
    cf_caseload* raw = nullptr;
    EXPECT_EQ(cf_caseload_new(&raw, rs), CF_OK);
    l.reset(raw);
    for (size_t i = 0; i < cases; ++i) {
      uint32_t index = 0;
      EXPECT_EQ(cf_caseload_add_case(&index, raw, ("c" + std::to_string(i)).c_str()), CF_OK);
    }
    prepare(raw);
  }
  std::vector<cf_compact_record> compact;
  for (const cf_event_record& r : batch) compact.push_back(compact_of(r));
  std::vector<uint8_t> wide_statuses(batch.size(), 0xEE), compact_statuses(batch.size(), 0xDD);
  size_t wide_applied = 1234, compact_applied = 5678;
  EXPECT_EQ(cf_caseload_apply_batch(&wide_applied, wide_statuses.data(), loads[0].get(), batch.data(), batch.size()),
            CF_OK);
  EXPECT_EQ(cf_caseload_apply_compact(&compact_applied, compact_statuses.data(), loads[1].get(), compact.data(),
                                      compact.size()),
            CF_OK)
      << cf_last_error();
  EXPECT_EQ(compact_applied, wide_applied);
  EXPECT_EQ(compact_statuses, wide_statuses);
  EXPECT_EQ(batch_messages(loads[1].get(), batch.size()), batch_messages(loads[0].get(), batch.size()));
  EXPECT_EQ(fingerprint(loads[1].get()), fingerprint(loads[0].get()));
  // The batch once more, without the optional outputs: the twins still agree, rejections included.
  EXPECT_EQ(cf_caseload_apply_batch(nullptr, nullptr, loads[0].get(), batch.data(), batch.size()), CF_OK);
  EXPECT_EQ(cf_caseload_apply_compact(nullptr, nullptr, loads[1].get(), compact.data(), compact.size()), CF_OK);
  EXPECT_EQ(batch_messages(loads[1].get(), batch.size()), batch_messages(loads[0].get(), batch.size()));
  EXPECT_EQ(fingerprint(loads[1].get()), fingerprint(loads[0].get()));
  return wide_statuses;
}

TEST_F(CaseloadTest, CompactBatchIsTheWideBatchOnDk) {
  int64_t employee = 0;
  ASSERT_EQ(cf_ruleset_find_enum_value(&employee, rs(), event("sick_listed"), 0, "employee"), CF_OK);
  const std::vector<cf_event_record> batch = {
      wide(0, D("2018-01-08"), event("sick_listed"), 1, employee),
      wide(1, D("2018-01-09"), event("sick_listed")),                       // employment missing
      wide(1, D("2018-01-09"), event("sick_listed"), 1, 7),                 // not an employment
      wide(0, D("2018-01-20"), event("visitation"), 1, 4),                  // category outside 1-3
      wide(0, D("2018-01-21"), event("visitation"), 1, 2),
      wide(0, D("2018-01-15"), event("followup_held")),                     // before the clock
      wide(0, D("2018-07-10"), event("extension_refused")),
      wide(0, D("2018-07-11"), event("extension_granted")),                 // ground missing
      wide(0, D("2018-07-12"), event("extension_granted"), 1, 0),
      wide(0, D("2018-07-13"), event("flex_job_made_permanent")),           // not allowed
      wide(7, D("2018-07-12"), event("followup_held")),                     // no such case
      wide(2, D("2018-07-12"), event("followup_held")),                     // not open
      wide(0, D("2018-07-12"), 999),                                        // no such event
      wide(2, CF_DATE_NONE, event("sick_listed"), 1, employee),             // no calendar day
      wide(2, D("2018-07-13"), event("sick_listed"), 1, employee),
      wide(2, D("2018-07-14"), event("sick_listed"), 1, employee),          // already open
  };
  const auto statuses = expect_compact_same_as_batch(rs(), 3, batch, [](cf_caseload*) {});
  EXPECT_EQ(statuses, (std::vector<uint8_t>{CF_OK, CF_BAD_INPUT, CF_BAD_INPUT, CF_BAD_INPUT, CF_OK, CF_OUT_OF_ORDER,
                                            CF_OK, CF_BAD_INPUT, CF_OK, CF_NOT_ALLOWED, CF_BAD_INPUT, CF_NOT_OPEN,
                                            CF_BAD_INPUT, CF_BAD_INPUT, CF_OK, CF_ALREADY_OPEN}));
}

TEST_F(CaseloadTest, CompactRecordsReadOnlyFieldZero) {
  const uint32_t c = add("W1");
  int64_t employee = 0;
  ASSERT_EQ(cf_ruleset_find_enum_value(&employee, rs(), event("sick_listed"), 0, "employee"), CF_OK);
  cf_compact_record r{};
  r.case_index = c;
  r.date = D("2018-01-08");
  r.event = event("sick_listed");
  r.present = 0xFFFE;  // every bit but bit 0: field 0 is not given, and there is no other field
  r.value = static_cast<int32_t>(employee);
  uint8_t status = 0xEE;
  size_t applied = 99;
  ASSERT_EQ(cf_caseload_apply_compact(&applied, &status, load(), &r, 1), CF_OK);
  EXPECT_EQ(applied, 0u);
  EXPECT_EQ(status, CF_BAD_INPUT);
  const char* msg = nullptr;
  ASSERT_EQ(cf_caseload_batch_message(&msg, load(), 0), CF_OK);
  EXPECT_STREQ(msg, "field 'employment' of 'sick_listed' is required");
  r.present = 1;
  ASSERT_EQ(cf_caseload_apply_compact(&applied, &status, load(), &r, 1), CF_OK);
  EXPECT_EQ(applied, 1u);
  EXPECT_EQ(status, CF_OK);
  ASSERT_EQ(cf_caseload_batch_message(&msg, load(), 0), CF_OK);
  EXPECT_STREQ(msg, "");
  // caseworker_assigned needs field 1 (team) too: it cannot travel compact.
  cf_compact_record worker{};
  worker.case_index = c;
  worker.date = D("2018-01-15");
  worker.event = event("caseworker_assigned");
  worker.present = 1;
  ASSERT_EQ(cf_caseload_intern(&employee, load(), "Mette Holm"), CF_OK);
  worker.value = static_cast<int32_t>(employee);
  cf_event_record as_wide = wide(c, worker.date, worker.event, 1, worker.value);
  ASSERT_EQ(cf_caseload_apply_compact(nullptr, &status, load(), &worker, 1), CF_OK);
  uint8_t wide_status = 0xEE;
  ASSERT_EQ(cf_caseload_apply_batch(nullptr, &wide_status, load(), &as_wide, 1), CF_OK);
  EXPECT_EQ(status, wide_status);
}

TEST_F(CaseloadTest, FailedCompactBatchChangesNothing) {
  const uint32_t e2 = add("E2");
  add("E9");
  int64_t employee = 0;
  ASSERT_EQ(cf_ruleset_find_enum_value(&employee, rs(), event("sick_listed"), 0, "employee"), CF_OK);
  std::vector<cf_compact_record> first = {compact_of(wide(e2, D("2018-01-08"), event("sick_listed"), 1, employee)),
                                          compact_of(wide(e2, D("2018-01-01"), event("followup_held")))};
  std::vector<uint8_t> statuses(2, 0xEE);
  ASSERT_EQ(cf_caseload_apply_compact(nullptr, statuses.data(), load(), first.data(), first.size()), CF_OK);
  EXPECT_EQ(statuses, (std::vector<uint8_t>{CF_OK, CF_OUT_OF_ORDER}));
  const auto before = fingerprint(load());
  const auto messages = batch_messages(load(), 2);
  EXPECT_NE(messages[1].find("before the case's clock 2018-01-08"), std::string::npos) << messages[1];

  size_t applied = 1234;
  std::vector<uint8_t> untouched(3, 0xEE);
  EXPECT_EQ(cf_caseload_apply_compact(&applied, untouched.data(), load(), nullptr, 3), CF_INVALID_ARGUMENT);
  EXPECT_EQ(last_error(), "cf_caseload_apply_compact: records is NULL but count is 3");
  EXPECT_EQ(applied, 1234u);
  EXPECT_EQ(untouched, std::vector<uint8_t>(3, 0xEE));
  EXPECT_EQ(fingerprint(load()), before);
  EXPECT_EQ(batch_messages(load(), 2), messages) << "the last batch's messages survive a failed call";
  const char* msg = nullptr;
  EXPECT_EQ(cf_caseload_batch_message(&msg, load(), 2), CF_INVALID_ARGUMENT);

  // An empty batch is a batch: it has no records, so no messages.
  ASSERT_EQ(cf_caseload_apply_compact(&applied, nullptr, load(), nullptr, 0), CF_OK);
  EXPECT_EQ(applied, 0u);
  EXPECT_EQ(cf_caseload_batch_message(&msg, load(), 0), CF_INVALID_ARGUMENT);
  EXPECT_EQ(fingerprint(load()), before);
}

TEST_F(CaseloadTest, ExportStatesOnDk) {
  const uint32_t e2 = add("E2"), e9 = add("E9");
  int64_t employee = 0;
  ASSERT_EQ(cf_ruleset_find_enum_value(&employee, rs(), event("sick_listed"), 0, "employee"), CF_OK);
  const std::vector<cf_compact_record> batch = {
      compact_of(wide(e2, D("2018-01-08"), event("sick_listed"), 1, employee)),
      compact_of(wide(e2, D("2018-07-10"), event("extension_refused")))};
  ASSERT_EQ(cf_caseload_apply_compact(nullptr, nullptr, load(), batch.data(), batch.size()), CF_OK);
  ASSERT_EQ(cf_caseload_advance(load(), D("2018-09-01"), 1), CF_OK);
  uint16_t states[2] = {0, 0};
  cf_date last[2] = {0, 0};
  ASSERT_EQ(cf_caseload_export_states(states, last, load(), 0, 2), CF_OK) << cf_last_error();
  uint16_t s = 0;
  ASSERT_EQ(cf_case_state(&s, at(e2)), CF_OK);
  EXPECT_EQ(states[e2], s);
  EXPECT_EQ(name_of(rs(), CF_KIND_STATE, states[e2]), "job_clarification");
  cf_transition t[16];
  size_t n = 0;
  ASSERT_EQ(cf_case_trace(t, 16, &n, at(e2)), CF_OK);
  ASSERT_GE(n, 1u);
  EXPECT_EQ(last[e2], t[n - 1].date);
  EXPECT_EQ(states[e9], CF_ID_NONE);
  EXPECT_EQ(last[e9], CF_DATE_NONE);
  // One output only; the other may be NULL.
  uint16_t one_state = 0;
  ASSERT_EQ(cf_caseload_export_states(&one_state, nullptr, load(), e9, 1), CF_OK);
  EXPECT_EQ(one_state, CF_ID_NONE);
  cf_date one_day = 0;
  ASSERT_EQ(cf_caseload_export_states(nullptr, &one_day, load(), e2, 1), CF_OK);
  EXPECT_EQ(one_day, last[e2]);
}

// bench/sdp-ref.yaml: a rule-set of the fixed shape the fast path runs (cases open in SICK on
// their start day; a timer moves them to JOBCLAR on day 154).
class SdpRefTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = std::string(CASEFLOW_SOURCE_DIR) + "/bench/sdp-ref.yaml";
    cf_ruleset* raw = nullptr;
    ASSERT_EQ(cf_ruleset_load_file(&raw, path.c_str()), CF_OK) << cf_last_error();
    rs_.reset(raw);
    cf_caseload* l = nullptr;
    ASSERT_EQ(cf_caseload_new(&l, rs()), CF_OK);
    load_.reset(l);
    for (int i = 0; i < 4; ++i) {
      uint32_t index = 0;
      ASSERT_EQ(cf_caseload_add_case(&index, load(), ("S" + std::to_string(i)).c_str()), CF_OK);
    }
  }
  const cf_ruleset* rs() const { return rs_.get(); }
  cf_caseload* load() const { return load_.get(); }
  uint16_t event(const char* name) const { return id_of(rs(), CF_KIND_EVENT, name); }
  uint16_t state(const char* name) const { return id_of(rs(), CF_KIND_STATE, name); }
  std::vector<cf_event_record> mixed_batch() const;
  RulesetPtr rs_;
  CaseloadPtr load_;
};

TEST_F(SdpRefTest, OpenCasesIsStartOneByOne) {
  const std::vector<cf_date> days = {1000, 1000, INT32_MAX, 1002};  // the third is no calendar day
  std::vector<uint8_t> statuses(4, 0xEE);
  size_t opened = 99;
  ASSERT_EQ(cf_caseload_open_cases(&opened, statuses.data(), load(), 0, days.data(), days.size()), CF_OK)
      << cf_last_error();
  EXPECT_EQ(opened, 3u);
  EXPECT_EQ(statuses, (std::vector<uint8_t>{CF_OK, CF_OK, CF_BAD_INPUT, CF_OK}));

  // The same, one case at a time, on a twin.
  cf_caseload* raw = nullptr;
  ASSERT_EQ(cf_caseload_new(&raw, rs()), CF_OK);
  CaseloadPtr twin(raw);
  for (int i = 0; i < 4; ++i) {
    uint32_t index = 0;
    ASSERT_EQ(cf_caseload_add_case(&index, raw, ("S" + std::to_string(i)).c_str()), CF_OK);
    EXPECT_EQ(cf_caseload_start(raw, index, days[index]), statuses[index]) << index;
  }
  EXPECT_EQ(fingerprint(load()), fingerprint(twin.get()));

  // Again: those open are already open, the one refused opens now; no output is needed.
  const cf_date again[] = {1001, 1001, 1001};
  ASSERT_EQ(cf_caseload_open_cases(&opened, statuses.data(), load(), 1, again, 3), CF_OK);
  EXPECT_EQ(opened, 1u);
  EXPECT_EQ(std::vector<uint8_t>(statuses.begin(), statuses.begin() + 3),
            (std::vector<uint8_t>{CF_ALREADY_OPEN, CF_OK, CF_ALREADY_OPEN}));
  ASSERT_EQ(cf_caseload_open_cases(nullptr, nullptr, load(), 0, again, 1), CF_OK);

  uint16_t states[4];
  cf_date last[4];
  ASSERT_EQ(cf_caseload_export_states(states, last, load(), 0, 4), CF_OK);
  EXPECT_EQ(std::vector<uint16_t>(states, states + 4), std::vector<uint16_t>(4, state("SICK")));
  EXPECT_EQ(std::vector<cf_date>(last, last + 4), (std::vector<cf_date>{1000, 1000, 1001, 1002}));
  ASSERT_EQ(cf_caseload_advance(load(), 1000 + 154, 1), CF_OK);
  ASSERT_EQ(cf_caseload_export_states(states, last, load(), 0, 4), CF_OK);
  EXPECT_EQ(std::vector<uint16_t>(states, states + 4),
            (std::vector<uint16_t>{state("JOBCLAR"), state("JOBCLAR"), state("SICK"), state("SICK")}));
  EXPECT_EQ(std::vector<cf_date>(last, last + 4), (std::vector<cf_date>{1154, 1154, 1001, 1002}));
  // A day beyond the calendar is bad input, and changes nothing.
  const auto before = fingerprint(load());
  EXPECT_EQ(cf_caseload_advance(load(), 2932897, 1), CF_BAD_INPUT);
  EXPECT_NE(last_error().find("beyond the calendar"), std::string::npos) << last_error();
  EXPECT_EQ(fingerprint(load()), before);
}

TEST_F(SdpRefTest, RangePastTheLastCaseIsInvalidAndChangesNothing) {
  const auto before = fingerprint(load());
  const cf_date days[] = {1000, 1000, 1000};
  std::vector<uint8_t> statuses(3, 0xEE);
  size_t opened = 99;
  EXPECT_EQ(cf_caseload_open_cases(&opened, statuses.data(), load(), 2, days, 3), CF_INVALID_ARGUMENT);
  EXPECT_EQ(last_error(), "cf_caseload_open_cases: cases 2 to 5 (exclusive) pass the last case (the caseload has 4 cases)");
  EXPECT_EQ(opened, 99u);
  EXPECT_EQ(statuses, std::vector<uint8_t>(3, 0xEE));
  EXPECT_EQ(fingerprint(load()), before) << "cases 2 and 3 are not opened either";
  EXPECT_EQ(cf_caseload_open_cases(&opened, nullptr, load(), UINT32_MAX, days, 2), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("pass the last case"), std::string::npos) << last_error();
  EXPECT_EQ(cf_caseload_open_cases(&opened, nullptr, load(), 5, days, 0), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_caseload_open_cases(&opened, statuses.data(), load(), 0, nullptr, 2), CF_INVALID_ARGUMENT);
  EXPECT_EQ(last_error(), "cf_caseload_open_cases: days is NULL but count is 2");
  EXPECT_EQ(fingerprint(load()), before);
  ASSERT_EQ(cf_caseload_open_cases(&opened, nullptr, load(), 4, nullptr, 0), CF_OK) << "an empty range at the end";
  EXPECT_EQ(opened, 0u);

  uint16_t states[5] = {1, 2, 3, 4, 5};
  cf_date last[5] = {1, 2, 3, 4, 5};
  EXPECT_EQ(cf_caseload_export_states(states, last, load(), 0, 5), CF_INVALID_ARGUMENT);
  EXPECT_EQ(last_error(),
            "cf_caseload_export_states: cases 0 to 5 (exclusive) pass the last case (the caseload has 4 cases)");
  EXPECT_EQ(std::vector<uint16_t>(states, states + 5), (std::vector<uint16_t>{1, 2, 3, 4, 5})) << "nothing written";
  EXPECT_EQ(std::vector<cf_date>(last, last + 5), (std::vector<cf_date>{1, 2, 3, 4, 5}));
  EXPECT_EQ(cf_caseload_export_states(states, last, load(), 3, SIZE_MAX), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_caseload_export_states(nullptr, nullptr, load(), 5, 0), CF_INVALID_ARGUMENT);
  ASSERT_EQ(cf_caseload_export_states(states, last, load(), 4, 0), CF_OK);
  ASSERT_EQ(cf_caseload_export_states(states, last, load(), 0, 4), CF_OK);
  EXPECT_EQ(std::vector<uint16_t>(states, states + 4), std::vector<uint16_t>(4, CF_ID_NONE));
  EXPECT_EQ(std::vector<cf_date>(last, last + 4), std::vector<cf_date>(4, CF_DATE_NONE));
}

TEST_F(SdpRefTest, CompactBatchIsTheWideBatch) {
  const std::vector<cf_event_record> batch = mixed_batch();
  const cf_date days[] = {1000, 1000, 1001, 1002};
  const auto statuses = expect_compact_same_as_batch(rs(), 4, batch, [&](cf_caseload* l) {
    ASSERT_EQ(cf_caseload_open_cases(nullptr, nullptr, l, 0, days, 4), CF_OK) << cf_last_error();
  });
  EXPECT_EQ(statuses, (std::vector<uint8_t>{CF_OK, CF_OK, CF_BAD_INPUT, CF_NOT_ALLOWED, CF_BAD_INPUT, CF_BAD_INPUT,
                                            CF_OK, CF_NOT_ALLOWED, CF_OUT_OF_ORDER, CF_BAD_INPUT, CF_BAD_INPUT,
                                            CF_BAD_INPUT, CF_OK, CF_OK, CF_OK}));
}

// Four cases opened on days 1000, 1000, 1001 and 1002, then mixed_batch(): every status a
// record can have.
std::vector<cf_event_record> SdpRefTest::mixed_batch() const {
  int64_t flex = 0;
  EXPECT_EQ(cf_ruleset_find_enum_value(&flex, rs(), event("RECOMMEND"), 0, "FLEX"), CF_OK);
  const uint16_t followup = event("FOLLOWUP"), extend = event("EXTEND"), recommend = event("RECOMMEND"),
                 recover = event("RECOVER"), refer = event("REFER");
  return {
      wide(0, 1010, followup),
      wide(0, 1020, extend, 1, 4),         // SICK -> EXTENDED for 4 weeks
      wide(1, 1020, extend),               // weeks missing
      wide(1, 1021, recommend, 1, flex),   // not in SICK
      wide(1, 1021, recommend, 1, 99),     // not a value of the set
      wide(1, 1021, recommend, 1, -1),     // nor this
      wide(2, 1030, recover),              // SICK -> CLOSED
      wide(2, 1031, followup),             // closed
      wide(3, 999, followup),              // before the clock
      wide(3, INT32_MAX, followup),        // no calendar day
      wide(9, 1040, followup),             // no such case
      wide(3, 1040, 999),                  // no such event
      wide(3, 1300, refer),                // after sick_end (day 1156): JOBCLAR -> REHAB
      wide(3, 1301, recommend, 1, flex),   // REHAB -> FLEX
      wide(0, 1200, refer),                // EXTENDED until 1048, then JOBCLAR: -> REHAB
  };
}

TEST_F(SdpRefTest, OpenCasesLeavesTheLastBatchMessages) {
  const cf_date days[] = {1000, 1000};
  cf_compact_record r{};
  r.case_index = 0;
  r.date = 1000;
  r.event = event("FOLLOWUP");
  uint8_t status = 0;
  ASSERT_EQ(cf_caseload_apply_compact(nullptr, &status, load(), &r, 1), CF_OK);
  EXPECT_EQ(status, CF_NOT_OPEN);
  const char* msg = nullptr;
  ASSERT_EQ(cf_caseload_batch_message(&msg, load(), 0), CF_OK);
  const std::string before = msg;
  EXPECT_NE(before.find("not open"), std::string::npos) << before;
  ASSERT_EQ(cf_caseload_open_cases(nullptr, nullptr, load(), 0, days, 2), CF_OK);
  ASSERT_EQ(cf_caseload_batch_message(&msg, load(), 0), CF_OK);
  EXPECT_EQ(msg, before);
  EXPECT_EQ(cf_caseload_batch_message(&msg, load(), 1), CF_INVALID_ARGUMENT);
}

// ---------------------------------------------------------------- caseload paths

// A caseload on a path with `cases` cases named c0, c1, ...
CaseloadPtr load_on(const cf_ruleset* rs, cf_caseload_path path, size_t cases = 0) {
  cf_caseload* raw = nullptr;
  EXPECT_EQ(cf_caseload_new_on_path(&raw, rs, path), CF_OK) << cf_last_error();
  CaseloadPtr load(raw);
  for (size_t i = 0; i < cases && raw; ++i) {
    uint32_t index = 0;
    EXPECT_EQ(cf_caseload_add_case(&index, raw, ("c" + std::to_string(i)).c_str()), CF_OK);
  }
  return load;
}

int is_fast(const cf_caseload* load) {
  int fast = -1;
  EXPECT_EQ(cf_caseload_is_fast(&fast, load), CF_OK) << cf_last_error();
  return fast;
}

size_t bytes_per_case(const cf_caseload* load) {
  size_t bytes = 0;
  EXPECT_EQ(cf_caseload_bytes_per_case(&bytes, load), CF_OK) << cf_last_error();
  return bytes;
}

// What a caseload shows of every case on either path: states and days of the last state change.
std::pair<std::vector<uint16_t>, std::vector<cf_date>> states_of(const cf_caseload* load) {
  size_t n = 0;
  EXPECT_EQ(cf_caseload_size(&n, load), CF_OK);
  std::vector<uint16_t> states(n, 0xEEEE);
  std::vector<cf_date> last(n, 0x0EEEEEEE);
  EXPECT_EQ(cf_caseload_export_states(states.data(), last.data(), load, 0, n), CF_OK) << cf_last_error();
  return {states, last};
}

std::vector<int64_t> counts_of(const cf_caseload* load) {
  std::vector<int64_t> counts(64, -1);
  size_t n = 0;
  EXPECT_EQ(cf_caseload_count_by_state(counts.data(), counts.size(), &n, load), CF_OK) << cf_last_error();
  counts.resize(n);
  return counts;
}

TEST(CaseloadPath, ValuesArePinned) {
  EXPECT_EQ(CF_PATH_GENERAL, 0);
  EXPECT_EQ(CF_PATH_FAST_IF_POSSIBLE, 1);
}

TEST_F(DkTest, NewOnPathRefusesAPathThatIsNoPathAndWritesNothing) {
  int mark = 0;
  for (const int path : {2, 7, -1, 256}) {
    cf_caseload* load = reinterpret_cast<cf_caseload*>(&mark);  // a sentinel: not to be written
    cf_caseload* const before = load;
    EXPECT_EQ(caseflow_test_new_on_raw_path(&load, rs(), path), CF_INVALID_ARGUMENT) << path;
    EXPECT_EQ(last_error(), "cf_caseload_new_on_path: path " + std::to_string(path) +
                                " is not a cf_caseload_path (CF_PATH_GENERAL = 0, CF_PATH_FAST_IF_POSSIBLE = 1)");
    EXPECT_EQ(load, before) << path;
  }
  // The pinned values, through the same C caller.
  for (const int path : {0, 1}) {
    cf_caseload* load = nullptr;
    ASSERT_EQ(caseflow_test_new_on_raw_path(&load, rs(), path), CF_OK) << cf_last_error();
    CaseloadPtr owned(load);
    EXPECT_EQ(is_fast(load), 0) << "dk runs on the general path whatever is asked";
  }
  EXPECT_EQ(cf_caseload_new_on_path(nullptr, rs(), CF_PATH_GENERAL), CF_INVALID_ARGUMENT);
  EXPECT_EQ(last_error(), "cf_caseload_new_on_path: out is NULL");
  int flag = 0;
  size_t bytes = 0;
  CaseloadPtr load = load_on(rs(), CF_PATH_GENERAL);
  EXPECT_EQ(cf_caseload_is_fast(nullptr, load.get()), CF_INVALID_ARGUMENT);
  EXPECT_EQ(last_error(), "cf_caseload_is_fast: out is NULL");
  EXPECT_EQ(cf_caseload_bytes_per_case(nullptr, load.get()), CF_INVALID_ARGUMENT);
  EXPECT_EQ(last_error(), "cf_caseload_bytes_per_case: out is NULL");
  EXPECT_EQ(cf_caseload_is_fast(&flag, nullptr), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_caseload_bytes_per_case(&bytes, nullptr), CF_INVALID_ARGUMENT);
}

TEST_F(DkTest, FastIfPossibleFallsBackToTheGeneralPath) {
  // dk has guards, points and a ledger of paid days: not the fast path's shape.
  CaseloadPtr general = load_on(rs(), CF_PATH_GENERAL, 1), fallback = load_on(rs(), CF_PATH_FAST_IF_POSSIBLE, 1);
  cf_caseload* raw = nullptr;
  ASSERT_EQ(cf_caseload_new(&raw, rs()), CF_OK);
  CaseloadPtr plain(raw);
  EXPECT_EQ(is_fast(general.get()), 0);
  EXPECT_EQ(is_fast(fallback.get()), 0);
  EXPECT_EQ(is_fast(plain.get()), 0);
  EXPECT_GT(bytes_per_case(general.get()), 32u);
  EXPECT_EQ(bytes_per_case(fallback.get()), bytes_per_case(general.get()));
  EXPECT_EQ(bytes_per_case(plain.get()), bytes_per_case(general.get()));
  // Everything a general caseload does: a borrowed case, the queries.
  for (cf_caseload* load : {general.get(), fallback.get()}) {
    const auto fields = fields_of(rs(), event("sick_listed"), {{"employment", "employee"}});
    ASSERT_EQ(cf_caseload_apply(load, 0, event("sick_listed"), D("2018-01-08"), fields.data(), fields.size()), CF_OK)
        << cf_last_error();
    ASSERT_EQ(cf_caseload_advance(load, D("2018-04-01"), 1), CF_OK);
    const cf_case* c = nullptr;
    ASSERT_EQ(cf_caseload_case(&c, load, 0), CF_OK) << cf_last_error();
    uint16_t st = CF_ID_NONE;
    ASSERT_EQ(cf_case_state(&st, c), CF_OK);
    EXPECT_EQ(st, state("sickness_benefit.ongoing"));
    uint32_t overdue[4];
    size_t n = 0;
    ASSERT_EQ(cf_caseload_overdue(overdue, 4, &n, load, CF_ID_NONE, D("2018-04-01")), CF_OK) << cf_last_error();
    EXPECT_EQ(n, 1u) << "first_followup, due 2018-03-04";
  }
  EXPECT_EQ(fingerprint(fallback.get()), fingerprint(general.get()));
}

TEST_F(SdpRefTest, FastIfPossibleRunsSdpRefOnSixteenByteRows) {
  CaseloadPtr fast = load_on(rs(), CF_PATH_FAST_IF_POSSIBLE), general = load_on(rs(), CF_PATH_GENERAL);
  EXPECT_EQ(is_fast(fast.get()), 1);
  EXPECT_EQ(bytes_per_case(fast.get()), 16u) << "one obligation: four words a case";
  EXPECT_EQ(is_fast(general.get()), 0);
  EXPECT_GT(bytes_per_case(general.get()), 16u);
  EXPECT_EQ(is_fast(load()), 0) << "cf_caseload_new makes a general caseload";
  EXPECT_EQ(bytes_per_case(load()), bytes_per_case(general.get()));
}

// The same events on both paths, wide and compact: the same counts applied, statuses and
// messages, the same states and days, the same counts by state; after an advance too.
TEST_F(SdpRefTest, FastPathGivesTheGeneralPathsStatusesMessagesAndStates) {
  struct Run {
    CaseloadPtr load;
    bool compact;
  };
  Run runs[4];
  const cf_caseload_path paths[4] = {CF_PATH_GENERAL, CF_PATH_GENERAL, CF_PATH_FAST_IF_POSSIBLE,
                                     CF_PATH_FAST_IF_POSSIBLE};
  const cf_date days[] = {1000, 1000, 1001, 1002};
  for (int r = 0; r < 4; ++r) {
    runs[r].load = load_on(rs(), paths[r], 4);
    runs[r].compact = r % 2 == 1;
    std::vector<uint8_t> opened(4, 0xEE);
    ASSERT_EQ(cf_caseload_open_cases(nullptr, opened.data(), runs[r].load.get(), 0, days, 4), CF_OK);
    EXPECT_EQ(opened, std::vector<uint8_t>(4, CF_OK));
  }
  ASSERT_EQ(is_fast(runs[2].load.get()), 1);
  ASSERT_EQ(is_fast(runs[3].load.get()), 1);

  // Feeds a batch to all four; expects the statuses `want` from each, and that they agree.
  const auto feed = [&](const std::vector<cf_event_record>& batch,
                        const std::vector<uint8_t>& want) -> std::vector<std::string> {
    std::vector<cf_compact_record> compact;
    for (const cf_event_record& rec : batch) compact.push_back(compact_of(rec));
    std::vector<std::string> messages[4];
    size_t applied[4];
    for (int r = 0; r < 4; ++r) {
      std::vector<uint8_t> statuses(batch.size(), 0xEE);
      applied[r] = 1234;
      cf_caseload* load = runs[r].load.get();
      if (runs[r].compact)
        EXPECT_EQ(cf_caseload_apply_compact(&applied[r], statuses.data(), load, compact.data(), compact.size()), CF_OK);
      else
        EXPECT_EQ(cf_caseload_apply_batch(&applied[r], statuses.data(), load, batch.data(), batch.size()), CF_OK);
      EXPECT_EQ(statuses, want) << "run " << r;
      messages[r] = batch_messages(load, batch.size());
    }
    for (int r = 1; r < 4; ++r) {
      EXPECT_EQ(applied[r], applied[0]) << "run " << r;
      EXPECT_EQ(messages[r], messages[0]) << "run " << r;
      EXPECT_EQ(states_of(runs[r].load.get()), states_of(runs[0].load.get())) << "run " << r;
      EXPECT_EQ(counts_of(runs[r].load.get()), counts_of(runs[0].load.get())) << "run " << r;
    }
    return messages[0];
  };

  const auto messages = feed(mixed_batch(), {CF_OK, CF_OK, CF_BAD_INPUT, CF_NOT_ALLOWED, CF_BAD_INPUT, CF_BAD_INPUT,
                                             CF_OK, CF_NOT_ALLOWED, CF_OUT_OF_ORDER, CF_BAD_INPUT, CF_BAD_INPUT,
                                             CF_BAD_INPUT, CF_OK, CF_OK, CF_OK});
  EXPECT_EQ(messages[0], "");
  EXPECT_NE(messages[3].find("not allowed"), std::string::npos) << messages[3];
  EXPECT_NE(messages[8].find("before the case's clock"), std::string::npos) << messages[8];
  const auto [states, last] = states_of(runs[2].load.get());
  EXPECT_EQ(states, (std::vector<uint16_t>{state("REHAB"), state("SICK"), state("CLOSED"), state("FLEX")}));
  EXPECT_EQ(last, (std::vector<cf_date>{1200, 1000, 1030, 1301}));

  for (const Run& run : runs) ASSERT_EQ(cf_caseload_advance(run.load.get(), 1400, 2), CF_OK) << cf_last_error();
  for (int r = 1; r < 4; ++r) EXPECT_EQ(states_of(runs[r].load.get()), states_of(runs[0].load.get())) << r;
  EXPECT_EQ(states_of(runs[2].load.get()).first[1], state("JOBCLAR")) << "sick_end fired on day 1154";
  int64_t flex = 0, resource = 0;
  ASSERT_EQ(cf_ruleset_find_enum_value(&flex, rs(), event("RECOMMEND"), 0, "FLEX"), CF_OK);
  ASSERT_EQ(cf_ruleset_find_enum_value(&resource, rs(), event("RECOMMEND"), 0, "RESOURCE"), CF_OK);
  const auto later = feed({wide(0, 1399, event("FOLLOWUP")),                // before the advance
                           wide(0, 1400, event("RECOMMEND"), 1, resource),  // REHAB -> RESOURCE
                           wide(1, 1401, event("RECOMMEND"), 1, flex),      // no rule in JOBCLAR
                           wide(1, 1402, event("RECOVER")),                 // JOBCLAR -> CLOSED
                           wide(2, 1402, event("FOLLOWUP")),                // closed
                           wide(0, 1400 + 730, event("REFER")),             // resource_end first: REHAB
                           wide(0, 1400 + 729, event("FOLLOWUP")),          // so still RESOURCE, day 1400
                           wide(3, 1500, event("FOLLOWUP"))},               // FLEX is final
                          {CF_OUT_OF_ORDER, CF_OK, CF_NOT_ALLOWED, CF_OK, CF_NOT_ALLOWED, CF_NOT_ALLOWED, CF_OK,
                           CF_NOT_ALLOWED});
  EXPECT_NE(later[5].find("REHAB"), std::string::npos) << later[5];
  EXPECT_EQ(states_of(runs[2].load.get()).first,
            (std::vector<uint16_t>{state("RESOURCE"), state("CLOSED"), state("CLOSED"), state("FLEX")}));

  // One event, and one start, at a time: the same statuses and messages too.
  std::vector<std::string> errors[2];
  for (int p = 0; p < 2; ++p) {
    cf_caseload* load = runs[2 * p].load.get();
    EXPECT_EQ(cf_caseload_apply(load, 1, event("RECOVER"), 1500, nullptr, 0), CF_NOT_ALLOWED);
    errors[p].push_back(last_error());
    EXPECT_EQ(cf_caseload_apply(load, 0, event("EXTEND"), 1500, nullptr, 0), CF_BAD_INPUT);
    errors[p].push_back(last_error());
    EXPECT_EQ(cf_caseload_start(load, 3, 1500), CF_ALREADY_OPEN);
    errors[p].push_back(last_error());
    EXPECT_EQ(cf_caseload_apply(load, 9, event("RECOVER"), 1500, nullptr, 0), CF_INVALID_ARGUMENT);
    errors[p].push_back(last_error());
  }
  EXPECT_EQ(errors[1], errors[0]);
  EXPECT_EQ(states_of(runs[2].load.get()), states_of(runs[0].load.get()));
}

// Calls that need each case's history fail on a fast caseload, clearly and changing nothing;
// counts by state, export and the rest work.
TEST_F(SdpRefTest, HistoryCallsOnAFastCaseloadFailClearly) {
  CaseloadPtr fast = load_on(rs(), CF_PATH_FAST_IF_POSSIBLE, 3);
  ASSERT_EQ(is_fast(fast.get()), 1);
  const cf_date days[] = {1000, 1001, 1002};
  ASSERT_EQ(cf_caseload_open_cases(nullptr, nullptr, fast.get(), 0, days, 3), CF_OK);
  ASSERT_EQ(cf_caseload_advance(fast.get(), 1100, 1), CF_OK);
  const auto before = states_of(fast.get());
  cf_caseload* l = fast.get();

  const cf_case* borrowed = reinterpret_cast<const cf_case*>(&before);  // a sentinel: not to be written
  const cf_case* const sentinel = borrowed;
  uint32_t cases[8];
  cf_due_item due[8];
  cf_group_case groups[8];
  cf_case_date points[8];
  cf_closure_count closures[8];
  int64_t changes[8];
  cf_value_count values[8];
  cf_punctuality p{-1, -1, -1};
  const char* followup = "followup";
  size_t n = 4242;
  const std::vector<std::pair<std::string, std::function<cf_status()>>> calls = {
      {"cf_caseload_case", [&] { return cf_caseload_case(&borrowed, l, 0); }},
      {"cf_caseload_entering_week", [&] { return cf_caseload_entering_week(cases, 8, &n, l, 8, 1000, 1100); }},
      {"cf_caseload_overdue", [&] { return cf_caseload_overdue(cases, 8, &n, l, CF_ID_NONE, 1100); }},
      {"cf_caseload_due_within", [&] { return cf_caseload_due_within(due, 8, &n, l, 1000, 1100); }},
      {"cf_caseload_supervision_sample", [&] { return cf_caseload_supervision_sample(cases, 8, &n, l, 2, 7, 1100); }},
      {"cf_caseload_over_weeks_by",
       [&] { return cf_caseload_over_weeks_by(groups, 8, &n, l, 2, 1100, "extension_end"); }},
      {"cf_caseload_flagged", [&] { return cf_caseload_flagged(cases, 8, &n, l, "extension_end"); }},
      {"cf_caseload_points_within", [&] { return cf_caseload_points_within(points, 8, &n, l, "x", 1000, 1100); }},
      {"cf_caseload_closures", [&] { return cf_caseload_closures(closures, 8, &n, l, "extension_end", "x"); }},
      {"cf_caseload_variable_changes", [&] { return cf_caseload_variable_changes(changes, 8, &n, l, "extension_end"); }},
      {"cf_caseload_open_by", [&] { return cf_caseload_open_by(values, 8, &n, l, "extension_end"); }},
      {"cf_caseload_holding", [&] { return cf_caseload_holding(cases, 8, &n, l, "extension_end"); }},
      {"cf_caseload_punctuality", [&] { return cf_caseload_punctuality(&p, l, &followup, 1, 1100); }},
      // A size query is refused the same way.
      {"cf_caseload_overdue", [&] { return cf_caseload_overdue(nullptr, 0, &n, l, CF_ID_NONE, 1100); }},
  };
  for (const auto& [name, call] : calls) {
    EXPECT_EQ(call(), CF_INVALID_ARGUMENT) << name;
    EXPECT_EQ(last_error(), name + ": the caseload runs on the fast path, which keeps no history per case; this "
                                   "call needs the general path (CF_PATH_GENERAL)");
  }
  EXPECT_EQ(borrowed, sentinel);
  EXPECT_EQ(n, 4242u) << "no count written";
  EXPECT_EQ(p.on_time, -1);
  EXPECT_EQ(states_of(l), before);

  // What a fast caseload keeps, it answers.
  EXPECT_EQ(counts_of(l)[state("SICK")], 3);
  const char* id = nullptr;
  ASSERT_EQ(cf_caseload_case_id(&id, l, 2), CF_OK);
  EXPECT_STREQ(id, "c2");
  uint32_t index = 9;
  ASSERT_EQ(cf_caseload_find_case(&index, l, "c1"), CF_OK);
  EXPECT_EQ(index, 1u);
  int64_t sid = -1;
  ASSERT_EQ(cf_caseload_intern(&sid, l, "North"), CF_OK);
  ASSERT_EQ(cf_caseload_string(&id, l, sid), CF_OK);
  EXPECT_STREQ(id, "North");
  cf_ruleset* again = nullptr;
  ASSERT_EQ(cf_caseload_ruleset(&again, l), CF_OK);
  RulesetPtr owned(again);
  // And the same caseload on the general path lends its cases.
  CaseloadPtr general = load_on(rs(), CF_PATH_GENERAL, 1);
  ASSERT_EQ(cf_caseload_case(&borrowed, general.get(), 0), CF_OK) << cf_last_error();
  EXPECT_NE(borrowed, sentinel);
}

}  // namespace
}  // namespace caseflow_capi_test
