// Compact batch records, bulk opening and state export, on both caseload paths. The fast batch
// loop is new code written for speed, so every record it judges is checked against the general
// path (Case::apply through apply_batch): statuses, applied counts, messages and the cases after.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "caseflow/caseload.hpp"

namespace caseflow {
namespace {

RuleSet sdp_ref() { return RuleSet::load_file(CASEFLOW_SOURCE_DIR "/bench/sdp-ref.yaml"); }

// sdp-ref's ids, in declaration order.
enum SdpState : std::uint16_t { SICK, EXTENDED, JOBCLAR, REHAB, RESOURCE, FLEX, PENSION, CLOSED };
enum SdpEvent : std::uint16_t { RECOVER, EXTEND, REFER, RECOMMEND, FOLLOWUP };
constexpr std::uint16_t kNotOpen = 0xFFFF;

// splitmix64, so that the batches are the same with every standard library.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
};

CompactRecord compact(std::uint32_t c, std::int32_t day, std::uint16_t event, std::uint16_t present = 0,
                      std::int32_t value = 0) {
  return CompactRecord{c, day, event, present, value};
}

// The EventRecord a compact record stands for (written here, not taken from the library).
EventRecord widen(const CompactRecord& r) {
  EventRecord w{};
  w.case_index = r.case_index;
  w.date = r.date;
  w.event = r.event;
  w.present = static_cast<std::uint16_t>(r.present & 1u);
  w.values[0] = r.value;
  return w;
}

std::vector<EventRecord> widen(const std::vector<CompactRecord>& batch) {
  std::vector<EventRecord> out;
  for (const CompactRecord& r : batch) out.push_back(widen(r));
  return out;
}

// A status by name; a status the call never wrote shows as "unwritten".
constexpr auto kUnwritten = static_cast<Status>(0xEE);
std::string name(Status s) {
  return s > Status::already_open ? "unwritten" : to_string(s);
}

std::string show(const CompactRecord& r) {
  std::ostringstream o;
  o << "{case " << r.case_index << ", day " << r.date << ", event " << r.event << ", present " << r.present
    << ", value " << r.value << "}";
  return o.str();
}

// One batch's answers: the applied count, and per record its status and message.
struct Result {
  std::size_t applied = 0;
  std::vector<std::string> statuses;
  std::vector<std::string> messages;
};

Result collect(const Caseload& load, std::size_t applied, const std::vector<Status>& statuses) {
  Result r;
  r.applied = applied;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    r.statuses.push_back(name(statuses[i]));
    r.messages.push_back(load.batch_message(i));
  }
  return r;
}

Result run_compact(Caseload& load, const std::vector<CompactRecord>& batch) {
  std::vector<Status> st(batch.size(), kUnwritten);
  const std::size_t applied = load.apply_compact(batch.data(), batch.size(), st.data());
  return collect(load, applied, st);
}

Result run_wide(Caseload& load, const std::vector<EventRecord>& batch) {
  std::vector<Status> st(batch.size(), kUnwritten);
  const std::size_t applied = load.apply_batch(batch.data(), batch.size(), st.data());
  return collect(load, applied, st);
}

// Compares a result with the reference record by record, naming the first mismatches.
void expect_same(const Result& want, const Result& got, const std::vector<CompactRecord>& batch, const char* what) {
  EXPECT_EQ(got.applied, want.applied) << what;
  ASSERT_EQ(got.statuses.size(), want.statuses.size()) << what;
  int shown = 0;
  for (std::size_t i = 0; i < batch.size() && shown < 10; ++i) {
    if (got.statuses[i] == want.statuses[i] && got.messages[i] == want.messages[i]) continue;
    ++shown;
    ADD_FAILURE() << what << ": record " << i << " " << show(batch[i]) << "\n  want " << want.statuses[i]
                  << " \"" << want.messages[i] << "\"\n  got  " << got.statuses[i] << " \"" << got.messages[i] << "\"";
  }
}

// Everything a caseload shows of its cases on both paths.
struct View {
  std::vector<std::uint16_t> states;
  std::vector<std::int32_t> last_days;
  std::vector<std::int64_t> by_state;
  std::vector<std::int64_t> timers;
  std::int64_t late = 0;
};

View view_of(const Caseload& load) {
  View v;
  v.states.resize(load.size());
  v.last_days.resize(load.size());
  load.export_states(0, load.size(), v.states.data(), v.last_days.data());
  v.by_state = load.count_by_state();
  v.timers = load.pending_timer_counts();
  v.late = load.count_met_late();
  return v;
}

void expect_same(const View& want, const View& got, const std::string& what) {
  EXPECT_EQ(got.by_state, want.by_state) << what << ": count_by_state";
  EXPECT_EQ(got.timers, want.timers) << what << ": pending_timer_counts";
  EXPECT_EQ(got.late, want.late) << what << ": count_met_late";
  ASSERT_EQ(got.states.size(), want.states.size()) << what;
  int shown = 0;
  for (std::size_t c = 0; c < want.states.size() && shown < 10; ++c) {
    if (got.states[c] == want.states[c] && got.last_days[c] == want.last_days[c]) continue;
    ++shown;
    ADD_FAILURE() << what << ": case " << c << " want state " << want.states[c] << " last " << want.last_days[c]
                  << ", got state " << got.states[c] << " last " << got.last_days[c];
  }
}

