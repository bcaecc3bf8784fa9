// Issue 16 through the C ABI: the reproducers of the seven findings (dates at and beyond the
// calendar's edges, forged snapshots, a rejected caseload record after an advance, enum values
// that are no enumerators), each checking that nothing aborts and a failed call changes nothing.
#include <caseflow/caseflow.h>

#include <gtest/gtest.h>

#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

// tests/capi/raw_enums.c: enum parameters given any int, as a C caller may pass them.
extern "C" {
const char* caseflow_test_status_str(int status);
const char* caseflow_test_obligation_status_str(int status);
cf_status caseflow_test_find(uint16_t* out, const cf_ruleset* ruleset, int kind, const char* name);
cf_status caseflow_test_name_of(const char** out, const cf_ruleset* ruleset, int kind, uint16_t id);
cf_status caseflow_test_count(size_t* out, const cf_ruleset* ruleset, int kind);
cf_status caseflow_test_legal_ref(const char** out, const cf_ruleset* ruleset, int kind, uint16_t id);
}

namespace {

struct Free {
  void operator()(cf_ruleset* r) const { cf_ruleset_free(r); }
  void operator()(cf_case* c) const { cf_case_free(c); }
  void operator()(cf_caseload* c) const { cf_caseload_free(c); }
};
using RulesetPtr = std::unique_ptr<cf_ruleset, Free>;
using CasePtr = std::unique_ptr<cf_case, Free>;
using CaseloadPtr = std::unique_ptr<cf_caseload, Free>;

constexpr cf_date kFirstDay = -208188;  // 1400-01-01
constexpr cf_date kLastDay = 2932896;   // 9999-12-31

cf_date D(const char* text) {
  cf_date d = 0;
  EXPECT_EQ(cf_date_parse(&d, text), CF_OK) << text << ": " << cf_last_error();
  return d;
}

RulesetPtr builtin(const char* name) {
  cf_ruleset* r = nullptr;
  EXPECT_EQ(cf_ruleset_builtin(&r, name), CF_OK) << cf_last_error();
  return RulesetPtr(r);
}

RulesetPtr sdp_ref() {
  const std::string path = std::string(CASEFLOW_SOURCE_DIR) + "/bench/sdp-ref.yaml";
  cf_ruleset* r = nullptr;
  EXPECT_EQ(cf_ruleset_load_file(&r, path.c_str()), CF_OK) << cf_last_error();
  return RulesetPtr(r);
}

CasePtr open(const cf_ruleset* rs) {
  cf_case* c = nullptr;
  EXPECT_EQ(cf_case_open(&c, rs), CF_OK) << cf_last_error();
  return CasePtr(c);
}

uint16_t id_of(const cf_ruleset* rs, cf_kind kind, const char* name) {
  uint16_t id = CF_ID_NONE;
  EXPECT_EQ(cf_ruleset_find(&id, rs, kind, name), CF_OK) << name << ": " << cf_last_error();
  return id;
}

std::vector<uint8_t> snapshot(const cf_case* c) {
  size_t size = 0;
  EXPECT_EQ(cf_case_snapshot(nullptr, 0, &size, c), CF_BUFFER_TOO_SMALL);
  std::vector<uint8_t> bytes(size);
  EXPECT_EQ(cf_case_snapshot(bytes.data(), bytes.size(), &size, c), CF_OK) << cf_last_error();
  return bytes;
}

// sick_listed with employment = employee (the first value), in dk and dk-2008.
cf_status sick_listed(cf_case* c, const cf_ruleset* rs, cf_date day) {
  const uint16_t e = id_of(rs, CF_KIND_EVENT, "sick_listed");
  size_t n = 0;
  EXPECT_EQ(cf_ruleset_field_count(&n, rs, e), CF_OK);
  std::vector<cf_field_value> fields(n);
  uint16_t f = 0;
  EXPECT_EQ(cf_ruleset_find_field(&f, rs, e, "employment"), CF_OK);
  fields.at(f).present = 1;
  EXPECT_EQ(cf_ruleset_find_enum_value(&fields.at(f).number, rs, e, f, "employee"), CF_OK);
  return cf_case_apply(c, e, day, fields.data(), fields.size());
}

// Every reading call a case system makes after a call: each succeeds or fails cleanly, and the
// last error is a message (building it must not end the process either).
void read_everything(const cf_case* c) {
  SCOPED_TRACE("reading the case back");
  std::string err = cf_last_error();
  int is_open = 0;
  ASSERT_EQ(cf_case_is_open(&is_open, c), CF_OK);
  cf_date clock = 0;
  if (is_open) {
    ASSERT_EQ(cf_case_clock(&clock, c), CF_OK);
    EXPECT_GE(clock, kFirstDay);
    EXPECT_LE(clock, kLastDay);
  }
  char* json = nullptr;
  size_t len = 0;
  const cf_status js = cf_case_json(&json, &len, c, "X", CF_DATE_NONE);
  EXPECT_TRUE(js == CF_OK || (!is_open && js == CF_NOT_OPEN)) << cf_status_str(js) << ": " << cf_last_error();
  cf_string_free(json);
  size_t need = 0;
  const cf_status ex = cf_case_explain(nullptr, 0, &need, c, "X", CF_DATE_NONE);
  EXPECT_TRUE(ex == CF_BUFFER_TOO_SMALL || (!is_open && ex == CF_NOT_OPEN)) << cf_status_str(ex) << ": " << cf_last_error();
  cf_obligation obligations[64];
  size_t count = 0;
  EXPECT_NE(cf_case_obligations(obligations, 64, &count, c, CF_DATE_NONE), CF_ERROR) << cf_last_error();
  cf_timer timers[64];
  EXPECT_NE(cf_case_timers(timers, 64, &count, c), CF_ERROR) << cf_last_error();
  cf_transition trace[256];
  EXPECT_NE(cf_case_trace(trace, 256, &count, c), CF_ERROR) << cf_last_error();
  err = cf_last_error();
  // Its own snapshot restores into a fresh case.
  const auto bytes = snapshot(c);
  cf_ruleset* rs = nullptr;
  ASSERT_EQ(cf_case_ruleset(&rs, c), CF_OK);
  RulesetPtr owned(rs);
  CasePtr copy = open(rs);
  EXPECT_EQ(cf_case_restore(copy.get(), bytes.data(), bytes.size()), CF_OK) << cf_last_error();
  EXPECT_EQ(snapshot(copy.get()), bytes);
}

// ---------------------------------------------------------------- finding 1

TEST(Finding1, SickListedAtTheCalendarsFirstYearDoesNotAbortAndLeavesAUsableCase) {
  const RulesetPtr rs = builtin("dk-2008");
  for (const char* day : {"1400-01-01", "1400-03-01", "1400-12-31", "1401-06-01"}) {
    SCOPED_TRACE(day);
    CasePtr c = open(rs.get());
    const cf_status st = sick_listed(c.get(), rs.get(), D(day));
    EXPECT_EQ(st, CF_OK) << cf_last_error();
    read_everything(c.get());
    // And on to the calendar's next years: the 18-month window reaches back before 1400.
    EXPECT_EQ(cf_case_advance(c.get(), D("1402-01-01")), CF_OK) << cf_last_error();
    read_everything(c.get());
  }
}

TEST(Finding1, ThroughACaseloadBatchToo) {
  const RulesetPtr rs = builtin("dk-2008");
  cf_caseload* raw = nullptr;
  ASSERT_EQ(cf_caseload_new(&raw, rs.get()), CF_OK);
  CaseloadPtr load(raw);
  uint32_t i = 0;
  ASSERT_EQ(cf_caseload_add_case(&i, load.get(), "A"), CF_OK);
  cf_event_record r{};
  r.case_index = i;
  r.date = D("1400-02-10");
  r.event = id_of(rs.get(), CF_KIND_EVENT, "sick_listed");
  r.present = 1;  // employment = employee (field 0, value 0)
  size_t applied = 0;
  uint8_t status = 0xFF;
  ASSERT_EQ(cf_caseload_apply_batch(&applied, &status, load.get(), &r, 1), CF_OK) << cf_last_error();
  EXPECT_EQ(status, CF_OK);
  EXPECT_EQ(cf_caseload_advance(load.get(), D("1401-12-31"), 1), CF_OK) << cf_last_error();
  const cf_case* c = nullptr;
  ASSERT_EQ(cf_caseload_case(&c, load.get(), i), CF_OK);
  read_everything(c);
}

// ---------------------------------------------------------------- finding 2

TEST(Finding2, AdvanceOutsideTheCalendarIsBadInputAndChangesNothing) {
  const RulesetPtr rs = builtin("dk");
  CasePtr c = open(rs.get());
  ASSERT_EQ(sick_listed(c.get(), rs.get(), D("2018-01-08")), CF_OK) << cf_last_error();
  const auto before = snapshot(c.get());
  for (cf_date to : {kLastDay + 1, kFirstDay - 1, INT32_MAX, CF_DATE_NONE}) {
    SCOPED_TRACE(to);
    EXPECT_EQ(cf_case_advance(c.get(), to), CF_BAD_INPUT);
    const std::string err = cf_last_error();
    EXPECT_NE(err.find("outside the calendar"), std::string::npos) << err;
    EXPECT_NE(err.find(std::to_string(to)), std::string::npos) << err;
    EXPECT_EQ(snapshot(c.get()), before);
  }
  EXPECT_EQ(cf_case_advance(c.get(), kLastDay), CF_OK) << cf_last_error();
  read_everything(c.get());
}

TEST(Finding2, StartOutsideTheCalendarIsBadInputAndOpensNothing) {
  const RulesetPtr rs = sdp_ref();
  CasePtr c = open(rs.get());
  const auto before = snapshot(c.get());
  for (cf_date day : {kLastDay + 1, kFirstDay - 1, INT32_MAX, CF_DATE_NONE}) {
    SCOPED_TRACE(day);
    EXPECT_EQ(cf_case_start(c.get(), day), CF_BAD_INPUT);
    EXPECT_NE(std::string(cf_last_error()).find("outside the calendar"), std::string::npos) << cf_last_error();
    EXPECT_EQ(snapshot(c.get()), before);
  }
  int is_open = 1;
  ASSERT_EQ(cf_case_is_open(&is_open, c.get()), CF_OK);
  EXPECT_EQ(is_open, 0);
  // The calendar's last day is a day like any other.
  EXPECT_EQ(cf_case_start(c.get(), kLastDay), CF_OK) << cf_last_error();
  read_everything(c.get());
}

TEST(Finding2, QueriesRefuseDaysOutsideTheCalendar) {
  const RulesetPtr rs = builtin("dk");
  CasePtr c = open(rs.get());
  ASSERT_EQ(sick_listed(c.get(), rs.get(), D("2018-01-08")), CF_OK);
  cf_obligation o[16];
  size_t n = 0;
  EXPECT_EQ(cf_case_obligations(o, 16, &n, c.get(), INT32_MAX), CF_INVALID_ARGUMENT);
  EXPECT_NE(std::string(cf_last_error()).find("as_of"), std::string::npos) << cf_last_error();
  EXPECT_EQ(cf_case_obligations(o, 16, &n, c.get(), CF_DATE_NONE), CF_OK) << "none: the case's clock";
  cf_caseload* raw = nullptr;
  ASSERT_EQ(cf_caseload_new(&raw, rs.get()), CF_OK);
  CaseloadPtr load(raw);
  uint32_t cases[4];
  EXPECT_EQ(cf_caseload_entering_week(cases, 4, &n, load.get(), 8, kFirstDay - 1, 0), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_caseload_overdue(cases, 4, &n, load.get(), CF_ID_NONE, INT32_MAX), CF_INVALID_ARGUMENT);
  cf_punctuality p{};
  EXPECT_EQ(cf_caseload_punctuality(&p, load.get(), nullptr, 0, INT32_MIN + 1), CF_INVALID_ARGUMENT);
}

// ---------------------------------------------------------------- finding 3

// CRC-32 as the version-1 snapshot format uses it (IEEE, reflected): a forger recomputes it.
uint32_t crc32(const uint8_t* data, size_t size) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) {
    c ^= data[i];
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return c ^ 0xFFFFFFFFu;
}

