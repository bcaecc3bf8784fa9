// The C ABI, through caseflow.h only, linked to the shared library as any C caller would be:
// DOMAIN.md worked example 2, every bad input with its status and message (and the case
// byte-identical afterwards), snapshots, caseloads and their queries, and threads.
#include <caseflow/caseflow.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

// tests/capi/raw_path.c: cf_caseload_new_on_path() with any int for its path, as C may pass it.
extern "C" cf_status caseflow_test_new_on_raw_path(cf_caseload** out, const cf_ruleset* ruleset, int path);

namespace {

// ---------------------------------------------------------------- helpers

struct RulesetFree {
  void operator()(cf_ruleset* r) const { cf_ruleset_free(r); }
};
struct CaseFree {
  void operator()(cf_case* c) const { cf_case_free(c); }
};
struct CaseloadFree {
  void operator()(cf_caseload* c) const { cf_caseload_free(c); }
};
using RulesetPtr = std::unique_ptr<cf_ruleset, RulesetFree>;
using CasePtr = std::unique_ptr<cf_case, CaseFree>;
using CaseloadPtr = std::unique_ptr<cf_caseload, CaseloadFree>;

cf_date D(const char* text) {
  cf_date d = 0;
  EXPECT_EQ(cf_date_parse(&d, text), CF_OK) << text << ": " << cf_last_error();
  return d;
}

std::string iso(cf_date d) {
  if (d == CF_DATE_NONE) return "none";
  char buf[CF_DATE_ISO_SIZE];
  EXPECT_EQ(cf_date_format(buf, sizeof buf, d), CF_OK);
  return buf;
}

std::string last_error() { return cf_last_error(); }

RulesetPtr builtin(const char* name) {
  cf_ruleset* r = nullptr;
  EXPECT_EQ(cf_ruleset_builtin(&r, name), CF_OK) << cf_last_error();
  return RulesetPtr(r);
}

uint16_t id_of(const cf_ruleset* rs, cf_kind kind, const char* name) {
  uint16_t id = CF_ID_NONE;
  EXPECT_EQ(cf_ruleset_find(&id, rs, kind, name), CF_OK) << name << ": " << cf_last_error();
  return id;
}

std::string name_of(const cf_ruleset* rs, cf_kind kind, uint16_t id) {
  const char* name = nullptr;
  EXPECT_EQ(cf_ruleset_name_of(&name, rs, kind, id), CF_OK) << cf_last_error();
  return name ? name : "";
}

std::vector<uint8_t> snapshot(const cf_case* c) {
  size_t size = 0;
  EXPECT_EQ(cf_case_snapshot(nullptr, 0, &size, c), CF_BUFFER_TOO_SMALL);
  std::vector<uint8_t> bytes(size);
  EXPECT_EQ(cf_case_snapshot(bytes.data(), bytes.size(), &size, c), CF_OK) << cf_last_error();
  EXPECT_EQ(size, bytes.size());
  return bytes;
}

std::string json_of(const cf_case* c, const char* id, cf_date as_of) {
  char* text = nullptr;
  size_t len = 0;
  EXPECT_EQ(cf_case_json(&text, &len, c, id, as_of), CF_OK) << cf_last_error();
  std::string out = text ? std::string(text, len) : "";
  cf_string_free(text);
  return out;
}

// An event given by names, for readable tests: {"employment", "employee"}, {"category", 3}, ...
struct Value {
  enum Kind { text, number, date } kind;
  std::string s;
  int64_t n = 0;
  Value(const char* v) : kind(text), s(v) {}
  Value(int v) : kind(number), n(v) {}
  static Value on(const char* iso_date) {
    Value v(0);
    v.kind = date;
    v.s = iso_date;
    return v;
  }
};

std::vector<cf_field_value> fields_of(const cf_ruleset* rs, uint16_t event,
                                      const std::vector<std::pair<const char*, Value>>& given) {
  size_t count = 0;
  EXPECT_EQ(cf_ruleset_field_count(&count, rs, event), CF_OK);
  std::vector<cf_field_value> values(count);
  for (const auto& [name, v] : given) {
    uint16_t f = 0;
    EXPECT_EQ(cf_ruleset_find_field(&f, rs, event, name), CF_OK) << name;
    cf_field_value& fv = values.at(f);
    fv.present = 1;
    if (v.kind == Value::text) {
      EXPECT_EQ(cf_ruleset_find_enum_value(&fv.number, rs, event, f, v.s.c_str()), CF_OK);
    } else if (v.kind == Value::number) {
      fv.number = v.n;
    } else {
      fv.number = D(v.s.c_str());
    }
  }
  return values;
}

// The DOMAIN.md names of dk, resolved once.
class DkTest : public ::testing::Test {
 protected:
  void SetUp() override { rs_ = builtin("dk"); }
  const cf_ruleset* rs() const { return rs_.get(); }
  uint16_t event(const char* name) const { return id_of(rs(), CF_KIND_EVENT, name); }
  uint16_t state(const char* name) const { return id_of(rs(), CF_KIND_STATE, name); }

