// Snapshots of a case: its whole state as portable bytes, and back.
//
// The envelope (header, fingerprint, checksum or MAC) is engine/snapshot_format.hpp's, the whole
// format docs/snapshots.md. The payload holds every member of Case but the rule-set and scratch
// values, in declaration order. Restore checks the envelope, then reads the payload into a fresh
// case and proves every value valid under the rule-set before it touches this one: the checksum
// only catches damage, and a snapshot may have been written by anyone.
#include <cstring>

#include "caseflow/engine.hpp"
#include "engine/snapshot_format.hpp"
#include "engine/case_internal.hpp"
#include "rules/model.hpp"

namespace caseflow {

namespace {

using snapshots::Reader;
using snapshots::require;
using snapshots::Writer;

constexpr char kMagic[5] = "CFSN";
// 1: the first format (reserved flags, CRC-32). 2: the same payload; flags, and keyed snapshots.
constexpr std::uint16_t kOldestVersion = 1;
constexpr std::uint16_t kFormatVersion = 2;
// The longest counting window a point's explanation may name (the law's are 9 to 36 months).
constexpr std::int32_t kMaxWindowMonths = 12 * 100;

void write_intervals(Writer& w, const DateIntervalSet& set) {
  w.count(set.intervals().size());
  for (const DateInterval& iv : set.intervals()) {
    w.i32(iv.first.days());
    w.i32(iv.last.days());
  }
}

// Reads a set and insists it is in the canonical form add() keeps (sorted, disjoint, apart).
DateIntervalSet read_intervals(Reader& r) {
  DateIntervalSet set;
  const std::size_t n = r.count(8);
  std::vector<DateInterval> raw;
  raw.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Date first(r.i32()), last(r.i32());
    require(Date::min() <= first && first <= last && last <= Date::max(), "a date interval is out of range");
    raw.push_back({first, last});
    set.add(first, last);
  }
  require(set.intervals() == raw, "date intervals are not sorted and apart");
  return set;
}

bool in_calendar(std::int32_t d) { return Date::min().days() <= d && d <= Date::max().days(); }
bool in_calendar64(std::int64_t d) { return Date::min().days() <= d && d <= Date::max().days(); }

}  // namespace

std::vector<std::uint8_t> Case::snapshot() const { return snapshot_with(nullptr); }

std::vector<std::uint8_t> Case::snapshot(const SnapshotKey& key) const { return snapshot_with(&key); }

void Case::restore(const std::uint8_t* data, std::size_t size) { restore_with(data, size, nullptr); }

void Case::restore(const std::uint8_t* data, std::size_t size, const SnapshotKey& key) { restore_with(data, size, &key); }

std::vector<std::uint8_t> Case::snapshot_with(const SnapshotKey* key) const {
  std::vector<std::uint8_t> out;
  out.reserve(snapshots::kHeaderSize + 256 + 24 * instances_.size() + 16 * trace_.size() + snapshots::kMacSize);
  snapshots::begin(out, kMagic, kFormatVersion, snapshots::fingerprint(rules_), key);
  Writer w(out);
  w.u8(static_cast<std::uint8_t>((open_ ? 1u : 0u) | (paid_ ? 2u : 0u)));
  w.u8(pinned_ < 0 ? 0xFF : static_cast<std::uint8_t>(pinned_));
  w.u16(state_);
  w.u16(reason_);
  w.i32(clock_.days());
  w.i32(day1_.days());
  w.i32(pay_floor_.days());
  w.u64(visited_);
  w.count(vars_.size());
  for (std::int64_t v : vars_) w.i64(v);
  w.count(points_.size());
  for (std::int64_t v : points_) w.i64(v);
  w.count(timers_.size());
  for (const TimerSlot& t : timers_) {
    w.i32(t.start);
    w.i32(t.due);
    w.u8(t.armed ? 1 : 0);
    w.u8(t.known ? 1 : 0);
    w.u8(t.version);
  }
  w.count(entered_.size());
  for (std::int32_t d : entered_) w.i32(d);
  write_intervals(w, paid_days_);
  write_intervals(w, prior_days_);
  w.count(instances_.size());
  for (const Instance& in : instances_) {
    w.u16(in.obligation);
    w.u16(in.arising);
    w.i32(in.arose);
    w.i32(in.due);
    w.u8(in.due_known ? 1 : 0);
    w.u8(in.state);
    w.i32(in.closed_on);
    w.u8(in.version);
  }
  w.count(trace_.size());
  for (const TraceEntry& t : trace_) {
    w.i32(t.date.days());
    w.u16(t.from);
    w.u16(t.to);
    w.u16(t.event);
    w.u16(t.timer);
    w.u16(t.transition);
    w.u8(t.version);
  }
  w.count(point_found_.size());
  for (const auto& [x, window] : point_found_) {
    w.i32(x);
    w.i32(window);
  }
  snapshots::seal(out, key);
  return out;
}

