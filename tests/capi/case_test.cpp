// The C ABI of one case through caseflow.h: worked example 2 (also as JSON), every bad input with
// its status and message and the case byte-identical afterwards, snapshots, cases that simply start.
#include "capi_test.hpp"

namespace caseflow_capi_test {
namespace {

// ---------------------------------------------------------------- worked example 2

TEST_F(DkTest, WorkedExample2) {
  CasePtr c = example2();
  uint16_t s = 0;
  ASSERT_EQ(cf_case_state(&s, c.get()), CF_OK);
  EXPECT_EQ(name_of(rs(), CF_KIND_STATE, s), "job_clarification");
  cf_date d;
  ASSERT_EQ(cf_case_day1(&d, c.get()), CF_OK);
  EXPECT_EQ(iso(d), "2018-01-08");
  ASSERT_EQ(cf_case_clock(&d, c.get()), CF_OK);
  EXPECT_EQ(iso(d), "2018-09-01");
  ASSERT_EQ(cf_case_point(&d, c.get(), "reassessment_point"), CF_OK);
  EXPECT_EQ(iso(d), "2018-07-31");

  cf_transition t[8];
  size_t n = 0;
  ASSERT_EQ(cf_case_trace(t, 8, &n, c.get()), CF_OK);
  ASSERT_EQ(n, 3u);
  EXPECT_EQ(iso(t[0].date), "2018-01-08");
  EXPECT_EQ(t[0].from, CF_ID_NONE);
  EXPECT_EQ(name_of(rs(), CF_KIND_EVENT, t[0].event), "sick_listed");
  EXPECT_EQ(iso(t[1].date), "2018-07-31");
  EXPECT_EQ(name_of(rs(), CF_KIND_TIMER, t[1].timer), "reassessment_point");
  EXPECT_EQ(t[1].event, CF_ID_NONE);
  EXPECT_EQ(iso(t[2].date), "2018-08-01");
  EXPECT_EQ(name_of(rs(), CF_KIND_TIMER, t[2].timer), "job_clarification_start");
  EXPECT_EQ(name_of(rs(), CF_KIND_STATE, t[2].from), "sickness_benefit.reassessment");
  EXPECT_EQ(name_of(rs(), CF_KIND_STATE, t[2].to), "job_clarification");

  cf_obligation o[8];
  ASSERT_EQ(cf_case_obligations(o, 8, &n, c.get(), D("2018-09-01")), CF_OK);
  ASSERT_EQ(n, 3u);
  EXPECT_EQ(name_of(rs(), CF_KIND_OBLIGATION, o[0].obligation), "first_followup");
  EXPECT_EQ(iso(o[0].due), "2018-03-04");
  EXPECT_EQ(o[0].status, CF_OBLIGATION_MISSED);
  EXPECT_EQ(o[0].met_on, CF_DATE_NONE);
  EXPECT_EQ(name_of(rs(), CF_KIND_OBLIGATION, o[1].obligation), "reassessment_decision");
  EXPECT_EQ(iso(o[1].due), "2018-07-31");
  EXPECT_EQ(o[1].status, CF_OBLIGATION_MET);
  EXPECT_EQ(iso(o[1].met_on), "2018-07-10");
  EXPECT_EQ(name_of(rs(), CF_KIND_OBLIGATION, o[2].obligation), "rehabilitation_team_meeting");
  EXPECT_EQ(iso(o[2].due), "2018-08-29");
  EXPECT_EQ(o[2].status, CF_OBLIGATION_OVERDUE);
  // The same instance is pending on its due date: statuses are judged on the date asked.
  ASSERT_EQ(cf_case_obligations(o, 8, &n, c.get(), D("2018-08-29")), CF_OK);
  EXPECT_EQ(o[2].status, CF_OBLIGATION_PENDING);

  cf_timer tm[4];
  ASSERT_EQ(cf_case_timers(tm, 4, &n, c.get()), CF_OK);
  ASSERT_EQ(n, 1u);
  EXPECT_EQ(name_of(rs(), CF_KIND_TIMER, tm[0].timer), "job_clarification_end");
  EXPECT_EQ(iso(tm[0].due), "2020-07-31");

  uint16_t allowed[32];
  ASSERT_EQ(cf_case_allowed_events(allowed, 32, &n, c.get()), CF_OK);
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) names.push_back(name_of(rs(), CF_KIND_EVENT, allowed[i]));
  EXPECT_NE(std::find(names.begin(), names.end(), "recovered"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "extension_granted"), names.end());
}

TEST_F(DkTest, WorkedExample2AsJson) {
  CasePtr c = example2();
  const auto j = nlohmann::json::parse(json_of(c.get(), "E2", D("2018-09-01")));
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  // nlohmann::json sorts keys; the order of the text itself is checked below.
  EXPECT_EQ(j["case"], "E2");
  EXPECT_EQ(j["ruleset"], "dk");
  EXPECT_EQ(j["as_of"], "2018-09-01");
  EXPECT_EQ(j["state"], "job_clarification");
  EXPECT_TRUE(j["reason"].is_null());
  ASSERT_EQ(j["transitions"].size(), 3u);
  EXPECT_EQ(j["transitions"][2]["date"], "2018-08-01");
  EXPECT_EQ(j["transitions"][2]["cause"], "job_clarification_start");
  EXPECT_FALSE(j["transitions"][2]["legal_ref"].get<std::string>().empty());
  EXPECT_EQ(j["obligations"][1]["met_on"], "2018-07-10");
  EXPECT_EQ(j["obligations"][2]["status"], "overdue");
  EXPECT_EQ(j["timers"][0]["due"], "2020-07-31");
  const std::string text = json_of(c.get(), "E2", D("2018-09-01"));
  EXPECT_EQ(text.rfind("{\"case\":\"E2\",\"ruleset\":\"dk\",\"as_of\":\"2018-09-01\",\"state\":\"job_clarification\",\"reason\":null,"
                       "\"transitions\":",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find("],\"obligations\":["), std::string::npos);
  EXPECT_NE(text.find("],\"timers\":["), std::string::npos);
  EXPECT_NE(text.find("],\"allowed_events\":["), std::string::npos);
}

TEST_F(DkTest, RefusedLateIsMetLate) {
  // Worked example 2's variant: extension_refused on 15 Aug 2018 instead.
  CasePtr c = open();
  ASSERT_EQ(apply(c.get(), "sick_listed", "2018-01-08", {{"employment", "employee"}}), CF_OK);
  ASSERT_EQ(apply(c.get(), "extension_refused", "2018-08-15"), CF_OK) << cf_last_error();
  ASSERT_EQ(cf_case_advance(c.get(), D("2018-09-01")), CF_OK);
  cf_transition t[4];
  size_t n = 0;
  ASSERT_EQ(cf_case_trace(t, 4, &n, c.get()), CF_OK);
  ASSERT_EQ(n, 3u);
  EXPECT_EQ(iso(t[2].date), "2018-08-16");
  cf_obligation o[4];
  ASSERT_EQ(cf_case_obligations(o, 4, &n, c.get(), CF_DATE_NONE), CF_OK);
  EXPECT_EQ(o[1].status, CF_OBLIGATION_MET_LATE);
}

// ---------------------------------------------------------------- bad input, case unchanged

TEST_F(DkTest, NullOutPointerLeavesTheCaseAsItWas) {
  CasePtr c = example2();
  const auto before = snapshot(c.get());
  size_t n = 0;
  EXPECT_EQ(cf_case_state(nullptr, c.get()), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("cf_case_state: out is NULL"), std::string::npos) << last_error();
  EXPECT_EQ(cf_case_obligations(nullptr, 3, &n, c.get(), CF_DATE_NONE), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("out is NULL but cap is 3"), std::string::npos) << last_error();
  EXPECT_EQ(cf_case_timers(nullptr, 0, nullptr, c.get()), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("out_count is NULL"), std::string::npos) << last_error();
  EXPECT_EQ(cf_case_snapshot(nullptr, 0, nullptr, c.get()), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_case_json(nullptr, nullptr, c.get(), "E2", CF_DATE_NONE), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_case_apply(c.get(), event("visitation"), D("2018-09-02"), nullptr, 1), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("fields is NULL but field_count is 1"), std::string::npos) << last_error();
  cf_field_value pairs_without_array[2] = {};
  pairs_without_array[0].present = 1;
  pairs_without_array[1].present = 1;
  pairs_without_array[1].pair_count = 2;
  EXPECT_EQ(cf_case_apply(c.get(), event("sick_listed"), D("2018-09-02"), pairs_without_array, 2), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("pairs is NULL but pair_count is 2"), std::string::npos) << last_error();
  EXPECT_EQ(snapshot(c.get()), before);
}

TEST_F(DkTest, EventNotAllowedLeavesTheCaseAsItWas) {
  CasePtr c = example2();
  const auto before = snapshot(c.get());
  EXPECT_EQ(apply(c.get(), "extension_granted", "2018-09-02", {{"ground", "medical_treatment"}}), CF_NOT_ALLOWED);
  EXPECT_EQ(last_error(), "event 'extension_granted' is not allowed in state job_clarification");
  EXPECT_EQ(snapshot(c.get()), before);
}

TEST_F(DkTest, RejectedEventAfterDueTimersLeavesClockAndTimersAsTheyWere) {
  // Timers are due before the event (the reassessment point on 31 Jul), the event is judged after
  // them and rejected: the case must not keep the fired timers or the moved clock.
  CasePtr c = open();
  ASSERT_EQ(apply(c.get(), "sick_listed", "2018-01-08", {{"employment", "employee"}}), CF_OK);
  const auto before = snapshot(c.get());
  EXPECT_EQ(apply(c.get(), "flex_job_made_permanent", "2018-08-15"), CF_NOT_ALLOWED);
  EXPECT_NE(last_error().find("not allowed in state sickness_benefit.reassessment"), std::string::npos) << last_error();
  EXPECT_EQ(snapshot(c.get()), before);
  cf_date clock;
  ASSERT_EQ(cf_case_clock(&clock, c.get()), CF_OK);
  EXPECT_EQ(iso(clock), "2018-01-08");
}

TEST_F(DkTest, EventOutOfOrderLeavesTheCaseAsItWas) {
  CasePtr c = example2();
  const auto before = snapshot(c.get());
  EXPECT_EQ(apply(c.get(), "followup_held", "2018-08-31"), CF_OUT_OF_ORDER);
  EXPECT_EQ(last_error(), "event 'followup_held' dated 2018-08-31 is before the case's clock 2018-09-01");
  EXPECT_EQ(cf_case_advance(c.get(), D("2018-08-01")), CF_OUT_OF_ORDER);
  EXPECT_NE(last_error().find("2018-09-01"), std::string::npos) << last_error();
  EXPECT_EQ(snapshot(c.get()), before);
  EXPECT_EQ(apply(c.get(), "followup_held", "2018-09-01"), CF_OK) << "the clock's own date is fine";
}

TEST_F(DkTest, BadFieldValuesAreBadInputNamingTheField) {
  CasePtr c = open();
  const auto fresh = snapshot(c.get());
  EXPECT_EQ(apply(c.get(), "sick_listed", "2018-01-08"), CF_BAD_INPUT);
  EXPECT_EQ(last_error(), "field 'employment' of 'sick_listed' is required");
  cf_field_value v[1] = {};
  v[0].present = 1;
  v[0].number = 7;
  EXPECT_EQ(cf_case_apply(c.get(), event("sick_listed"), D("2018-01-08"), v, 1), CF_BAD_INPUT);
  EXPECT_EQ(last_error(), "field 'employment' of 'sick_listed' must be one of: employee, unemployed, self_employed");
  EXPECT_EQ(cf_case_apply(c.get(), 999, D("2018-01-08"), nullptr, 0), CF_BAD_INPUT);
  EXPECT_EQ(last_error(), "unknown event id 999");
  EXPECT_EQ(snapshot(c.get()), fresh);

  ASSERT_EQ(apply(c.get(), "sick_listed", "2018-01-08", {{"employment", "employee"}}), CF_OK);
  const auto before = snapshot(c.get());
  EXPECT_EQ(apply(c.get(), "visitation", "2018-01-20", {{"category", 4}}), CF_BAD_INPUT);
  EXPECT_EQ(last_error(), "field 'category' of 'visitation': 4 is outside 1–3");
  cf_field_value too_many[3] = {};
  EXPECT_EQ(cf_case_apply(c.get(), event("visitation"), D("2018-01-20"), too_many, 3), CF_BAD_INPUT);
  EXPECT_NE(last_error().find("has 2 fields"), std::string::npos) << last_error();
  EXPECT_EQ(snapshot(c.get()), before);
}

TEST_F(DkTest, OpeningTwiceAndEventsBeforeOpening) {
  CasePtr c = open();
  uint16_t s;
  EXPECT_EQ(cf_case_state(&s, c.get()), CF_NOT_OPEN);
  EXPECT_NE(last_error().find("not open"), std::string::npos);
  int flag = 1;
  ASSERT_EQ(cf_case_is_open(&flag, c.get()), CF_OK);
  EXPECT_EQ(flag, 0);
  EXPECT_EQ(apply(c.get(), "followup_held", "2018-01-08"), CF_NOT_OPEN);
  EXPECT_NE(last_error().find("'followup_held' for a case that is not open"), std::string::npos) << last_error();
  EXPECT_EQ(cf_case_advance(c.get(), D("2018-01-08")), CF_NOT_OPEN);
  char* text = nullptr;
  EXPECT_EQ(cf_case_json(&text, nullptr, c.get(), "x", CF_DATE_NONE), CF_NOT_OPEN);
  EXPECT_EQ(text, nullptr);
  ASSERT_EQ(apply(c.get(), "sick_listed", "2018-01-08", {{"employment", "employee"}}), CF_OK);
  const auto before = snapshot(c.get());
  EXPECT_EQ(apply(c.get(), "sick_listed", "2018-02-08", {{"employment", "employee"}}), CF_ALREADY_OPEN);
  EXPECT_EQ(last_error(), "the case is already open: a second 'sick_listed' is not allowed");
  EXPECT_EQ(snapshot(c.get()), before);
}

TEST_F(DkTest, GuardFailedNamesTheRuleAndItsLegalReference) {
  CasePtr c = open();
  ASSERT_EQ(apply(c.get(), "sick_listed", "2018-01-08", {{"employment", "employee"}}), CF_OK);
  ASSERT_EQ(apply(c.get(), "referred_to_rehabilitation_team", "2018-03-01"), CF_OK) << cf_last_error();
  ASSERT_EQ(apply(c.get(), "rehabilitation_team_recommended", "2018-03-10", {{"recommendation", "disability_pension"}}), CF_OK);
  const auto before = snapshot(c.get());
  EXPECT_EQ(apply(c.get(), "decision", "2018-03-20", {{"outcome", "disability_pension"}}), CF_GUARD_FAILED);
  EXPECT_NE(last_error().find("event 'decision' on 2018-03-20 refused: "), std::string::npos) << last_error();
  EXPECT_NE(last_error().find("PL §"), std::string::npos) << last_error();
  EXPECT_EQ(snapshot(c.get()), before);
}

TEST_F(DkTest, BufferTooSmallReportsTheSizeAndWritesNothing) {
  CasePtr c = example2();
  const auto before = snapshot(c.get());
  cf_obligation o[2];
  std::memset(o, 0xAB, sizeof o);
  size_t n = 0;
  EXPECT_EQ(cf_case_obligations(o, 2, &n, c.get(), CF_DATE_NONE), CF_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, 3u);
  EXPECT_EQ(o[0].obligation, 0xABAB) << "nothing written";
  EXPECT_EQ(last_error(), "cf_case_obligations: the result has 3 items; the array has room for 2") << last_error();
  EXPECT_EQ(cf_case_obligations(nullptr, 0, &n, c.get(), CF_DATE_NONE), CF_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, 3u);
  cf_transition t[1];
  EXPECT_EQ(cf_case_trace(t, 1, &n, c.get()), CF_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, 3u);
  uint16_t allowed[1];
  EXPECT_EQ(cf_case_allowed_events(allowed, 1, &n, c.get()), CF_BUFFER_TOO_SMALL);
  EXPECT_GT(n, 1u);
  std::vector<uint8_t> small(before.size() - 1, 0xCD);
  EXPECT_EQ(cf_case_snapshot(small.data(), small.size(), &n, c.get()), CF_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, before.size());
  EXPECT_EQ(small[0], 0xCD) << "nothing written";
  EXPECT_NE(last_error().find("the snapshot has " + std::to_string(before.size()) + " bytes"), std::string::npos);
  EXPECT_EQ(snapshot(c.get()), before);
}

// ---------------------------------------------------------------- snapshots

TEST_F(DkTest, SnapshotRestoresTheSameCaseUnderTheSameRules) {
  CasePtr c = example2();
  const auto bytes = snapshot(c.get());
  EXPECT_EQ(bytes, snapshot(example2().get())) << "deterministic: equal cases, equal bytes";
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 4), "CFSN");

