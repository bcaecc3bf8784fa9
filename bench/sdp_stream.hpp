// sdp-ref streams: the binary event format of the reference workload, its generator, and the
// summary line both replays print (issue: caseload, reference workload sdp-ref).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sdp {

/// One event record, 12 bytes little-endian on disk.
struct Record {
  std::uint32_t case_id;
  std::int32_t day;
  std::uint8_t type;
  std::uint8_t arg;
  std::uint16_t pad;
};
static_assert(sizeof(Record) == 12, "a stream record is 12 bytes");

/// A whole stream: n cases with their start days, the end day, and the records sorted by day.
struct Stream {
  std::int32_t end_day = 0;
  std::vector<std::int32_t> start;
  std::vector<Record> records;
};

/// Reads a stream file; throws std::runtime_error naming the file and the problem.
Stream read(const std::string& path);
/// Writes a stream file.
void write(const Stream& s, const std::string& path);
/// A stream of `cases` cases with a fixed seed: follow-ups, extensions, recoveries, referrals,
/// recommendations, and a few records that must be rejected (bad type, arg, case or day).
Stream generate(std::size_t cases, std::uint64_t seed);

/// What a replay reports: counts by state and timer declaration index, met-late obligations,
/// rejected records, and the FNV-1a 64 checksum over (case, final state, last transition day).
struct Summary {
  std::vector<std::int64_t> states;
  std::vector<std::int64_t> timers;
  std::int64_t late = 0;
  std::int64_t rejected = 0;
  std::uint64_t checksum = 14695981039346656037ULL;

  /// Adds one case to the checksum, in case id order.
  void add_case(std::uint32_t case_id, std::uint8_t state, std::int32_t last_transition_day);
  /// `states S0 … timers T0 … late L rejected R checksum H`.
  std::string line() const;
};

}  // namespace sdp
