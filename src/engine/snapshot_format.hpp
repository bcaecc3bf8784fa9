// The snapshot envelope every caseflow snapshot shares (a case's, and a caseload's when it has one):
// header, payload, integrity trailer; fixed-width little-endian values; the rule-set fingerprint.
// The format is documented in docs/snapshots.md. The payload's own fields are the snapshot kind's
// business (engine/snapshot.cpp for a case); what is here knows no case.
//
//   magic (4 bytes, per kind: "CFSN" a case) | u16 format version | u16 flags | u64 rule-set
//   fingerprint | u32 payload size | payload | trailer
//
// flags bit 0 (kKeyed): the trailer is the 32-byte HMAC-SHA256 of everything before it under the
// caller's key; otherwise it is the 4-byte CRC-32 of everything before it (damage, not forgery).
// The other flag bits are zero. Version-1 snapshots have no flags (the field was reserved, zero).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "caseflow/engine.hpp"

namespace caseflow::snapshots {

/// Header bytes: magic, version, flags, fingerprint, payload size.
constexpr std::size_t kHeaderSize = 4 + 2 + 2 + 8 + 4;
/// The flag of a keyed snapshot (HMAC-SHA256 trailer).
constexpr std::uint16_t kKeyed = 1;
/// Trailer bytes of an unkeyed and of a keyed snapshot.
constexpr std::size_t kCrcSize = 4;
constexpr std::size_t kMacSize = 32;
/// The shortest key a keyed snapshot accepts (128 bits).
constexpr std::size_t kMinKeySize = 16;

/// A stable fingerprint of a rule-set's structure (every version: names, parameters, expressions,
/// transitions; not comments or legal references), the same on every machine: a snapshot stores
/// ids and dates computed by those rules and means nothing under others.
std::uint64_t fingerprint(const RuleSet& rules);

/// Throws SnapshotError("snapshot is damaged: <what>") unless `ok`.
void require(bool ok, const char* what);

/// Appends little-endian fixed-width values.
class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& out) : out_(out) {}
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) { put(v, 2); }
  void u32(std::uint32_t v) { put(v, 4); }
  void i32(std::int32_t v) { put(static_cast<std::uint32_t>(v), 4); }
  void i64(std::int64_t v) { put(static_cast<std::uint64_t>(v), 8); }
  void u64(std::uint64_t v) { put(v, 8); }
  /// A list's length (u32).
  void count(std::size_t n) { u32(static_cast<std::uint32_t>(n)); }

 private:
  void put(std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  std::vector<std::uint8_t>& out_;
};

/// Reads what Writer wrote, throwing SnapshotError past the end.
class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : p_(data), end_(data + size), begin_(data) {}
  std::uint8_t u8() { return static_cast<std::uint8_t>(get(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(get(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
  std::int32_t i32() { return static_cast<std::int32_t>(static_cast<std::uint32_t>(get(4))); }
  std::int64_t i64() { return static_cast<std::int64_t>(get(8)); }
  std::uint64_t u64() { return get(8); }
  /// A list's length, checked against the bytes left for items of `item_size` bytes each.
  std::size_t count(std::size_t item_size);
  bool at_end() const noexcept { return p_ == end_; }

 private:
  std::uint64_t get(int n);
  const std::uint8_t* p_;
  const std::uint8_t* end_;
  const std::uint8_t* begin_;
};

/// Writes the header of a snapshot into `out` (emptied first); the payload follows, then seal().
void begin(std::vector<std::uint8_t>& out, const char (&magic)[5], std::uint16_t version, std::uint64_t fingerprint,
           const SnapshotKey* key);
/// Fills in the payload size and appends the trailer: the CRC-32, or with a key its HMAC-SHA256.
void seal(std::vector<std::uint8_t>& out, const SnapshotKey* key);

/// A checked envelope's contents.
struct Payload {
  std::uint16_t version;
  const std::uint8_t* data;
  std::size_t size;
};

/// Checks an envelope end to end: its size, magic (`what` names the kind in messages: "a case"),
/// a format version within [oldest, newest], the flags, the trailer (with `key`: a keyed snapshot
/// whose MAC matches; without: an unkeyed one whose CRC matches) and the fingerprint of `rules`. Throws
/// SnapshotError; the payload's fields are the caller's to check.
Payload open(const std::uint8_t* data, std::size_t size, const char (&magic)[5], const char* what,
             std::uint16_t oldest, std::uint16_t newest, const RuleSet& rules, const SnapshotKey* key);

}  // namespace caseflow::snapshots
