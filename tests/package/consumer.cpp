// The smallest C++ client of the installed package: linked to caseflow::caseflow_static and its
// C++ API (include <caseflow/*.hpp>), it opens a case of the built-in dk, applies an event given
// in code and one read from a JSON line, and reads the case back and its explanation.
#include <caseflow/engine.hpp>
#include <caseflow/io.hpp>
#include <caseflow/ruleset.hpp>
#include <caseflow/version.hpp>

#include <cstdio>
#include <string>

int main() {
  using namespace caseflow;
  try {
    const RuleSet dk = RuleSet::builtin("dk");
    const std::uint16_t sick_listed = *dk.find(Kind::event, "sick_listed");
    const std::uint16_t employment = *dk.find_field(sick_listed, "employment");
    FieldValue fields[1];
    fields[0].present = true;
    fields[0].number = *dk.find_enum_value(sick_listed, employment, "employee");
    Case c(dk);
    c.record_explanations(true);  // each date keeps how it was computed, for explain()
    const Outcome opened = c.apply(EventInput{sick_listed, Date::parse("2018-01-08"), fields, 1});
    if (!opened) {
      std::fprintf(stderr, "sick_listed: %s\n", c.describe(opened).c_str());
      return 1;
    }
    JsonEventReader reader(dk);
    ParsedEvent refused;
    std::string error;
    if (!reader.parse(R"({"case":"E2","date":"2018-07-10","event":"extension_refused"})", refused, error)) {
      std::fprintf(stderr, "extension_refused: %s\n", error.c_str());
      return 1;
    }
    const Outcome applied = c.apply(refused.input());
    c.advance(Date::parse("2018-09-01"));
    if (!applied || dk.state_name(c.state()) != "job_clarification") {
      std::fprintf(stderr, "expected job_clarification on 2018-09-01, got %s\n", dk.state_name(c.state()).c_str());
      return 1;
    }
    const CaseExplanation why = c.explain(c.clock());
    if (why.state != "job_clarification" || !why.disagreements().empty()) {
      std::fprintf(stderr, "the explanation says %s with %zu disagreements\n", why.state.c_str(), why.disagreements().size());
      return 1;
    }
    std::printf("caseflow %s, C++ API: case E2 opened %s, %s on 2018-09-01\n%s\n%s", CASEFLOW_VERSION_STRING,
                c.day1().iso().c_str(), dk.state_name(c.state()).c_str(), timeline_json("E2", c, c.clock()).c_str(),
                explanation_text(why, "E2").c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "caseflow: %s\n", e.what());
    return 1;
  }
}
