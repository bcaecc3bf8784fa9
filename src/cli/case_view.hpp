// How the CLI shows a case: DOMAIN.md §6's JSON object, and a timeline a caseworker reads.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

#include "caseflow/engine.hpp"
#include "caseflow/io.hpp"

namespace caseflow::cli {

/// The §6 JSON object of a case, to compare by key: as the library writes it (timeline_json in
/// caseflow/io.hpp, which the C ABI's cf_case_json prints too), so that every face shows the same object.
inline nlohmann::ordered_json case_json(const std::string& case_id, const Case& c, Date as_of) {
  return nlohmann::ordered_json::parse(timeline_json(case_id, c, as_of));
}
/// A readable timeline of a case as of `as_of`.
void write_case_text(std::ostream& out, const std::string& case_id, const Case& c, Date as_of);

}  // namespace caseflow::cli
