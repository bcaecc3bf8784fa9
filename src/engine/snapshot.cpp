// Snapshots: a case's whole state as portable bytes, and back.
//
// Layout (little-endian, fixed widths):
//   "CFSN" | u16 format version | u16 zero | u64 rule-set fingerprint | u32 payload size |
//   payload | u32 CRC-32 of everything before it.
// The payload holds every member of Case but the rule-set and scratch values, in declaration order.
// The fingerprint hashes the compiled rule-set's structure (names, parameters, expressions,
// transitions; not its comments or legal references), because a snapshot stores ids and dates
// computed by those rules and means nothing under others. Restore checks the bytes end to end
// and validates every id against the rule-set before it touches the case.
#include <array>
#include <cstring>

#include "caseflow/engine.hpp"
#include "rules/model.hpp"

namespace caseflow {

namespace {

constexpr char kMagic[4] = {'C', 'F', 'S', 'N'};
constexpr std::uint16_t kFormatVersion = 1;
constexpr std::size_t kHeaderSize = 4 + 2 + 2 + 8 + 4;
constexpr std::size_t kTrailerSize = 4;

// CRC-32 (IEEE 802.3, reflected), the checksum zip and PNG use: catches damaged bytes.
std::uint32_t crc32(const std::uint8_t* data, std::size_t size) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i) c = table[(c ^ data[i]) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

// FNV-1a 64 over the values fed to it: a stable fingerprint, the same on every machine.
class Fingerprint {
 public:
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const std::uint8_t*>(p);
    for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ b[i]) * 1099511628211ULL;
  }
  void num(std::int64_t v) {
    std::uint8_t b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * i));
    bytes(b, 8);
  }
  void str(const std::string& s) {
    num(static_cast<std::int64_t>(s.size()));
    bytes(s.data(), s.size());
  }
  std::uint64_t value() const noexcept { return h_; }

 private:
  std::uint64_t h_ = 14695981039346656037ULL;
};

void fingerprint_model(Fingerprint& f, const rules::Model& m) {
  f.str(m.name);
  f.num(m.valid_from.days());
  f.num(m.valid_until.days());
  f.num(static_cast<std::int64_t>(m.leaf_count));
  f.num(m.initial);
  for (const auto& p : m.params) {
    f.str(p.name);
    f.num(p.is_date);
    f.num(p.value);
    for (const auto& [from, v] : p.changes) {
      f.num(from.days());
      f.num(v);
    }
  }
  for (const auto& s : m.scopes) {
    f.str(s.name);
    f.num(s.leaf);
    f.num(s.final);
  }
  for (std::uint64_t mask : m.scope_mask) f.num(static_cast<std::int64_t>(mask));
  for (const auto& v : m.variables) {
    f.str(v.name);
    f.num(static_cast<std::int64_t>(v.type));
    f.num(v.initial);
  }
  for (const auto& e : m.events) {
    f.str(e.name);
    for (const auto& fl : e.fields) {
      f.str(fl.name);
      f.num(static_cast<std::int64_t>(fl.type));
      f.num(fl.required);
      f.num(fl.has_default);
      f.num(fl.default_value);
      f.num(fl.min);
      f.num(fl.max);
      for (const auto& v : fl.values) f.str(v);
    }
  }
  for (const auto& p : m.points) {
    f.str(p.name);
    f.num(p.expr);
    f.num(p.recompute_in);
  }
  for (const auto& t : m.timers) {
    f.str(t.name);
    f.num(t.scope);
    f.num(t.start_on_enter);
    f.num(t.date);
    f.num(t.recompute_in);
    for (auto e : t.start_on_events) f.num(e);
    f.num(-1);
    for (auto e : t.cancel_on) f.num(e);
  }
  for (const auto& o : m.obligations) {
    f.str(o.name);
    f.num(o.scope);
    for (const auto& a : o.arises) {
      f.num(a.on_event);
      f.num(a.on_timer);
      f.num(a.on_enter);
      f.num(a.when);
      f.num(a.due);
      f.num(a.recompute_in);
    }
    f.num(-1);
    for (auto e : o.met_by) f.num(e);
    f.num(-1);
    for (auto c : o.met_when) f.num(c);
    f.num(-1);
    for (auto e : o.lapse_on) f.num(e);
    f.num(o.lapse_on_switch);
  }
  for (const auto& t : m.transitions) {
    f.str(t.id);
    f.num(static_cast<std::int64_t>(t.from_mask));
    f.num(t.opens);
    f.num(t.event);
    f.num(t.timer);
    f.num(t.when);
    f.num(t.to);
    for (const auto& g : t.guards) f.num(g.check);
    f.num(-1);
    for (const auto& fx : t.effects) {
      f.num(fx.kind);
      f.num(fx.target);
      f.num(fx.expr);
    }
    f.num(t.reason.literal);
    f.num(t.reason.field);
    for (auto r : t.reason_by_enum) f.num(r);
  }
  for (const auto& r : m.reasons) f.str(r);
  for (const auto& e : m.exprs) {
    f.num(static_cast<std::int64_t>(e.op));
    f.num(e.a);
    f.num(e.b);
    f.num(e.value);
    for (auto a : e.args) f.num(a);
    f.num(-1);
    for (auto v : e.set) f.num(v);
    f.num(-2);
  }
}

