// Reading events as every command does: the event source opened from the command line's words,
// and progress on a terminal (a count, a percentage and an estimate) for reads over a second.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "caseflow/event_source.hpp"

namespace caseflow::cli {

/// The event source for `--events PATH` (`-`: standard input) in `--format-in NAME`; an input
/// that cannot be read, or an unknown format, is BadInput.
EventSource open_events(const RuleSet& rules, const std::string& path, const std::string& format_name,
                        StringTable* strings = nullptr);

/// Progress of a read on standard error, when it is a terminal and the read has taken a second.
class Progress {
 public:
  explicit Progress(const EventSource& source);
  /// One more event read.
  void tick() {
    if (enabled_ && (++count_ & 0xFFF) == 0) show(false);
  }
  /// The read is over: ends the progress line, if one was shown.
  void done();

 private:
  void show(bool last);
  const EventSource& source_;
  bool enabled_;
  bool shown_ = false;
  std::uint64_t count_ = 0;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace caseflow::cli
