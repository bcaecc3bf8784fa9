#include "sdp_stream.hpp"

#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace sdp {

namespace {

std::uint64_t splitmix64(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The file is little-endian, as is every machine this runs on; a static check says so.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "sdp streams are read on little-endian machines");

template <class T>
void get(std::ifstream& in, T* out, std::size_t n, const std::string& path) {
  if (!in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n * sizeof(T))))
    throw std::runtime_error(path + ": the stream ends early");
}

}  // namespace

Stream read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open the stream");
  std::int64_t n = 0;
  std::uint64_t ne = 0;
  get(in, &n, 1, path);
  get(in, &ne, 1, path);
  if (n < 0 || n > (std::int64_t(1) << 32)) throw std::runtime_error(path + ": impossible case count");
  Stream s;
  get(in, &s.end_day, 1, path);
  s.start.resize(static_cast<std::size_t>(n));
  get(in, s.start.data(), s.start.size(), path);
  s.records.resize(ne);
  get(in, s.records.data(), s.records.size(), path);
  return s;
}

void write(const Stream& s, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  const auto n = static_cast<std::int64_t>(s.start.size());
  const auto ne = static_cast<std::uint64_t>(s.records.size());
  out.write(reinterpret_cast<const char*>(&n), sizeof n);
  out.write(reinterpret_cast<const char*>(&ne), sizeof ne);
  out.write(reinterpret_cast<const char*>(&s.end_day), sizeof s.end_day);
  out.write(reinterpret_cast<const char*>(s.start.data()), static_cast<std::streamsize>(s.start.size() * 4));
  out.write(reinterpret_cast<const char*>(s.records.data()), static_cast<std::streamsize>(s.records.size() * 12));
  if (!out) throw std::runtime_error(path + ": cannot write the stream");
}

Stream generate(std::size_t cases, std::uint64_t seed) {
  Stream s;
  s.end_day = 365 * 3;
  s.start.resize(cases);
  std::vector<std::vector<Record>> by_day(static_cast<std::size_t>(s.end_day) + 1);
  for (std::size_t c = 0; c < cases; ++c) {
    const auto start = static_cast<std::int32_t>(splitmix64(seed) % 365);
    s.start[c] = start;
    std::int32_t day = start;
    const int events = 4 + static_cast<int>(splitmix64(seed) % 16);
    for (int k = 0; k < events; ++k) {
      day += 1 + static_cast<std::int32_t>(splitmix64(seed) % 45);
      if (day > s.end_day) break;
      Record r{static_cast<std::uint32_t>(c), day, 4, 0, 0};
      const std::uint64_t roll = splitmix64(seed) % 1000;
      if (roll < 520) r.type = 4;  // FOLLOWUP
      else if (roll < 600) { r.type = 1; r.arg = static_cast<std::uint8_t>(1 + splitmix64(seed) % 30); }  // EXTEND
      else if (roll < 680) r.type = 0;  // RECOVER
      else if (roll < 820) r.type = 2;  // REFER
      else if (roll < 985) { r.type = 3; r.arg = static_cast<std::uint8_t>(splitmix64(seed) % 4); }  // RECOMMEND
      else if (roll < 990) { r.type = 3; r.arg = static_cast<std::uint8_t>(4 + splitmix64(seed) % 250); }  // bad arg
      else if (roll < 995) r.type = static_cast<std::uint8_t>(5 + splitmix64(seed) % 250);  // bad type
      else if (roll < 998) r.case_id = static_cast<std::uint32_t>(cases + splitmix64(seed) % 1000);  // no such case
      else if (start > 0) r.day = static_cast<std::int32_t>(splitmix64(seed) % static_cast<std::uint64_t>(start));  // before start
      by_day[static_cast<std::size_t>(r.day)].push_back(r);
    }
  }
  for (auto& day : by_day) s.records.insert(s.records.end(), day.begin(), day.end());
  return s;
}

void Summary::add_case(std::uint32_t case_id, std::uint8_t state, std::int32_t last_transition_day) {
  unsigned char bytes[9];
  for (int i = 0; i < 4; ++i) bytes[i] = static_cast<unsigned char>(case_id >> (8 * i));
  bytes[4] = state;
  const auto day = static_cast<std::uint32_t>(last_transition_day);
  for (int i = 0; i < 4; ++i) bytes[5 + i] = static_cast<unsigned char>(day >> (8 * i));
  for (unsigned char b : bytes) {
    checksum ^= b;
    checksum *= 1099511628211ULL;
  }
}

std::string Summary::line() const {
  std::string out = "states";
  for (std::int64_t v : states) out += " " + std::to_string(v);
  out += " timers";
  for (std::int64_t v : timers) out += " " + std::to_string(v);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, checksum);
  return out + " late " + std::to_string(late) + " rejected " + std::to_string(rejected) + " checksum " + hex;
}

}  // namespace sdp
