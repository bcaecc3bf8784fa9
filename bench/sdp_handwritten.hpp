// The yardstick: sdp-ref replayed by a hand-written switch, as a programmer would write it for
// this one workload. The data-driven replay (replay.hpp) must match its summary line exactly and
// at least its speed.
#pragma once

#include "sdp_stream.hpp"

namespace sdp {

/// The workload's numbers, so that a test can change one in both replays.
struct Numbers {
  std::int32_t sick_days = 154;
  std::int32_t resource_days = 730;
  std::int32_t followup_days = 28;
};

/// Replays a stream by hand: a switch on the record type, then on the state.
Summary replay_handwritten(const Stream& s, const Numbers& numbers = {});

}  // namespace sdp
