// Events from CSV, parsed with libcsv (quoting, embedded commas and newlines per RFC 4180) and
// checked against the rule-set's schema exactly as JSON Lines events are; each cell is read as its
// field's type by parse_field_text.
#include <csv.h>

#include <stdexcept>

#include "caseflow/io.hpp"

namespace caseflow {

CsvEventReader::CsvEventReader(RuleSet rules, StringTable* strings)
    : rules_(std::move(rules)), strings_(strings ? strings : &own_strings_) {}

namespace {

// Rows as libcsv delivers them, cell by cell.
struct Rows {
  std::vector<std::string> cells;
  std::vector<bool> given;  // false: an empty, unquoted cell
  std::function<void(std::vector<std::string>&, std::vector<bool>&)> on_row;
};

void on_cell(void* s, std::size_t len, void* data) {
  auto* rows = static_cast<Rows*>(data);
  rows->cells.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
  rows->given.push_back(s != nullptr && len > 0);
}

void on_row_end(int, void* data) {
  auto* rows = static_cast<Rows*>(data);
  rows->on_row(rows->cells, rows->given);
  rows->cells.clear();
  rows->given.clear();
}

}  // namespace

bool CsvEventReader::read(std::string_view text, const EventSink& on_event, const ErrorSink& on_error) {
  bool given = false;
  return read_blocks(
      [&](std::string& block) {
        if (given) return false;
        block.assign(text);
        given = true;
        return true;
      },
      on_event, on_error, ',');
}

bool CsvEventReader::read_blocks(const std::function<bool(std::string&)>& next_block, const EventSink& on_event,
                                 const ErrorSink& on_error, char delimiter) {
  std::vector<std::string> header;
  int case_col = -1, date_col = -1, event_col = -1;
  std::size_t row = 0;
  bool header_ok = true;
  Rows rows;
  ParsedEvent ev;
  std::string reason;
  rows.on_row = [&](std::vector<std::string>& cells, std::vector<bool>& given) {
    ++row;
    if (row == 1) {
      header = cells;
      for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == "case") case_col = static_cast<int>(i);
        if (header[i] == "date") date_col = static_cast<int>(i);
        if (header[i] == "event") event_col = static_cast<int>(i);
      }
      if (case_col < 0 || date_col < 0 || event_col < 0) {
        on_error(1, "", "the header row must name the columns case, date and event");
        header_ok = false;
      }
      return;
    }
    if (!header_ok) return;
    if (cells.size() == 1 && !given[0]) return;  // an empty line
    const auto cell = [&](int i) { return i < static_cast<int>(cells.size()) ? cells[static_cast<std::size_t>(i)] : std::string(); };
    ev.case_id = cell(case_col);
    if (cells.size() != header.size()) {
      on_error(row, ev.case_id, "the row has " + std::to_string(cells.size()) + " cells, the header " +
                                    std::to_string(header.size()));
      return;
    }
    const auto event = rules_.find_event(cell(event_col));
    if (!event) {
      on_error(row, ev.case_id, "unknown event '" + cell(event_col) + "' in rule-set " + rules_.name());
      return;
    }
    try {
      ev.date = Date::parse(cell(date_col));
    } catch (const DateError& e) {
      on_error(row, ev.case_id, std::string("field 'date': ") + e.what());
      return;
    }
    ev.event = *event;
    const std::size_t nfields = rules_.field_count(*event);
    ev.fields.assign(nfields, FieldValue{});
    if (ev.pairs.size() < nfields) ev.pairs.resize(nfields);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (static_cast<int>(i) == case_col || static_cast<int>(i) == date_col || static_cast<int>(i) == event_col || !given[i])
        continue;
      const auto f = rules_.find_field(*event, header[i]);
      const std::string what = "field '" + header[i] + "' of '" + rules_.event_name(*event) + "'";
      if (!f) {
        on_error(row, ev.case_id, "unknown field '" + header[i] + "' for event '" + rules_.event_name(*event) + "'");
        return;
      }
      if (!parse_field_text(rules_, *event, *f, cells[i], strings_, ev.pairs[*f], ev.fields[*f], reason)) {
        on_error(row, ev.case_id, what + ": " + reason);
        return;
      }
    }
    const Outcome checked = validate_event(rules_, ev.input());
    if (!checked) {
      on_error(row, ev.case_id, describe(rules_, checked));
      return;
    }
    on_event(row, ev);
  };
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_EMPTY_IS_NULL) != 0) throw std::runtime_error("libcsv: cannot initialise");
  csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
  bool ok = true;
  std::string block;
  while (ok) {
    block.clear();
    if (!next_block(block)) break;
    ok = csv_parse(&parser, block.data(), block.size(), on_cell, on_row_end, &rows) == block.size();
  }
  ok = csv_fini(&parser, on_cell, on_row_end, &rows) == 0 && ok;
  if (!ok) on_error(row + 1, "", std::string("malformed CSV: ") + csv_strerror(csv_error(&parser)));
  csv_free(&parser);
  return ok && header_ok;
}

}  // namespace caseflow