TEST(CompactSdpRef, TheIdsThisFileAssumes) {
  const RuleSet rules = sdp_ref();
  const char* const states[] = {"SICK", "EXTENDED", "JOBCLAR", "REHAB", "RESOURCE", "FLEX", "PENSION", "CLOSED"};
  const char* const events[] = {"RECOVER", "EXTEND", "REFER", "RECOMMEND", "FOLLOWUP"};
  ASSERT_EQ(rules.state_count(), 8u);
  ASSERT_EQ(rules.event_count(), 5u);
  for (std::uint16_t i = 0; i < 8; ++i) EXPECT_EQ(rules.find_state(states[i]), i);
  for (std::uint16_t i = 0; i < 5; ++i) EXPECT_EQ(rules.find_event(events[i]), i);
  EXPECT_EQ(rules.field_type(EXTEND, 0), FieldType::integer);
  EXPECT_EQ(rules.field_type(RECOMMEND, 0), FieldType::enumeration);
}

// ---------------------------------------------------------------- 1. differential

// A random batch for sdp-ref: dates mostly rising (often equal, sometimes going back), events
// 0–6 (5 and 6 unknown), random present bits (bit 0 is the one that counts), values −2…6 with a
// few extremes, case indexes up to five past the last and now and then far beyond it.
std::vector<CompactRecord> random_batch(Rng& rng, std::int32_t& day, std::size_t n, std::uint32_t cases) {
  // Small steps, so that cases get several events while SICK (154 days) and EXTENDED.
  static const std::int32_t kSteps[] = {0, 0, 0, 0, 0, 1, 1, 2, 3};
  static const std::int32_t kExtremes[] = {INT32_MIN, INT32_MAX, 400000000, -400000000, 1000, -1000};
  static const std::int32_t kBadDays[] = {Date::max().days() + 1, INT32_MAX, Date::min().days() - 1, INT32_MIN};
  std::vector<CompactRecord> out;
  std::uint32_t last_case = 0;
  for (std::size_t i = 0; i < n; ++i) {
    CompactRecord r{};
    const std::uint32_t pick = rng.below(100);
    r.case_index = pick < 1 ? UINT32_MAX : pick < 8 ? last_case : rng.below(cases + 5);
    last_case = r.case_index;
    day += kSteps[rng.below(9)];
    r.date = day;
    const std::uint32_t when = rng.below(200);
    if (when < 10) r.date = day - 1 - static_cast<std::int32_t>(rng.below(60));  // back in time
    else if (when < 12) r.date = kBadDays[rng.below(4)];
    const std::uint32_t e = rng.below(100);
    r.event = static_cast<std::uint16_t>(e < 4 ? RECOVER : e < 26 ? EXTEND : e < 46 ? REFER : e < 70 ? RECOMMEND
                                         : e < 94 ? FOLLOWUP : e < 97 ? 5 : 6);
    r.present = static_cast<std::uint16_t>(rng.next());
    r.value = rng.below(15) == 0 ? kExtremes[rng.below(6)] : static_cast<std::int32_t>(rng.below(9)) - 2;
    out.push_back(r);
  }
  return out;
}

// What the random batches reached, over all seeds: checked at the end so that the test cannot
// pass by exercising nothing.
struct Coverage {
  std::set<std::string> statuses;
  std::set<std::uint16_t> states;  // entered, from the general path's traces
  std::set<std::uint16_t> timers;  // fired
  int negative_extensions = 0;     // EXTEND applied with weeks < 0: its timer is due before the event
  int extreme_extensions = 0;      // EXTEND applied with a date far outside the calendar
};