// Re-seals bytes edited in a snapshot whose trailer is a CRC-32 of everything before it.
void reseal(std::vector<uint8_t>& bytes) {
  const uint32_t crc = crc32(bytes.data(), bytes.size() - 4);
  for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + i] = static_cast<uint8_t>(crc >> (8 * i));
}

void put_i32(std::vector<uint8_t>& bytes, size_t at, int32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<uint8_t>(static_cast<uint32_t>(v) >> (8 * i));
}

// Where a day (as 4 little-endian bytes) first occurs in the snapshot, after its header.
size_t find_day(const std::vector<uint8_t>& bytes, cf_date day) {
  for (size_t i = 20; i + 4 <= bytes.size(); ++i) {
    int32_t v = 0;
    std::memcpy(&v, &bytes[i], 4);
    if (v == day) return i;
  }
  return SIZE_MAX;
}

TEST(Finding3, AForgedObligationDueDayIsRefusedWhateverTheChecksumSays) {
  const RulesetPtr rs = builtin("dk");
  CasePtr c = open(rs.get());
  ASSERT_EQ(sick_listed(c.get(), rs.get(), D("2018-01-08")), CF_OK);
  cf_obligation o[16];
  size_t n = 0;
  ASSERT_EQ(cf_case_obligations(o, 16, &n, c.get(), CF_DATE_NONE), CF_OK);
  ASSERT_GT(n, 0u);
  ASSERT_NE(o[0].due, CF_DATE_NONE);
  auto bytes = snapshot(c.get());
  const size_t at = find_day(bytes, o[0].due);
  ASSERT_NE(at, SIZE_MAX);
  put_i32(bytes, at, 4000000);
  reseal(bytes);
  CasePtr target = open(rs.get());
  const auto before = snapshot(target.get());
  EXPECT_EQ(cf_case_restore(target.get(), bytes.data(), bytes.size()), CF_CORRUPT);
  EXPECT_NE(std::string(cf_last_error()).find("snapshot"), std::string::npos) << cf_last_error();
  EXPECT_EQ(snapshot(target.get()), before);
}

