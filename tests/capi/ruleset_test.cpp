// The C ABI of rule-sets through caseflow.h: built-ins, files and text, names and ids, fields and
// enum values, legal references, the DOT diagram.
#include "capi_test.hpp"

namespace caseflow_capi_test {
namespace {

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
      "flex_job.permanent", "disability_pension", "closed", "awaiting_decision"};
  size_t n = 0;
  ASSERT_EQ(cf_ruleset_count(&n, rs(), CF_KIND_STATE), CF_OK);
  ASSERT_EQ(n, states.size());
  for (uint16_t i = 0; i < n; ++i) {
    EXPECT_EQ(name_of(rs(), CF_KIND_STATE, i), states[i]);
    EXPECT_EQ(id_of(rs(), CF_KIND_STATE, states[i].c_str()), i);
    int final = -1;
    ASSERT_EQ(cf_ruleset_state_is_final(&final, rs(), i), CF_OK);
    EXPECT_EQ(final, i == 9 || i == 10 ? 1 : 0) << states[i];  // disability_pension and closed
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
  EXPECT_EQ(n, 3u);
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
  ASSERT_EQ(cf_ruleset_field_type(&type, rs(), sick, 2), CF_OK);
  EXPECT_EQ(type, CF_FIELD_DATE);  // born, optional (docs/law.md#2022)
  EXPECT_EQ(cf_ruleset_field_type(&type, rs(), sick, 3), CF_INVALID_ARGUMENT);
  ASSERT_EQ(cf_ruleset_field_type(&type, rs(), event("caseworker_assigned"), 0), CF_OK);
  EXPECT_EQ(type, CF_FIELD_STRING);
}

// Reads a field's value from text through cf_field_parse (no date pairs).
cf_status parse(cf_field_value* out, const cf_ruleset* rs, uint16_t event, uint16_t field, const std::string& text) {
  size_t pairs = 99;
  const cf_status status = cf_field_parse(out, nullptr, 0, &pairs, rs, event, field, text.data(), text.size());
  if (status == CF_OK) {
    EXPECT_EQ(pairs, 0u);
  }
  return status;
}

TEST_F(DkTest, FieldParseReadsTextAsTheReadersDo) {
  const uint16_t sick = event("sick_listed"), visitation = event("visitation"), decision = event("decision");
  cf_field_value v{};
  ASSERT_EQ(parse(&v, rs(), sick, 0, "unemployed"), CF_OK) << last_error();
  EXPECT_EQ(v.number, 1);  // employment: [employee, unemployed, self_employed]
  EXPECT_EQ(v.present, 1);
  EXPECT_EQ(v.pairs, nullptr);
  ASSERT_EQ(parse(&v, rs(), visitation, 0, "3"), CF_OK) << last_error();
  EXPECT_EQ(v.number, 3);
  ASSERT_EQ(parse(&v, rs(), visitation, 0, "7"), CF_OK) << "the range is the event's check, not the reading's";
  EXPECT_EQ(v.number, 7);
  ASSERT_EQ(parse(&v, rs(), decision, 1, "2018-08-16"), CF_OK) << last_error();
  EXPECT_EQ(v.number, D("2018-08-16"));
  ASSERT_EQ(parse(&v, rs(), decision, 2, "true"), CF_OK) << last_error();
  EXPECT_EQ(v.number, 1);
  ASSERT_EQ(parse(&v, rs(), decision, 2, "false"), CF_OK) << last_error();
  EXPECT_EQ(v.number, 0);
  // The text need not end in a NUL: only `len` bytes are read.
  const char employee_and_more[] = "employee, and more";
  size_t n = 0;
  ASSERT_EQ(cf_field_parse(&v, nullptr, 0, &n, rs(), sick, 0, employee_and_more, 8), CF_OK) << last_error();
  EXPECT_EQ(v.number, 0);
}

TEST_F(DkTest, FieldParseReadsDatePairsIntoTheCallersArray) {
  const uint16_t sick = event("sick_listed");
  const std::string text = "2017-11-01:2017-12-31;2018-02-01:2018-02-28";
  cf_field_value v{};
  v.number = 42;
  size_t n = 0;
  EXPECT_EQ(cf_field_parse(&v, nullptr, 0, &n, rs(), sick, 1, text.data(), text.size()), CF_BUFFER_TOO_SMALL);
  EXPECT_EQ(n, 2u) << "the size needed is reported";
  EXPECT_EQ(v.number, 42) << "and nothing else is written";
  cf_date_pair pairs[2] = {};
  ASSERT_EQ(cf_field_parse(&v, pairs, 2, &n, rs(), sick, 1, text.data(), text.size()), CF_OK) << last_error();
  EXPECT_EQ(v.pairs, pairs);
  EXPECT_EQ(v.pair_count, 2u);
  EXPECT_EQ(pairs[0].first, D("2017-11-01"));
  EXPECT_EQ(pairs[0].last, D("2017-12-31"));
  EXPECT_EQ(pairs[1].first, D("2018-02-01"));
  EXPECT_EQ(pairs[1].last, D("2018-02-28"));
  // Parsed values apply as values built by hand do: the prior period moves the point.
  cf_field_value fields[2] = {};
  ASSERT_EQ(parse(&fields[0], rs(), sick, 0, "employee"), CF_OK);
  fields[1] = v;
  CasePtr c = open();
  ASSERT_EQ(cf_case_apply(c.get(), sick, D("2018-03-05"), fields, 2), CF_OK) << last_error();
  CasePtr plain = open();
  ASSERT_EQ(apply(plain.get(), "sick_listed", "2018-03-05", {{"employment", "employee"}}), CF_OK);
  cf_date with_prior = 0, without = 0;
  ASSERT_EQ(cf_case_point(&with_prior, c.get(), "reassessment_point"), CF_OK);
  ASSERT_EQ(cf_case_point(&without, plain.get(), "reassessment_point"), CF_OK);
  EXPECT_LT(with_prior, without);
}

TEST_F(DkTest, FieldParseRefusesTextThatIsNoValueNamingTheField) {
  const uint16_t sick = event("sick_listed"), visitation = event("visitation"), decision = event("decision");
  cf_field_value v{};
  v.number = 42;
  EXPECT_EQ(parse(&v, rs(), sick, 0, "retired"), CF_NOT_FOUND);
  EXPECT_NE(last_error().find("'retired' is not a value of field 'employment' of 'sick_listed' (one of: employee, "
                              "unemployed, self_employed)"),
            std::string::npos)
      << last_error();
  EXPECT_EQ(parse(&v, rs(), visitation, 0, "3x"), CF_BAD_INPUT);
  EXPECT_NE(last_error().find("field 'category' of 'visitation': '3x' is not an integer"), std::string::npos)
      << last_error();
  EXPECT_EQ(parse(&v, rs(), decision, 1, "2018-02-30"), CF_BAD_INPUT);
  EXPECT_NE(last_error().find("field 'until' of 'decision': "), std::string::npos) << last_error();
  EXPECT_NE(last_error().find("2018-02-30"), std::string::npos) << last_error();
  EXPECT_EQ(parse(&v, rs(), decision, 2, "yes"), CF_BAD_INPUT);
  EXPECT_NE(last_error().find("'yes' is not true or false"), std::string::npos) << last_error();
  const std::string no_pair = "2017-11-01";
  size_t n = 0;
  EXPECT_EQ(cf_field_parse(&v, nullptr, 0, &n, rs(), sick, 1, no_pair.data(), no_pair.size()), CF_BAD_INPUT);
  EXPECT_NE(last_error().find("'2017-11-01' is not a pair first:last"), std::string::npos) << last_error();
  // A string's number is an id its caller chooses; ids out of range; NULL pointers.
  EXPECT_EQ(parse(&v, rs(), event("caseworker_assigned"), 0, "Mette Holm"), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("is a string"), std::string::npos) << last_error();
  EXPECT_EQ(parse(&v, rs(), sick, 3, "x"), CF_INVALID_ARGUMENT);  // sick_listed has 3 fields
  EXPECT_EQ(parse(&v, rs(), 999, 0, "x"), CF_INVALID_ARGUMENT);
  EXPECT_EQ(parse(&v, nullptr, sick, 0, "employee"), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_field_parse(nullptr, nullptr, 0, &n, rs(), sick, 0, "employee", 8), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_field_parse(&v, nullptr, 0, nullptr, rs(), sick, 0, "employee", 8), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_field_parse(&v, nullptr, 0, &n, rs(), sick, 0, nullptr, 8), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_field_parse(&v, nullptr, 3, &n, rs(), sick, 1, "", 0), CF_INVALID_ARGUMENT);
  EXPECT_EQ(v.number, 42) << "a failed call writes nothing";
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

}  // namespace
}  // namespace caseflow_capi_test