  CasePtr open() const {
    cf_case* c = nullptr;
    EXPECT_EQ(cf_case_open(&c, rs()), CF_OK);
    return CasePtr(c);
  }

  cf_status apply(cf_case* c, const char* name, const char* date,
                  const std::vector<std::pair<const char*, Value>>& given = {}) const {
    const uint16_t e = event(name);
    const auto values = fields_of(rs(), e, given);
    return cf_case_apply(c, e, D(date), values.data(), values.size());
  }

  // DOMAIN.md worked example 2 as of 2018-09-01.
  CasePtr example2() const {
    CasePtr c = open();
    EXPECT_EQ(apply(c.get(), "sick_listed", "2018-01-08", {{"employment", "employee"}}), CF_OK) << cf_last_error();
    EXPECT_EQ(apply(c.get(), "extension_refused", "2018-07-10"), CF_OK) << cf_last_error();
    EXPECT_EQ(cf_case_advance(c.get(), D("2018-09-01")), CF_OK) << cf_last_error();
    return c;
  }

  RulesetPtr rs_;
};

// ---------------------------------------------------------------- versions, statuses, dates

TEST(Version, LibraryMatchesHeader) {
  EXPECT_STREQ(cf_version(), CF_VERSION_STRING);
  EXPECT_EQ(cf_abi_version(), CF_ABI_VERSION);
}

TEST(Status, NamesArePinned) {
  EXPECT_STREQ(cf_status_str(CF_OK), "ok");
  EXPECT_STREQ(cf_status_str(CF_NOT_ALLOWED), "not_allowed");
  EXPECT_STREQ(cf_status_str(CF_CORRUPT), "corrupt");
  EXPECT_STREQ(cf_status_str(CF_NO_MEMORY), "no_memory");
  const int not_a_status = 15, not_an_obligation_status = 7;  // unknown, yet within the enums' ranges
  EXPECT_STREQ(cf_status_str(static_cast<cf_status>(not_a_status)), "unknown_status");
  EXPECT_STREQ(cf_obligation_status_str(CF_OBLIGATION_MET_LATE), "met_late");
  EXPECT_STREQ(cf_obligation_status_str(static_cast<cf_obligation_status>(not_an_obligation_status)), "unknown");
}

TEST(LastError, IsPerThreadAndNeverNull) {
  std::string seen_in_thread;
  std::thread([&] { seen_in_thread = cf_last_error(); }).join();
  EXPECT_EQ(seen_in_thread, "");  // nothing failed on that thread
  cf_date d;
  ASSERT_EQ(cf_date_parse(&d, "2018-13-01"), CF_BAD_INPUT);
  const std::string here = cf_last_error();
  std::thread([&] {
    cf_date x;
    cf_date_parse(&x, "not a date");
    seen_in_thread = cf_last_error();
  }).join();
  EXPECT_NE(seen_in_thread.find("not a date"), std::string::npos) << seen_in_thread;
  EXPECT_EQ(cf_last_error(), here) << "another thread's failure must not touch this thread's message";
  // A success does not clear it.
  ASSERT_EQ(cf_date_parse(&d, "2018-01-08"), CF_OK);
  EXPECT_EQ(cf_last_error(), here);
}

TEST(Dates, ParseFormatAndParts) {
  cf_date d = 1;
  ASSERT_EQ(cf_date_parse(&d, "1970-01-01"), CF_OK);
  EXPECT_EQ(d, 0);
  ASSERT_EQ(cf_date_parse(&d, "2018-01-08"), CF_OK);
  EXPECT_EQ(d, 17539);
  EXPECT_EQ(iso(d), "2018-01-08");
  ASSERT_EQ(cf_date_parse(&d, "1969-12-31"), CF_OK);
  EXPECT_EQ(d, -1);
  int y = 0, m = 0, day = 0;
  ASSERT_EQ(cf_date_to_ymd(&y, &m, &day, D("2024-02-29")), CF_OK);
  EXPECT_EQ(y * 10000 + m * 100 + day, 20240229);
  ASSERT_EQ(cf_date_from_ymd(&d, 2024, 2, 29), CF_OK);
  EXPECT_EQ(iso(d), "2024-02-29");
}

TEST(Dates, BadTextIsBadInputNamingTheText) {
  for (const char* text : {"2018-02-30", "2018-1-08", "", "08-01-2018", "2018-01-08T00:00", "1399-12-31", "abcd-ef-gh"}) {
    cf_date d = 12345;
    EXPECT_EQ(cf_date_parse(&d, text), CF_BAD_INPUT) << text;
    EXPECT_EQ(d, 12345) << "no output on failure";
    EXPECT_NE(last_error().find(std::string("'") + text + "'"), std::string::npos) << last_error();
  }
  cf_date d;
  EXPECT_EQ(cf_date_from_ymd(&d, 2025, 2, 29), CF_BAD_INPUT);
  EXPECT_NE(last_error().find("29"), std::string::npos) << last_error();
  EXPECT_EQ(cf_date_parse(&d, nullptr), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("text is NULL"), std::string::npos) << last_error();
  EXPECT_EQ(cf_date_parse(nullptr, "2018-01-08"), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("out is NULL"), std::string::npos) << last_error();
}

TEST(Dates, FormatNeedsElevenBytesAndACalendarDay) {
  char small[10];
  std::memset(small, 'x', sizeof small);
  EXPECT_EQ(cf_date_format(small, sizeof small, 0), CF_BUFFER_TOO_SMALL);
  EXPECT_EQ(small[0], 'x') << "nothing written on failure";
  EXPECT_NE(last_error().find("11"), std::string::npos) << last_error();
  char buf[CF_DATE_ISO_SIZE];
  EXPECT_EQ(cf_date_format(buf, sizeof buf, CF_DATE_NONE), CF_BAD_INPUT);
  EXPECT_EQ(cf_date_format(nullptr, 11, 0), CF_INVALID_ARGUMENT);
}

// ---------------------------------------------------------------- rule-sets

TEST(Ruleset, BuiltinsByNameAndUnknownNames) {
  const char* name = nullptr;
  ASSERT_EQ(cf_ruleset_builtin_name(&name, 0), CF_OK);
  std::vector<std::string> names;
  for (size_t i = 0; cf_ruleset_builtin_name(&name, i) == CF_OK; ++i) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"dk", "dk-2008"}));
  EXPECT_EQ(cf_ruleset_builtin_name(&name, 2), CF_NOT_FOUND);

  cf_ruleset* rs = reinterpret_cast<cf_ruleset*>(0x1);
  EXPECT_EQ(cf_ruleset_builtin(&rs, "dk-1999"), CF_NOT_FOUND);
  EXPECT_EQ(rs, reinterpret_cast<cf_ruleset*>(0x1)) << "no output on failure";
  EXPECT_NE(last_error().find("'dk-1999'"), std::string::npos) << last_error();
  EXPECT_NE(last_error().find("dk, dk-2008"), std::string::npos) << last_error();

  RulesetPtr dk = builtin("dk");
  ASSERT_EQ(cf_ruleset_name(&name, dk.get()), CF_OK);
  EXPECT_STREQ(name, "dk");
}