// Every byte of a real snapshot set to a few values, the checksum recomputed each time: each
// restore is refused, or gives a case whose every later call succeeds or fails cleanly.
TEST(Finding3, EveryByteEditedAndResealedRestoresCleanlyOrNotAtAll) {
  const RulesetPtr rs = builtin("dk");
  CasePtr c = open(rs.get());
  ASSERT_EQ(sick_listed(c.get(), rs.get(), D("2018-01-08")), CF_OK);
  const uint16_t refused = id_of(rs.get(), CF_KIND_EVENT, "extension_refused");
  ASSERT_EQ(cf_case_apply(c.get(), refused, D("2018-07-10"), nullptr, 0), CF_OK) << cf_last_error();
  ASSERT_EQ(cf_case_advance(c.get(), D("2018-09-01")), CF_OK);
  const auto good = snapshot(c.get());
  size_t accepted = 0, refused_count = 0;
  for (size_t i = 20; i + 4 < good.size(); ++i) {
    for (uint8_t v : {uint8_t(0x00), uint8_t(0x01), uint8_t(0x7F), uint8_t(0x80), uint8_t(0xFF)}) {
      if (good[i] == v) continue;
      auto bytes = good;
      bytes[i] = v;
      reseal(bytes);
      CasePtr k = open(rs.get());
      const cf_status st = cf_case_restore(k.get(), bytes.data(), bytes.size());
      ASSERT_TRUE(st == CF_OK || st == CF_CORRUPT) << "byte " << i << ": " << cf_status_str(st);
      if (st != CF_OK) {
        ++refused_count;
        continue;
      }
      ++accepted;
      SCOPED_TRACE("byte " + std::to_string(i) + " = " + std::to_string(v));
      int open_flag = 0;
      ASSERT_EQ(cf_case_is_open(&open_flag, k.get()), CF_OK);
      char* json = nullptr;
      size_t len = 0;
      const cf_status js = cf_case_json(&json, &len, k.get(), "X", CF_DATE_NONE);
      ASSERT_TRUE(js == CF_OK || (!open_flag && js == CF_NOT_OPEN)) << cf_last_error();
      cf_string_free(json);
      size_t need = 0;
      const cf_status ex = cf_case_explain(nullptr, 0, &need, k.get(), "X", CF_DATE_NONE);
      ASSERT_NE(ex, CF_ERROR) << cf_last_error();
      const cf_status adv = cf_case_advance(k.get(), D("2019-06-01"));
      ASSERT_NE(adv, CF_ERROR) << cf_last_error();
      ASSERT_NE(cf_case_apply(k.get(), refused, D("2019-06-02"), nullptr, 0), CF_ERROR) << cf_last_error();
      (void)cf_last_error();
    }
  }
  EXPECT_GT(refused_count, 0u);
  RecordProperty("accepted", static_cast<int>(accepted));
}

