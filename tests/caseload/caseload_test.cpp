// The caseload: batch records, lazy clocks, the due queue, parallel advance, and the monitoring
// queries and KPIs on small caseloads whose answers are worked out by hand in the comments.
#include <gtest/gtest.h>

#include "caseflow/caseload.hpp"

namespace caseflow {
namespace {

Date D(const char* s) { return Date::parse(s); }

class Small : public ::testing::Test {
 protected:
  RuleSet rs = RuleSet::builtin("dk");
  Caseload load{rs};
  std::uint16_t event(const char* name) { return *rs.find_event(name); }
  EventRecord record(std::uint32_t c, const char* date, const char* ev) {
    EventRecord r{};
    r.case_index = c;
    r.date = D(date).days();
    r.event = event(ev);
    return r;
  }
  EventRecord with(EventRecord r, std::size_t field, std::int64_t value) {
    r.present = static_cast<std::uint16_t>(r.present | (1u << field));
    r.values[field] = value;
    return r;
  }
  // A (8 Jan 2018, open), B (15 Jan, caseworker Ann, closed technical 10 Mar), C (15 Jan,
  // recovered 5 Mar), all employees.
  void build() {
    const auto a = load.add_case("A"), b = load.add_case("B"), c = load.add_case("C");
    const std::int64_t ann = load.strings().intern("Ann");
    const std::vector<EventRecord> batch = {
        with(record(a, "2018-01-08", "sick_listed"), 0, 0),
        with(record(b, "2018-01-15", "sick_listed"), 0, 0),
        with(record(c, "2018-01-15", "sick_listed"), 0, 0),
        with(record(b, "2018-01-20", "caseworker_assigned"), 0, ann),
        record(c, "2018-03-05", "recovered"),
        with(record(b, "2018-03-10", "case_closed"), 0, 7 /* technical */),
    };
    std::vector<Status> statuses(batch.size());
    ASSERT_EQ(load.apply_batch(batch.data(), batch.size(), statuses.data()), batch.size());
  }
};

TEST_F(Small, BatchStatusesAndMessages) {
  build();
  const std::vector<EventRecord> batch = {
      record(99, "2018-03-12", "followup_held"),
      record(0, "2018-03-12", "flex_job_made_permanent"),
      record(0, "2018-03-12", "followup_held"),
      with(record(0, "2018-03-13", "sick_listed"), 1, 0),  // a list field: apply it on its own
  };
  std::vector<Status> statuses(batch.size());
  EXPECT_EQ(load.apply_batch(batch.data(), batch.size(), statuses.data()), 1u);
  EXPECT_EQ(statuses[0], Status::bad_input);
  EXPECT_EQ(statuses[1], Status::not_allowed);
  EXPECT_EQ(statuses[2], Status::ok);
  EXPECT_EQ(statuses[3], Status::bad_input);
  EXPECT_EQ(load.batch_message(0), "no case with index 99");
  EXPECT_EQ(load.batch_message(1), "event 'flex_job_made_permanent' is not allowed in state sickness_benefit.ongoing");
  EXPECT_EQ(load.batch_message(2), "");
  EXPECT_NE(load.batch_message(3).find("apply it on its own"), std::string::npos);
}

TEST_F(Small, EnteringWeekEightOnlyWhenOpenOnItsFirstDay) {
  build();
  // A: week 8 starts day 50 = 26 Feb 2018. B and C: 15 Jan + 49 = 5 Mar 2018; C closed that day.
  EXPECT_EQ(load.entering_week(8, D("2018-02-26"), D("2018-03-04")), (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(load.entering_week(8, D("2018-03-05"), D("2018-03-11")), (std::vector<std::uint32_t>{1}));
  // Week 39 of A starts day 267 = 1 Oct 2018.
  EXPECT_EQ(load.entering_week(39, D("2018-10-01"), D("2018-10-07")), (std::vector<std::uint32_t>{0}));
  EXPECT_TRUE(load.entering_week(39, D("2018-10-02"), D("2018-10-08")).empty());
}

TEST_F(Small, OverdueSampleAndClosures) {
  build();
  load.advance(D("2018-03-05"));
  // A's first follow-up was due 4 Mar (day 56); B's is due 11 Mar; C's lapsed on closing.
  const auto od = load.overdue(D("2018-03-05"));
  ASSERT_EQ(od.size(), 1u);
  EXPECT_EQ(od.begin()->first, *rs.find_obligation("first_followup"));
  EXPECT_EQ(od.begin()->second, (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(load.supervision_sample(10, 1, D("2018-03-05")), (std::vector<std::uint32_t>{0}));
  load.advance(D("2018-03-31"));
  const auto closures = load.closures("caseworker", "technical");
  ASSERT_EQ(closures.size(), 2u);
  EXPECT_EQ(closures[0].caseworker, -1);  // C: no caseworker, recovered = a real closure
  EXPECT_EQ(closures[0].real, 1);
  EXPECT_EQ(closures[1].caseworker, load.strings().find("Ann"));
  EXPECT_EQ(closures[1].technical, 1);
  EXPECT_EQ(closures[1].real, 0);
  EXPECT_EQ(closures[1].month, month_index(D("2018-03-01")));
  const auto counts = load.count_by_state();
  EXPECT_EQ(counts[*rs.find_state("closed")], 2);
  EXPECT_EQ(counts[*rs.find_state("sickness_benefit.ongoing")], 1);
}

TEST_F(Small, CaseworkerChangesAndOpenCasesPerCaseworker) {
  const auto a = load.add_case("A");
  const std::int64_t ann = load.strings().intern("Ann"), bo = load.strings().intern("Bo");
  const std::vector<EventRecord> batch = {
      with(record(a, "2018-01-08", "sick_listed"), 0, 0),
      with(record(a, "2018-01-09", "caseworker_assigned"), 0, ann),
      with(record(a, "2018-02-09", "caseworker_assigned"), 0, ann),  // the same: no change
      with(record(a, "2018-03-09", "caseworker_assigned"), 0, bo),
  };
  ASSERT_EQ(load.apply_batch(batch.data(), batch.size(), nullptr), 4u);
  EXPECT_EQ(load.variable_changes("caseworker"), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(load.open_by("caseworker"), (std::map<std::int64_t, std::int64_t>{{bo, 1}}));
  EXPECT_THROW(load.variable_changes("shoe_size"), std::invalid_argument);
}

TEST_F(Small, AnAdvancedCaseloadRejectsEarlierEvents) {
  build();
  load.advance(D("2018-04-01"));
  const auto before = load.at(0).snapshot();
  const std::vector<EventRecord> batch = {record(0, "2018-03-20", "followup_held")};
  Status st;
  EXPECT_EQ(load.apply_batch(batch.data(), 1, &st), 0u);
  EXPECT_EQ(st, Status::out_of_order);
  // The rejection is judged on the case as the advance left it, and changes nothing (issue 16).
  EXPECT_EQ(load.at(0).snapshot(), before);
}

TEST_F(Small, PunctualityOfFollowUps) {
  const auto a = load.add_case("A"), b = load.add_case("B");
  const std::vector<EventRecord> batch = {
      with(record(a, "2018-01-08", "sick_listed"), 0, 0),
      with(record(b, "2018-01-08", "sick_listed"), 0, 0),
      record(a, "2018-02-01", "followup_held"),  // first on time (due 4 Mar); next due 1 Mar
      record(a, "2018-03-05", "followup_held"),  // late; next due 2 Apr
      record(b, "2018-03-06", "followup_held"),  // first late (due 4 Mar); next due 3 Apr
  };
  ASSERT_EQ(load.apply_batch(batch.data(), batch.size(), nullptr), batch.size());
  // On 10 Apr: A: on time, late, and the one due 2 Apr overdue; B: late, and 3 Apr overdue.
  const Punctuality p = load.punctuality({"first_followup", "followup"}, D("2018-04-10"));
  EXPECT_EQ(p.on_time, 1);
  EXPECT_EQ(p.late, 2);
  EXPECT_EQ(p.missed, 2);
  EXPECT_DOUBLE_EQ(p.share(), 0.2);
}

TEST(CaseloadThreads, AdvanceOnTwoThreadsEqualsOneThread) {
  const RuleSet rs = RuleSet::builtin("dk");
  Caseload one(rs), two(rs);
  std::vector<EventRecord> batch;
  std::uint64_t s = 99;
  const auto next = [&] { return s = s * 6364136223846793005ULL + 1442695040888963407ULL; };
  for (std::uint32_t c = 0; c < 5000; ++c) {
    for (Caseload* l : {&one, &two}) l->add_case("c" + std::to_string(c));
    EventRecord r{};
    r.case_index = c;
    r.date = D("2019-01-01").days() + static_cast<std::int32_t>(next() >> 33) % 365;
    r.event = *rs.find_event("sick_listed");
    r.present = 1;
    r.values[0] = static_cast<std::int64_t>((next() >> 33) % 3);
    batch.push_back(r);
    if (c % 2 == 0) {
      EventRecord x{};
      x.case_index = c;
      x.date = r.date + 100;
      x.event = *rs.find_event("extension_refused");
      batch.push_back(x);
    }
  }
  ASSERT_EQ(one.apply_batch(batch.data(), batch.size(), nullptr), batch.size());
  ASSERT_EQ(two.apply_batch(batch.data(), batch.size(), nullptr), batch.size());
  one.advance(D("2021-06-01"), 1);
  two.advance(D("2021-06-01"), 2);
  for (std::uint32_t c = 0; c < one.size(); ++c) ASSERT_TRUE(one.at(c).same_as(two.at(c))) << c;
  EXPECT_GT(one.count_by_state()[*rs.find_state("job_clarification")], 0);
}

}  // namespace
}  // namespace caseflow

// ---- the fast path against the general one on rule-sets at the edges of the fixed shape ----

namespace caseflow {
namespace {

// Both paths of one rule-set, one case each opened on day 20000.
struct BothPaths {
  RuleSet rules;
  Caseload general{rules, CaseloadPath::general};
  Caseload fast{rules, CaseloadPath::fast_if_possible};
  explicit BothPaths(const char* yaml) : rules(RuleSet::load_string(yaml, "edge.yaml")) {
    for (Caseload* l : {&general, &fast}) {
      l->add_cases(1);
      EXPECT_TRUE(l->open_at(0, Date(20000)));
    }
  }
};

TEST(FastPathEdges, ATimerRuleThatStaysInItsStateFiresOnce) {
  // A's timer (5 days) has a rule with no target: it fires once on day 20005 and the case stays
  // in A with no timer. The fast path once looped for ever on the timer it never cleared.
  BothPaths p(R"(name: itimer
valid_from: 1970-01-01
description: t
states:
  A: {initial: true}
  B: {final: true}
events:
  GO: {}
timers:
  ta:
    legal_ref: "t"
    scope: A
    start: {enter: A}
    date: {add: [timer_start, {days: 5}]}
transitions:
  - {id: ta_fire, legal_ref: "t", from: A, on: {timer: ta}}
  - {id: go, legal_ref: "t", from: A, on: GO, to: B}
)");
  ASSERT_TRUE(p.fast.is_fast());
  for (Caseload* l : {&p.general, &p.fast}) {
    l->advance(Date(20010));
    EXPECT_EQ(l->state_of(0), 0u);
    EXPECT_EQ(l->pending_timer_counts(), std::vector<std::int64_t>{0});
    EXPECT_EQ(l->last_transition(0), Date(20000));
  }
}

TEST(FastPathEdges, DayCountsBeyondTheCalendarKeepTheGeneralPath) {
  // 4294967301 days would be 5 once cut to 32 bits: the fast path must not take such a rule-set.
  BothPaths p(R"(name: far
valid_from: 1970-01-01
description: t
states:
  A: {initial: true}
  B: {}
events:
  GO: {}
timers:
  ta:
    legal_ref: "t"
    scope: A
    start: {enter: A}
    date: {add: [timer_start, {days: 4294967301}]}
transitions:
  - {id: ta_fire, legal_ref: "t", from: A, on: {timer: ta}, to: B}
  - {id: go, legal_ref: "t", from: [A, B], on: GO}
)");
  EXPECT_FALSE(p.fast.is_fast());
  p.fast.advance(Date(20010));
  EXPECT_EQ(p.fast.state_of(0), 0u);
}

// Entering B starts its timer on a date the event's field n sets: n × 2 days after the event.
const char* const kTimerByField = R"(name: mul
valid_from: 1970-01-01
description: t
states:
  A: {initial: true}
  B: {}
variables:
  bdate: {type: date, doc: "b"}
events:
  GO:
    fields:
      n: {type: int}
timers:
  tb:
    legal_ref: "t"
    scope: B
    start: {enter: B}
    date: {var: bdate}
transitions:
  - {id: tb_fire, legal_ref: "t", from: B, on: {timer: tb}, to: A}
  - id: go
    legal_ref: "t"
    from: A
    on: GO
    to: B
    effects:
      - set: {bdate: {add: [event_date, {days: {mul: [{field: n}, 2]}}]}}
)";

TEST(FastPathEdges, AnUnknownFieldValueDatesNoTimerOnEitherPath) {
  // B's timer is dated by the event's field n × 2; INT64_MIN is the unknown value, so no timer
  // is set and the case stays in B after the advance (the fast path's product once wrapped to 0).
  BothPaths p(kTimerByField);
  ASSERT_TRUE(p.fast.is_fast());
  for (Caseload* l : {&p.general, &p.fast}) {
    EventRecord r{};
    r.case_index = 0;
    r.date = 20000;
    r.present = 1;
    r.values[0] = INT64_MIN;
    Status st = Status::bad_input;
    l->apply_batch(&r, 1, &st);
    EXPECT_EQ(st, Status::ok);
    EXPECT_EQ(l->pending_timer_counts(), std::vector<std::int64_t>{0});
    l->advance(Date(20010));
    EXPECT_EQ(l->state_of(0), 1u);
  }
}

TEST(FastPathEdges, ATimerDatePastTheInt64RangeIsNeverReachedOnEitherPath) {
  // n × 2 overflows for n = 2⁶²: an unknown date, so no timer, on both paths (the general path
  // once overflowed a signed product, the fast path could wrap into the calendar).
  BothPaths p(kTimerByField);
  ASSERT_TRUE(p.fast.is_fast());
  for (Caseload* l : {&p.general, &p.fast}) {
    for (std::int64_t n : {std::int64_t(1) << 62, INT64_MAX, INT64_MIN + 1}) {
      Caseload& load = *l;
      load.add_cases(1);
      const std::uint32_t c = static_cast<std::uint32_t>(load.size() - 1);
      ASSERT_TRUE(load.open_at(c, Date(20000)));
      EventRecord r{};
      r.case_index = c;
      r.date = 20000;
      r.present = 1;
      r.values[0] = n;
      Status st = Status::bad_input;
      load.apply_batch(&r, 1, &st);
      EXPECT_EQ(st, Status::ok) << n;
    }
    EXPECT_EQ(l->pending_timer_counts(), std::vector<std::int64_t>{0});
  }
}

TEST(FastPathEdges, OpeningARangePastTheLastCaseNeverWrapsToTheFirst) {
  const RuleSet rules = RuleSet::builtin("dk");
  Caseload load(rules);
  load.add_cases(3);
  const std::int32_t days[3] = {20000, 20000, 20000};
  Status st[3];
  EXPECT_EQ(load.open_cases(0xFFFFFFFFu, days, 3, st), 0u);
  for (Status s : st) EXPECT_EQ(s, Status::bad_input);
  for (std::uint32_t c = 0; c < 3; ++c) EXPECT_EQ(load.state_of(c), 0xFFFF);
}

}  // namespace
}  // namespace caseflow
