#include "sdp_handwritten.hpp"

#include <limits>

namespace sdp {

namespace {
enum State : std::uint8_t { SICK, EXTENDED, JOBCLAR, REHAB, RESOURCE, FLEX, PENSION, CLOSED };
enum Type : std::uint8_t { RECOVER, EXTEND, REFER, RECOMMEND, FOLLOWUP };
constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();
}  // namespace

Summary replay_handwritten(const Stream& s, const Numbers& k) {
  const std::size_t n = s.start.size();
  std::vector<std::uint8_t> state(n, SICK);
  std::vector<std::int32_t> timer(n), last(n), followup_due(n);
  for (std::size_t c = 0; c < n; ++c) {
    timer[c] = s.start[c] + k.sick_days;
    last[c] = s.start[c];
    followup_due[c] = s.start[c] + k.followup_days;
  }
  // Fires the case's timer while it is due on or before `day`.
  const auto fire = [&](std::size_t c, std::int32_t day) {
    while (timer[c] <= day) {
      const std::int32_t due = timer[c];
      timer[c] = kNever;
      switch (state[c]) {
        case SICK:
        case EXTENDED: state[c] = JOBCLAR; last[c] = due; break;
        case RESOURCE: state[c] = REHAB; last[c] = due; break;
        default: break;
      }
    }
  };
  const auto enter_final = [&](std::size_t c, State to, std::int32_t day) {
    state[c] = to;
    last[c] = day;
    timer[c] = kNever;
    followup_due[c] = kNever;
  };
  Summary sum;
  for (const Record& r : s.records) {
    if (r.case_id >= n || r.day < s.start[r.case_id] || r.type > FOLLOWUP || (r.type == RECOMMEND && r.arg > 3)) {
      ++sum.rejected;
      continue;
    }
    const std::size_t c = r.case_id;
    fire(c, r.day);
    bool ok = true;
    switch (r.type) {
      case RECOVER:
        if (state[c] == SICK || state[c] == EXTENDED || state[c] == JOBCLAR) enter_final(c, CLOSED, r.day);
        else ok = false;
        break;
      case EXTEND:
        if (state[c] == SICK) {
          state[c] = EXTENDED;
          last[c] = r.day;
          timer[c] = r.day + 7 * r.arg;
        } else {
          ok = false;
        }
        break;
      case REFER:
        if (state[c] == JOBCLAR || state[c] == RESOURCE) {
          state[c] = REHAB;
          last[c] = r.day;
          timer[c] = kNever;
        } else {
          ok = false;
        }
        break;
      case RECOMMEND:
        if (state[c] != REHAB) {
          ok = false;
          break;
        }
        switch (r.arg) {
          case 0: state[c] = RESOURCE; last[c] = r.day; timer[c] = r.day + k.resource_days; break;
          case 1: enter_final(c, FLEX, r.day); break;
          case 2: enter_final(c, PENSION, r.day); break;
          default: state[c] = JOBCLAR; last[c] = r.day; timer[c] = kNever; break;
        }
        break;
      case FOLLOWUP:
        if (state[c] >= FLEX) {
          ok = false;
          break;
        }
        if (followup_due[c] != kNever && r.day > followup_due[c]) ++sum.late;
        followup_due[c] = r.day + k.followup_days;
        break;
    }
    if (!ok) ++sum.rejected;
  }
  sum.states.assign(8, 0);
  sum.timers.assign(3, 0);
  for (std::size_t c = 0; c < n; ++c) {
    fire(c, s.end_day);
    ++sum.states[state[c]];
    if (timer[c] != kNever) ++sum.timers[state[c] == SICK ? 0 : state[c] == EXTENDED ? 1 : 2];
    sum.add_case(static_cast<std::uint32_t>(c), state[c], last[c]);
  }
  return sum;
}

}  // namespace sdp