// Applies the same random batches, interleaved with advances and openings, to four caseloads:
// the general path (the reference), the fast path with and without statuses (two instantiations
// of the loop), and the fast path fed the equivalent wide records through apply_batch.
void differential(std::uint64_t seed, Coverage& cov) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  const RuleSet rules = sdp_ref();
  Caseload general(rules, CaseloadPath::general);
  Caseload fast(rules, CaseloadPath::fast_if_possible);
  Caseload fast_quiet(rules, CaseloadPath::fast_if_possible);
  Caseload fast_wide(rules, CaseloadPath::fast_if_possible);
  ASSERT_FALSE(general.is_fast());
  ASSERT_TRUE(fast.is_fast());
  ASSERT_TRUE(fast_quiet.is_fast());
  ASSERT_TRUE(fast_wide.is_fast());
  Caseload* const all[] = {&general, &fast, &fast_quiet, &fast_wide};
  const char* const names[] = {"general", "fast", "fast without statuses", "fast wide"};

  // Opens cases on every caseload with the same days; the statuses must agree.
  const auto open = [&](std::uint32_t first, const std::vector<std::int32_t>& days) {
    std::vector<std::string> want;
    for (std::size_t k = 0; k < 4; ++k) {
      std::vector<Status> st(days.size(), kUnwritten);
      const std::size_t opened = all[k]->open_cases(first, days.data(), days.size(), st.data());
      std::vector<std::string> got;
      for (Status s : st) got.push_back(name(s));
      EXPECT_EQ(opened, static_cast<std::size_t>(std::count(got.begin(), got.end(), "ok"))) << names[k];
      if (k == 0) want = got;
      else EXPECT_EQ(got, want) << names[k] << ": open_cases(" << first << ", " << days.size() << ")";
    }
  };
  const auto compare_views = [&](const std::string& when) {
    const View want = view_of(general);
    for (std::size_t k = 1; k < 4; ++k) expect_same(want, view_of(*all[k]), std::string(names[k]) + ", " + when);
  };

  Rng rng{seed};
  for (Caseload* l : all) l->add_cases(50);
  // 40 cases open on days 0–199; cases 40–49 wait for later batches.
  std::vector<std::int32_t> days;
  for (int i = 0; i < 40; ++i) days.push_back(static_cast<std::int32_t>(rng.below(200)));
  open(0, days);

  std::int32_t day = 0;
  for (int b = 0; b < 8; ++b) {
    SCOPED_TRACE("batch " + std::to_string(b));
    const std::vector<CompactRecord> batch = random_batch(rng, day, 500, static_cast<std::uint32_t>(general.size()));
    const Result want = run_compact(general, batch);
    expect_same(want, run_compact(fast, batch), batch, "fast");
    expect_same(want, run_wide(fast_wide, widen(batch)), batch, "fast wide");
    const std::size_t quiet = fast_quiet.apply_compact(batch.data(), batch.size(), nullptr);
    EXPECT_EQ(quiet, want.applied) << "fast without statuses";
    int shown = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (fast_quiet.batch_message(i) != want.messages[i] && shown++ < 10)
        ADD_FAILURE() << "fast without statuses: record " << i << " " << show(batch[i]) << ": \""
                      << fast_quiet.batch_message(i) << "\", want \"" << want.messages[i] << "\"";
      // A message exactly for the records not applied.
      EXPECT_EQ(want.messages[i].empty(), want.statuses[i] == "ok") << i << " " << want.messages[i];
      const CompactRecord& r = batch[i];
      if (r.event == EXTEND && (r.present & 1u) && want.statuses[i] == "ok") {
        cov.negative_extensions += r.value < 0;
        cov.extreme_extensions += r.value > 100000 || r.value < -100000;
      }
    }
    EXPECT_EQ(want.applied, static_cast<std::size_t>(std::count(want.statuses.begin(), want.statuses.end(), "ok")));
    cov.statuses.insert(want.statuses.begin(), want.statuses.end());
    compare_views("after batch " + std::to_string(b));

    // State carries over: every other batch an advance to a common day (later records may then
    // be out of order), and more cases, some opened before the latest advance.
    if (b % 2 == 1) {
      for (Caseload* l : all) l->advance(Date(day + 10));
      compare_views("after the advance following batch " + std::to_string(b));
    }
    if (b == 2) open(40, {day - 100, day + 3, day, Date::max().days() + 1, day - 5});
    if (b == 4) {
      // Case 43 (its day was bad before), 44 already open, 45–49, and case 50, past the last.
      open(43, {day, day + 1, day - 300, day, day + 2, day, day, day});
      // An in-range call on cases already open.
      open(0, {day, day, day});
    }
    // New cases as the batches go on, so that some are always SICK.
    const std::uint32_t first = static_cast<std::uint32_t>(general.size());
    for (Caseload* l : all) l->add_cases(4);
    open(first, {day - 20, day, day + 1, day + 40});
  }
  for (Caseload* l : all) l->advance(Date(day + 5000));
  compare_views("after the last advance");

  for (std::uint32_t c = 0; c < general.size(); ++c)
    for (const TraceEntry& t : general.at(c).trace()) {
      cov.states.insert(t.to);
      if (t.timer != 0xFFFF) cov.timers.insert(t.timer);
    }
}

TEST(CompactDifferential, FastCompactRecordsMatchTheGeneralPathAndWideRecords) {
  Coverage cov;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) differential(seed, cov);
  for (const char* s : {"ok", "bad_input", "not_allowed", "out_of_order", "not_open"})
    EXPECT_TRUE(cov.statuses.count(s)) << s;
  const RuleSet rules = sdp_ref();
  EXPECT_EQ(cov.states.size(), rules.state_count());
  EXPECT_EQ(cov.timers.size(), rules.timer_count());
  EXPECT_GE(cov.negative_extensions, 5);
  EXPECT_GE(cov.extreme_extensions, 1);
}

// ---------------------------------------------------------------- 2. validation by hand

// A fast and a general sdp-ref caseload of four cases: 0, 1 and 2 opened on day 0, 3 never.
class CompactSdpByHand : public ::testing::Test {
 protected:
  RuleSet rules = sdp_ref();
  Caseload fast{rules, CaseloadPath::fast_if_possible};
  Caseload general{rules, CaseloadPath::general};

  void SetUp() override {
    ASSERT_TRUE(fast.is_fast());
    for (Caseload* l : {&fast, &general}) {
      l->add_cases(4);
      const std::int32_t days[] = {0, 0, 0};
      ASSERT_EQ(l->open_cases(0, days, 3, nullptr), 3u);
    }
  }

  // Applies a batch on both paths; checks the statuses and that both paths give the same
  // messages; returns the general path's result.
  Result both(const std::vector<CompactRecord>& batch, const std::vector<std::string>& want) {
    const Result g = run_compact(general, batch);
    const Result f = run_compact(fast, batch);
    EXPECT_EQ(g.statuses, want) << "general";
    EXPECT_EQ(f.statuses, want) << "fast";
    expect_same(g, f, batch, "fast");
    return g;
  }

  void expect_cases(const std::vector<std::uint16_t>& states, const std::vector<std::int32_t>& last_days,
                    const std::vector<std::int64_t>& timers, std::int64_t late) {
    for (Caseload* l : {&general, &fast}) {
      SCOPED_TRACE(l->is_fast() ? "fast" : "general");
      const View v = view_of(*l);
      EXPECT_EQ(v.states, states);
      EXPECT_EQ(v.last_days, last_days);
      EXPECT_EQ(v.timers, timers);
      EXPECT_EQ(v.late, late);
    }
  }
};

