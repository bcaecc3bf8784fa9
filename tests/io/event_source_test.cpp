// The one event source: JSON Lines read in blocks by simdjson's document stream give exactly the
// events, line numbers and messages of reading line by line; CSV with `,` or `;`; what cannot be
// read at all is an InputError before any event.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "caseflow/event_source.hpp"

namespace caseflow {
namespace {

struct Seen {
  std::vector<std::pair<std::size_t, std::string>> events;  // line, case
  std::vector<std::pair<std::size_t, std::string>> errors;  // line, message
};

Seen read_all(EventSource& source) {
  Seen seen;
  source.read([&](std::size_t line, ParsedEvent& ev) { seen.events.emplace_back(line, ev.case_id); },
              [&](std::size_t line, const std::string&, const std::string& message) { seen.errors.emplace_back(line, message); });
  return seen;
}

// The same text, line by line through JsonEventReader::parse: what the block reader must match.
Seen line_by_line(const RuleSet& rules, const std::string& text) {
  Seen seen;
  JsonEventReader reader(rules);
  ParsedEvent ev;
  std::string error;
  std::size_t number = 0, at = 0;
  while (at < text.size()) {
    const std::size_t nl = text.find('\n', at);
    const std::string line = text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    at = nl == std::string::npos ? text.size() : nl + 1;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (reader.parse(line, ev, error)) seen.events.emplace_back(number, ev.case_id);
    else seen.errors.emplace_back(number, error);
  }
  return seen;
}

const char* const kSick = R"({"case":"%s","date":"2025-01-06","event":"sick_listed","employment":"employee"})";

std::string sick(const std::string& id) {
  char buf[256];
  std::snprintf(buf, sizeof buf, kSick, id.c_str());
  return buf;
}

TEST(EventSource, JsonLinesInBlocksReadAsLineByLine) {
  const RuleSet dk = RuleSet::builtin("dk");
  // Lines 1-14: good, blank, bad JSON, two values on a line, a value across two lines (5-6),
  // trailing text, not an object, a schema error, good with CRLF, whitespace only, good, unknown
  // event, and a last line without its newline.
  const std::string text = sick("A") + "\n\n{\"case\":\n" + sick("B") + " " + sick("C") + "\n" +
                           "{\"case\":\"D\",\n\"date\":\"2025-01-06\",\"event\":\"sick_listed\",\"employment\":\"employee\"}\n" +
                           sick("E") + " x\n[1]\n{\"case\":\"F\",\"date\":\"2025-01-06\",\"event\":\"sick_listed\"}\n" + sick("G") +
                           "\r\n   \n" + sick("H") + "\n{\"case\":\"I\",\"date\":\"2025-01-06\",\"event\":\"nope\"}\n" + sick("J");
  EventSource source = EventSource::from_text(dk, text, "t");
  ASSERT_EQ(source.format(), EventFormat::json_lines);
  const Seen got = read_all(source);
  const Seen want = line_by_line(dk, text);
  EXPECT_EQ(got.events, want.events);
  EXPECT_EQ(got.errors, want.errors);
  // By hand: A on 1, G on 10, H on 12, J on 14; errors on 3, 4, 5, 6, 7, 8, 9, 13.
  EXPECT_EQ(got.events, (std::vector<std::pair<std::size_t, std::string>>{{1, "A"}, {10, "G"}, {12, "H"}, {14, "J"}}));
  std::vector<std::size_t> error_lines;
  for (const auto& e : got.errors) error_lines.push_back(e.first);
  EXPECT_EQ(error_lines, (std::vector<std::size_t>{3, 4, 5, 6, 7, 8, 9, 13}));
}

TEST(EventSource, BlocksOfAFileKeepTheLineNumbers) {
  const RuleSet dk = RuleSet::builtin("dk");
  const std::string path = testing::TempDir() + "/caseflow_many.jsonl";
  {
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF";  // a byte-order mark
    for (int i = 1; i <= 120000; ++i) out << (i % 40000 == 0 ? std::string("{bad") : sick("C" + std::to_string(i))) << "\n";
  }
  EventSource source = EventSource::open(dk, path);
  const Seen got = read_all(source);
  EXPECT_EQ(got.events.size(), 119997u);
  ASSERT_EQ(got.errors.size(), 3u);  // lines 40000, 80000, 120000, across the 4 MiB blocks
  EXPECT_EQ(got.errors[0].first, 40000u);
  EXPECT_EQ(got.errors[1].first, 80000u);
  EXPECT_EQ(got.errors[2].first, 120000u);
  EXPECT_EQ(got.events.front(), std::make_pair(std::size_t{1}, std::string("C1")));
  EXPECT_EQ(got.events.back(), std::make_pair(std::size_t{119999}, std::string("C119999")));
  EXPECT_EQ(source.bytes_read(), *source.size());
  std::remove(path.c_str());
}

TEST(EventSource, CsvWithCommasOrSemicolons) {
  const RuleSet dk = RuleSet::builtin("dk");
  for (const std::string& text : {std::string("case,date,event,employment\nA,2025-01-06,sick_listed,employee\nB,2025-01-06,nope,\n"),
                                 std::string("\xEF\xBB\xBF" "case;date;event;employment\r\nA;2025-01-06;sick_listed;employee\r\nB;2025-01-06;nope;\r\n")}) {
    EventSource source = EventSource::from_text(dk, text, "t.csv");
    ASSERT_EQ(source.format(), EventFormat::csv);
    const Seen got = read_all(source);
    EXPECT_EQ(got.events, (std::vector<std::pair<std::size_t, std::string>>{{2, "A"}}));
    ASSERT_EQ(got.errors.size(), 1u);
    EXPECT_EQ(got.errors[0].first, 3u);
    EXPECT_NE(got.errors[0].second.find("unknown event 'nope'"), std::string::npos) << got.errors[0].second;
  }
}

TEST(EventSource, UnreadableInputIsAnInputError) {
  const RuleSet dk = RuleSet::builtin("dk");
  const auto message = [&](const auto& make) -> std::string {
    try {
      EventSource s = make();
      read_all(s);
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_NE(message([&] { return EventSource::open(dk, "/no/such/events.jsonl"); }).find("cannot open the events"), std::string::npos);
  EXPECT_NE(message([&] { return EventSource::open(dk, testing::TempDir()); }).find("is a directory"), std::string::npos);
  const std::string empty = testing::TempDir() + "/caseflow_empty.jsonl";
  std::ofstream(empty).close();
  EXPECT_NE(message([&] { return EventSource::open(dk, empty); }).find("the input is empty"), std::string::npos);
  std::remove(empty.c_str());
  EXPECT_EQ(message([&] { return EventSource::from_text(dk, "case,event\nA,sick_listed\n", "h.csv"); }),
            "h.csv:1: the header row must name the columns case, date and event");
  EXPECT_NE(message([&] { return EventSource::from_text(dk, "case,date,event\nA,\"2025\"-01-06,x\n", "q.csv", EventFormat::csv); })
                .find("q.csv:"),
            std::string::npos);
}

TEST(EventSource, FormatNames) {
  EXPECT_EQ(event_format_named("JSONL"), EventFormat::json_lines);
  EXPECT_EQ(event_format_named("csv"), EventFormat::csv);
  EXPECT_EQ(event_format_named("Auto"), EventFormat::detect);
  EXPECT_FALSE(event_format_named("xml"));
}

}  // namespace
}  // namespace caseflow
