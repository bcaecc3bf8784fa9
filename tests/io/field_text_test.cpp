// The io layer: one reading of a field's value from text (parse_field_text), which the JSON Lines
// reader (for string values) and the CSV reader (for every cell) share, so that both readers give
// the same value, and the same message, for the same text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "caseflow/io.hpp"

namespace caseflow {
namespace {

class FieldTextTest : public ::testing::Test {
 protected:
  const RuleSet dk = RuleSet::builtin("dk");
  std::uint16_t event(const char* name) const { return *dk.find(Kind::event, name); }
  std::uint16_t field(const char* ev, const char* name) const { return *dk.find_field(event(ev), name); }

  // The one event a CSV text of a header and one row gives; its message when it gives none.
  ParsedEvent from_csv(const std::string& text, std::string& message, StringTable* strings = nullptr) const {
    ParsedEvent out;
    CsvEventReader reader(dk, strings);
    reader.read(
        text, [&](std::size_t, ParsedEvent& ev) { out = ev; },
        [&](std::size_t, const std::string&, const std::string& m) { message = m; });
    return out;
  }
  ParsedEvent from_json(const std::string& line, std::string& message, StringTable* strings = nullptr) const {
    ParsedEvent out;
    JsonEventReader reader(dk, strings);
    if (!reader.parse(line, out, message)) out.fields.clear();
    return out;
  }
};

TEST_F(FieldTextTest, EachTypeFromText) {
  StringTable strings;
  std::vector<DateInterval> pairs;
  FieldValue v;
  std::string error;
  ASSERT_TRUE(parse_field_text(dk, event("decision"), field("decision", "outcome"), "flex_job", &strings, pairs, v, error));
  EXPECT_TRUE(v.present);
  EXPECT_EQ(v.number, 1);
  ASSERT_TRUE(parse_field_text(dk, event("decision"), field("decision", "until"), "2019-02-28", &strings, pairs, v, error));
  EXPECT_EQ(v.number, Date::from_ymd(2019, 2, 28).days());
  ASSERT_TRUE(parse_field_text(dk, event("decision"), field("decision", "documented"), "true", &strings, pairs, v, error));
  EXPECT_EQ(v.number, 1);
  ASSERT_TRUE(parse_field_text(dk, event("visitation"), field("visitation", "category"), "-12", &strings, pairs, v, error));
  EXPECT_EQ(v.number, -12);
  const auto worker = field("caseworker_assigned", "caseworker");
  ASSERT_TRUE(parse_field_text(dk, event("caseworker_assigned"), worker, "Mette Holm", &strings, pairs, v, error));
  const std::int64_t mette = v.number;
  ASSERT_TRUE(parse_field_text(dk, event("caseworker_assigned"), worker, "Anna Berg", &strings, pairs, v, error));
  EXPECT_NE(v.number, mette);
  ASSERT_TRUE(parse_field_text(dk, event("caseworker_assigned"), worker, "Mette Holm", &strings, pairs, v, error));
  EXPECT_EQ(v.number, mette) << "the same text, the same id";
  EXPECT_EQ(strings.text(mette), "Mette Holm");
  const auto prior = field("sick_listed", "prior_paid_periods");
  ASSERT_TRUE(parse_field_text(dk, event("sick_listed"), prior, "2017-11-01:2017-12-31;2018-02-01:2018-02-28", &strings,
                               pairs, v, error));
  ASSERT_EQ(v.pair_count, 2u);
  EXPECT_EQ(v.pairs, pairs.data());
  EXPECT_EQ(pairs[1].first, Date::from_ymd(2018, 2, 1));
  EXPECT_EQ(pairs[1].last, Date::from_ymd(2018, 2, 28));
}

TEST_F(FieldTextTest, BadTextGivesTheReasonAndLeavesTheValue) {
  std::vector<DateInterval> pairs;
  FieldValue v;
  v.number = 42;
  std::string error;
  const auto fails = [&](const char* ev, const char* name, const char* text) {
    error.clear();
    EXPECT_FALSE(parse_field_text(dk, event(ev), field(ev, name), text, nullptr, pairs, v, error)) << text;
    return error;
  };
  EXPECT_EQ(fails("decision", "outcome", "pension"), "'pension' is not one of its values");
  EXPECT_EQ(fails("visitation", "category", "2.0"), "'2.0' is not an integer");
  EXPECT_EQ(fails("visitation", "category", ""), "'' is not an integer");
  EXPECT_EQ(fails("decision", "documented", "True"), "'True' is not true or false");
  EXPECT_NE(fails("decision", "until", "2019-02-29").find("2019-02-29"), std::string::npos) << error;
  EXPECT_EQ(fails("sick_listed", "prior_paid_periods", "2017-11-01"), "'2017-11-01' is not a pair first:last");
  EXPECT_NE(fails("caseworker_assigned", "caseworker", "Mette Holm").find("no string table"), std::string::npos);
  EXPECT_EQ(v.number, 42);
  EXPECT_FALSE(v.present);
}

TEST_F(FieldTextTest, CsvAndJsonReadTheSameTextAlike) {
  StringTable csv_strings, json_strings;
  std::string csv_error, json_error;
  const ParsedEvent csv = from_csv(
      "case,date,event,outcome,until,documented\nC1,2018-08-16,decision,flex_job,2019-02-28,true\n", csv_error,
      &csv_strings);
  const ParsedEvent json = from_json(
      R"({"case":"C1","date":"2018-08-16","event":"decision","outcome":"flex_job","until":"2019-02-28","documented":true})",
      json_error, &json_strings);
  ASSERT_EQ(csv_error, "");
  ASSERT_EQ(json_error, "");
  ASSERT_EQ(csv.fields.size(), 4u);  // outcome, until, documented, requested_by_person (its default)
  ASSERT_EQ(json.fields.size(), 4u);
  for (std::size_t f = 0; f < 4; ++f) {
    EXPECT_EQ(csv.fields[f].present, json.fields[f].present) << f;
    EXPECT_EQ(csv.fields[f].number, json.fields[f].number) << f;
  }
  // A bad enum value or date: the same words after the field's name.
  from_csv("case,date,event,outcome\nC1,2018-08-16,decision,pension\n", csv_error);
  from_json(R"({"case":"C1","date":"2018-08-16","event":"decision","outcome":"pension"})", json_error);
  EXPECT_EQ(csv_error, "field 'outcome' of 'decision': 'pension' is not one of its values");
  EXPECT_EQ(json_error, csv_error);
  from_csv("case,date,event,outcome,until\nC1,2018-08-16,decision,flex_job,2019-02-29\n", csv_error);
  from_json(R"({"case":"C1","date":"2018-08-16","event":"decision","outcome":"flex_job","until":"2019-02-29"})",
            json_error);
  EXPECT_EQ(csv_error.rfind("field 'until' of 'decision': ", 0), 0u) << csv_error;
  EXPECT_EQ(json_error, csv_error);
}

}  // namespace
}  // namespace caseflow
