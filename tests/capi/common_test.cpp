// The C ABI's common parts through caseflow.h: versions, statuses, the thread-local last error,
// dates, the guard every entry point runs in (a NULL handle is CF_INVALID_ARGUMENT everywhere),
// and one rule-set shared by many threads.
#include "capi_test.hpp"

namespace caseflow_capi_test {
namespace {

// ---------------------------------------------------------------- versions, statuses, dates

TEST(Version, LibraryMatchesHeader) {
  EXPECT_STREQ(cf_version(), CF_VERSION_STRING);
  EXPECT_EQ(cf_abi_version(), CF_ABI_VERSION);
}

TEST(Status, NamesArePinned) {
  EXPECT_STREQ(cf_status_str(CF_OK), "ok");
  EXPECT_STREQ(cf_status_str(CF_NOT_ALLOWED), "not_allowed");
  EXPECT_STREQ(cf_status_str(CF_CORRUPT), "corrupt");
  EXPECT_STREQ(cf_status_str(CF_NO_MEMORY), "no_memory");
  const int not_a_status = 15, not_an_obligation_status = 7;  // unknown, yet within the enums' ranges
  EXPECT_STREQ(cf_status_str(static_cast<cf_status>(not_a_status)), "unknown_status");
  EXPECT_STREQ(cf_obligation_status_str(CF_OBLIGATION_MET_LATE), "met_late");
  EXPECT_STREQ(cf_obligation_status_str(static_cast<cf_obligation_status>(not_an_obligation_status)), "unknown");
}

TEST(LastError, IsPerThreadAndNeverNull) {
  std::string seen_in_thread;
  std::thread([&] { seen_in_thread = cf_last_error(); }).join();
  EXPECT_EQ(seen_in_thread, "");  // nothing failed on that thread
  cf_date d;
  ASSERT_EQ(cf_date_parse(&d, "2018-13-01"), CF_BAD_INPUT);
  const std::string here = cf_last_error();
  std::thread([&] {
    cf_date x;
    cf_date_parse(&x, "not a date");
    seen_in_thread = cf_last_error();
  }).join();
  EXPECT_NE(seen_in_thread.find("not a date"), std::string::npos) << seen_in_thread;
  EXPECT_EQ(cf_last_error(), here) << "another thread's failure must not touch this thread's message";
  // A success does not clear it.
  ASSERT_EQ(cf_date_parse(&d, "2018-01-08"), CF_OK);
  EXPECT_EQ(cf_last_error(), here);
}

TEST(Dates, ParseFormatAndParts) {
  cf_date d = 1;
  ASSERT_EQ(cf_date_parse(&d, "1970-01-01"), CF_OK);
  EXPECT_EQ(d, 0);
  ASSERT_EQ(cf_date_parse(&d, "2018-01-08"), CF_OK);
  EXPECT_EQ(d, 17539);
  EXPECT_EQ(iso(d), "2018-01-08");
  ASSERT_EQ(cf_date_parse(&d, "1969-12-31"), CF_OK);
  EXPECT_EQ(d, -1);
  int y = 0, m = 0, day = 0;
  ASSERT_EQ(cf_date_to_ymd(&y, &m, &day, D("2024-02-29")), CF_OK);
  EXPECT_EQ(y * 10000 + m * 100 + day, 20240229);
  ASSERT_EQ(cf_date_from_ymd(&d, 2024, 2, 29), CF_OK);
  EXPECT_EQ(iso(d), "2024-02-29");
}

TEST(Dates, BadTextIsBadInputNamingTheText) {
  for (const char* text : {"2018-02-30", "2018-1-08", "", "08-01-2018", "2018-01-08T00:00", "1399-12-31", "abcd-ef-gh"}) {
    cf_date d = 12345;
    EXPECT_EQ(cf_date_parse(&d, text), CF_BAD_INPUT) << text;
    EXPECT_EQ(d, 12345) << "no output on failure";
    EXPECT_NE(last_error().find(std::string("'") + text + "'"), std::string::npos) << last_error();
  }
  cf_date d;
  EXPECT_EQ(cf_date_from_ymd(&d, 2025, 2, 29), CF_BAD_INPUT);
  EXPECT_NE(last_error().find("29"), std::string::npos) << last_error();
  EXPECT_EQ(cf_date_parse(&d, nullptr), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("text is NULL"), std::string::npos) << last_error();
  EXPECT_EQ(cf_date_parse(nullptr, "2018-01-08"), CF_INVALID_ARGUMENT);
  EXPECT_NE(last_error().find("out is NULL"), std::string::npos) << last_error();
}

TEST(Dates, FormatNeedsElevenBytesAndACalendarDay) {
  char small[10];
  std::memset(small, 'x', sizeof small);
  EXPECT_EQ(cf_date_format(small, sizeof small, 0), CF_BUFFER_TOO_SMALL);
  EXPECT_EQ(small[0], 'x') << "nothing written on failure";
  EXPECT_NE(last_error().find("11"), std::string::npos) << last_error();
  char buf[CF_DATE_ISO_SIZE];
  EXPECT_EQ(cf_date_format(buf, sizeof buf, CF_DATE_NONE), CF_BAD_INPUT);
  EXPECT_EQ(cf_date_format(nullptr, 11, 0), CF_INVALID_ARGUMENT);
}

// ---------------------------------------------------------------- every entry point

TEST_F(DkTest, NullHandleIsInvalidArgumentForEveryEntryPoint) {
  cf_date d;
  uint16_t id;
  size_t n;
  int flag;
  int64_t v;
  const char* s;
  char* text;
  cf_case* c;
  cf_caseload* cl;
  uint32_t idx;
  const cf_case* borrowed;
  const std::vector<std::pair<const char*, std::function<cf_status()>>> calls = {
      {"cf_ruleset_name", [&] { return cf_ruleset_name(&s, nullptr); }},
      {"cf_ruleset_count", [&] { return cf_ruleset_count(&n, nullptr, CF_KIND_STATE); }},
      {"cf_ruleset_find", [&] { return cf_ruleset_find(&id, nullptr, CF_KIND_STATE, "closed"); }},
      {"cf_ruleset_name_of", [&] { return cf_ruleset_name_of(&s, nullptr, CF_KIND_STATE, 0); }},
      {"cf_ruleset_legal_ref", [&] { return cf_ruleset_legal_ref(&s, nullptr, CF_KIND_RULE, 0); }},
      {"cf_ruleset_state_is_final", [&] { return cf_ruleset_state_is_final(&flag, nullptr, 0); }},
      {"cf_ruleset_variable_type", [&] {
         cf_field_type t;
         return cf_ruleset_variable_type(&t, nullptr, 0);
       }},
      {"cf_ruleset_field_count", [&] { return cf_ruleset_field_count(&n, nullptr, 0); }},
      {"cf_ruleset_find_field", [&] { return cf_ruleset_find_field(&id, nullptr, 0, "employment"); }},
      {"cf_ruleset_field_name", [&] { return cf_ruleset_field_name(&s, nullptr, 0, 0); }},
      {"cf_ruleset_field_type", [&] {
         cf_field_type t;
         return cf_ruleset_field_type(&t, nullptr, 0, 0);
       }},
      {"cf_ruleset_find_enum_value", [&] { return cf_ruleset_find_enum_value(&v, nullptr, 0, 0, "employee"); }},
      {"cf_ruleset_enum_value_name", [&] { return cf_ruleset_enum_value_name(&s, nullptr, 0, 0, 0); }},
      {"cf_ruleset_dot", [&] { return cf_ruleset_dot(&text, nullptr, nullptr); }},
      {"cf_case_open", [&] { return cf_case_open(&c, nullptr); }},
      {"cf_case_copy", [&] { return cf_case_copy(&c, nullptr); }},
      {"cf_case_ruleset", [&] {
         cf_ruleset* r;
         return cf_case_ruleset(&r, nullptr);
       }},
      {"cf_caseload_ruleset", [&] {
         cf_ruleset* r;
         return cf_caseload_ruleset(&r, nullptr);
       }},
      {"cf_case_apply", [&] { return cf_case_apply(nullptr, 0, 0, nullptr, 0); }},
      {"cf_case_advance", [&] { return cf_case_advance(nullptr, 0); }},
      {"cf_case_start", [&] { return cf_case_start(nullptr, 0); }},
      {"cf_caseload_start", [&] { return cf_caseload_start(nullptr, 0, 0); }},
      {"cf_case_is_open", [&] { return cf_case_is_open(&flag, nullptr); }},
      {"cf_case_state", [&] { return cf_case_state(&id, nullptr); }},
      {"cf_case_is_final", [&] { return cf_case_is_final(&flag, nullptr); }},
      {"cf_case_clock", [&] { return cf_case_clock(&d, nullptr); }},
      {"cf_case_day1", [&] { return cf_case_day1(&d, nullptr); }},
      {"cf_case_reason", [&] { return cf_case_reason(&s, nullptr); }},
      {"cf_case_point", [&] { return cf_case_point(&d, nullptr, "reassessment_point"); }},
      {"cf_case_variable", [&] { return cf_case_variable(&v, nullptr, "category"); }},
      {"cf_case_obligations", [&] { return cf_case_obligations(nullptr, 0, &n, nullptr, 0); }},
      {"cf_case_timers", [&] { return cf_case_timers(nullptr, 0, &n, nullptr); }},
      {"cf_case_allowed_events", [&] { return cf_case_allowed_events(nullptr, 0, &n, nullptr); }},
      {"cf_case_trace", [&] { return cf_case_trace(nullptr, 0, &n, nullptr); }},
      {"cf_case_json", [&] { return cf_case_json(&text, nullptr, nullptr, "x", 0); }},
      {"cf_case_snapshot", [&] { return cf_case_snapshot(nullptr, 0, &n, nullptr); }},
      {"cf_case_restore", [&] { return cf_case_restore(nullptr, "CFSN", 4); }},
      {"cf_caseload_new", [&] { return cf_caseload_new(&cl, nullptr); }},
      {"cf_caseload_new_on_path", [&] { return cf_caseload_new_on_path(&cl, nullptr, CF_PATH_FAST_IF_POSSIBLE); }},
      {"cf_caseload_is_fast", [&] { return cf_caseload_is_fast(&flag, nullptr); }},
      {"cf_caseload_bytes_per_case", [&] { return cf_caseload_bytes_per_case(&n, nullptr); }},
      {"cf_caseload_add_case", [&] { return cf_caseload_add_case(&idx, nullptr, "x"); }},
      {"cf_caseload_find_case", [&] { return cf_caseload_find_case(&idx, nullptr, "x"); }},
      {"cf_caseload_case_id", [&] { return cf_caseload_case_id(&s, nullptr, 0); }},
      {"cf_caseload_size", [&] { return cf_caseload_size(&n, nullptr); }},
      {"cf_caseload_case", [&] { return cf_caseload_case(&borrowed, nullptr, 0); }},
      {"cf_caseload_intern", [&] { return cf_caseload_intern(&v, nullptr, "x"); }},
      {"cf_caseload_string", [&] { return cf_caseload_string(&s, nullptr, 0); }},
      {"cf_caseload_apply", [&] { return cf_caseload_apply(nullptr, 0, 0, 0, nullptr, 0); }},
      {"cf_caseload_apply_batch", [&] { return cf_caseload_apply_batch(&n, nullptr, nullptr, nullptr, 0); }},
      {"cf_caseload_apply_compact", [&] { return cf_caseload_apply_compact(&n, nullptr, nullptr, nullptr, 0); }},
      {"cf_caseload_open_cases", [&] { return cf_caseload_open_cases(&n, nullptr, nullptr, 0, nullptr, 0); }},
      {"cf_caseload_export_states", [&] { return cf_caseload_export_states(nullptr, nullptr, nullptr, 0, 0); }},
      {"cf_caseload_batch_message", [&] { return cf_caseload_batch_message(&s, nullptr, 0); }},
      {"cf_caseload_advance", [&] { return cf_caseload_advance(nullptr, 0, 1); }},
      {"cf_caseload_count_by_state", [&] { return cf_caseload_count_by_state(nullptr, 0, &n, nullptr); }},
      {"cf_caseload_entering_week", [&] { return cf_caseload_entering_week(nullptr, 0, &n, nullptr, 8, 0, 1); }},
      {"cf_caseload_overdue", [&] { return cf_caseload_overdue(nullptr, 0, &n, nullptr, CF_ID_NONE, 0); }},
      {"cf_caseload_due_within", [&] { return cf_caseload_due_within(nullptr, 0, &n, nullptr, 0, 1); }},
      {"cf_caseload_supervision_sample",
       [&] { return cf_caseload_supervision_sample(nullptr, 0, &n, nullptr, 10, 1, 0); }},
      {"cf_caseload_over_weeks_by", [&] { return cf_caseload_over_weeks_by(nullptr, 0, &n, nullptr, 26, 0, "team"); }},
      {"cf_caseload_flagged", [&] { return cf_caseload_flagged(nullptr, 0, &n, nullptr, "x"); }},
      {"cf_caseload_points_within",
       [&] { return cf_caseload_points_within(nullptr, 0, &n, nullptr, "reassessment_point", 0, 1); }},
      {"cf_caseload_closures", [&] { return cf_caseload_closures(nullptr, 0, &n, nullptr, "caseworker", "technical"); }},
      {"cf_caseload_variable_changes", [&] { return cf_caseload_variable_changes(nullptr, 0, &n, nullptr, "caseworker"); }},
      {"cf_caseload_open_by", [&] { return cf_caseload_open_by(nullptr, 0, &n, nullptr, "caseworker"); }},
      {"cf_caseload_holding", [&] { return cf_caseload_holding(nullptr, 0, &n, nullptr, "provider"); }},
      {"cf_caseload_punctuality", [&] {
         cf_punctuality p;
         return cf_caseload_punctuality(&p, nullptr, nullptr, 0, 0);
       }},
  };
  for (const auto& [name, call] : calls) {
    EXPECT_EQ(call(), CF_INVALID_ARGUMENT) << name;
    EXPECT_EQ(last_error().rfind(std::string(name) + ": ", 0), 0u) << name << ": " << last_error();
    EXPECT_NE(last_error().find("is NULL"), std::string::npos) << name << ": " << last_error();
  }
  // Free functions accept NULL.
  cf_ruleset_free(nullptr);
  cf_case_free(nullptr);
  cf_caseload_free(nullptr);
  cf_string_free(nullptr);
}

// ---------------------------------------------------------------- threads

TEST(Threads, OneRulesetSharedByManyThreads) {
  RulesetPtr rs = builtin("dk");
  const uint16_t sick = id_of(rs.get(), CF_KIND_EVENT, "sick_listed");
  const uint16_t refused = id_of(rs.get(), CF_KIND_EVENT, "extension_refused");
  const auto fields = fields_of(rs.get(), sick, {{"employment", "employee"}});
  std::vector<std::vector<uint8_t>> results(4);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        cf_case* c = nullptr;
        if (cf_case_open(&c, rs.get()) != CF_OK) ++failures;
        if (cf_case_apply(c, sick, 17539, fields.data(), fields.size()) != CF_OK) ++failures;
        if (cf_case_apply(c, refused, 17722, nullptr, 0) != CF_OK) ++failures;
        if (cf_case_advance(c, 17775) != CF_OK) ++failures;
        size_t size = 0;
        cf_case_snapshot(nullptr, 0, &size, c);
        std::vector<uint8_t> bytes(size);
        if (cf_case_snapshot(bytes.data(), size, &size, c) != CF_OK) ++failures;
        results[t] = bytes;
        cf_case_free(c);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  for (int t = 1; t < 4; ++t) EXPECT_EQ(results[t], results[0]);
}

}  // namespace
}  // namespace caseflow_capi_test