TEST(Ruleset, LoadFromFileAndString) {
  const std::string path = std::string(CASEFLOW_SOURCE_DIR) + "/rulesets/dk.yaml";
  cf_ruleset* rs = nullptr;
  ASSERT_EQ(cf_ruleset_load_file(&rs, path.c_str()), CF_OK) << cf_last_error();
  RulesetPtr from_file(rs);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string yaml = text.str();
  ASSERT_EQ(cf_ruleset_load_string(&rs, yaml.data(), yaml.size(), "mine.yaml"), CF_OK) << cf_last_error();
  RulesetPtr from_string(rs);
  size_t a = 0, b = 0;
  cf_ruleset_count(&a, from_file.get(), CF_KIND_RULE);
  cf_ruleset_count(&b, from_string.get(), CF_KIND_RULE);
  EXPECT_EQ(a, b);
  EXPECT_GT(a, 10u);
}

TEST(Ruleset, FileThatCannotBeReadIsIo) {
  cf_ruleset* rs = nullptr;
  EXPECT_EQ(cf_ruleset_load_file(&rs, "/no/such/rules.yaml"), CF_IO);
  EXPECT_EQ(rs, nullptr);
  EXPECT_NE(last_error().find("/no/such/rules.yaml"), std::string::npos) << last_error();
}