TEST_F(CompactSdpByHand, EachCheckOfARecordOnBothPaths) {
  const std::int32_t past_max = Date::max().days() + 1;
  const Result r = both(
      {
          compact(0, 10, EXTEND),                 // 0: weeks is required (an int with no `optional`)
          compact(0, 10, EXTEND, 0xFFFE, 3),      // 1: only bit 0 says a value is given
          compact(2, 160, REFER, 1, 99),          // 2: SICK ends on day 154 (JOBCLAR), REFER → REHAB; value ignored
          compact(2, 161, RECOMMEND, 1, 4),       // 3: `to` has 4 values: 4 is not one
          compact(2, 161, RECOMMEND, 1, -1),      // 4
          compact(2, 161, RECOMMEND),             // 5: `to` is required
          compact(2, 161, RECOMMEND, 1, 3),       // 6: JOBCLAR
          compact(0, 11, 5),                      // 7: event 5 is past the last event
          compact(0, 11, 0xFFFF),                 // 8
          compact(0, past_max, FOLLOWUP),         // 9: beyond 9999-12-31
          compact(0, INT32_MIN, FOLLOWUP),        // 10: before 1400-01-01
          compact(3, 20, FOLLOWUP),               // 11: never opened
          compact(4, 20, FOLLOWUP),               // 12: no case 4
          compact(UINT32_MAX, 20, FOLLOWUP),      // 13
          compact(0, 20, FOLLOWUP, 1, 12345),     // 14: FOLLOWUP has no field: the value is ignored
          compact(0, 19, FOLLOWUP),               // 15: before case 0's clock (day 20)
          compact(2, 170, EXTEND, 1, 2),          // 16: EXTEND is SICK's only
          compact(1, 200, EXTEND, 1, 2),          // 17: SICK ends first (day 154): then not allowed
          compact(1, 180, FOLLOWUP),              // 18: 17 moved nothing, so day 180 is not out of order
      },
      {"bad_input", "bad_input", "ok", "bad_input", "bad_input", "bad_input", "ok", "bad_input", "bad_input",
       "bad_input", "bad_input", "not_open", "bad_input", "bad_input", "ok", "out_of_order", "not_allowed",
       "not_allowed", "ok"});
  EXPECT_EQ(r.applied, 4u);
  EXPECT_EQ(r.messages[0], "field 'weeks' of 'EXTEND' is required");
  EXPECT_EQ(r.messages[1], r.messages[0]);
  EXPECT_EQ(r.messages[3], "field 'to' of 'RECOMMEND' must be one of: RESOURCE, FLEX, PENSION, JOBCLAR");
  EXPECT_EQ(r.messages[5], "field 'to' of 'RECOMMEND' is required");
  EXPECT_EQ(r.messages[7], "unknown event id 5");
  EXPECT_EQ(r.messages[9], "the date of event 'FOLLOWUP' is outside 1400-01-01 … 9999-12-31");
  EXPECT_EQ(r.messages[10], r.messages[9]);
  EXPECT_EQ(r.messages[12], "no case with index 4");
  EXPECT_EQ(r.messages[15], "event 'FOLLOWUP' dated 1970-01-20 is before the case's clock 1970-01-21");
  EXPECT_EQ(r.messages[16], "event 'EXTEND' is not allowed in state JOBCLAR");
  EXPECT_EQ(r.messages[17], "event 'EXTEND' is not allowed in state JOBCLAR");
  // Case 0: SICK since day 0, its follow-up (due 28) met on day 20. Case 1: SICK's end fired
  // for record 18, which met the day-0 follow-up (due 28) late on day 180. Case 2: JOBCLAR
  // since 161. Only case 0's sick_end (day 154) is still pending.
  expect_cases({SICK, JOBCLAR, JOBCLAR, kNotOpen}, {0, 154, 161, INT32_MIN}, {1, 0, 0}, 1);

  for (Caseload* l : {&general, &fast}) l->advance(Date(400));
  expect_cases({JOBCLAR, JOBCLAR, JOBCLAR, kNotOpen}, {154, 154, 161, INT32_MIN}, {0, 0, 0}, 1);

  // An empty batch forgets the last one's messages.
  for (Caseload* l : {&general, &fast}) {
    EXPECT_EQ(l->apply_compact(nullptr, 0, nullptr), 0u);
    EXPECT_EQ(l->batch_message(0), "");
  }
}

TEST_F(CompactSdpByHand, ARejectedRecordLeavesItsCaseAsItWas) {
  // Case 0 is EXTENDED from day 10 to day 24 (2 weeks); case 1 stays SICK, its end due on day
  // 154. Then records no rule takes, some after a timer is due: each must leave its row, clock
  // and timers as they were.
  both({compact(0, 10, EXTEND, 1, 2)}, {"ok"});
  const std::vector<std::uint16_t> states = {EXTENDED, SICK, SICK, kNotOpen};
  const std::vector<std::int32_t> last = {10, 0, 0, INT32_MIN};
  expect_cases(states, last, {2, 1, 0}, 0);

  both(
      {
          compact(0, 12, REFER),             // not in EXTENDED
          compact(0, 30, EXTEND, 1, 5),      // extension ends on day 24 (JOBCLAR): EXTEND not allowed there
          compact(0, 30, RECOMMEND, 1, 1),   // RECOMMEND is REHAB's only
          compact(1, 200, EXTEND, 1, 1),     // SICK ends on day 154: EXTEND not allowed in JOBCLAR
          compact(1, 200, RECOMMEND, 1, 0),
          compact(1, 200, EXTEND),           // bad input after a due timer
          compact(2, 155, RECOMMEND, 1, 9),  // bad input after a due timer
      },
      {"not_allowed", "not_allowed", "not_allowed", "not_allowed", "not_allowed", "bad_input", "bad_input"});
  expect_cases(states, last, {2, 1, 0}, 0);

  // Nothing moved: earlier days are still in order, and the timers fire when due.
  both({compact(0, 11, FOLLOWUP), compact(1, 100, FOLLOWUP), compact(0, 25, REFER), compact(1, 154, REFER)},
       {"ok", "ok", "ok", "ok"});
  // Case 0: follow-up due 28 met on day 11; JOBCLAR on day 24, REHAB on 25. Case 1: follow-up
  // met late on day 100 (due 28); JOBCLAR on 154, REHAB the same day.
  expect_cases({REHAB, REHAB, SICK, kNotOpen}, {25, 154, 0, INT32_MIN}, {1, 0, 0}, 1);
}

