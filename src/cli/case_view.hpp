// How the CLI shows a case: DOMAIN.md §6's JSON object, and a timeline a caseworker reads.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

#include "caseflow/engine.hpp"
#include "engine/case_json.hpp"

namespace caseflow::cli {

/// The §6 JSON object of a case: built by the library (engine/case_json.hpp), which the C ABI's
/// cf_case_json prints too, so that every face shows the same object.
using caseflow::case_json;
/// A readable timeline of a case as of `as_of`.
void write_case_text(std::ostream& out, const std::string& case_id, const Case& c, Date as_of);

}  // namespace caseflow::cli
