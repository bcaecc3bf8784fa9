// sdp-generate N OUT [SEED]: writes an sdp-format stream of N cases (fixed seed by default).
// sdp-handwritten STREAM: replays it with the hand-written yardstick, same output as caseflow-replay.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>

#include "sdp_handwritten.hpp"

int main(int argc, char** argv) {
  try {
    const std::string tool = argc > 0 ? argv[0] : "";
    if (tool.size() >= 15 && tool.compare(tool.size() - 15, 15, "sdp-handwritten") == 0) {
      if (argc != 2) {
        std::cerr << "usage: sdp-handwritten STREAM\n";
        return 1;
      }
      const sdp::Stream s = sdp::read(argv[1]);
      const auto t0 = std::chrono::steady_clock::now();
      const sdp::Summary sum = sdp::replay_handwritten(s);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::cout << sum.line() << '\n';
      std::fprintf(stderr, "events %zu seconds %.6f\n", s.records.size(), seconds);
      return 0;
    }
    if (argc < 3 || argc > 4) {
      std::cerr << "usage: sdp-generate CASES OUT [SEED]\n";
      return 1;
    }
    const std::size_t cases = std::stoull(argv[1]);
    const std::uint64_t seed = argc == 4 ? std::stoull(argv[3]) : 1;
    const sdp::Stream s = sdp::generate(cases, seed);
    sdp::write(s, argv[2]);
    std::cerr << "wrote " << s.records.size() << " events for " << cases << " cases to " << argv[2] << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  }
}
