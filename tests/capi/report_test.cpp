// cf_caseload_report through the header only: the permit rule-set's own report block
// (tests/report/permits.yaml) shapes the report of five cases applied through the C ABI, whose
// figures were worked out by hand (tests/report/permits_expected.json); the buffer and status
// rules the header states.
#include <caseflow/caseflow.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace {

using Json = nlohmann::json;

cf_date day(const char* iso) {
  cf_date d = 0;
  EXPECT_EQ(cf_date_parse(&d, iso), CF_OK) << iso;
  return d;
}

class PermitReport : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(cf_ruleset_load_file(&rules_, CASEFLOW_SOURCE_DIR "/tests/report/permits.yaml"), CF_OK) << cf_last_error();
    ASSERT_EQ(cf_caseload_new(&load_, rules_), CF_OK);
    // tests/report/permits.jsonl, event by event.
    apply("P1", "applied", "2025-02-24");
    assign("P1", "2025-02-24", "Kim", "U1");
    apply("P2", "applied", "2025-03-03");
    assign("P2", "2025-03-03", "Lea", "U2");
    apply("P3", "applied", "2025-01-06");
    assign("P3", "2025-01-06", "Kim", "U1");
    apply("P3", "decided", "2025-01-10");
    apply("P4", "applied", "2025-01-13");
    assign("P4", "2025-01-13", "Lea", "U2");
    withdraw("P4", "2025-02-12", "duplicate");
    apply("P5", "applied", "2025-02-03");
    assign("P5", "2025-02-03", "Kim", "U1");
    withdraw("P5", "2025-02-05", "applicant");
    ASSERT_EQ(cf_caseload_advance(load_, day("2025-03-10"), 1), CF_OK);
  }
  void TearDown() override {
    cf_caseload_free(load_);
    cf_ruleset_free(rules_);
  }
  uint16_t event(const char* name) {
    uint16_t id = CF_ID_NONE;
    EXPECT_EQ(cf_ruleset_find(&id, rules_, CF_KIND_EVENT, name), CF_OK) << name;
    return id;
  }
  uint32_t index(const char* id) {
    uint32_t i = 0;
    EXPECT_EQ(cf_caseload_add_case(&i, load_, id), CF_OK);
    return i;
  }
  void apply(const char* c, const char* e, const char* date, const cf_field_value* fields = nullptr, size_t n = 0) {
    EXPECT_EQ(cf_caseload_apply(load_, index(c), event(e), day(date), fields, n), CF_OK) << c << " " << e << ": " << cf_last_error();
  }
  void assign(const char* c, const char* date, const char* officer, const char* unit) {
    cf_field_value f[2] = {};
    f[0].present = f[1].present = 1;
    EXPECT_EQ(cf_caseload_intern(&f[0].number, load_, officer), CF_OK);
    EXPECT_EQ(cf_caseload_intern(&f[1].number, load_, unit), CF_OK);
    apply(c, "assigned", date, f, 2);
  }
  void withdraw(const char* c, const char* date, const char* reason) {
    cf_field_value f[1] = {};
    f[0].present = 1;
    EXPECT_EQ(cf_ruleset_find_enum_value(&f[0].number, rules_, event("withdrawn"), 0, reason), CF_OK);
    apply(c, "withdrawn", date, f, 1);
  }
  cf_ruleset* rules_ = nullptr;
  cf_caseload* load_ = nullptr;
};

// Each object of `want` compared on the keys it names.
void expect_within(const Json& want, const Json& got, const std::string& path) {
  if (want.is_object()) {
    ASSERT_TRUE(got.is_object()) << path;
    for (const auto& [k, v] : want.items()) expect_within(v, got.contains(k) ? got[k] : Json(), path + "." + k);
  } else if (want.is_array()) {
    ASSERT_TRUE(got.is_array()) << path;
    ASSERT_EQ(got.size(), want.size()) << path << ": " << got.dump();
    for (std::size_t i = 0; i < want.size(); ++i) expect_within(want[i], got[i], path + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(got, want) << path;
  }
}

TEST_F(PermitReport, IsTheHandWorkedReport) {
  size_t len = 0;
  ASSERT_EQ(cf_caseload_report(nullptr, 0, &len, load_, day("2025-03-10"), CF_DATE_NONE, 1), CF_BUFFER_TOO_SMALL);
  ASSERT_GT(len, 0u);
  std::vector<char> buf(len + 1);
  ASSERT_EQ(cf_caseload_report(buf.data(), buf.size(), &len, load_, day("2025-03-10"), CF_DATE_NONE, 1), CF_OK) << cf_last_error();
  EXPECT_EQ(buf[len], '\0');
  std::ifstream in(CASEFLOW_SOURCE_DIR "/tests/report/permits_expected.json");
  expect_within(Json::parse(in), Json::parse(buf.data()), "report");
}

TEST_F(PermitReport, RefusesBadArguments) {
  size_t len = 0;
  char small[8];
  EXPECT_EQ(cf_caseload_report(small, sizeof small, &len, load_, day("2025-03-10"), CF_DATE_NONE, 1), CF_BUFFER_TOO_SMALL);
  EXPECT_EQ(cf_caseload_report(nullptr, 0, nullptr, load_, day("2025-03-10"), CF_DATE_NONE, 1), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_caseload_report(nullptr, 4, &len, load_, day("2025-03-10"), CF_DATE_NONE, 1), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_caseload_report(nullptr, 0, &len, nullptr, day("2025-03-10"), CF_DATE_NONE, 1), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_caseload_report(nullptr, 0, &len, load_, day("2025-03-10"), day("2025-03-11"), 1), CF_INVALID_ARGUMENT);
  EXPECT_NE(std::string(cf_last_error()).find("after"), std::string::npos) << cf_last_error();
  EXPECT_EQ(cf_caseload_report(nullptr, 0, &len, load_, CF_DATE_NONE, CF_DATE_NONE, 1), CF_INVALID_ARGUMENT);
}

}  // namespace
