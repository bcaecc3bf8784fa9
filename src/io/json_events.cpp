// JSON Lines events, read with simdjson's DOM parser and checked against the rule-set's schema;
// string values are read as their field's type by parse_field_text, as CSV cells are.
#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "caseflow/io.hpp"

namespace caseflow {

EventInput ParsedEvent::input() const {
  for (std::size_t i = 0; i < fields.size() && i < pairs.size(); ++i)
    if (fields[i].pair_count > 0) fields[i].pairs = pairs[i].data();
  return EventInput{event, date, fields.data(), fields.size()};
}

struct JsonEventReader::Impl {
  simdjson::dom::parser parser;         // one line at a time
  simdjson::dom::parser stream_parser;  // blocks of lines, as a document stream
  ParsedEvent event_;
  /// An event from a parsed JSON value: the schema checks of parse().
  static bool event(JsonEventReader& self, const simdjson::dom::element& doc, ParsedEvent& out, std::string& error);
};

JsonEventReader::JsonEventReader(RuleSet rules, StringTable* strings)
    : rules_(std::move(rules)), strings_(strings ? strings : &own_strings_), impl_(std::make_unique<Impl>()) {}
JsonEventReader::~JsonEventReader() = default;

namespace {

const char* json_type_name(simdjson::dom::element_type t) {
  using T = simdjson::dom::element_type;
  switch (t) {
    case T::ARRAY: return "an array";
    case T::OBJECT: return "an object";
    case T::INT64:
    case T::UINT64: return "an integer";
    case T::DOUBLE: return "a number with a fraction or exponent";
    case T::STRING: return "a string";
    case T::BOOL: return "a boolean";
    case T::NULL_VALUE: return "null";
  }
  return "a value";
}

}  // namespace

bool JsonEventReader::parse(std::string_view line, ParsedEvent& out, std::string& error) {
  out.case_id.clear();
  out.fields.clear();
  simdjson::dom::element doc;
  if (auto err = impl_->parser.parse(line.data(), line.size()).get(doc)) {
    error = std::string("not JSON: ") + simdjson::error_message(err);
    return false;
  }
  return impl_->event(*this, doc, out, error);
}

bool JsonEventReader::Impl::event(JsonEventReader& self, const simdjson::dom::element& doc, ParsedEvent& out,
                                  std::string& error) {
  using simdjson::dom::element_type;
  const RuleSet& rules_ = self.rules_;
  StringTable* const strings_ = self.strings_;
  out.case_id.clear();
  out.fields.clear();
  simdjson::dom::object obj;
  if (doc.get(obj)) {
    error = "an event is a JSON object";
    return false;
  }
  std::string_view case_id, date_text, event_name;
  if (obj["case"].get(case_id) == simdjson::SUCCESS) out.case_id = std::string(case_id);
  const auto need_string = [&](const char* key, std::string_view& v) {
    simdjson::dom::element e;
    if (obj[key].get(e)) {
      error = std::string("missing field '") + key + "'";
      return false;
    }
    if (e.get(v)) {
      error = std::string("field '") + key + "' must be a string, not " + json_type_name(e.type());
      return false;
    }
    return true;
  };
  if (!need_string("case", case_id) || !need_string("date", date_text) || !need_string("event", event_name))
    return false;
  const auto ev = rules_.find_event(event_name);
  if (!ev) {
    error = "unknown event '" + std::string(event_name) + "' in rule-set " + rules_.name();
    return false;
  }
  const auto date = Date::try_parse(date_text);
  if (!date) {
    try {
      Date::parse(date_text);
    } catch (const DateError& e) {
      error = std::string("field 'date': ") + e.what();
    }
    return false;
  }
  out.event = *ev;
  out.date = *date;
  const std::size_t nfields = rules_.field_count(*ev);
  out.fields.assign(nfields, FieldValue{});
  if (out.pairs.size() < nfields) out.pairs.resize(nfields);
  const std::string ename(event_name);
  // A string value read as the field's type, by the reading the CSV reader shares.
  std::string reason;
  const auto from_text = [&](std::uint16_t f, std::string_view text, FieldValue& fv, const std::string& what,
                             std::string& err) {
    if (parse_field_text(rules_, *ev, f, text, strings_, out.pairs[f], fv, reason)) return true;
    err = what + ": " + reason;
    return false;
  };

  for (auto [key, value] : obj) {
    if (key == "case" || key == "date" || key == "event") continue;
    const auto f = rules_.find_field(*ev, key);
    if (!f) {
      error = "unknown field '" + std::string(key) + "' for event '" + ename + "'";
      return false;
    }
    const std::string what = "field '" + std::string(key) + "' of '" + ename + "'";
    FieldValue& fv = out.fields[*f];
    fv.present = true;
    const element_type t = value.type();
    switch (rules_.field_type(*ev, *f)) {
      case FieldType::enumeration:
      case FieldType::string: {
        std::string_view s;
        if (value.get(s)) {
          error = what + " must be a string, not " + json_type_name(t);
          return false;
        }
        if (!from_text(*f, s, fv, what, error)) return false;
        break;
      }
      case FieldType::integer: {
        std::int64_t n = 0;
        if (t != element_type::INT64 || value.get(n)) {
          error = what + " must be an integer (no fraction or exponent), not " + json_type_name(t);
          return false;
        }
        fv.number = n;
        break;
      }
      case FieldType::boolean: {
        bool b = false;
        if (value.get(b)) {
          error = what + " must be true or false, not " + json_type_name(t);
          return false;
        }
        fv.number = b ? 1 : 0;
        break;
      }
      case FieldType::date: {
        std::string_view s;
        if (value.get(s)) {
          error = what + " must be a date string, not " + json_type_name(t);
          return false;
        }
        if (!from_text(*f, s, fv, what, error)) return false;
        break;
      }
      case FieldType::date_pairs: {
        simdjson::dom::array arr;
        if (value.get(arr)) {
          error = what + " must be an array of [first, last] date pairs";
          return false;
        }
        std::vector<DateInterval>& pairs = out.pairs[*f];
        pairs.clear();
        for (simdjson::dom::element pair : arr) {
          simdjson::dom::array p;
          std::string_view a, b;
          if (pair.get(p) || p.size() != 2 || p.at(0).get(a) || p.at(1).get(b)) {
            error = what + ": each element must be a pair [\"YYYY-MM-DD\", \"YYYY-MM-DD\"]";
            return false;
          }
          try {
            pairs.push_back({Date::parse(a), Date::parse(b)});
          } catch (const DateError& e) {
            error = what + ": " + e.what();
            return false;
          }
        }
        fv.pairs = pairs.data();
        fv.pair_count = pairs.size();
        break;
      }
    }
  }
  const Outcome checked = validate_event(rules_, out.input());
  if (!checked) {
    error = describe(rules_, checked);
    return false;
  }
  return true;
}

namespace {

// Newlines in [from, to) of a buffer.
std::size_t newlines(const char* from, const char* to) {
  std::size_t n = 0;
  for (const char* p = from; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(to - p)))) != nullptr; ++p)
    ++n;
  return n;
}

}  // namespace