// ---------------------------------------------------------------- keyed snapshots and versions

TEST(KeyedSnapshots, OnlyTheKeyRestoresAKeyedSnapshot) {
  const RulesetPtr rs = builtin("dk");
  CasePtr c = open(rs.get());
  ASSERT_EQ(sick_listed(c.get(), rs.get(), D("2018-01-08")), CF_OK);
  const std::string key = "0123456789abcdef0123456789abcdef", other = "0123456789abcdef0123456789abcdeF";
  size_t size = 0;
  ASSERT_EQ(cf_case_snapshot_keyed(nullptr, 0, &size, c.get(), key.data(), key.size()), CF_BUFFER_TOO_SMALL);
  std::vector<uint8_t> sealed(size);
  ASSERT_EQ(cf_case_snapshot_keyed(sealed.data(), sealed.size(), &size, c.get(), key.data(), key.size()), CF_OK)
      << cf_last_error();
  const auto plain = snapshot(c.get());
  EXPECT_EQ(sealed.size(), plain.size() - 4 + 32) << "the CRC-32 gives way to a 32-byte MAC";

  CasePtr k = open(rs.get());
  const auto fresh = snapshot(k.get());
  EXPECT_EQ(cf_case_restore(k.get(), sealed.data(), sealed.size()), CF_CORRUPT);
  EXPECT_NE(std::string(cf_last_error()).find("keyed"), std::string::npos) << cf_last_error();
  EXPECT_EQ(cf_case_restore_keyed(k.get(), sealed.data(), sealed.size(), other.data(), other.size()), CF_CORRUPT);
  EXPECT_NE(std::string(cf_last_error()).find("MAC"), std::string::npos) << cf_last_error();
  EXPECT_EQ(cf_case_restore_keyed(k.get(), plain.data(), plain.size(), key.data(), key.size()), CF_CORRUPT)
      << "an unkeyed snapshot is not trusted by a keyed restore";
  EXPECT_EQ(cf_case_restore_keyed(k.get(), sealed.data(), sealed.size(), key.data(), 15), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_case_restore_keyed(k.get(), sealed.data(), sealed.size(), nullptr, 32), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_case_snapshot_keyed(nullptr, 0, &size, c.get(), key.data(), 3), CF_INVALID_ARGUMENT);
  EXPECT_EQ(snapshot(k.get()), fresh) << "every refusal left the case as it was";
  // A forger who edits a byte cannot reseal it without the key.
  auto forged = sealed;
  forged[40] ^= 1;
  EXPECT_EQ(cf_case_restore_keyed(k.get(), forged.data(), forged.size(), key.data(), key.size()), CF_CORRUPT);
  ASSERT_EQ(cf_case_restore_keyed(k.get(), sealed.data(), sealed.size(), key.data(), key.size()), CF_OK)
      << cf_last_error();
  EXPECT_EQ(snapshot(k.get()), plain);
}