TEST(Ruleset, BadRuleFileIsBadRulesetWithFileLineColumn) {
  const std::string path = std::string(CASEFLOW_SOURCE_DIR) + "/tests/rules/bad/unknown_event.yaml";
  cf_ruleset* rs = nullptr;
  EXPECT_EQ(cf_ruleset_load_file(&rs, path.c_str()), CF_BAD_RULESET);
  EXPECT_EQ(rs, nullptr);
  EXPECT_EQ(last_error().rfind(path + ":", 0), 0u) << last_error();
  const std::string broken = "name: x\nstates: [\n";
  EXPECT_EQ(cf_ruleset_load_string(&rs, broken.data(), broken.size(), "broken.yaml"), CF_BAD_RULESET);
  EXPECT_EQ(last_error().rfind("broken.yaml:", 0), 0u) << last_error();
}

TEST_F(DkTest, NamesAndIdsFollowDeclarationOrder) {
  const std::vector<std::string> states = {
      "sickness_benefit.ongoing", "sickness_benefit.reassessment", "sickness_benefit.extended", "job_clarification",
      "rehabilitation_team.referred", "rehabilitation_team.recommended", "resource_course", "flex_job.temporary",
      "flex_job.permanent", "disability_pension", "closed"};
  size_t n = 0;
  ASSERT_EQ(cf_ruleset_count(&n, rs(), CF_KIND_STATE), CF_OK);
  ASSERT_EQ(n, states.size());
  for (uint16_t i = 0; i < n; ++i) {
    EXPECT_EQ(name_of(rs(), CF_KIND_STATE, i), states[i]);
    EXPECT_EQ(id_of(rs(), CF_KIND_STATE, states[i].c_str()), i);
    int final = -1;
    ASSERT_EQ(cf_ruleset_state_is_final(&final, rs(), i), CF_OK);
    EXPECT_EQ(final, i >= 9 ? 1 : 0) << states[i];
  }
  EXPECT_EQ(event("sick_listed"), 0);
  EXPECT_EQ(event("medical_consultant_consulted"), 16);
  EXPECT_EQ(id_of(rs(), CF_KIND_TIMER, "reassessment_point"), 0);
  EXPECT_EQ(id_of(rs(), CF_KIND_OBLIGATION, "first_followup"), 0);
  EXPECT_EQ(id_of(rs(), CF_KIND_VARIABLE, "category"), 0);
  cf_field_type type;
  ASSERT_EQ(cf_ruleset_variable_type(&type, rs(), id_of(rs(), CF_KIND_VARIABLE, "caseworker")), CF_OK);
  EXPECT_EQ(type, CF_FIELD_STRING);
  ASSERT_EQ(cf_ruleset_variable_type(&type, rs(), id_of(rs(), CF_KIND_VARIABLE, "extension_last_day")), CF_OK);
  EXPECT_EQ(type, CF_FIELD_DATE);
  EXPECT_EQ(id_of(rs(), CF_KIND_POINT, "reassessment_point"), 0);
  for (cf_kind kind : {CF_KIND_STATE, CF_KIND_EVENT, CF_KIND_TIMER, CF_KIND_OBLIGATION, CF_KIND_RULE, CF_KIND_VARIABLE,
                       CF_KIND_POINT}) {
    ASSERT_EQ(cf_ruleset_count(&n, rs(), kind), CF_OK);
    for (uint16_t i = 0; i < n; ++i) EXPECT_EQ(id_of(rs(), kind, name_of(rs(), kind, i).c_str()), i);
  }
}

