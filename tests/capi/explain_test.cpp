// cf_case_explain and cf_case_record_explanations through the header only: DOMAIN.md worked example 2
// (examples/data/example-case.jsonl, case E2) explained as of 1 Sep 2018 carries the arithmetic
// `caseflow explain` prints, and the buffer, status and recording rules the header states.
#include <caseflow/caseflow.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace {

using Json = nlohmann::json;

struct Deleter {
  void operator()(cf_case* c) const { cf_case_free(c); }
  void operator()(cf_ruleset* r) const { cf_ruleset_free(r); }
};

cf_date day(const char* iso) {
  cf_date d = 0;
  EXPECT_EQ(cf_date_parse(&d, iso), CF_OK) << iso;
  return d;
}

/// Worked example 2 as example-case.jsonl gives it: E2 is sick-listed on 8 Jan 2018 as an
/// employee, gets a caseworker on 15 Jan and is refused an extension on 10 Jul.
class ExampleTwo : public ::testing::Test {
 protected:
  void SetUp() override {
    cf_ruleset* r = nullptr;
    ASSERT_EQ(cf_ruleset_builtin(&r, "dk"), CF_OK);
    rules_.reset(r);
  }

  std::unique_ptr<cf_case, Deleter> play(bool record) const {
    cf_case* c = nullptr;
    EXPECT_EQ(cf_case_open(&c, rules_.get()), CF_OK);
    std::unique_ptr<cf_case, Deleter> out(c);
    if (record) {
      EXPECT_EQ(cf_case_record_explanations(c, 1), CF_OK);
    }
    cf_field_value sick[2] = {};
    sick[0].present = 1;
    EXPECT_EQ(cf_ruleset_find_enum_value(&sick[0].number, rules_.get(), event("sick_listed"), 0, "employee"), CF_OK);
    EXPECT_EQ(cf_case_apply(c, event("sick_listed"), day("2018-01-08"), sick, 2), CF_OK) << cf_last_error();
    cf_field_value worker[2] = {};  // caseworker and team: string ids the caller chose
    worker[0].present = worker[1].present = 1;
    worker[1].number = 1;
    EXPECT_EQ(cf_case_apply(c, event("caseworker_assigned"), day("2018-01-15"), worker, 2), CF_OK) << cf_last_error();
    EXPECT_EQ(cf_case_apply(c, event("extension_refused"), day("2018-07-10"), nullptr, 0), CF_OK) << cf_last_error();
    return out;
  }

  uint16_t event(const char* name) const {
    uint16_t id = CF_ID_NONE;
    EXPECT_EQ(cf_ruleset_find(&id, rules_.get(), CF_KIND_EVENT, name), CF_OK) << name;
    return id;
  }

  static std::string explain(const cf_case* c, const char* as_of) {
    size_t len = 0;
    EXPECT_EQ(cf_case_explain(nullptr, 0, &len, c, "E2", day(as_of)), CF_BUFFER_TOO_SMALL);
    std::vector<char> buf(len + 1);
    EXPECT_EQ(cf_case_explain(buf.data(), buf.size(), &len, c, "E2", day(as_of)), CF_OK) << cf_last_error();
    return std::string(buf.data(), len);
  }

  std::unique_ptr<cf_ruleset, Deleter> rules_;
};

// Every step's text, depth first, as the explanation lists them.
void texts(const Json& steps, std::vector<std::string>& out) {
  for (const Json& s : steps) {
    out.push_back(s["text"]);
    texts(s["because"], out);
  }
}

const Json& named(const Json& list, const std::string& name) {
  for (const Json& x : list)
    if (x["name"] == name) return x;
  static const Json none;
  ADD_FAILURE() << "no " << name << " in " << list.dump();
  return none;
}

