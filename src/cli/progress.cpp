#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/report.hpp"

namespace caseflow::cli {

EventSource open_events(const RuleSet& rules, const std::string& path, const std::string& format_name,
                        StringTable* strings) {
  const auto format = event_format_named(format_name);
  if (!format) throw BadInput("--format-in '" + format_name + "': expected auto, jsonl or csv");
  try {
    return EventSource::open(rules, path, *format, strings);
  } catch (const InputError& e) {
    throw BadInput(e.what());
  }
}

Progress::Progress(const EventSource& source)
    : source_(source), enabled_(isatty(2) != 0), start_(std::chrono::steady_clock::now()) {}

void Progress::show(bool last) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (seconds < 1.0 && !shown_) return;
  shown_ = true;
  std::string line = "\rread " + std::to_string(count_) + " events";
  const auto size = source_.size();
  if (size && *size > 0) {
    const double share = static_cast<double>(source_.bytes_read()) / static_cast<double>(*size);
    char buf[96];
    if (last || share <= 0) std::snprintf(buf, sizeof buf, ", %.0f %%", 100.0 * share);
    else std::snprintf(buf, sizeof buf, ", %.0f %%, about %.0f s left", 100.0 * share, seconds * (1 - share) / share);
    line += buf;
  }
  std::cerr << line << "   " << std::flush;
}

void Progress::done() {
  if (!shown_) return;
  show(true);
  std::cerr << '\n';
}

}  // namespace caseflow::cli