void Case::restore_with(const std::uint8_t* data, std::size_t size, const SnapshotKey* key) {
  const rules::Model& m = rules_.model();
  const snapshots::Payload p = snapshots::open(data, size, kMagic, "a case", kOldestVersion, kFormatVersion, rules_, key);
  const std::size_t payload = p.size;
  // Everything is read into a fresh case and checked before this one changes: each value against
  // the rule-set (ids within its tables, versions it has), each date within the calendar (or the
  // engine's own "none"), each list in the order the engine keeps it.
  Case c(rules_);
  Reader r(p.data, payload);
  const std::size_t versions = rules_.version_count();
  const std::uint8_t flags = r.u8();
  require(flags <= 3, "unknown flags");
  c.open_ = (flags & 1u) != 0;
  c.paid_ = (flags & 2u) != 0;
  require(c.open_ || !c.paid_, "a case that is not open is paid");
  const std::uint8_t pinned = r.u8();
  require(pinned == 0xFF || pinned < versions, "the pinned version is not one of the rule-set's");
  c.pinned_ = pinned == 0xFF ? -1 : pinned;
  c.state_ = r.u16();
  c.reason_ = r.u16();
  require(c.open_ ? c.state_ < m.leaf_count : c.state_ == rules::kNone, "the state is not one of the rule-set's");
  require(c.reason_ == rules::kNone || c.reason_ < m.reasons.size(), "the closure reason is not one of the rule-set's");
  const std::int32_t clock = r.i32(), day1 = r.i32(), floor = r.i32();
  require(in_calendar(clock) && in_calendar(day1) && in_calendar(floor), "a date is outside the calendar");
  require(!c.open_ || day1 <= clock, "day 1 is after the case's clock");
  c.clock_ = Date(clock);
  c.day1_ = Date(day1);
  c.pay_floor_ = Date(floor);
  c.visited_ = r.u64();
  require(m.scopes.size() >= 64 || (c.visited_ >> m.scopes.size()) == 0, "a visited scope is not one of the rule-set's");
  require(r.count(8) == c.vars_.size(), "the number of variables differs from the rule-set's");
  for (std::size_t v = 0; v < c.vars_.size(); ++v) {
    const std::int64_t x = c.vars_[v] = r.i64();
    if (x == rules::kUnknown) continue;
    switch (m.variables[v].type) {
      case FieldType::date: require(in_calendar64(x), "a date variable is outside the calendar"); break;
      case FieldType::boolean: require(x == 0 || x == 1, "a yes/no variable is neither"); break;
      case FieldType::enumeration: require(x >= 0 && x <= UINT16_MAX, "an enum variable is no value's index"); break;
      default: break;  // an integer or a string id: any value is one
    }
  }
  require(r.count(8) == c.points_.size(), "the number of points differs from the rule-set's");
  for (auto& v : c.points_) {
    v = r.i64();
    require(v == rules::kUnknown || in_calendar64(v), "a point's date is outside the calendar");
  }
  require(r.count(11) == c.timers_.size(), "the number of timers differs from the rule-set's");
  for (TimerSlot& t : c.timers_) {
    t.start = r.i32();
    t.due = r.i32();
    const std::uint8_t armed = r.u8(), known = r.u8();
    require(armed <= 1 && known <= 1, "a timer flag is not 0 or 1");
    t.armed = armed != 0;
    t.known = known != 0;
    t.version = r.u8();
    require(t.version < versions, "a timer names no version of the rule-set");
    require(in_calendar(t.start), "a timer's start is outside the calendar");
    require(t.known ? in_calendar(t.due) : t.due == 0, "a timer's date is outside the calendar");
    require(!t.armed || c.open_, "a timer runs in a case that is not open");
  }
  require(r.count(4) == c.entered_.size(), "the number of scopes differs from the rule-set's");
  for (auto& d : c.entered_) {
    d = r.i32();
    require(d == kNoDate || in_calendar(d), "the day a scope was entered is outside the calendar");
  }
  c.paid_days_ = read_intervals(r);
  c.prior_days_ = read_intervals(r);
  const std::size_t instances = r.count(19);
  c.instances_.reserve(instances);
  for (std::size_t i = 0; i < instances; ++i) {
    Instance in{};
    in.obligation = r.u16();
    in.arising = r.u16();
    in.arose = r.i32();
    in.due = r.i32();
    const std::uint8_t known = r.u8();
    in.state = r.u8();
    in.closed_on = r.i32();
    in.version = r.u8();
    require(in.version < versions, "an obligation instance names no version of the rule-set");
    const rules::Model& mv = rules_.model(in.version);
    require(in.obligation < mv.obligations.size() && in.arising < mv.obligations[in.obligation].arises.size(),
            "an obligation instance names no obligation of the rule-set");
    require(known <= 1 && in.state <= static_cast<std::uint8_t>(ObligationStatus::missed) &&
                in.state != static_cast<std::uint8_t>(ObligationStatus::overdue),
            "an obligation instance has an unknown status");
    in.due_known = known != 0;
    require(in_calendar(in.arose), "an obligation instance arose outside the calendar");
    require(in.due_known ? in_calendar(in.due) : in.due == 0, "an obligation's due date is outside the calendar");
    require(in.state == 0 ? in.closed_on == 0 : in_calendar(in.closed_on),
            "an obligation instance's closing day is outside the calendar");
    c.instances_.push_back(in);
  }
  const std::size_t transitions = r.count(15);
  c.trace_.reserve(transitions);
  for (std::size_t i = 0; i < transitions; ++i) {
    TraceEntry t{};
    const std::int32_t day = r.i32();
    t.from = r.u16();
    t.to = r.u16();
    t.event = r.u16();
    t.timer = r.u16();
    t.transition = r.u16();
    t.version = r.u8();
    require(in_calendar(day), "a transition of the trace is dated outside the calendar");
    t.date = Date(day);
    require(c.trace_.empty() || c.trace_.back().date <= t.date, "the trace is not in date order");
    require(t.date <= c.clock_, "a transition of the trace is dated after the case's clock");
    require(t.version < versions, "a transition of the trace names no version of the rule-set");
    const rules::Model& mv = rules_.model(t.version);
    require((t.from == rules::kNone || t.from < mv.leaf_count) && t.to < mv.leaf_count &&
                (t.event == rules::kNone || t.event < mv.events.size()) &&
                (t.timer == rules::kNone || t.timer < mv.timers.size()) &&
                (t.transition == rules::kNone || t.transition < mv.transitions.size()),
            "a transition of the trace names no state, event, timer or rule of the rule-set");
    c.trace_.push_back(t);
  }
  require(r.count(8) == c.point_found_.size(), "the number of points differs from the rule-set's");
  for (auto& [x, window] : c.point_found_) {
    x = r.i32();
    window = r.i32();
    require(window == 0 ? x == 0 : window > 0 && window <= kMaxWindowMonths && in_calendar(x),
            "what a point's counted-days search found is outside the calendar");
  }
  require(r.at_end(), "bytes are left over after the explanation of the points");
  const bool recording = records_explanations();
  *this = std::move(c);
  record_explanations(recording);  // what was kept belongs to the state just replaced
}

}  // namespace caseflow