  // Under the same rules loaded again from the file (another compiled copy).
  cf_ruleset* from_file = nullptr;
  const std::string path = std::string(CASEFLOW_SOURCE_DIR) + "/rulesets/dk.yaml";
  ASSERT_EQ(cf_ruleset_load_file(&from_file, path.c_str()), CF_OK) << cf_last_error();
  RulesetPtr other(from_file);
  cf_case* raw = nullptr;
  ASSERT_EQ(cf_case_open(&raw, other.get()), CF_OK);
  CasePtr restored(raw);
  ASSERT_EQ(cf_case_restore(restored.get(), bytes.data(), bytes.size()), CF_OK) << cf_last_error();
  EXPECT_EQ(snapshot(restored.get()), bytes);
  EXPECT_EQ(json_of(restored.get(), "E2", D("2018-09-01")), json_of(c.get(), "E2", D("2018-09-01")));
  // And both go on alike: the trace, timers and obligations were all restored.
  ASSERT_EQ(apply(c.get(), "recovered", "2019-01-02"), CF_OK);
  ASSERT_EQ(apply(restored.get(), "recovered", "2019-01-02"), CF_OK);
  EXPECT_EQ(snapshot(restored.get()), snapshot(c.get()));
  const char* reason = nullptr;
  ASSERT_EQ(cf_case_reason(&reason, restored.get()), CF_OK);
  EXPECT_STREQ(reason, "recovered");
}

