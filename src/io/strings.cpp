// The string table of string fields: dense ids for the text of caseworkers, teams, providers.
#include "caseflow/strings.hpp"

namespace caseflow {

std::int64_t StringTable::intern(std::string_view s) {
  auto it = ids_.find(std::string(s));
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<std::int64_t>(strings_.size());
  strings_.emplace_back(s);
  ids_.emplace(strings_.back(), id);
  return id;
}

std::int64_t StringTable::find(std::string_view s) const {
  auto it = ids_.find(std::string(s));
  return it == ids_.end() ? -1 : it->second;
}

}  // namespace caseflow
