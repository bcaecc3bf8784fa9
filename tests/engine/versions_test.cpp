// Versions by effective date: a rule follows the version in force on the case's day 1, or on the
// date of the event it concerns; an obligation lapses at a switch and arises again; a caller may
// pin a version. Dates worked out by hand in the comments.
#include <gtest/gtest.h>

#include "caseflow/engine.hpp"
#include "caseflow/io.hpp"

namespace caseflow {
namespace {

Date D(const char* s) { return Date::parse(s); }

struct Versions : ::testing::Test {
  RuleSet rs = RuleSet::load_file(std::string(CASEFLOW_SOURCE_DIR) + "/tests/rules/good/versions.yaml");
  JsonEventReader reader{rs};
  Outcome play(Case& c, const char* date, const char* event, const char* fields = "") {
    ParsedEvent ev;
    std::string error;
    const std::string line = std::string("{\"case\":\"A\",\"date\":\"") + date + "\",\"event\":\"" + event + "\"" + fields + "}";
    EXPECT_TRUE(reader.parse(line, ev, error)) << error;
    return c.apply(ev.input());
  }
  std::vector<ObligationView> of(const Case& c, const char* name, Date on) {
    std::vector<ObligationView> out;
    for (const ObligationView& o : c.obligations(on))
      if (rs.obligation_name(o.obligation) == name) out.push_back(o);
    return out;
  }
};

TEST_F(Versions, TheFileHasTwoVersions) {
  ASSERT_EQ(rs.version_count(), 2u);
  EXPECT_EQ(rs.version_name(0), "2020");
  EXPECT_EQ(rs.version_name(1), "2022");
  EXPECT_EQ(rs.version_valid_from(1), D("2022-01-01"));
  EXPECT_EQ(rs.version_at(D("2021-12-31")), 0u);
  EXPECT_EQ(rs.version_at(D("2022-01-01")), 1u);
  EXPECT_EQ(rs.find_version("2022"), std::optional<std::size_t>(1));
}

TEST_F(Versions, DayOneKeyedReviewKeepsTheOldRuleAfterTheSwitch) {
  // Opened 1 Jun 2021 (version 2020): review due 1 Jun + 28 = 29 Jun 2021, whatever the date.
  Case c(rs);
  ASSERT_TRUE(play(c, "2021-06-01", "opened"));
  ASSERT_TRUE(c.advance(D("2022-06-01")));
  const auto review = of(c, "review", D("2022-06-01"));
  ASSERT_EQ(review.size(), 1u);
  EXPECT_EQ(review[0].due, D("2021-06-29"));
  EXPECT_EQ(review[0].version, 0);
  // Opened 1 Mar 2022 (version 2022): 14 days, due 15 Mar 2022.
  Case later_case(rs);
  ASSERT_TRUE(play(later_case, "2022-03-01", "opened"));
  EXPECT_EQ(of(later_case, "review", D("2022-03-01"))[0].due, D("2022-03-15"));
}

TEST_F(Versions, EventKeyedDecisionFollowsTheVersionOfItsDate) {
  // Both cases opened in 2021. Decided 1 Dec 2021 (version 2020, 5 years at most): until
  // 30 Nov 2025 lies within [30 Nov 2022, 30 Nov 2026]: accepted.
  Case a(rs);
  ASSERT_TRUE(play(a, "2021-06-01", "opened"));
  const Outcome ok = play(a, "2021-12-01", "decided", ",\"until\":\"2025-11-30\"");
  ASSERT_TRUE(ok) << a.describe(ok);
  EXPECT_EQ(a.trace().back().version, 0);
  // Decided 1 Feb 2022 (version 2022, 3 years at most: the period ends 31 Jan 2025): until
  // 31 Jan 2026 is refused, with the amended rule's message; 31 Jan 2025 is accepted.
  Case b(rs);
  ASSERT_TRUE(play(b, "2021-06-01", "opened"));
  const Case before = b;
  const Outcome refused = play(b, "2022-02-01", "decided", ",\"until\":\"2026-01-31\"");
  EXPECT_EQ(refused.status, Status::guard_failed);
  EXPECT_EQ(refused.version, 1);
  EXPECT_TRUE(b.same_as(before));
  ASSERT_TRUE(play(b, "2022-02-01", "decided", ",\"until\":\"2025-01-31\""));
  EXPECT_EQ(b.trace().back().version, 1);
  // Its report arises under version 2022: 1 Feb + 30 = 3 Mar 2022.
  const auto report = of(b, "report", D("2022-02-01"));
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].due, D("2022-03-03"));
  EXPECT_EQ(report[0].version, 1);
}

