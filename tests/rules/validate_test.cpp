// The graph checks of `caseflow check`: a corpus of small rule files (tests/rules/graph), each
// listing every finding it must give in `# expect: LINE:COL: severity: message [check]` lines,
// and the built-in rule-sets, which must give none.
#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "caseflow/ruleset.hpp"
#include "yaml_files.hpp"
#include "rules/model.hpp"
#include "rules/validate.hpp"

namespace caseflow {
namespace {

const std::string kGraphDir = std::string(CASEFLOW_SOURCE_DIR) + "/tests/rules/graph";

using test::yaml_files;

// The findings a file must give, from its `# expect: ` lines, each prefixed with the file's path.
std::vector<std::string> expected_findings(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("# expect: ", 0) == 0) out.push_back(path + ":" + line.substr(10));
  return out;
}

std::vector<std::string> findings(const RuleSet& rs) {
  std::vector<std::string> out;
  for (const rules::ReportedFinding& f : rules::validate_versions(rs)) out.push_back(f.line);
  return out;
}

TEST(GraphChecks, EachFileGivesExactlyItsFindings) {
  const auto files = yaml_files(kGraphDir);
  ASSERT_GE(files.size(), 6u);
  for (const std::string& path : files) {
    const auto expected = expected_findings(path);
    EXPECT_FALSE(expected.empty()) << path << " lists no finding";
    EXPECT_EQ(findings(RuleSet::load_file(path)), expected) << path;
  }
}

TEST(GraphChecks, UnreachableStateIsAnErrorAtItsDeclaration) {
  const RuleSet rs = RuleSet::load_file(kGraphDir + "/unreachable_state.yaml");
  const auto f = rules::validate(rs.model());
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, rules::Severity::error);
  EXPECT_EQ(f[0].check, "unreachable-state");
  EXPECT_NE(f[0].message.find("'archived'"), std::string::npos);
  EXPECT_EQ(f[0].mark.line, 8);
  EXPECT_EQ(f[0].mark.column, 3);
}

TEST(GraphChecks, EveryVersionIsCheckedAndNamedWhenOnlySomeGiveAFinding) {
  const RuleSet rs = RuleSet::load_file(kGraphDir + "/versioned.yaml");
  ASSERT_EQ(rs.version_count(), 2u);
  EXPECT_TRUE(rules::validate(rs.model(0)).empty());
  ASSERT_EQ(rules::validate(rs.model(1)).size(), 1u);
  EXPECT_EQ(rules::validate(rs.model(1))[0].check, "unreachable-state");
}

TEST(GraphChecks, BuiltInRuleSetsAreClean) {
  for (const std::string& name : RuleSet::builtin_names())
    EXPECT_EQ(findings(RuleSet::builtin(name)), std::vector<std::string>{}) << name;
}

TEST(GraphChecks, TheSmallExampleIsClean) {
  const std::string path = std::string(CASEFLOW_SOURCE_DIR) + "/tests/rules/good/appointment.yaml";
  EXPECT_EQ(findings(RuleSet::load_file(path)), std::vector<std::string>{});
  const std::string versions = std::string(CASEFLOW_SOURCE_DIR) + "/tests/rules/good/versions.yaml";
  EXPECT_EQ(findings(RuleSet::load_file(versions)), std::vector<std::string>{});
}

TEST(GraphChecks, AnOpeningToAnotherStateMakesItReachable) {
  // `later` is not where the initial state is, but an opening transition leads there.
  const RuleSet rs = RuleSet::load_string(R"(
name: two_doors
states:
  first: {initial: true}
  later: {}
  closed: {final: true}
events:
  a: {}
  b: {}
  c: {}
transitions:
  - {id: open_first, legal_ref: "X § 1", on: a, from: null, to: first}
  - {id: open_later, legal_ref: "X § 1", on: b, from: null, to: later}
  - {id: close, legal_ref: "X § 2", on: c, from: "*", to: closed}
)",
                                          "two_doors.yaml");
  EXPECT_EQ(findings(rs), std::vector<std::string>{});
}

TEST(GraphChecks, MarksPointAtTheDeclarations) {
  const RuleSet rs = RuleSet::builtin("dk");
  const rules::Model& m = rs.model();
  // rulesets/dk.yaml declares sickness_benefit.ongoing as the first state and sick_listed as the first event.
  EXPECT_GT(m.scopes[0].mark.line, 0);
  EXPECT_EQ(m.scopes[0].mark.column, 3);
  EXPECT_GT(m.events[0].mark.line, m.scopes[0].mark.line);
  EXPECT_GT(m.timers[0].mark.line, m.events[0].mark.line);
  EXPECT_GT(m.obligations[0].mark.line, m.timers[0].mark.line);
  // A parent takes the mark of its first state.
  const auto parent = std::find_if(m.scopes.begin(), m.scopes.end(), [](const rules::Scope& s) { return s.name == "sickness_benefit"; });
  ASSERT_NE(parent, m.scopes.end());
  EXPECT_EQ(parent->mark.line, m.scopes[0].mark.line);
}

}  // namespace
}  // namespace caseflow
