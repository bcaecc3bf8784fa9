// RuleSet's catalogue, what the faces read instead of the compiled model: every kind of name by id
// and back, legal references and docs, field and variable types, the diagram of each version, and
// the graph checks with their places in the file.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "caseflow/ruleset.hpp"
#include "rules/dot.hpp"
#include "rules/model.hpp"

namespace caseflow {
namespace {

const std::string kRulesDir = std::string(CASEFLOW_SOURCE_DIR) + "/tests/rules";

TEST(Catalogue, NamesAndIdsOfEveryKind) {
  const RuleSet rs = RuleSet::load_file(kRulesDir + "/good/appointment.yaml");
  EXPECT_EQ(rs.count(Kind::state), 3u);
  EXPECT_EQ(rs.name(Kind::state, 1), "open.active");
  EXPECT_EQ(rs.count(Kind::event), 4u);
  EXPECT_EQ(rs.name(Kind::event, 3), "withdrawn");
  EXPECT_EQ(rs.count(Kind::timer), 1u);
  EXPECT_EQ(rs.name(Kind::timer, 0), "expiry");
  EXPECT_EQ(rs.count(Kind::obligation), 1u);
  EXPECT_EQ(rs.name(Kind::obligation, 0), "reply");
  EXPECT_EQ(rs.count(Kind::rule), 5u);
  EXPECT_EQ(rs.name(Kind::rule, 4), "withdraw");
  EXPECT_EQ(rs.count(Kind::variable), 1u);
  EXPECT_EQ(rs.name(Kind::variable, 0), "level");
  for (Kind kind : {Kind::state, Kind::event, Kind::timer, Kind::obligation, Kind::rule, Kind::variable, Kind::point}) {
    for (std::size_t id = 0; id < rs.count(kind); ++id) {
      EXPECT_EQ(rs.find(kind, rs.name(kind, id)), id) << rs.name(kind, id);
    }
    EXPECT_FALSE(rs.find(kind, "no-such-name").has_value());
    EXPECT_THROW(rs.name(kind, rs.count(kind)), std::out_of_range);
  }
  // The per-kind accessors say the same.
  EXPECT_EQ(rs.name(Kind::state, 2), rs.state_name(2));
  EXPECT_EQ(rs.find(Kind::event, "graded"), rs.find_event("graded"));
  // A parent scope is no state: states are the leaves.
  EXPECT_FALSE(rs.find(Kind::state, "open").has_value());
}

TEST(Catalogue, LegalReferencesAndDocs) {
  const RuleSet rs = RuleSet::load_file(kRulesDir + "/good/appointment.yaml");
  EXPECT_EQ(rs.legal_ref(Kind::rule, *rs.find(Kind::rule, "expire")), "Example Act § 2");
  EXPECT_EQ(rs.legal_ref(Kind::timer, 0), "Example Act § 2");
  EXPECT_EQ(rs.legal_ref(Kind::obligation, 0), "Example Act § 1");
  EXPECT_EQ(rs.legal_ref(Kind::state, 0), "");
  EXPECT_EQ(rs.legal_ref(Kind::event, 0), "");
  EXPECT_EQ(rs.legal_ref(Kind::variable, 0), "");
  EXPECT_EQ(rs.doc(Kind::state, 0), "applied, not yet answered");
  EXPECT_EQ(rs.doc(Kind::timer, 0), "an active case ends after its period");
  EXPECT_EQ(rs.doc(Kind::obligation, 0), "an application is answered within 14 days");
  EXPECT_EQ(rs.doc(Kind::variable, 0), "the latest grade");
  EXPECT_EQ(rs.doc(Kind::state, 2), "") << "closed has no doc";
  EXPECT_THROW(rs.legal_ref(Kind::timer, 1), std::out_of_range);
  // The opening in the initial state, which a trace names with kOpeningRule.
  EXPECT_EQ(rs.name(Kind::rule, kOpeningRule), "open_at");
  EXPECT_EQ(rs.legal_ref(Kind::rule, kOpeningRule), "(opened in the initial state)");
}

TEST(Catalogue, FieldAndVariableTypes) {
  const RuleSet rs = RuleSet::load_file(kRulesDir + "/good/appointment.yaml");
  const std::size_t applied = *rs.find_event("applied");
  EXPECT_EQ(rs.enum_value_count(applied, 0), 2u);
  EXPECT_EQ(rs.enum_value_name(applied, 0, 1), "urgent");
  EXPECT_EQ(rs.enum_value_count(applied, 1), 0u) << "date pairs have no values";
  EXPECT_EQ(rs.variable_type(0), FieldType::integer);
  EXPECT_THROW(rs.variable_type(1), std::out_of_range);
}

TEST(Catalogue, DiagramOfEachVersion) {
  const RuleSet rs = RuleSet::load_file(kRulesDir + "/graph/versioned.yaml");
  ASSERT_EQ(rs.version_count(), 2u);
  EXPECT_EQ(rs.dot(), rules::to_dot(rs.model(0)));
  EXPECT_EQ(rs.dot(1), rules::to_dot(rs.model(1)));
  EXPECT_NE(rs.dot(0), rs.dot(1));
  EXPECT_THROW(rs.dot(2), std::out_of_range);
}

TEST(Catalogue, CheckGivesFindingsWithTheirPlaces) {
  const std::string path = kRulesDir + "/graph/versioned.yaml";
  const auto findings = RuleSet::load_file(path).check();
  ASSERT_EQ(findings.size(), 1u);
  const RuleFinding& f = findings[0];
  EXPECT_EQ(f.severity, RuleFinding::Severity::error);
  EXPECT_EQ(f.check, "unreachable-state");
  EXPECT_EQ(f.line, 8);
  EXPECT_EQ(f.column, 3);
  EXPECT_NE(f.message.find("'archived'"), std::string::npos) << f.message;
  EXPECT_EQ(f.text, path + ":8:3: error: " + f.message + " [unreachable-state] (version 2)");
  EXPECT_TRUE(RuleSet::builtin("dk").check().empty());
  const auto warnings = RuleSet::load_file(kRulesDir + "/graph/unused_event.yaml").check();
  ASSERT_FALSE(warnings.empty());
  EXPECT_EQ(warnings[0].severity, RuleFinding::Severity::warning);
}

}  // namespace
}  // namespace caseflow