TEST_F(DkTest, UnknownNamesAreNotFoundAndNamed) {
  uint16_t id = 777;
  EXPECT_EQ(cf_ruleset_find(&id, rs(), CF_KIND_EVENT, "sick_listedd"), CF_NOT_FOUND);
  EXPECT_EQ(id, 777);
  EXPECT_NE(last_error().find("no event 'sick_listedd'"), std::string::npos) << last_error();
  EXPECT_EQ(cf_ruleset_find(&id, rs(), CF_KIND_STATE, "sick_listed"), CF_NOT_FOUND);
  EXPECT_NE(last_error().find("no state 'sick_listed'"), std::string::npos) << last_error();
  EXPECT_EQ(cf_ruleset_find_field(&id, rs(), event("sick_listed"), "employmnt"), CF_NOT_FOUND);
  EXPECT_NE(last_error().find("no field 'employmnt'"), std::string::npos) << last_error();
  int64_t v = 0;
  EXPECT_EQ(cf_ruleset_find_enum_value(&v, rs(), event("sick_listed"), 0, "retired"), CF_NOT_FOUND);
  EXPECT_NE(last_error().find("employee, unemployed, self_employed"), std::string::npos) << last_error();
  const int not_a_kind = 7;
  EXPECT_EQ(cf_ruleset_find(&id, rs(), static_cast<cf_kind>(not_a_kind), "x"), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("kind 7 is not a cf_kind"), std::string::npos) << last_error();
  const char* name = nullptr;
  EXPECT_EQ(cf_ruleset_name_of(&name, rs(), CF_KIND_EVENT, 999), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("event id 999 is out of range"), std::string::npos) << last_error();
  EXPECT_EQ(name, nullptr);
}

TEST_F(DkTest, FieldsTypesAndEnumValues) {
  const uint16_t sick = event("sick_listed");
  size_t n = 0;
  ASSERT_EQ(cf_ruleset_field_count(&n, rs(), sick), CF_OK);
  EXPECT_EQ(n, 2u);
  cf_field_type type;
  ASSERT_EQ(cf_ruleset_field_type(&type, rs(), sick, 0), CF_OK);
  EXPECT_EQ(type, CF_FIELD_ENUM);
  ASSERT_EQ(cf_ruleset_field_type(&type, rs(), sick, 1), CF_OK);
  EXPECT_EQ(type, CF_FIELD_DATE_PAIRS);
  const char* name = nullptr;
  ASSERT_EQ(cf_ruleset_field_name(&name, rs(), sick, 1), CF_OK);
  EXPECT_STREQ(name, "prior_paid_periods");
  int64_t v = -1;
  ASSERT_EQ(cf_ruleset_find_enum_value(&v, rs(), sick, 0, "self_employed"), CF_OK);
  EXPECT_EQ(v, 2);
  ASSERT_EQ(cf_ruleset_enum_value_name(&name, rs(), sick, 0, 1), CF_OK);
  EXPECT_STREQ(name, "unemployed");
  EXPECT_EQ(cf_ruleset_enum_value_name(&name, rs(), sick, 0, 3), CF_NOT_FOUND);
  EXPECT_EQ(cf_ruleset_enum_value_name(&name, rs(), sick, 1, 0), CF_INVALID_ARGUMENT);  // not an enum
  EXPECT_NE(last_error().find("not an enum"), std::string::npos) << last_error();
  EXPECT_EQ(cf_ruleset_field_type(&type, rs(), sick, 2), CF_INVALID_ARGUMENT);
  ASSERT_EQ(cf_ruleset_field_type(&type, rs(), event("caseworker_assigned"), 0), CF_OK);
  EXPECT_EQ(type, CF_FIELD_STRING);
}