TEST(CompactSdpExtension, DatesBeforeTheEventOrOutsideTheCalendarOnBothPaths) {
  // extension_end = the EXTEND day + 7 × weeks. Before the event: the timer fires when the case
  // is next moved, on its own date. Outside 1400-01-01 … 9999-12-31 (int32 weeks reach far
  // beyond): never reached, so the case stays EXTENDED with no pending timer.
  const std::int32_t max = Date::max().days(), min = Date::min().days();
  for (const CaseloadPath path : {CaseloadPath::general, CaseloadPath::fast_if_possible}) {
    SCOPED_TRACE(path == CaseloadPath::general ? "general" : "fast");
    Caseload load(sdp_ref(), path);
    load.add_cases(9);
    const std::int32_t days[] = {0, 0, 0, 0, 0, max - 10, max - 10, min, min};
    ASSERT_EQ(load.open_cases(0, days, 9, nullptr), 9u);
    const std::vector<CompactRecord> batch = {
        compact(0, 20, EXTEND, 1, -1),            // ends day 13
        compact(1, 20, EXTEND, 1, INT32_MIN),     // far before 1400
        compact(2, 20, EXTEND, 1, INT32_MAX),     // far after 9999
        compact(3, 20, EXTEND, 1, -400000000),
        compact(4, 20, EXTEND, 1, 0),             // ends the same day: JOBCLAR before REFER
        compact(4, 20, REFER),
        compact(5, max - 7, EXTEND, 1, 1),        // ends on the calendar's last day
        compact(6, max - 7, EXTEND, 1, 2),        // a week past it
        compact(7, min + 10, EXTEND, 1, -1),      // 1400-01-04
        compact(8, min + 10, EXTEND, 1, -2),      // before the calendar's first day
    };
    const Result r = run_compact(load, batch);
    EXPECT_EQ(r.statuses, std::vector<std::string>(batch.size(), "ok"));
    std::vector<std::uint16_t> states(9);
    std::vector<std::int32_t> last(9);
    load.export_states(0, 9, states.data(), last.data());
    EXPECT_EQ(states, (std::vector<std::uint16_t>{EXTENDED, EXTENDED, EXTENDED, EXTENDED, REHAB, EXTENDED, EXTENDED,
                                                  EXTENDED, EXTENDED}));
    EXPECT_EQ(last, (std::vector<std::int32_t>{20, 20, 20, 20, 20, max - 7, max - 7, min + 10, min + 10}));
    EXPECT_EQ(load.pending_timer_counts(), (std::vector<std::int64_t>{0, 3, 0}));  // cases 0, 5 and 7

    load.advance(Date(100));
    load.export_states(0, 9, states.data(), last.data());
    EXPECT_EQ(states, (std::vector<std::uint16_t>{JOBCLAR, EXTENDED, EXTENDED, EXTENDED, REHAB, EXTENDED, EXTENDED,
                                                  JOBCLAR, EXTENDED}));
    EXPECT_EQ(last, (std::vector<std::int32_t>{13, 20, 20, 20, 20, max - 7, max - 7, min + 3, min + 10}));
    EXPECT_EQ(load.pending_timer_counts(), (std::vector<std::int64_t>{0, 1, 0}));

    load.advance(Date::max());
    load.export_states(5, 1, states.data(), last.data());
    EXPECT_EQ(states[0], JOBCLAR);
    EXPECT_EQ(last[0], max);
    EXPECT_EQ(load.pending_timer_counts(), (std::vector<std::int64_t>{0, 0, 0}));
    EXPECT_EQ(load.count_by_state(), (std::vector<std::int64_t>{0, 5, 3, 1, 0, 0, 0, 0}));
  }
}

// ---------------------------------------------------------------- 3. small rule-sets of our own

// Events of every field type a compact record may carry, on a rule-set that fits the fast path;
// PICK's enum chooses its rule (a selector of three values: a fast entry index has 2 value bits).
const char* const kFieldsYaml = R"(name: compact-fields
valid_from: 1970-01-01
states:
  OPEN: {initial: true}
  MID: {}
  DONE: {final: true}
events:
  PICK:
    fields:
      choice: {type: enum, values: [x, y, z]}
  NOTE:
    fields:
      hours: {type: int, min: 0, max: 10, optional: true}
      code: {type: int}
  SIMPLE:
    fields:
      hours: {type: int, min: 0, max: 10, optional: true}
      code: {type: int, optional: true}
  FLAG:
    fields:
      on: {type: bool}
  UNTIL:
    fields:
      day: {type: date}
  LOWWIDE:
    fields:
      n: {type: int, min: -5000000000, max: 2}
  HIGHWIDE:
    fields:
      n: {type: int, min: -3, max: 5000000000}
  ABOVE:
    fields:
      n: {type: int, min: 3000000000, optional: true}
  KIND:
    fields:
      k: {type: enum, values: [a, b, c]}
  WIDE:
    fields:
      a: {type: int, optional: true}
      b: {type: int, optional: true}
      c: {type: int, optional: true}
      d: {type: int, optional: true}
      e: {type: int, optional: true}
  PAIRS:
    fields:
      periods: {type: date_pairs, optional: true}
  CLOSE: {}
