// A field's value from text: the one reading shared by the JSON Lines reader (string values), the
// CSV reader (every cell) and the C ABI (cf_field_parse), so that "employee", "2018-01-08",
// "true" or "2017-01-02:2017-03-31" mean the same wherever they come in.
#include <algorithm>
#include <stdexcept>

#include "caseflow/io.hpp"

namespace caseflow {

namespace {

// `text` as a whole integer, as std::stoll reads it; false when any of it is left over.
bool whole_integer(const std::string& text, std::int64_t& out) {
  std::size_t used = 0;
  try {
    out = std::stoll(text, &used);
  } catch (const std::exception&) {
    return false;
  }
  return used != 0 && used == text.size();
}

// `first:last` pairs separated by `;`, appended to `pairs`; throws DateError for a bad date.
bool read_pairs(const std::string& text, std::vector<DateInterval>& pairs, std::string& error) {
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find(';', at), text.size());
    const std::string pair = text.substr(at, end - at);
    const std::size_t colon = pair.find(':');
    if (colon == std::string::npos) {
      error = "'" + pair + "' is not a pair first:last";
      return false;
    }
    pairs.push_back({Date::parse(pair.substr(0, colon)), Date::parse(pair.substr(colon + 1))});
    at = end + 1;
  }
  return true;
}

}  // namespace

bool parse_field_text(const RuleSet& rules, std::size_t event, std::size_t field, std::string_view text,
                      StringTable* strings, std::vector<DateInterval>& pairs, FieldValue& out, std::string& error) {
  FieldValue v;
  v.present = true;
  try {
    switch (rules.field_type(event, field)) {
      case FieldType::enumeration: {
        const auto idx = rules.find_enum_value(event, field, text);
        if (!idx) {
          error = "'" + std::string(text) + "' is not one of its values";
          return false;
        }
        v.number = *idx;
        break;
      }
      case FieldType::integer:
        if (!whole_integer(std::string(text), v.number)) {
          error = "'" + std::string(text) + "' is not an integer";
          return false;
        }
        break;
      case FieldType::boolean:
        if (text != "true" && text != "false") {
          error = "'" + std::string(text) + "' is not true or false";
          return false;
        }
        v.number = text == "true";
        break;
      case FieldType::date:
        v.number = Date::parse(text).days();
        break;
      case FieldType::string:
        if (strings == nullptr) {
          error = "a string value is an id its caller interns; there is no string table to intern it in";
          return false;
        }
        v.number = strings->intern(text);
        break;
      case FieldType::date_pairs:
        pairs.clear();
        if (!read_pairs(std::string(text), pairs, error)) return false;
        v.pairs = pairs.data();
        v.pair_count = pairs.size();
        break;
    }
  } catch (const DateError& e) {
    error = e.what();
    return false;
  }
  out = v;
  return true;
}

}  // namespace caseflow