TEST_F(DkTest, LegalReferencesOfRulesTimersObligations) {
  const char* ref = nullptr;
  ASSERT_EQ(cf_ruleset_legal_ref(&ref, rs(), CF_KIND_TIMER, id_of(rs(), CF_KIND_TIMER, "reassessment_point")), CF_OK);
  EXPECT_NE(std::string(ref).find("SDL § 24"), std::string::npos) << ref;
  size_t rules = 0;
  cf_ruleset_count(&rules, rs(), CF_KIND_RULE);
  for (uint16_t i = 0; i < rules; ++i) {
    ASSERT_EQ(cf_ruleset_legal_ref(&ref, rs(), CF_KIND_RULE, i), CF_OK);
    EXPECT_STRNE(ref, "") << "every rule carries its legal reference: " << name_of(rs(), CF_KIND_RULE, i);
  }
  ASSERT_EQ(cf_ruleset_legal_ref(&ref, rs(), CF_KIND_STATE, 0), CF_OK);
  EXPECT_STREQ(ref, "");
}

TEST_F(DkTest, DotDiagram) {
  char* dot = nullptr;
  size_t len = 0;
  ASSERT_EQ(cf_ruleset_dot(&dot, &len, rs()), CF_OK);
  const std::string text(dot, len);
  cf_string_free(dot);
  EXPECT_EQ(text.rfind("digraph \"dk\" {", 0), 0u) << text;
  EXPECT_NE(text.find("\"(no case)\" -> \"sickness_benefit.ongoing\""), std::string::npos);
  EXPECT_NE(text.find("\"sickness_benefit.ongoing\" -> \"sickness_benefit.reassessment\""), std::string::npos);
  EXPECT_NE(text.find("style=dashed"), std::string::npos) << "timer transitions are dashed";
  EXPECT_NE(text.find("cluster_sickness_benefit"), std::string::npos) << "parents are clusters";
  EXPECT_NE(text.find("peripheries=2"), std::string::npos) << "final states are doubled";
  EXPECT_EQ(text.back(), '\n');
}

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