transitions:
  - {id: note, legal_ref: "test", from: OPEN, on: NOTE}
  - {id: simple, legal_ref: "test", from: OPEN, on: SIMPLE}
  - {id: flag, legal_ref: "test", from: OPEN, on: FLAG}
  - {id: until, legal_ref: "test", from: OPEN, on: UNTIL}
  - {id: lowwide, legal_ref: "test", from: OPEN, on: LOWWIDE}
  - {id: highwide, legal_ref: "test", from: OPEN, on: HIGHWIDE}
  - {id: above, legal_ref: "test", from: OPEN, on: ABOVE}
  - {id: kind, legal_ref: "test", from: OPEN, on: KIND}
  - {id: wide, legal_ref: "test", from: OPEN, on: WIDE}
  - {id: pairs, legal_ref: "test", from: OPEN, on: PAIRS}
  - {id: close, legal_ref: "test", from: OPEN, on: CLOSE, to: DONE}
  - {id: pick_x, legal_ref: "test", from: OPEN, on: PICK, when: {field: choice, equals: x}, to: MID}
  - {id: pick_y, legal_ref: "test", from: OPEN, on: PICK, when: {field: choice, equals: y}, to: DONE}
)";

class CompactOwnFields : public ::testing::Test {
 protected:
  RuleSet rules = RuleSet::load_string(kFieldsYaml, "compact-fields.yaml");
  Caseload fast{rules, CaseloadPath::fast_if_possible};
  Caseload general{rules, CaseloadPath::general};

  void SetUp() override {
    ASSERT_TRUE(fast.is_fast());
    for (Caseload* l : {&fast, &general}) {
      l->add_cases(4);
      const std::int32_t days[] = {0, 0};
      ASSERT_EQ(l->open_cases(0, days, 1, nullptr), 1u);  // case 1 stays unopened
      ASSERT_EQ(l->open_cases(2, days, 2, nullptr), 2u);
    }
  }
  std::uint16_t ev(const char* n) const { return *rules.find_event(n); }

  // Both paths must give these statuses, the same messages, and the wide records' answers.
  Result both(const std::vector<CompactRecord>& batch, const std::vector<std::string>& want) {
    const Result g = run_compact(general, batch);
    EXPECT_EQ(g.statuses, want) << "general";
    expect_same(g, run_compact(fast, batch), batch, "fast");
    return g;
  }
};

TEST_F(CompactOwnFields, ASecondRequiredFieldMakesEveryCompactRecordBadInput) {
  const std::uint16_t note = ev("NOTE");
  const Result r = both({compact(0, 1, note, 1, 5), compact(0, 1, note), compact(0, 1, note, 1, 11),
                         compact(1, 1, note, 1, 5), compact(0, 1, ev("SIMPLE"), 1, 5), compact(0, 1, ev("SIMPLE"))},
                        {"bad_input", "bad_input", "bad_input", "bad_input", "ok", "ok"});
  EXPECT_EQ(r.messages[0], "field 'code' of 'NOTE' is required");
  EXPECT_EQ(r.messages[1], r.messages[0]);
  // The first field is checked first: its range is reported before the missing second.
  EXPECT_EQ(r.messages[2], "field 'hours' of 'NOTE': 11 is outside 0–10");
  // An unopened case: bad input is found before the case.
  EXPECT_EQ(r.messages[3], r.messages[0]);
  // Wide records of the same events give the same answers on both paths.
  const std::vector<CompactRecord> batch = {compact(0, 2, note, 1, 5), compact(0, 2, note)};
  const Result g = run_wide(general, widen(batch));
  expect_same(g, run_wide(fast, widen(batch)), batch, "fast wide");
  EXPECT_EQ(g.statuses, (std::vector<std::string>{"bad_input", "bad_input"}));
}

TEST_F(CompactOwnFields, FieldRangesAtTheirEdges) {
  const std::uint16_t simple = ev("SIMPLE"), flag = ev("FLAG"), until = ev("UNTIL"), low = ev("LOWWIDE"),
                      high = ev("HIGHWIDE"), above = ev("ABOVE"), kind = ev("KIND");
  const Result r = both(
      {
          compact(0, 1, simple, 1, -1), compact(0, 1, simple, 1, 0), compact(0, 1, simple, 1, 10),
          compact(0, 1, simple, 1, 11), compact(0, 1, simple, 1, INT32_MIN), compact(0, 1, simple, 1, INT32_MAX),
          compact(0, 1, flag, 1, 0), compact(0, 1, flag, 1, 1), compact(0, 1, flag, 1, 2), compact(0, 1, flag, 1, -1),
          compact(0, 1, flag),
          compact(0, 1, until, 1, Date::min().days()), compact(0, 1, until, 1, Date::max().days()),
          compact(0, 1, until, 1, Date::min().days() - 1), compact(0, 1, until, 1, Date::max().days() + 1),
          // A range wider than int32 on one side: every int32 within it passes.
          compact(0, 1, low, 1, INT32_MIN), compact(0, 1, low, 1, 2), compact(0, 1, low, 1, 3),
          compact(0, 1, high, 1, INT32_MAX), compact(0, 1, high, 1, -3), compact(0, 1, high, 1, -4),
          // A range no int32 reaches: any value given is out of it, none given is fine.
          compact(0, 1, above, 1, INT32_MAX), compact(0, 1, above, 1, 0), compact(0, 1, above),
          compact(0, 1, kind, 1, 2), compact(0, 1, kind, 1, 3), compact(0, 1, kind, 1, -1),
      },
      {"bad_input", "ok",        "ok", "bad_input", "bad_input", "bad_input", "ok", "ok", "bad_input",
       "bad_input", "bad_input", "ok", "ok",        "bad_input", "bad_input", "ok", "ok", "bad_input",
       "ok",        "ok",        "bad_input", "bad_input", "bad_input", "ok", "ok", "bad_input", "bad_input"});
  EXPECT_EQ(r.messages[3], "field 'hours' of 'SIMPLE': 11 is outside 0–10");
  EXPECT_EQ(r.messages[4], "field 'hours' of 'SIMPLE': -2147483648 is outside 0–10");
  EXPECT_EQ(r.messages[8], "field 'on' of 'FLAG': value 2 is out of range");
  EXPECT_EQ(r.messages[10], "field 'on' of 'FLAG' is required");
  EXPECT_EQ(r.messages[21], "field 'n' of 'ABOVE': 2147483647 is outside 3000000000–9223372036854775807");
  EXPECT_EQ(r.messages[25], "field 'k' of 'KIND' must be one of: a, b, c");
}