TEST_F(ExampleTwo, ExplainsTheCaseWithItsArithmetic) {
  const auto c = play(true);
  const Json j = Json::parse(explain(c.get(), "2018-09-01"));
  EXPECT_EQ(j["case"], "E2");
  EXPECT_EQ(j["as_of"], "2018-09-01");
  EXPECT_EQ(j["state"], "job_clarification");
  EXPECT_EQ(j["day1"], "2018-01-08");
  ASSERT_EQ(j["transitions"].size(), 3u);
  // 1 Aug 2018: the point (31 Jul) + 1 day, or the refusal's day + 1, whichever is later.
  const Json& start = j["transitions"][2];
  EXPECT_EQ(start["timer"], "job_clarification_start");
  EXPECT_EQ(start["timer_run"]["started"], "2018-07-10");
  const Json& run = start["timer_run"]["date"];
  EXPECT_TRUE(run["recorded"]);
  EXPECT_EQ(run["result"], "2018-08-01");
  std::vector<std::string> steps;
  texts(run["steps"], steps);
  EXPECT_NE(std::find(steps.begin(), steps.end(), "the later of 1 Aug 2018 and 11 Jul 2018 is 1 Aug 2018"), steps.end());

  const Json& meeting = named(j["obligations"], "rehabilitation_team_meeting");
  EXPECT_EQ(meeting["due"], "2018-08-29");
  EXPECT_EQ(meeting["status"], "overdue");
  EXPECT_EQ(meeting["arose"], "2018-08-01");
  EXPECT_EQ(meeting["due_date"]["result"], "2018-08-29");
  steps.clear();
  texts(meeting["due_date"]["steps"], steps);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].rfind("1 Aug 2018 (the day it arose) + 28 days (team_meeting_days", 0), 0u) << steps[0];
  EXPECT_NE(steps[0].find("= 29 Aug 2018"), std::string::npos) << steps[0];

  ASSERT_EQ(j["timers"].size(), 1u);
  EXPECT_EQ(j["timers"][0]["name"], "job_clarification_end");
  EXPECT_EQ(j["timers"][0]["due"], "2020-07-31");
  EXPECT_EQ(j["timers"][0]["date"]["result"], "2020-07-31");
  EXPECT_TRUE(j["disagreements"].empty());
}

#ifdef CASEFLOW_CLI
// Each step of the JSON is a line of `caseflow explain`'s text, in the same order.
TEST_F(ExampleTwo, TheStepsAreTheOnesCaseflowExplainPrints) {
  const std::string command = std::string(CASEFLOW_CLI) + " explain --rules dk --events " + CASEFLOW_SOURCE_DIR +
                              "/examples/data/example-case.jsonl --case E2 --date 2018-09-01";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  ASSERT_TRUE(pipe);
  std::string printed;
  char chunk[4096];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, pipe.get())) > 0;) printed.append(chunk, n);

  const auto c = play(true);
  const Json j = Json::parse(explain(c.get(), "2018-09-01"));
  std::vector<std::string> steps;
  for (const Json& t : j["transitions"])
    if (t.contains("timer_run")) texts(t["timer_run"]["date"]["steps"], steps);
  for (const Json& o : j["obligations"]) texts(o["due_date"]["steps"], steps);
  for (const Json& t : j["timers"]) texts(t["date"]["steps"], steps);
  ASSERT_GT(steps.size(), 5u);
  std::size_t at = 0;
  for (const std::string& s : steps) {
    const std::size_t found = printed.find("- " + s + "\n", at);
    ASSERT_NE(found, std::string::npos) << "not printed (after offset " << at << "): " << s << "\n" << printed;
    at = found;
  }
}
#endif

TEST_F(ExampleTwo, WithoutRecordingTheDatesAreWorkedOutAgain) {
  const auto recorded = play(true), plain = play(false);
  const Json a = Json::parse(explain(recorded.get(), "2018-09-01"));
  const Json b = Json::parse(explain(plain.get(), "2018-09-01"));
  ASSERT_EQ(a["obligations"].size(), b["obligations"].size());
  for (std::size_t i = 0; i < a["obligations"].size(); ++i) {
    EXPECT_EQ(b["obligations"][i]["due_date"]["result"], a["obligations"][i]["due"]);
    EXPECT_FALSE(b["obligations"][i]["due_date"]["recorded"]);
    EXPECT_TRUE(a["obligations"][i]["due_date"]["recorded"]);
  }
  // The timers that fired are named, not explained: nothing kept how their dates were computed.
  EXPECT_FALSE(b["transitions"][1]["timer_run"]["date"]["explained"]);
  EXPECT_EQ(b["disagreements"].size(), 2u);
  EXPECT_EQ(b["timers"][0]["date"]["result"], "2020-07-31");
}