// Every version of the rule-set, with the day each starts: a snapshot stores version numbers and
// dates computed under them.
std::uint64_t fingerprint(const RuleSet& rules) {
  Fingerprint f;
  f.num(static_cast<std::int64_t>(rules.version_count()));
  for (std::size_t v = 0; v < rules.version_count(); ++v) {
    f.num(rules.version_valid_from(v).days());
    fingerprint_model(f, rules.model(v));
  }
  return f.value();
}

// Appends little-endian fixed-width values.
class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& out) : out_(out) {}
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) { put(v, 2); }
  void u32(std::uint32_t v) { put(v, 4); }
  void i32(std::int32_t v) { put(static_cast<std::uint32_t>(v), 4); }
  void i64(std::int64_t v) { put(static_cast<std::uint64_t>(v), 8); }
  void u64(std::uint64_t v) { put(v, 8); }
  void count(std::size_t n) { u32(static_cast<std::uint32_t>(n)); }

 private:
  void put(std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  std::vector<std::uint8_t>& out_;
};

// Reads what Writer wrote, throwing SnapshotError past the end.
class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : p_(data), end_(data + size), begin_(data) {}
  std::uint8_t u8() { return static_cast<std::uint8_t>(get(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(get(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
  std::int32_t i32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(get(4))); }
  std::int64_t i64() { return static_cast<std::int64_t>(get(8)); }
  std::uint64_t u64() { return get(8); }
  /// A count of items of `item_size` bytes each, checked against the bytes left.
  std::size_t count(std::size_t item_size) {
    const std::size_t n = u32();
    if (n * item_size > static_cast<std::size_t>(end_ - p_))
      throw SnapshotError("snapshot is damaged: a list of " + std::to_string(n) + " items at byte " +
                          std::to_string(p_ - begin_) + " runs past its end");
    return n;
  }
  bool at_end() const noexcept { return p_ == end_; }

 private:
  std::uint64_t get(int n) {
    if (end_ - p_ < n)
      throw SnapshotError("snapshot is truncated: it ends at byte " + std::to_string(end_ - begin_));
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= std::uint64_t(p_[i]) << (8 * i);
    p_ += n;
    return v;
  }
  const std::uint8_t* p_;
  const std::uint8_t* end_;
  const std::uint8_t* begin_;
};

void require(bool ok, const char* what) {
  if (!ok) throw SnapshotError(std::string("snapshot is damaged: ") + what);
}

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

}  // namespace

std::vector<std::uint8_t> Case::snapshot() const {
  std::vector<std::uint8_t> out;
  out.reserve(kHeaderSize + 256 + 24 * instances_.size() + 16 * trace_.size() + kTrailerSize);
  Writer w(out);
  for (char c : kMagic) w.u8(static_cast<std::uint8_t>(c));
  w.u16(kFormatVersion);
  w.u16(0);
  w.u64(fingerprint(rules_));
  w.u32(0);  // payload size, filled in below
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
  const std::uint32_t payload = static_cast<std::uint32_t>(out.size() - kHeaderSize);
  for (int i = 0; i < 4; ++i) out[kHeaderSize - 4 + i] = static_cast<std::uint8_t>(payload >> (8 * i));
  w.u32(crc32(out.data(), out.size()));
  return out;
}

void Case::restore(const std::uint8_t* data, std::size_t size) {
  const rules::Model& m = rules_.model();
  if (data == nullptr || size < kHeaderSize + kTrailerSize)
    throw SnapshotError("snapshot is truncated: " + std::to_string(size) + " bytes is less than a snapshot's " +
                        std::to_string(kHeaderSize + kTrailerSize) + "-byte header and checksum");
  if (std::memcmp(data, kMagic, 4) != 0) throw SnapshotError("not a caseflow snapshot: the bytes do not start with CFSN");
  Reader head(data + 4, size - 4);
  const std::uint16_t version = head.u16();
  if (version != kFormatVersion)
    throw SnapshotError("snapshot format version " + std::to_string(version) +
                        " is not supported (this library reads version " + std::to_string(kFormatVersion) + ")");
  head.u16();
  const std::uint64_t taken_under = head.u64();
  const std::uint32_t payload = head.u32();
  if (size != kHeaderSize + std::size_t(payload) + kTrailerSize)
    throw SnapshotError("snapshot is truncated or padded: " + std::to_string(size) + " bytes, its header says " +
                        std::to_string(kHeaderSize + std::size_t(payload) + kTrailerSize));
  Reader tail(data + size - kTrailerSize, kTrailerSize);
  if (tail.u32() != crc32(data, size - kTrailerSize)) throw SnapshotError("snapshot is damaged: its checksum does not match");
  if (taken_under != fingerprint(rules_))
    throw SnapshotError("snapshot was taken under another rule-set than this case's '" + m.name + "'");

  // Everything is read into a fresh case and checked before this one changes.
  Case c(rules_);
  Reader r(data + kHeaderSize, payload);
  const std::uint8_t flags = r.u8();
  require(flags <= 3, "unknown flags");
  c.open_ = (flags & 1u) != 0;
  c.paid_ = (flags & 2u) != 0;
  const std::uint8_t pinned = r.u8();
  require(pinned == 0xFF || pinned < rules_.version_count(), "the pinned version is not one of the rule-set's");
  c.pinned_ = pinned == 0xFF ? -1 : pinned;
  c.state_ = r.u16();
  c.reason_ = r.u16();
  require(c.open_ ? c.state_ < m.leaf_count : c.state_ == rules::kNone, "the state is not one of the rule-set's");
  require(c.reason_ == rules::kNone || c.reason_ < m.reasons.size(), "the closure reason is not one of the rule-set's");
  const std::int32_t clock = r.i32(), day1 = r.i32(), floor = r.i32();
  require(in_calendar(clock) && in_calendar(day1) && in_calendar(floor), "a date is outside the calendar");
  c.clock_ = Date(clock);
  c.day1_ = Date(day1);
  c.pay_floor_ = Date(floor);
  c.visited_ = r.u64();
  require(r.count(8) == c.vars_.size(), "the number of variables differs from the rule-set's");
  for (auto& v : c.vars_) v = r.i64();
  require(r.count(8) == c.points_.size(), "the number of points differs from the rule-set's");
  for (auto& v : c.points_) v = r.i64();
  require(r.count(11) == c.timers_.size(), "the number of timers differs from the rule-set's");
  for (TimerSlot& t : c.timers_) {
    t.start = r.i32();
    t.due = r.i32();
    const std::uint8_t armed = r.u8(), known = r.u8();
    require(armed <= 1 && known <= 1, "a timer flag is not 0 or 1");
    t.armed = armed != 0;
    t.known = known != 0;
    t.version = r.u8();
    require(t.version < rules_.version_count(), "a timer names no version of the rule-set");
  }
  require(r.count(4) == c.entered_.size(), "the number of scopes differs from the rule-set's");
  for (auto& d : c.entered_) d = r.i32();
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
    require(in.version < rules_.version_count(), "an obligation instance names no version of the rule-set");
    require(in.obligation < m.obligations.size() &&
                in.arising < rules_.model(in.version).obligations[in.obligation].arises.size(),
            "an obligation instance names no obligation of the rule-set");
    require(known <= 1 && in.state <= static_cast<std::uint8_t>(ObligationStatus::missed),
            "an obligation instance has an unknown status");
    in.due_known = known != 0;
    c.instances_.push_back(in);
  }
  const std::size_t transitions = r.count(15);
  c.trace_.reserve(transitions);
  for (std::size_t i = 0; i < transitions; ++i) {
    TraceEntry t{};
    t.date = Date(r.i32());
    t.from = r.u16();
    t.to = r.u16();
    t.event = r.u16();
    t.timer = r.u16();
    t.transition = r.u16();
    t.version = r.u8();
    require(t.version < rules_.version_count(), "a transition of the trace names no version of the rule-set");
    require((t.from == rules::kNone || t.from < m.leaf_count) && t.to < m.leaf_count &&
                (t.event == rules::kNone || t.event < m.events.size()) &&
                (t.timer == rules::kNone || t.timer < m.timers.size()) &&
                (t.transition == rules::kNone || t.transition < m.transitions.size()),
            "a transition of the trace names no state, event, timer or rule of the rule-set");
    c.trace_.push_back(t);
  }
  require(r.count(8) == c.point_found_.size(), "the number of points differs from the rule-set's");
  for (auto& [x, window] : c.point_found_) {
    x = r.i32();
    window = r.i32();
  }
  require(r.at_end(), "bytes are left over after the explanation of the points");
  const bool recording = records_explanations();
  *this = std::move(c);
  record_explanations(recording);  // what was kept belongs to the state just replaced
}

}  // namespace caseflow
