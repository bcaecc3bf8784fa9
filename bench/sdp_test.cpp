// The data-driven replay must print the hand-written replay's summary line, on both of the
// caseload's paths, for generated streams and for a change of number in the rule file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "replay.hpp"
#include "sdp_handwritten.hpp"

namespace {

std::string sdp_ref_text() {
  std::ifstream in(CASEFLOW_SDP_REF);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

caseflow::RuleSet sdp_ref() { return caseflow::RuleSet::load_file(CASEFLOW_SDP_REF); }

TEST(SdpRef, TheRuleFileFitsTheFastPathInSixteenBytesACase) {
  // One obligation: the head word (state, open flag, clock), the last transition, the next due
  // date and the follow-up's due date.
  caseflow::Caseload load(sdp_ref(), caseflow::CaseloadPath::fast_if_possible);
  EXPECT_TRUE(load.is_fast());
  EXPECT_EQ(load.bytes_per_case(), 16u);
}

TEST(SdpRef, BothPathsMatchTheHandWrittenReplay) {
  const caseflow::RuleSet rules = sdp_ref();
  for (std::uint64_t seed : {1, 2, 3}) {
    for (std::size_t cases : {1u, 50u, 3000u}) {
      const sdp::Stream s = sdp::generate(cases, seed);
      const std::string expected = sdp::replay_handwritten(s).line();
      EXPECT_EQ(sdp::replay(s, rules, caseflow::CaseloadPath::fast_if_possible).line(), expected)
          << "fast path, seed " << seed << ", " << cases << " cases";
      EXPECT_EQ(sdp::replay(s, rules, caseflow::CaseloadPath::general).line(), expected)
          << "general path, seed " << seed << ", " << cases << " cases";
    }
  }
}

TEST(SdpRef, EdgeRecordsByHand) {
  // Case 0 starts on day 10: EXTEND 0 weeks on day 20 ends the same day, so a FOLLOWUP on day 20
  // sees JOBCLAR first (the timer fires before an event of a later or equal day); the follow-up
  // due day 38 met on day 20 is on time. Case 1 starts day 0: day 154 → JOBCLAR; REFER 160 →
  // REHAB; RECOMMEND JOBCLAR (3) 170; RECOMMEND from JOBCLAR 171 is rejected; RECOVER 172 →
  // CLOSED; FOLLOWUP 173 in a final state is rejected. Records naming case 2 (there is none), a
  // type 9, an arg 4 for RECOMMEND and a day before case 0's start are rejected.
  sdp::Stream s;
  s.end_day = 400;
  s.start = {10, 0};
  s.records = {{0, 5, 4, 0, 0},   {0, 20, 1, 0, 0},  {0, 20, 4, 0, 0},   {1, 160, 2, 0, 0},
               {2, 160, 4, 0, 0}, {1, 170, 3, 3, 0}, {1, 171, 3, 0, 0},  {1, 171, 9, 0, 0},
               {1, 171, 3, 4, 0}, {1, 172, 0, 0, 0}, {1, 173, 4, 0, 0}};
  const sdp::Summary hand = sdp::replay_handwritten(s);
  EXPECT_EQ(hand.states, (std::vector<std::int64_t>{0, 0, 1, 0, 0, 0, 0, 1}));
  EXPECT_EQ(hand.rejected, 6);
  EXPECT_EQ(hand.late, 0);
  const caseflow::RuleSet rules = sdp_ref();
  EXPECT_EQ(sdp::replay(s, rules).line(), hand.line());
  EXPECT_EQ(sdp::replay(s, rules, caseflow::CaseloadPath::general).line(), hand.line());
}

TEST(SdpRef, ChangingANumberInTheFileChangesTheReplayLikeTheHandWrittenOne) {
  std::string text = sdp_ref_text();
  const auto change = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  change("sick_days: {value: 154,", "sick_days: {value: 100,");
  change("resource_days: {value: 730,", "resource_days: {value: 365,");
  change("followup_days: {value: 28,", "followup_days: {value: 14,");
  const caseflow::RuleSet changed = caseflow::RuleSet::load_string(text, "sdp-ref-changed.yaml");
  const sdp::Stream s = sdp::generate(2000, 7);
  const sdp::Summary hand = sdp::replay_handwritten(s, sdp::Numbers{100, 365, 14});
  EXPECT_NE(hand.line(), sdp::replay_handwritten(s).line());
  EXPECT_EQ(sdp::replay(s, changed).line(), hand.line());
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(SdpRef, AnOptionalSelectorKeepsTheGeneralPath) {
  // An absent selector would index the fast table with whatever the record holds.
  const std::string text = replaced(sdp_ref_text(), "values: [RESOURCE, FLEX, PENSION, JOBCLAR]}",
                                    "values: [RESOURCE, FLEX, PENSION, JOBCLAR], optional: true}");
  caseflow::Caseload load(caseflow::RuleSet::load_string(text, "optional.yaml"), caseflow::CaseloadPath::fast_if_possible);
  EXPECT_FALSE(load.is_fast());
}

TEST(SdpRef, ADateBeyondTheCalendarIsNeverReachedOnEitherPath) {
  // EXTEND by 400,000,000 weeks on day 10: the extension's end is past 9999-12-31, so the case
  // stays EXTENDED with no timer, the same on both paths.
  sdp::Stream s;
  s.end_day = 5000;
  s.start = {0};
  s.records = {{0, 10, 1, 0, 0}};
  const caseflow::RuleSet rules = sdp_ref();
  for (auto path : {caseflow::CaseloadPath::general, caseflow::CaseloadPath::fast_if_possible}) {
    caseflow::Caseload load(rules, path);
    load.add_cases(1);
    ASSERT_TRUE(load.open_at(0, caseflow::Date(0)));
    caseflow::EventRecord r{};
    r.case_index = 0;
    r.date = 10;
    r.event = *rules.find_event("EXTEND");
    r.present = 1;
    r.values[0] = 400000000;
    ASSERT_EQ(load.apply_batch(&r, 1, nullptr), 1u);
    load.advance(caseflow::Date(5000));
    EXPECT_EQ(load.state_of(0), *rules.find_state("EXTENDED"));
    EXPECT_EQ(load.last_transition(0), caseflow::Date(10));
    EXPECT_EQ(load.pending_timer_counts(), (std::vector<std::int64_t>{0, 0, 0}));
  }
}

TEST(SdpRef, ATimerStartedByTheCatchUpOfARejectedEventStillFires) {
  // General path: after advance(20000), a case opened on day 18000 gets an event of day 18010,
  // rejected as out of order; catching the case up fired SICK's end (18154) and started JOBCLAR's
  // timer (3000 days: 21154), which the advance to 22000 must then fire.
  std::string text = replaced(sdp_ref_text(), "obligations:\n",
                              "  jobclar_end:\n    legal_ref: \"test\"\n    scope: JOBCLAR\n    start: {enter: JOBCLAR}\n"
                              "    date: {add: [timer_start, {days: 3000}]}\n\nobligations:\n");
  text = replaced(text, "  - {id: recover,", "  - {id: jobclar_ended, legal_ref: \"test\", from: JOBCLAR, on: {timer: jobclar_end}, to: REHAB}\n  - {id: recover,");
  const caseflow::RuleSet rules = caseflow::RuleSet::load_string(text, "chain.yaml");
  caseflow::Caseload load(rules, caseflow::CaseloadPath::general);
  load.add_cases(1);
  load.advance(caseflow::Date(20000));
  ASSERT_TRUE(load.open_at(0, caseflow::Date(18000)));
  caseflow::EventRecord r{};
  r.case_index = 0;
  r.date = 18010;
  r.event = *rules.find_event("FOLLOWUP");
  caseflow::Status st;
  EXPECT_EQ(load.apply_batch(&r, 1, &st), 0u);
  EXPECT_EQ(st, caseflow::Status::out_of_order);
  load.advance(caseflow::Date(22000));
  EXPECT_EQ(load.state_of(0), *rules.find_state("REHAB"));
  EXPECT_EQ(load.last_transition(0), caseflow::Date(21154));
}

TEST(SdpRef, TheCalendarsFirstAndLastDaysKeepTheirClockOnBothPaths) {
  // The fast row packs the clock into 23 bits counted from the calendar's first day: a case
  // opened on that day and one given an event on the last day must read back those days, and
  // an event before a clock at the last day is out of order. An advance beyond the calendar is
  // refused, on both paths, and changes nothing.
  const caseflow::RuleSet rules = sdp_ref();
  const std::int32_t first = caseflow::Date::min().days(), last = caseflow::Date::max().days();
  for (auto path : {caseflow::CaseloadPath::general, caseflow::CaseloadPath::fast_if_possible}) {
    caseflow::Caseload load(rules, path);
    load.add_cases(2);
    const std::int32_t days[2] = {first, first + 1};
    ASSERT_EQ(load.open_cases(0, days, 2, nullptr), 2u);
    caseflow::CompactRecord r[3] = {{0, first, *rules.find_event("RECOVER"), 0, 0},
                                    {1, last, *rules.find_event("FOLLOWUP"), 0, 0},
                                    {1, last - 1, *rules.find_event("FOLLOWUP"), 0, 0}};
    caseflow::Status st[3];
    EXPECT_EQ(load.apply_compact(r, 3, st), 2u);
    EXPECT_EQ(st[2], caseflow::Status::out_of_order);
    EXPECT_NE(load.batch_message(2).find("before"), std::string::npos) << load.batch_message(2);
    std::uint16_t states[2];
    std::int32_t lasts[2];
    load.export_states(0, 2, states, lasts);
    EXPECT_EQ(states[0], *rules.find_state("CLOSED"));
    EXPECT_EQ(lasts[0], first);
    // Case 1 met SICK's end on day first + 1 + 154, long before its follow-up on the last day.
    EXPECT_EQ(states[1], *rules.find_state("JOBCLAR"));
    EXPECT_EQ(lasts[1], first + 1 + 154);
    EXPECT_THROW(load.advance(caseflow::Date(last + 1)), caseflow::DateError);
    load.advance(caseflow::Date::max());
    load.export_states(0, 2, states, lasts);
    EXPECT_EQ(states[1], *rules.find_state("JOBCLAR"));
    EXPECT_THROW(load.export_states(1, 2, states, lasts), std::out_of_range);
  }
}

TEST(SdpRef, StreamsRoundTripThroughAFile) {
  const sdp::Stream s = sdp::generate(100, 5);
  const std::string path = ::testing::TempDir() + "sdp-roundtrip.bin";
  sdp::write(s, path);
  const sdp::Stream t = sdp::read(path);
  EXPECT_EQ(t.end_day, s.end_day);
  EXPECT_EQ(t.start, s.start);
  ASSERT_EQ(t.records.size(), s.records.size());
  EXPECT_EQ(sdp::replay_handwritten(t).line(), sdp::replay_handwritten(s).line());
  EXPECT_THROW(sdp::read("/no/such/stream"), std::runtime_error);
}

}  // namespace