TEST(SnapshotVersions, AVersionOneSnapshotStillRestores) {
  const RulesetPtr rs = builtin("dk");
  CasePtr c = open(rs.get());
  ASSERT_EQ(sick_listed(c.get(), rs.get(), D("2018-01-08")), CF_OK);
  const auto now = snapshot(c.get());
  ASSERT_EQ(now[4], 2) << "this library writes format version 2";
  // Version 1 had the same payload, a reserved zero where version 2 has its flags, and a CRC-32.
  auto v1 = now;
  v1[4] = 1;
  reseal(v1);
  CasePtr k = open(rs.get());
  ASSERT_EQ(cf_case_restore(k.get(), v1.data(), v1.size()), CF_OK) << cf_last_error();
  EXPECT_EQ(snapshot(k.get()), now);
  auto v1_flagged = v1;
  v1_flagged[6] = 1;
  reseal(v1_flagged);
  EXPECT_EQ(cf_case_restore(k.get(), v1_flagged.data(), v1_flagged.size()), CF_CORRUPT) << "version 1 has no flags";
  auto v3 = now;
  v3[4] = 3;
  reseal(v3);
  EXPECT_EQ(cf_case_restore(k.get(), v3.data(), v3.size()), CF_CORRUPT);
  EXPECT_NE(std::string(cf_last_error()).find("version 3"), std::string::npos) << cf_last_error();
}

