// caseflow-replay STREAM RULESET: replays an sdp-format stream through a rule file with the
// caseload's batch API and prints the summary line; stderr gets `events NE seconds S`.
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>

#include "replay.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: caseflow-replay STREAM RULESET\n"
                 "  STREAM   an sdp-format event stream (see bench/sdp_stream.hpp)\n"
                 "  RULESET  a rule file, or a built-in rule-set name\n";
    return 1;
  }
  try {
    const sdp::Stream stream = sdp::read(argv[1]);
    const caseflow::RuleSet rules = caseflow::RuleSet::resolve(argv[2]);
    const auto t0 = std::chrono::steady_clock::now();
    const sdp::Summary sum = sdp::replay(stream, rules);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << sum.line() << '\n';
    std::fprintf(stderr, "events %zu seconds %.6f\n", stream.records.size(), seconds);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "caseflow-replay: error: " << e.what() << '\n';
    return 2;
  }
}