TEST_F(DkTest, ACaseKeepsItsRulesetAlive) {
  cf_ruleset* own = nullptr;
  ASSERT_EQ(cf_ruleset_builtin(&own, "dk"), CF_OK);
  cf_case* raw = nullptr;
  ASSERT_EQ(cf_case_open(&raw, own), CF_OK);
  CasePtr c(raw);
  cf_ruleset_free(own);  // the case still runs under it
  cf_ruleset* back = nullptr;
  ASSERT_EQ(cf_case_ruleset(&back, c.get()), CF_OK);
  RulesetPtr rules(back);
  const uint16_t sick = id_of(rules.get(), CF_KIND_EVENT, "sick_listed");
  const auto f = fields_of(rules.get(), sick, {{"employment", "employee"}});
  ASSERT_EQ(cf_case_apply(c.get(), sick, D("2018-01-08"), f.data(), f.size()), CF_OK) << cf_last_error();
  const char* name = nullptr;
  ASSERT_EQ(cf_ruleset_name(&name, rules.get()), CF_OK);
  EXPECT_STREQ(name, "dk");
}

TEST_F(DkTest, CopyIsIndependent) {
  CasePtr c = example2();
  cf_case* raw = nullptr;
  ASSERT_EQ(cf_case_copy(&raw, c.get()), CF_OK);
  CasePtr copy(raw);
  const auto before = snapshot(c.get());
  ASSERT_EQ(apply(copy.get(), "recovered", "2018-09-10"), CF_OK);
  EXPECT_EQ(snapshot(c.get()), before);
  EXPECT_NE(snapshot(copy.get()), before);
}