TEST_F(DkTest, NullHandleIsInvalidArgumentForEveryEntryPoint) {
  cf_date d;
  uint16_t id;
  size_t n;
  int flag;
  int64_t v;
  const char* s;
  char* text;
  cf_case* c;
  cf_caseload* cl;
  uint32_t idx;
  const cf_case* borrowed;
  const std::vector<std::pair<const char*, std::function<cf_status()>>> calls = {
      {"cf_ruleset_name", [&] { return cf_ruleset_name(&s, nullptr); }},
      {"cf_ruleset_count", [&] { return cf_ruleset_count(&n, nullptr, CF_KIND_STATE); }},
      {"cf_ruleset_find", [&] { return cf_ruleset_find(&id, nullptr, CF_KIND_STATE, "closed"); }},
      {"cf_ruleset_name_of", [&] { return cf_ruleset_name_of(&s, nullptr, CF_KIND_STATE, 0); }},
      {"cf_ruleset_legal_ref", [&] { return cf_ruleset_legal_ref(&s, nullptr, CF_KIND_RULE, 0); }},
      {"cf_ruleset_state_is_final", [&] { return cf_ruleset_state_is_final(&flag, nullptr, 0); }},
      {"cf_ruleset_variable_type", [&] {
         cf_field_type t;
         return cf_ruleset_variable_type(&t, nullptr, 0);
       }},
      {"cf_ruleset_field_count", [&] { return cf_ruleset_field_count(&n, nullptr, 0); }},
      {"cf_ruleset_find_field", [&] { return cf_ruleset_find_field(&id, nullptr, 0, "employment"); }},
      {"cf_ruleset_field_name", [&] { return cf_ruleset_field_name(&s, nullptr, 0, 0); }},
      {"cf_ruleset_field_type", [&] {
         cf_field_type t;
         return cf_ruleset_field_type(&t, nullptr, 0, 0);
       }},
      {"cf_ruleset_find_enum_value", [&] { return cf_ruleset_find_enum_value(&v, nullptr, 0, 0, "employee"); }},
      {"cf_ruleset_enum_value_name", [&] { return cf_ruleset_enum_value_name(&s, nullptr, 0, 0, 0); }},
      {"cf_ruleset_dot", [&] { return cf_ruleset_dot(&text, nullptr, nullptr); }},
      {"cf_case_open", [&] { return cf_case_open(&c, nullptr); }},
      {"cf_case_copy", [&] { return cf_case_copy(&c, nullptr); }},
      {"cf_case_ruleset", [&] {
         cf_ruleset* r;
         return cf_case_ruleset(&r, nullptr);
       }},
      {"cf_caseload_ruleset", [&] {
         cf_ruleset* r;
         return cf_caseload_ruleset(&r, nullptr);
       }},
      {"cf_case_apply", [&] { return cf_case_apply(nullptr, 0, 0, nullptr, 0); }},
      {"cf_case_advance", [&] { return cf_case_advance(nullptr, 0); }},
      {"cf_case_start", [&] { return cf_case_start(nullptr, 0); }},
      {"cf_caseload_start", [&] { return cf_caseload_start(nullptr, 0, 0); }},
      {"cf_case_is_open", [&] { return cf_case_is_open(&flag, nullptr); }},
      {"cf_case_state", [&] { return cf_case_state(&id, nullptr); }},
      {"cf_case_is_final", [&] { return cf_case_is_final(&flag, nullptr); }},
      {"cf_case_clock", [&] { return cf_case_clock(&d, nullptr); }},
      {"cf_case_day1", [&] { return cf_case_day1(&d, nullptr); }},
      {"cf_case_reason", [&] { return cf_case_reason(&s, nullptr); }},
      {"cf_case_point", [&] { return cf_case_point(&d, nullptr, "reassessment_point"); }},
      {"cf_case_variable", [&] { return cf_case_variable(&v, nullptr, "category"); }},
      {"cf_case_obligations", [&] { return cf_case_obligations(nullptr, 0, &n, nullptr, 0); }},
      {"cf_case_timers", [&] { return cf_case_timers(nullptr, 0, &n, nullptr); }},
      {"cf_case_allowed_events", [&] { return cf_case_allowed_events(nullptr, 0, &n, nullptr); }},
      {"cf_case_trace", [&] { return cf_case_trace(nullptr, 0, &n, nullptr); }},
      {"cf_case_json", [&] { return cf_case_json(&text, nullptr, nullptr, "x", 0); }},
      {"cf_case_snapshot", [&] { return cf_case_snapshot(nullptr, 0, &n, nullptr); }},
      {"cf_case_restore", [&] { return cf_case_restore(nullptr, "CFSN", 4); }},
      {"cf_caseload_new", [&] { return cf_caseload_new(&cl, nullptr); }},
      {"cf_caseload_new_on_path", [&] { return cf_caseload_new_on_path(&cl, nullptr, CF_PATH_FAST_IF_POSSIBLE); }},
      {"cf_caseload_is_fast", [&] { return cf_caseload_is_fast(&flag, nullptr); }},
      {"cf_caseload_bytes_per_case", [&] { return cf_caseload_bytes_per_case(&n, nullptr); }},
      {"cf_caseload_add_case", [&] { return cf_caseload_add_case(&idx, nullptr, "x"); }},
      {"cf_caseload_find_case", [&] { return cf_caseload_find_case(&idx, nullptr, "x"); }},
      {"cf_caseload_case_id", [&] { return cf_caseload_case_id(&s, nullptr, 0); }},
      {"cf_caseload_size", [&] { return cf_caseload_size(&n, nullptr); }},
      {"cf_caseload_case", [&] { return cf_caseload_case(&borrowed, nullptr, 0); }},
      {"cf_caseload_intern", [&] { return cf_caseload_intern(&v, nullptr, "x"); }},
      {"cf_caseload_string", [&] { return cf_caseload_string(&s, nullptr, 0); }},
      {"cf_caseload_apply", [&] { return cf_caseload_apply(nullptr, 0, 0, 0, nullptr, 0); }},
      {"cf_caseload_apply_batch", [&] { return cf_caseload_apply_batch(&n, nullptr, nullptr, nullptr, 0); }},
      {"cf_caseload_apply_compact", [&] { return cf_caseload_apply_compact(&n, nullptr, nullptr, nullptr, 0); }},
      {"cf_caseload_open_cases", [&] { return cf_caseload_open_cases(&n, nullptr, nullptr, 0, nullptr, 0); }},
      {"cf_caseload_export_states", [&] { return cf_caseload_export_states(nullptr, nullptr, nullptr, 0, 0); }},
      {"cf_caseload_batch_message", [&] { return cf_caseload_batch_message(&s, nullptr, 0); }},
      {"cf_caseload_advance", [&] { return cf_caseload_advance(nullptr, 0, 1); }},
      {"cf_caseload_count_by_state", [&] { return cf_caseload_count_by_state(nullptr, 0, &n, nullptr); }},
      {"cf_caseload_entering_week", [&] { return cf_caseload_entering_week(nullptr, 0, &n, nullptr, 8, 0, 1); }},
      {"cf_caseload_overdue", [&] { return cf_caseload_overdue(nullptr, 0, &n, nullptr, CF_ID_NONE, 0); }},
      {"cf_caseload_due_within", [&] { return cf_caseload_due_within(nullptr, 0, &n, nullptr, 0, 1); }},
      {"cf_caseload_supervision_sample",
       [&] { return cf_caseload_supervision_sample(nullptr, 0, &n, nullptr, 10, 1, 0); }},
      {"cf_caseload_over_weeks_by", [&] { return cf_caseload_over_weeks_by(nullptr, 0, &n, nullptr, 26, 0, "team"); }},
      {"cf_caseload_flagged", [&] { return cf_caseload_flagged(nullptr, 0, &n, nullptr, "x"); }},
      {"cf_caseload_points_within",
       [&] { return cf_caseload_points_within(nullptr, 0, &n, nullptr, "reassessment_point", 0, 1); }},
      {"cf_caseload_closures", [&] { return cf_caseload_closures(nullptr, 0, &n, nullptr, "caseworker", "technical"); }},
      {"cf_caseload_variable_changes", [&] { return cf_caseload_variable_changes(nullptr, 0, &n, nullptr, "caseworker"); }},
      {"cf_caseload_open_by", [&] { return cf_caseload_open_by(nullptr, 0, &n, nullptr, "caseworker"); }},
      {"cf_caseload_holding", [&] { return cf_caseload_holding(nullptr, 0, &n, nullptr, "provider"); }},
      {"cf_caseload_punctuality", [&] {
         cf_punctuality p;
         return cf_caseload_punctuality(&p, nullptr, nullptr, 0, 0);
       }},
  };
  for (const auto& [name, call] : calls) {
    EXPECT_EQ(call(), CF_INVALID_ARGUMENT) << name;
    EXPECT_EQ(last_error().rfind(std::string(name) + ": ", 0), 0u) << name << ": " << last_error();
    EXPECT_NE(last_error().find("is NULL"), std::string::npos) << name << ": " << last_error();
  }
  // Free functions accept NULL.
  cf_ruleset_free(nullptr);
  cf_case_free(nullptr);
  cf_caseload_free(nullptr);
  cf_string_free(nullptr);
}

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
  EXPECT_NE(last_error().find("has 1 fields"), std::string::npos) << last_error();
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
  version[4] = 2;
  expect_corrupt(version, "format version 2 is not supported", "a newer format");
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
  ASSERT_EQ(n, 11u);
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

