// caseflow strings: the table that interns the text of string fields (case ids, caseworkers,
// teams, providers) to dense ids, so that an event's FieldValue and a case's variables carry a
// number and the text is kept once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace caseflow {

/// Interns strings (case ids, caseworkers, teams, providers) to dense ids and back.
class StringTable {
 public:
  /// The id of `s`, adding it when new.
  std::int64_t intern(std::string_view s);
  /// The id of `s`, or -1 when it was never interned.
  std::int64_t find(std::string_view s) const;
  /// The string of an id.
  const std::string& text(std::int64_t id) const { return strings_.at(static_cast<std::size_t>(id)); }
  /// The number of strings interned.
  std::size_t size() const noexcept { return strings_.size(); }

 private:
  std::vector<std::string> strings_;
  std::unordered_map<std::string, std::int64_t> ids_;
};

}  // namespace caseflow
