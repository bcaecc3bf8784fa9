// The snapshot envelope (engine/snapshot_format.hpp, docs/snapshots.md): header, trailer, rule-set
// fingerprint, little-endian readers and writers.
//
// The keyed trailer is OpenSSL's HMAC-SHA256 (libcrypto): a standard MAC from a library every
// Debian system carries, compared in constant time; no hand-written cryptography.
#include "engine/snapshot_format.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstring>

#include "rules/model.hpp"

namespace caseflow::snapshots {

namespace {

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

}  // namespace

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

void require(bool ok, const char* what) {
  if (!ok) throw SnapshotError(std::string("snapshot is damaged: ") + what);
}

std::size_t Reader::count(std::size_t item_size) {
  const std::size_t n = u32();
  if (n * item_size > static_cast<std::size_t>(end_ - p_))
    throw SnapshotError("snapshot is damaged: a list of " + std::to_string(n) + " items at byte " +
                        std::to_string(p_ - begin_) + " runs past its end");
  return n;
}

std::uint64_t Reader::get(int n) {
  if (end_ - p_ < n) throw SnapshotError("snapshot is truncated: it ends at byte " + std::to_string(end_ - begin_));
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i) v |= std::uint64_t(p_[i]) << (8 * i);
  p_ += n;
  return v;
}

namespace {

void need_key(const SnapshotKey& key) {
  if (key.data == nullptr || key.size < kMinKeySize)
    throw std::invalid_argument("a snapshot key has at least " + std::to_string(kMinKeySize) + " bytes; this one has " +
                                std::to_string(key.data == nullptr ? 0 : key.size));
}

std::array<std::uint8_t, kMacSize> mac(const SnapshotKey& key, const std::uint8_t* data, std::size_t size) {
  std::array<std::uint8_t, kMacSize> out{};
  unsigned len = 0;
  if (HMAC(EVP_sha256(), key.data, static_cast<int>(key.size), data, size, out.data(), &len) == nullptr || len != kMacSize)
    throw std::runtime_error("HMAC-SHA256 failed");
  return out;
}

}  // namespace

void begin(std::vector<std::uint8_t>& out, const char (&magic)[5], std::uint16_t version, std::uint64_t fingerprint,
           const SnapshotKey* key) {
  if (key) need_key(*key);
  out.clear();
  Writer w(out);
  for (int i = 0; i < 4; ++i) w.u8(static_cast<std::uint8_t>(magic[i]));
  w.u16(version);
  w.u16(key ? kKeyed : 0);
  w.u64(fingerprint);
  w.u32(0);  // the payload size, filled in by seal()
}

void seal(std::vector<std::uint8_t>& out, const SnapshotKey* key) {
  const std::size_t payload = out.size() - kHeaderSize;
  if (payload > UINT32_MAX) throw std::length_error("a snapshot's payload is limited to 4 GiB");
  for (int i = 0; i < 4; ++i) out[kHeaderSize - 4 + i] = static_cast<std::uint8_t>(payload >> (8 * i));
  if (key) {
    const auto m = mac(*key, out.data(), out.size());
    out.insert(out.end(), m.begin(), m.end());
  } else {
    Writer(out).u32(crc32(out.data(), out.size()));
  }
}

Payload open(const std::uint8_t* data, std::size_t size, const char (&magic)[5], const char* what,
             std::uint16_t oldest, std::uint16_t newest, const RuleSet& rules, const SnapshotKey* key) {
  if (key) need_key(*key);
  if (data == nullptr || size < kHeaderSize + kCrcSize)
    throw SnapshotError("snapshot is truncated: " + std::to_string(size) + " bytes is less than a snapshot's " +
                        std::to_string(kHeaderSize + kCrcSize) + "-byte header and checksum");
  if (std::memcmp(data, magic, 4) != 0)
    throw SnapshotError(std::string("not a caseflow snapshot of ") + what + ": the bytes do not start with " + magic);
  Reader head(data + 4, kHeaderSize - 4);
  const std::uint16_t version = head.u16();
  if (version < oldest || version > newest)
    throw SnapshotError("snapshot format version " + std::to_string(version) + " is not supported (this library reads " +
                        std::to_string(oldest) + " to " + std::to_string(newest) + ")");
  const std::uint16_t flags = head.u16();
  if (flags & ~kKeyed || (version == 1 && flags != 0))
    throw SnapshotError("snapshot is damaged: unknown flags " + std::to_string(flags));
  const bool keyed = (flags & kKeyed) != 0;
  if (keyed && !key) throw SnapshotError("snapshot is keyed: restore it with its key (cf_case_restore_keyed)");
  if (!keyed && key) throw SnapshotError("snapshot is not keyed: a keyed restore accepts only snapshots sealed with the key");
  const std::uint64_t taken_under = head.u64();
  const std::uint32_t payload = head.u32();
  const std::size_t trailer = keyed ? kMacSize : kCrcSize;
  if (size != kHeaderSize + std::size_t(payload) + trailer)
    throw SnapshotError("snapshot is truncated or padded: " + std::to_string(size) + " bytes, its header says " +
                        std::to_string(kHeaderSize + std::size_t(payload) + trailer));
  const std::size_t body = size - trailer;
  if (keyed) {
    const auto m = mac(*key, data, body);
    if (CRYPTO_memcmp(m.data(), data + body, kMacSize) != 0)
      throw SnapshotError("snapshot is not authentic: its MAC does not match under this key");
  } else {
    Reader tail(data + body, kCrcSize);
    if (tail.u32() != crc32(data, body)) throw SnapshotError("snapshot is damaged: its checksum does not match");
  }
  if (taken_under != fingerprint(rules))
    throw SnapshotError("snapshot was taken under another rule-set than this " + std::string(what).substr(2) + "'s '" +
                        rules.name() + "'");
  return Payload{version, data + kHeaderSize, payload};
}

}  // namespace caseflow::snapshots