TEST_F(DkTest, CorruptSnapshotsAreRejectedAndTheCaseIsUnchanged) {
  const auto good = snapshot(example2().get());
  CasePtr target = open();
  ASSERT_EQ(apply(target.get(), "sick_listed", "2019-03-04", {{"employment", "unemployed"}}), CF_OK);
  const auto before = snapshot(target.get());

  const auto expect_corrupt = [&](std::vector<uint8_t> bytes, const std::string& words, const char* what) {
    EXPECT_EQ(cf_case_restore(target.get(), bytes.data(), bytes.size()), CF_CORRUPT) << what;
    EXPECT_NE(last_error().find(words), std::string::npos) << what << ": " << last_error();
    EXPECT_EQ(last_error().rfind("cf_case_restore: ", 0), 0u) << last_error();
    EXPECT_EQ(snapshot(target.get()), before) << what;
  };
  auto flipped = good;
  flipped[flipped.size() / 2] ^= 0x40;
  expect_corrupt(flipped, "checksum does not match", "a flipped bit");
  expect_corrupt(std::vector<uint8_t>(good.begin(), good.end() - 1), "truncated", "one byte short");
  expect_corrupt(std::vector<uint8_t>(good.begin(), good.begin() + 10), "truncated", "a header only");
  std::vector<uint8_t> none(1);
  EXPECT_EQ(cf_case_restore(target.get(), none.data(), 0), CF_CORRUPT);
  EXPECT_NE(last_error().find("truncated: 0 bytes"), std::string::npos) << last_error();
  auto padded = good;
  padded.push_back(0);
  expect_corrupt(padded, "padded", "a byte too many");
  auto magic = good;
  magic[0] = 'X';
  expect_corrupt(magic, "not a caseflow snapshot", "wrong magic");
  auto version = good;
  version[4] = 3;
  expect_corrupt(version, "format version 3 is not supported", "a newer format");
  // A snapshot of a dk-2008 case is well-formed but means nothing under dk.
  RulesetPtr old = builtin("dk-2008");
  cf_case* raw = nullptr;
  ASSERT_EQ(cf_case_open(&raw, old.get()), CF_OK);
  CasePtr c2008(raw);
  const uint16_t sick = id_of(old.get(), CF_KIND_EVENT, "sick_listed");
  auto f = fields_of(old.get(), sick, {{"employment", "employee"}});
  ASSERT_EQ(cf_case_apply(c2008.get(), sick, D("2008-01-07"), f.data(), f.size()), CF_OK);
  expect_corrupt(snapshot(c2008.get()), "another rule-set than this case's 'dk'", "another rule-set");
  EXPECT_EQ(cf_case_restore(target.get(), nullptr, 10), CF_INVALID_ARGUMENT);
  EXPECT_EQ(snapshot(target.get()), before);
}

