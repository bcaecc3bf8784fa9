// The rule-file loader: a corpus of bad files with their exact messages, the small example, and
// the built-in rule-sets' public names in DOMAIN.md §5's declaration order.
#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "caseflow/ruleset.hpp"
#include "yaml_files.hpp"
#include "rules/model.hpp"

namespace caseflow {
namespace {

const std::string kRulesDir = std::string(CASEFLOW_SOURCE_DIR) + "/tests/rules";

using test::yaml_files;

TEST(BadRuleFiles, EachGivesItsMessageWithFileLineAndColumn) {
  const auto files = yaml_files(kRulesDir + "/bad");
  ASSERT_GE(files.size(), 15u);
  for (const std::string& path : files) {
    std::ifstream in(path);
    std::string first;
    std::getline(in, first);
    ASSERT_EQ(first.rfind("# expect: ", 0), 0u) << path << " lacks its '# expect: ' line";
    const std::string expected = path + ":" + first.substr(10);
    try {
      RuleSet::load_file(path);
      ADD_FAILURE() << path << " loaded, but should fail with: " << expected;
    } catch (const RuleSetError& e) {
      const auto& msgs = e.messages();
      const bool found = std::any_of(msgs.begin(), msgs.end(), [&](const std::string& m) {
        return m.rfind(expected, 0) == 0;
      });
      EXPECT_TRUE(found) << "expected: " << expected << "\ngot:\n" << e.what();
    }
  }
}

TEST(BadRuleFiles, MissingFileIsNamed) {
  try {
    RuleSet::load_file("/no/such/rules.yaml");
    FAIL();
  } catch (const RuleSetError& e) {
    EXPECT_STREQ(e.what(), "/no/such/rules.yaml: cannot open the rule file");
  }
}

TEST(BadRuleFiles, UnknownBuiltinListsTheKnownOnes) {
  try {
    RuleSet::builtin("dk-1999");
    FAIL();
  } catch (const RuleSetError& e) {
    EXPECT_STREQ(e.what(), "no built-in rule-set 'dk-1999' (built-in: dk, dk-2008)");
  }
}

TEST(ExampleRuleSet, LoadsWithItsNamesAndParameters) {
  const RuleSet rs = RuleSet::load_file(kRulesDir + "/good/appointment.yaml");
  EXPECT_EQ(rs.name(), "appointment");
  ASSERT_EQ(rs.state_count(), 3u);
  EXPECT_EQ(rs.state_name(0), "open.waiting");
  EXPECT_TRUE(rs.state_is_final(2));
  EXPECT_EQ(rs.find_event("graded"), std::optional<std::uint16_t>(2));
  EXPECT_EQ(rs.find_field(2, "final"), std::optional<std::uint16_t>(1));
  EXPECT_EQ(rs.field_type(0, 1), FieldType::date_pairs);
  EXPECT_EQ(rs.find_enum_value(0, 0, "urgent"), std::optional<std::int64_t>(1));
  EXPECT_FALSE(rs.find_enum_value(0, 0, "slow"));
  const rules::Param& months = rs.model().params[1];
  EXPECT_EQ(months.at(Date::parse("2023-12-31")), 6);
  EXPECT_EQ(months.at(Date::parse("2024-01-01")), 3);
  EXPECT_FALSE(rs.find_state("open"));  // a parent, not a state
}

std::vector<std::string> names(const RuleSet& rs, std::size_t n,
                               const std::string& (RuleSet::*get)(std::size_t) const) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back((rs.*get)(i));
  return out;
}

TEST(BuiltinRuleSets, DkDeclaresDomainNamesInOrder) {
  const RuleSet dk = RuleSet::builtin("dk");
  EXPECT_EQ(dk.name(), "dk");
  EXPECT_EQ(names(dk, dk.state_count(), &RuleSet::state_name),
            (std::vector<std::string>{"sickness_benefit.ongoing", "sickness_benefit.reassessment",
                                      "sickness_benefit.extended", "job_clarification",
                                      "rehabilitation_team.referred", "rehabilitation_team.recommended",
                                      "resource_course", "flex_job.temporary", "flex_job.permanent",
                                      "disability_pension", "closed", "awaiting_decision"}));
  EXPECT_EQ(names(dk, dk.event_count(), &RuleSet::event_name),
            (std::vector<std::string>{"sick_listed", "visitation", "followup_held", "benefit_stopped",
                                      "benefit_resumed", "extension_granted", "extension_refused",
                                      "recovered", "referred_to_rehabilitation_team",
                                      "preparatory_plan_completed", "rehabilitation_team_recommended",
                                      "decision", "flex_job_made_permanent", "case_closed",
                                      "caseworker_assigned", "external_actor_assigned",
                                      "medical_consultant_consulted", "effort_started", "followup_exempted",
                                      "written_description_completed", "health_advice_received"}));
  EXPECT_EQ(names(dk, dk.timer_count(), &RuleSet::timer_name),
            (std::vector<std::string>{"reassessment_point", "extension_end", "job_clarification_start",
                                      "job_clarification_end", "resource_course_end", "flex_job_end"}));
  EXPECT_EQ(names(dk, dk.obligation_count(), &RuleSet::obligation_name),
            (std::vector<std::string>{"first_followup", "followup", "reassessment_decision",
                                      "rehabilitation_team_meeting", "flex_job_status", "job_clarification_followup",
                                      "resource_course_followup", "resource_course_effort", "recovery_check"}));
  EXPECT_TRUE(dk.state_is_final(*dk.find_state("disability_pension")));
  EXPECT_TRUE(dk.state_is_final(*dk.find_state("closed")));
}

TEST(BuiltinRuleSets, Dk2008DeclaresDomainNamesInOrder) {
  const RuleSet rs = RuleSet::builtin("dk-2008");
  EXPECT_EQ(names(rs, rs.state_count(), &RuleSet::state_name),
            (std::vector<std::string>{"sickness_benefit.ongoing", "sickness_benefit.reassessment",
                                      "sickness_benefit.extended", "flex_job.permanent",
                                      "disability_pension", "closed"}));
  EXPECT_EQ(names(rs, rs.event_count(), &RuleSet::event_name),
            (std::vector<std::string>{"sick_listed", "followup_held", "benefit_stopped", "benefit_resumed",
                                      "extension_granted", "extension_refused", "recovered", "decision",
                                      "case_closed", "caseworker_assigned", "external_actor_assigned",
                                      "medical_consultant_consulted", "screened", "clarified",
                                      "central_review_held"}));
  EXPECT_EQ(names(rs, rs.timer_count(), &RuleSet::timer_name),
            (std::vector<std::string>{"reassessment_point", "extension_end", "benefit_end"}));
  EXPECT_EQ(names(rs, rs.obligation_count(), &RuleSet::obligation_name),
            (std::vector<std::string>{"first_followup", "followup", "reassessment_decision", "screening",
                                      "clarification", "central_review", "medical_consultant"}));
}

TEST(BuiltinRuleSets, ParametersHaveDomainValues) {
  const auto param = [](const RuleSet& rs, const std::string& name, const char* day1) {
    for (const auto& p : rs.model().params)
      if (p.name == name) return p.at(Date::parse(day1));
    ADD_FAILURE() << "no parameter " << name;
    return std::int64_t(-1);
  };
  const RuleSet dk = RuleSet::builtin("dk");
  const RuleSet old = RuleSet::builtin("dk-2008");
  EXPECT_EQ(param(dk, "employer_period_days", "2020-01-01"), 30);
  EXPECT_EQ(param(dk, "reassessment_limit_weeks", "2020-01-01"), 22);
  EXPECT_EQ(param(dk, "reassessment_window_months", "2020-01-01"), 9);
  EXPECT_EQ(param(dk, "flex_job_status_months", "2020-01-01"), 54);
  EXPECT_EQ(param(old, "employer_period_days", "2008-06-01"), 15);
  EXPECT_EQ(param(old, "employer_period_days", "2008-06-02"), 21);
  EXPECT_EQ(param(old, "reassessment_limit_weeks", "2008-01-01"), 52);
  EXPECT_EQ(param(old, "reassessment_window_months", "2008-01-01"), 18);
  EXPECT_EQ(param(old, "followup_interval_days", "2008-01-01"), 56);
}

TEST(BuiltinRuleSets, EmbeddedTextIsTheRuleFile) {
  std::ifstream in(std::string(CASEFLOW_SOURCE_DIR) + "/rulesets/dk.yaml");
  const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(std::string(RuleSet::builtin_text("dk")), file);
}

}  // namespace
}  // namespace caseflow