// ---------------------------------------------------------------- finding 4

class Finding4 : public ::testing::TestWithParam<cf_caseload_path> {};

TEST_P(Finding4, ARejectedRecordAfterAnAdvanceLeavesItsCaseAsItWas) {
  const RulesetPtr rs = GetParam() == CF_PATH_GENERAL ? builtin("dk") : sdp_ref();
  cf_caseload* raw = nullptr;
  ASSERT_EQ(cf_caseload_new_on_path(&raw, rs.get(), GetParam()), CF_OK) << cf_last_error();
  CaseloadPtr load(raw);
  uint32_t a = 0, b = 0;
  ASSERT_EQ(cf_caseload_add_case(&a, load.get(), "A"), CF_OK);
  ASSERT_EQ(cf_caseload_add_case(&b, load.get(), "B"), CF_OK);
  if (GetParam() == CF_PATH_GENERAL) {
    const uint16_t e = id_of(rs.get(), CF_KIND_EVENT, "sick_listed");
    cf_field_value f[2] = {};
    f[0].present = 1;  // employment = employee
    ASSERT_EQ(cf_caseload_apply(load.get(), a, e, D("2018-01-08"), f, 2), CF_OK) << cf_last_error();
    ASSERT_EQ(cf_caseload_apply(load.get(), b, e, D("2018-01-08"), f, 2), CF_OK) << cf_last_error();
  } else {
    ASSERT_EQ(cf_caseload_start(load.get(), a, D("2018-01-08")), CF_OK) << cf_last_error();
    ASSERT_EQ(cf_caseload_start(load.get(), b, D("2018-01-08")), CF_OK) << cf_last_error();
  }
  ASSERT_EQ(cf_caseload_advance(load.get(), D("2018-01-20"), 1), CF_OK) << cf_last_error();

  // What can be seen of case A: its snapshot (general path), its state and last day (both).
  const auto seen = [&] {
    std::vector<uint8_t> out;
    uint16_t states[2];
    cf_date last[2];
    EXPECT_EQ(cf_caseload_export_states(states, last, load.get(), 0, 2), CF_OK) << cf_last_error();
    out.insert(out.end(), reinterpret_cast<uint8_t*>(states), reinterpret_cast<uint8_t*>(states + 2));
    out.insert(out.end(), reinterpret_cast<uint8_t*>(last), reinterpret_cast<uint8_t*>(last + 2));
    if (GetParam() == CF_PATH_GENERAL) {
      const cf_case* c = nullptr;
      EXPECT_EQ(cf_caseload_case(&c, load.get(), a), CF_OK);
      const auto snap = snapshot(c);
      out.insert(out.end(), snap.begin(), snap.end());
    }
    return out;
  };
  const auto before = seen();

  // Rejected records: an unknown event id, an event the state does not take, one dated before
  // the advance (after the case's own clock), one outside the calendar.
  const uint16_t unknown_event = 999;
  const uint16_t opening = id_of(rs.get(), CF_KIND_EVENT, GetParam() == CF_PATH_GENERAL ? "sick_listed" : "REFER");
  const cf_date days[] = {D("2018-02-01"), D("2018-02-01"), D("2018-01-15"), kLastDay + 1};
  const uint16_t events[] = {unknown_event, opening, opening, opening};
  for (int k = 0; k < 4; ++k) {
    SCOPED_TRACE(k);
    cf_event_record r{};
    r.case_index = a;
    r.date = days[k];
    r.event = events[k];
    size_t applied = 9;
    uint8_t status = 0;
    ASSERT_EQ(cf_caseload_apply_batch(&applied, &status, load.get(), &r, 1), CF_OK) << cf_last_error();
    EXPECT_NE(status, CF_OK);
    EXPECT_EQ(applied, 0u);
    EXPECT_EQ(seen(), before) << "a rejected batch record changed its case";
    if (GetParam() == CF_PATH_GENERAL) {
      cf_field_value f[2] = {};
      f[0].present = 1;
      EXPECT_NE(cf_caseload_apply(load.get(), a, events[k], days[k], f, 2), CF_OK);
      EXPECT_EQ(seen(), before) << "a rejected cf_caseload_apply changed its case";
      EXPECT_FALSE(std::string(cf_last_error()).empty());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(BothStores, Finding4, ::testing::Values(CF_PATH_GENERAL, CF_PATH_FAST_IF_POSSIBLE));

// ---------------------------------------------------------------- finding 5

TEST(Finding5, StartOutsideTheCalendarNamesTheDayNotAnEvent) {
  const RulesetPtr rs = sdp_ref();
  cf_caseload* raw = nullptr;
  ASSERT_EQ(cf_caseload_new(&raw, rs.get()), CF_OK);
  CaseloadPtr load(raw);
  uint32_t i = 0;
  ASSERT_EQ(cf_caseload_add_case(&i, load.get(), "A"), CF_OK);
  EXPECT_EQ(cf_caseload_start(load.get(), i, kLastDay + 1), CF_BAD_INPUT);
  const std::string err = cf_last_error();
  EXPECT_EQ(err.find("65535"), std::string::npos) << err;
  EXPECT_EQ(err.find("event"), std::string::npos) << err;
  EXPECT_NE(err.find(std::to_string(kLastDay + 1)), std::string::npos) << err;
  EXPECT_NE(err.find("outside the calendar"), std::string::npos) << err;
}

// ---------------------------------------------------------------- finding 6

TEST(Finding6, EnumValuesThatAreNoEnumeratorsAreRefusedOrNamedUnknown) {
  EXPECT_STREQ(caseflow_test_status_str(99), "unknown_status");
  EXPECT_STREQ(caseflow_test_status_str(-1), "unknown_status");
  EXPECT_STREQ(caseflow_test_status_str(CF_CORRUPT), "corrupt");
  EXPECT_STREQ(caseflow_test_obligation_status_str(99), "unknown");
  EXPECT_STREQ(caseflow_test_obligation_status_str(-7), "unknown");
  const RulesetPtr rs = builtin("dk");
  uint16_t id = 7;
  EXPECT_EQ(caseflow_test_find(&id, rs.get(), 99, "sick_listed"), CF_INVALID_ARGUMENT);
  EXPECT_EQ(id, 7) << "nothing written";
  EXPECT_NE(std::string(cf_last_error()).find("99"), std::string::npos) << cf_last_error();
  const char* name = nullptr;
  EXPECT_EQ(caseflow_test_name_of(&name, rs.get(), 99, 0), CF_INVALID_ARGUMENT);
  EXPECT_EQ(caseflow_test_name_of(&name, rs.get(), INT32_MIN, 0), CF_INVALID_ARGUMENT);
  EXPECT_EQ(name, nullptr);
  size_t n = 0;
  EXPECT_EQ(caseflow_test_count(&n, rs.get(), 99), CF_INVALID_ARGUMENT);
  EXPECT_EQ(caseflow_test_legal_ref(&name, rs.get(), -1, 0), CF_INVALID_ARGUMENT);
  EXPECT_EQ(caseflow_test_find(&id, rs.get(), CF_KIND_EVENT, "sick_listed"), CF_OK);
}

}  // namespace