std::size_t JsonEventReader::read_lines(const char* text, std::size_t size, std::size_t capacity, std::size_t first_line,
                                        const EventSink& on_event, const ErrorSink& on_error) {
  const char* const end = text + size;
  std::string error;
  ParsedEvent& ev = impl_->event_;
  // Lines from `from` on, one at a time: after a line the document stream cannot take as one
  // event (bad JSON, two values on a line, a value across lines), and when the block has no room
  // for simdjson's padding.
  const auto one_by_one = [&](const char* from, std::size_t line) {
    while (from < end) {
      const char* nl = static_cast<const char*>(std::memchr(from, '\n', static_cast<std::size_t>(end - from)));
      const char* stop = nl ? nl : end;
      const std::string_view text_line(from, static_cast<std::size_t>(stop - from));
      if (text_line.find_first_not_of(" \t\r") != std::string_view::npos) {
        if (parse(text_line, ev, error)) on_event(line, ev);
        else on_error(line, ev.case_id, error);
      }
      from = nl ? nl + 1 : end;
      ++line;
    }
  };
  const std::size_t lines = newlines(text, end) + (size > 0 && end[-1] != '\n' ? 1 : 0);
  if (capacity < size + simdjson::SIMDJSON_PADDING) {
    one_by_one(text, first_line);
    return lines;
  }
  simdjson::dom::document_stream docs;
  if (impl_->stream_parser.parse_many(text, size, std::max<std::size_t>(size, 1 << 16)).get(docs)) {
    one_by_one(text, first_line);
    return lines;
  }
  // The event of the latest line is held until the next value starts on a later line: a second
  // value on its line makes the whole line bad.
  bool pending = false;
  std::size_t pending_line = 0;
  const char* pending_start = text;  // the start of the pending line
  const char* scanned = text;        // newlines counted up to here
  std::size_t line = first_line;
  const char* resume = text;  // where the lines not yet given to a sink start
  std::size_t resume_line = first_line;
  bool failed = false;
  for (auto it = docs.begin(); it != docs.end(); ++it) {
    simdjson::dom::element doc;
    const char* start = text + it.current_index();
    if ((*it).get(doc) || start < scanned || start >= end) {
      failed = true;
      break;
    }
    line += newlines(scanned, start);
    scanned = start;
    const std::string_view source = it.source();
    if (source.find('\n') != std::string_view::npos || (pending && pending_line == line)) {
      failed = true;
      break;
    }
    if (pending) on_event(pending_line, ev);
    pending = false;
    const char* line_start = start;
    while (line_start > text && line_start[-1] != '\n') --line_start;
    resume = line_start;
    resume_line = line;
    if (Impl::event(*this, doc, ev, error)) {
      pending = true;
      pending_line = line;
      pending_start = line_start;
    } else {
      on_error(line, ev.case_id, error);
      // Go on after this line, unless it holds more than this value.
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', static_cast<std::size_t>(end - start)));
      resume = nl ? nl + 1 : end;
      resume_line = line + 1;
      if (std::string_view(start + source.size(), static_cast<std::size_t>((nl ? nl : end) - start) - source.size())
              .find_first_not_of(" \t\r") != std::string_view::npos) {
        failed = true;
        break;
      }
    }
  }
  if (!failed && docs.truncated_bytes() > 0) failed = true;
  if (failed) {
    // From the pending line (not yet given) or from where the given lines end.
    if (pending) one_by_one(pending_start, pending_line);
    else one_by_one(resume, resume_line);
    return lines;
  }
  if (pending) on_event(pending_line, ev);
  return lines;
}

}  // namespace caseflow