TEST_F(Versions, AnOpenReportLapsesAtTheSwitchAndArisesAgain) {
  // Decided 1 Dec 2021: report due 1 Dec + 60 = 30 Jan 2022 (version 2020). On 1 Jan 2022 it
  // lapses (the switch is before its due date) and arises under 2022: due 1 Jan + 30 = 31 Jan.
  Case a(rs);
  ASSERT_TRUE(play(a, "2021-06-01", "opened"));
  ASSERT_TRUE(play(a, "2021-12-01", "decided", ",\"until\":\"2025-11-30\""));
  ASSERT_TRUE(a.advance(D("2022-01-15")));
  const auto report = of(a, "report", D("2022-01-15"));
  ASSERT_EQ(report.size(), 2u);
  EXPECT_EQ(report[0].due, D("2022-01-30"));
  EXPECT_EQ(report[0].status, ObligationStatus::lapsed);
  EXPECT_EQ(report[1].arose, D("2022-01-01"));
  EXPECT_EQ(report[1].due, D("2022-01-31"));
  EXPECT_EQ(report[1].status, ObligationStatus::pending);
  EXPECT_EQ(report[1].version, 1);
  // Reported on 5 Feb: the new instance is met late.
  ASSERT_TRUE(play(a, "2022-02-05", "reported"));
  EXPECT_EQ(of(a, "report", D("2022-02-05"))[1].status, ObligationStatus::met_late);
}

TEST_F(Versions, AnEventAfterTheSwitchSeesTheSwitchFirst) {
  // No advance: the switch on 1 Jan 2022 is processed before an event of 10 Jan, like a timer.
  Case a(rs);
  ASSERT_TRUE(play(a, "2021-06-01", "opened"));
  ASSERT_TRUE(play(a, "2021-12-01", "decided", ",\"until\":\"2025-11-30\""));
  ASSERT_TRUE(play(a, "2022-01-10", "reported"));
  const auto report = of(a, "report", D("2022-01-10"));
  ASSERT_EQ(report.size(), 2u);
  EXPECT_EQ(report[0].status, ObligationStatus::lapsed);
  EXPECT_EQ(report[1].status, ObligationStatus::met);
  EXPECT_EQ(report[1].met_on, D("2022-01-10"));
}

TEST_F(Versions, APinnedVersionGovernsEveryRule) {
  // Pinned to 2020 and opened 1 Mar 2022: review 28 days (29 Mar); a 4-year course decided on
  // 1 Apr 2022 (until 31 Mar 2026) is within 5 years; no switch lapses the report.
  Case c(rs);
  ASSERT_TRUE(c.pin_version(0));
  EXPECT_FALSE(c.pin_version(7));
  EXPECT_EQ(c.pinned_version(), std::optional<std::size_t>(0));
  ASSERT_TRUE(play(c, "2022-03-01", "opened"));
  EXPECT_EQ(of(c, "review", D("2022-03-01"))[0].due, D("2022-03-29"));
  ASSERT_TRUE(play(c, "2022-04-01", "decided", ",\"until\":\"2026-03-31\""));
  EXPECT_EQ(of(c, "report", D("2022-04-01"))[0].due, D("2022-05-31"));
}

TEST_F(Versions, ASnapshotKeepsVersionsAndThePin) {
  Case a(rs);
  ASSERT_TRUE(a.pin_version(1));
  ASSERT_TRUE(play(a, "2021-06-01", "opened"));
  ASSERT_TRUE(play(a, "2021-12-01", "decided", ",\"until\":\"2024-11-30\""));
  Case b(rs);
  const std::vector<std::uint8_t> bytes = a.snapshot();
  b.restore(bytes.data(), bytes.size());
  EXPECT_TRUE(b.same_as(a));
  EXPECT_EQ(b.pinned_version(), std::optional<std::size_t>(1));
  EXPECT_EQ(b.trace().back().version, 1);
}

TEST(VersionErrors, AVersionMayNotAddStatesOrObligationsAndMustStartLater) {
  const std::string base = R"(name: v
states:
  a: {initial: true}
  z: {final: true}
events:
  e: {}
obligations:
  o:
    legal_ref: "x"
    arises: [{on: e, due: {add: [event_date, {days: 1}]}}]
    met_by: [e]
transitions:
  - {id: open, legal_ref: "x", on: e, from: null, to: a}
versions:
  - {name: one, valid_from: 2020-01-01}
)";
  const auto message = [&](const std::string& extra) {
    try {
      RuleSet::load_string(base + extra, "v.yaml");
    } catch (const RuleSetError& e) {
      return std::string(e.what());
    }
    return std::string("(loaded)");
  };
  EXPECT_EQ(message(""), "(loaded)");
  EXPECT_EQ(message("  - {name: two, valid_from: 2021-01-01, states: {b: {}}}\n"),
            "v.yaml:16:41: unknown key 'states' in a version (expected one of: name, valid_from, legal_ref, doc, "
            "parameters, timers, obligations, transitions; states, events and variables are shared)");
  EXPECT_EQ(message("  - name: two\n    valid_from: 2021-01-01\n    obligations:\n      p: {legal_ref: y, arises: [], met_by: []}\n"),
            "v.yaml:19:7: a version may change obligation 'p' of the first version, not add one");
  EXPECT_EQ(message("  - {name: two, valid_from: 2019-01-01}\n"), "v.yaml:16:29: version 'two' must start after version 'one'");
  EXPECT_EQ(message("  - {name: two, valid_from: 2021-01-01, transitions: {a: b}}\n"),
            "v.yaml:16:54: a version's transitions is a list of rules");
  EXPECT_EQ(message("  - {name: two, valid_from: {x: 1}}\n"), "v.yaml:16:29: in the versions: bad conversion");
}

}  // namespace
}  // namespace caseflow