TEST(Start, CasesThatSimplyStartOpenWithNoEvent) {
  // bench/sdp-ref.yaml: cases open in SICK on their start day, and a timer moves them on day 154.
  const std::string path = std::string(CASEFLOW_SOURCE_DIR) + "/bench/sdp-ref.yaml";
  cf_ruleset* raw = nullptr;
  ASSERT_EQ(cf_ruleset_load_file(&raw, path.c_str()), CF_OK) << cf_last_error();
  RulesetPtr rs(raw);
  cf_case* c = nullptr;
  ASSERT_EQ(cf_case_open(&c, rs.get()), CF_OK);
  CasePtr owned(c);
  ASSERT_EQ(cf_case_start(c, 1000), CF_OK) << cf_last_error();
  uint16_t s = 0;
  ASSERT_EQ(cf_case_state(&s, c), CF_OK);
  EXPECT_EQ(name_of(rs.get(), CF_KIND_STATE, s), "SICK");
  cf_transition t[2];
  size_t n = 0;
  ASSERT_EQ(cf_case_trace(t, 2, &n, c), CF_OK);
  ASSERT_EQ(n, 1u);
  EXPECT_EQ(t[0].rule, CF_ID_NONE) << "no rule of the file opened it";
  EXPECT_EQ(t[0].event, CF_ID_NONE);
  const auto before = snapshot(c);
  EXPECT_EQ(cf_case_start(c, 1001), CF_ALREADY_OPEN);
  EXPECT_EQ(snapshot(c), before);
  ASSERT_EQ(cf_case_advance(c, 1000 + 154), CF_OK);
  ASSERT_EQ(cf_case_state(&s, c), CF_OK);
  EXPECT_EQ(name_of(rs.get(), CF_KIND_STATE, s), "JOBCLAR");
  const auto j = nlohmann::json::parse(json_of(c, "S1", CF_DATE_NONE));
  EXPECT_EQ(j["transitions"][0]["cause"], "open_at");

  cf_caseload* load_raw = nullptr;
  ASSERT_EQ(cf_caseload_new(&load_raw, rs.get()), CF_OK);
  CaseloadPtr load(load_raw);
  uint32_t i = 0;
  ASSERT_EQ(cf_caseload_add_case(&i, load.get(), "S1"), CF_OK);
  ASSERT_EQ(cf_caseload_start(load.get(), i, 1000), CF_OK) << cf_last_error();
  EXPECT_EQ(cf_caseload_start(load.get(), i, 1000), CF_ALREADY_OPEN);
  EXPECT_EQ(cf_caseload_start(load.get(), 9, 1000), CF_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace caseflow_capi_test