// ---------------------------------------------------------------- threads

TEST(Threads, OneRulesetSharedByManyThreads) {
  RulesetPtr rs = builtin("dk");
  const uint16_t sick = id_of(rs.get(), CF_KIND_EVENT, "sick_listed");
  const uint16_t refused = id_of(rs.get(), CF_KIND_EVENT, "extension_refused");
  const auto fields = fields_of(rs.get(), sick, {{"employment", "employee"}});
  std::vector<std::vector<uint8_t>> results(4);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        cf_case* c = nullptr;
        if (cf_case_open(&c, rs.get()) != CF_OK) ++failures;
        if (cf_case_apply(c, sick, 17539, fields.data(), fields.size()) != CF_OK) ++failures;
        if (cf_case_apply(c, refused, 17722, nullptr, 0) != CF_OK) ++failures;
        if (cf_case_advance(c, 17775) != CF_OK) ++failures;
        size_t size = 0;
        cf_case_snapshot(nullptr, 0, &size, c);
        std::vector<uint8_t> bytes(size);
        if (cf_case_snapshot(bytes.data(), size, &size, c) != CF_OK) ++failures;
        results[t] = bytes;
        cf_case_free(c);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  for (int t = 1; t < 4; ++t) EXPECT_EQ(results[t], results[0]);
}

}  // namespace
