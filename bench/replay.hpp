// The data-driven replay: any rule file, any stream in the sdp format, through the caseload's
// batch API. It knows nothing of sdp-ref: record types are events by declaration index, the arg
// is the event's one field (an int, or an enum value's index), states and timers are counted by
// declaration index.
#pragma once

#include "caseflow/caseload.hpp"
#include "sdp_stream.hpp"

namespace sdp {

/// Replays `s` under `rules` (cases open with open_at on their start day), advancing every case
/// to the end day. `path` chooses the caseload's path (the fast one when the rule-set fits).
Summary replay(const Stream& s, const caseflow::RuleSet& rules,
               caseflow::CaseloadPath path = caseflow::CaseloadPath::fast_if_possible,
               std::size_t* bytes_per_case = nullptr);

}  // namespace sdp