TEST_F(CompactOwnFields, RecordsThatCannotBeBatchedAreBadInputWithTheSameMessage) {
  // WIDE has five fields, more than a record holds; PAIRS' field is a list when given. Every
  // other check of the record comes after that one on the general path.
  const std::uint16_t wide = ev("WIDE"), pairs = ev("PAIRS");
  const Result r = both({compact(0, 1, wide), compact(0, 1, pairs, 1, 0), compact(0, 1, pairs), compact(1, 1, wide)},
                        {"bad_input", "bad_input", "ok", "bad_input"});
  EXPECT_EQ(r.messages[0], "event 'WIDE' has a list field or more fields than a batch record holds: apply it on its own");
  EXPECT_EQ(r.messages[1], "event 'PAIRS' has a list field or more fields than a batch record holds: apply it on its own");
  EXPECT_EQ(r.messages[3], r.messages[0]);
}

// The general path's apply_batch reports "not batchable" before it looks at the case index or
// the date; the fast path's cold path must report it first too (it once named the case).
TEST_F(CompactOwnFields, UnbatchableRecordsOfAnUnknownCaseOrBadDateGiveTheGeneralPathsMessage) {
  const std::uint16_t wide = ev("WIDE"), pairs = ev("PAIRS");
  const std::vector<CompactRecord> batch = {compact(7, 1, wide), compact(7, 1, pairs, 1, 0),
                                            compact(0, Date::max().days() + 1, wide)};
  const Result r = both(batch, {"bad_input", "bad_input", "bad_input"});
  EXPECT_EQ(r.messages[0], "event 'WIDE' has a list field or more fields than a batch record holds: apply it on its own");
  // The same with wide records through apply_batch.
  expect_same(run_wide(general, widen(batch)), run_wide(fast, widen(batch)), batch, "fast wide");
}

TEST_F(CompactOwnFields, ASelectorChoosesTheRuleAndEveryOtherEventIgnoresTheValueBits) {
  const std::uint16_t pick = ev("PICK");
  const Result r = both(
      {
          compact(0, 1, pick, 1, 2),             // z: no rule
          compact(0, 1, pick, 1, 3),             // not one of x, y, z (an entry index padding slot)
          compact(0, 1, pick),                   // choice is required
          compact(0, 5, pick, 1, 0),             // x: MID
          compact(0, 6, pick, 1, 0),             // no PICK rule in MID
          compact(2, 6, pick, 1, 1),             // y: DONE
          compact(2, 7, pick, 1, 0),             // DONE is final
          compact(3, 2, ev("SIMPLE"), 1, 1),     // values in every value slot: the same rule
          compact(3, 2, ev("SIMPLE"), 1, 2), compact(3, 2, ev("SIMPLE"), 1, 3), compact(3, 2, ev("SIMPLE"), 1, 7),
          compact(3, 3, ev("FLAG"), 1, 1),
          compact(3, 7, ev("CLOSE"), 0xFFFF, 7),  // no field, value in the padding slot: DONE
      },
      {"not_allowed", "bad_input", "bad_input", "ok", "not_allowed", "ok", "not_allowed", "ok", "ok", "ok", "ok",
       "ok", "ok"});
  EXPECT_EQ(r.messages[0], "event 'PICK' with these field values is not allowed in state OPEN");
  EXPECT_EQ(r.messages[1], "field 'choice' of 'PICK' must be one of: x, y, z");
  EXPECT_EQ(r.messages[4], "event 'PICK' is not allowed in state MID");
  EXPECT_EQ(r.messages[6], "event 'PICK' is not allowed: the case is in the final state DONE");
  const std::uint16_t mid = *rules.find_state("MID"), done = *rules.find_state("DONE");
  for (Caseload* l : {&general, &fast}) {
    std::vector<std::uint16_t> states(4);
    std::vector<std::int32_t> last(4);
    l->export_states(0, 4, states.data(), last.data());
    EXPECT_EQ(states, (std::vector<std::uint16_t>{mid, kNotOpen, done, done}));
    EXPECT_EQ(last, (std::vector<std::int32_t>{5, INT32_MIN, 6, 7}));
  }
}

// ---------------------------------------------------------------- 4. open_cases and export_states

class CompactOpenAndExport : public ::testing::TestWithParam<CaseloadPath> {};