TEST_F(ExampleTwo, TheBufferRulesOfTheHeader) {
  const auto c = play(true);
  size_t len = 0;
  ASSERT_EQ(cf_case_explain(nullptr, 0, &len, c.get(), nullptr, CF_DATE_NONE), CF_BUFFER_TOO_SMALL);
  ASSERT_GT(len, 100u);
  std::vector<char> buf(len + 1, 'x');
  size_t again = 0;
  EXPECT_EQ(cf_case_explain(buf.data(), len, &again, c.get(), nullptr, CF_DATE_NONE), CF_BUFFER_TOO_SMALL);
  EXPECT_EQ(again, len);
  EXPECT_EQ(buf[0], 'x') << "nothing is written when the buffer is too small";
  EXPECT_NE(std::string(cf_last_error()).find(std::to_string(len)), std::string::npos) << cf_last_error();
  ASSERT_EQ(cf_case_explain(buf.data(), buf.size(), &again, c.get(), nullptr, CF_DATE_NONE), CF_OK);
  EXPECT_EQ(buf[len], '\0');
  const Json j = Json::parse(std::string(buf.data()));
  EXPECT_EQ(j["case"], "");
  EXPECT_EQ(j["as_of"], "2018-07-10") << "CF_DATE_NONE is the case's clock";
  // A later date is reached on a copy: the case itself does not move.
  explain(c.get(), "2018-09-01");
  cf_date clock = 0;
  ASSERT_EQ(cf_case_clock(&clock, c.get()), CF_OK);
  EXPECT_EQ(clock, day("2018-07-10"));
}

TEST_F(ExampleTwo, MisuseAndUnopenedCases) {
  size_t len = 0;
  char buf[8];
  EXPECT_EQ(cf_case_explain(buf, sizeof buf, &len, nullptr, nullptr, CF_DATE_NONE), CF_INVALID_ARGUMENT);
  EXPECT_EQ(std::string(cf_last_error()).rfind("cf_case_explain: ", 0), 0u) << cf_last_error();
  EXPECT_EQ(cf_case_record_explanations(nullptr, 1), CF_INVALID_ARGUMENT);
  EXPECT_EQ(std::string(cf_last_error()).rfind("cf_case_record_explanations: ", 0), 0u) << cf_last_error();
  const auto c = play(false);
  EXPECT_EQ(cf_case_explain(buf, sizeof buf, nullptr, c.get(), nullptr, CF_DATE_NONE), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_case_explain(nullptr, 8, &len, c.get(), nullptr, CF_DATE_NONE), CF_INVALID_ARGUMENT);
  EXPECT_EQ(cf_case_explain(buf, sizeof buf, &len, c.get(), nullptr, 3000000), CF_INVALID_ARGUMENT);
  cf_case* fresh = nullptr;
  ASSERT_EQ(cf_case_open(&fresh, rules_.get()), CF_OK);
  EXPECT_EQ(cf_case_explain(buf, sizeof buf, &len, fresh, nullptr, CF_DATE_NONE), CF_NOT_OPEN);
  cf_case_free(fresh);
}

TEST_F(ExampleTwo, CopiesAndRestoresKeepTheirOwnRecording) {
  const auto c = play(true);
  cf_case* copy = nullptr;
  ASSERT_EQ(cf_case_copy(&copy, c.get()), CF_OK);
  std::unique_ptr<cf_case, Deleter> own(copy);
  ASSERT_EQ(cf_case_record_explanations(c.get(), 0), CF_OK);  // forgets what the original kept
  EXPECT_TRUE(Json::parse(explain(copy, "2018-09-01"))["obligations"][1]["due_date"]["recorded"]);
  EXPECT_FALSE(Json::parse(explain(c.get(), "2018-09-01"))["obligations"][1]["due_date"]["recorded"]);
  // The explanations are not part of the case's state: a snapshot restores it, not them.
  size_t size = 0;
  ASSERT_EQ(cf_case_snapshot(nullptr, 0, &size, copy), CF_BUFFER_TOO_SMALL);
  std::vector<unsigned char> bytes(size);
  ASSERT_EQ(cf_case_snapshot(bytes.data(), bytes.size(), &size, copy), CF_OK);
  ASSERT_EQ(cf_case_restore(copy, bytes.data(), bytes.size()), CF_OK);
  EXPECT_FALSE(Json::parse(explain(copy, "2018-07-10"))["obligations"][1]["due_date"]["recorded"]);
}

}  // namespace