TEST_P(CompactOpenAndExport, StatusesCountsAndExport) {
  const RuleSet rules = sdp_ref();
  Caseload load(rules, GetParam());
  EXPECT_EQ(load.is_fast(), GetParam() == CaseloadPath::fast_if_possible);
  load.add_cases(5);

  std::vector<std::uint16_t> states(5, 1234);
  std::vector<std::int32_t> last(5, 1234);
  load.export_states(0, 5, states.data(), last.data());
  EXPECT_EQ(states, std::vector<std::uint16_t>(5, kNotOpen));
  EXPECT_EQ(last, std::vector<std::int32_t>(5, INT32_MIN));

  const auto open = [&](std::uint32_t first, std::vector<std::int32_t> days) {
    std::vector<Status> st(days.size(), kUnwritten);
    const std::size_t opened = load.open_cases(first, days.data(), days.size(), st.data());
    std::vector<std::string> out{std::to_string(opened)};
    for (Status s : st) out.push_back(name(s));
    return out;
  };
  using V = std::vector<std::string>;
  const std::int32_t max = Date::max().days(), min = Date::min().days();
  EXPECT_EQ(open(0, {10, max + 1, 20}), (V{"2", "ok", "bad_input", "ok"}));
  EXPECT_EQ(open(1, {min - 1, 30, 30}), (V{"1", "bad_input", "already_open", "ok"}));  // case 3 on day 30
  // Cases 3–5 of 5: one already open, case 4 on the last day, no case 5.
  EXPECT_EQ(open(3, {5, max, 7}), (V{"1", "already_open", "ok", "bad_input"}));
  EXPECT_EQ(open(7, {1}), (V{"0", "bad_input"}));
  EXPECT_EQ(open(1, {INT32_MIN}), (V{"0", "bad_input"}));
  EXPECT_EQ(open(1, {min}), (V{"1", "ok"}));
  EXPECT_EQ(open(0, {}), (V{"0"}));
  EXPECT_EQ(open(0, {max + 1}), (V{"0", "bad_input"}));  // the day is checked first, as open_at does
  const std::int32_t again[] = {0, 0};
  EXPECT_EQ(load.open_cases(0, again, 2, nullptr), 0u);  // statuses may be null

  load.export_states(0, 5, states.data(), last.data());
  EXPECT_EQ(states, std::vector<std::uint16_t>(5, SICK));
  EXPECT_EQ(last, (std::vector<std::int32_t>{10, min, 20, 30, max}));
  // SICK's end is due 154 days on, except for case 4, where it would pass 9999-12-31.
  EXPECT_EQ(load.pending_timer_counts(), (std::vector<std::int64_t>{4, 0, 0}));
  EXPECT_EQ(load.count_by_state(), (std::vector<std::int64_t>{5, 0, 0, 0, 0, 0, 0, 0}));

  // A part of the range, and either output left out.
  std::uint16_t two[2] = {1234, 1234};
  load.export_states(3, 2, two, nullptr);
  EXPECT_EQ(two[0], SICK);
  std::int32_t one = 1234;
  load.export_states(2, 1, nullptr, &one);
  EXPECT_EQ(one, 20);
  load.export_states(5, 0, nullptr, nullptr);  // empty, at the end: nothing passes the last case

  EXPECT_THROW(load.export_states(0, 6, states.data(), last.data()), std::out_of_range);
  EXPECT_THROW(load.export_states(4, 2, nullptr, nullptr), std::out_of_range);
  EXPECT_THROW(load.export_states(5, 1, nullptr, nullptr), std::out_of_range);
  EXPECT_THROW(load.export_states(UINT32_MAX, 1, nullptr, nullptr), std::out_of_range);
  EXPECT_THROW(load.export_states(1, SIZE_MAX, nullptr, nullptr), std::out_of_range);

  // After an advance past day 154, the cases opened on days 10–30 and 1400-01-01 are JOBCLAR.
  load.advance(Date(1000));
  load.export_states(0, 5, states.data(), last.data());
  EXPECT_EQ(states, (std::vector<std::uint16_t>{JOBCLAR, JOBCLAR, JOBCLAR, JOBCLAR, SICK}));
  EXPECT_EQ(last, (std::vector<std::int32_t>{164, min + 154, 174, 184, max}));
}

TEST_P(CompactOpenAndExport, ACaseOpenedBeforeTheLatestAdvanceTakesNoEarlierEvent) {
  // Opened on day 50 after an advance to day 100: an event of day 60 is out of order, one of
  // day 100 is not; SICK still ends on day 204.
  const RuleSet rules = sdp_ref();
  Caseload load(rules, GetParam());
  load.add_cases(2);
  load.advance(Date(100));
  const std::int32_t days[] = {50};
  ASSERT_EQ(load.open_cases(0, days, 1, nullptr), 1u);
  const std::vector<CompactRecord> batch = {compact(0, 60, FOLLOWUP), compact(0, 100, FOLLOWUP)};
  const Result r = run_compact(load, batch);
  EXPECT_EQ(r.statuses, (std::vector<std::string>{"out_of_order", "ok"}));
  EXPECT_EQ(r.messages[0], "event 'FOLLOWUP' dated 1970-03-02 is before the case's clock 1970-04-11");
  load.advance(Date(300));
  std::uint16_t state = 0;
  std::int32_t last = 0;
  load.export_states(0, 1, &state, &last);
  EXPECT_EQ(state, JOBCLAR);
  EXPECT_EQ(last, 204);
  EXPECT_EQ(load.count_met_late(), 1);  // the follow-up due on day 78, met on day 100
}

INSTANTIATE_TEST_SUITE_P(BothPaths, CompactOpenAndExport,
                         ::testing::Values(CaseloadPath::general, CaseloadPath::fast_if_possible),
                         [](const ::testing::TestParamInfo<CaseloadPath>& p) {
                           return p.param == CaseloadPath::general ? std::string("general") : std::string("fast");
                         });

}  // namespace
}  // namespace caseflow
