// The C ABI of caseloads: cases by id, batch apply, advance, monitoring queries and KPIs.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "caseflow/report.hpp"
#include "capi/capi_internal.hpp"

using namespace caseflow;
using namespace caseflow::capi;

// A batch record crosses the ABI as it is: the C struct and caseflow::EventRecord are one layout.
static_assert(CF_RECORD_VALUES == kRecordValues, "record values");
static_assert(sizeof(cf_event_record) == 48 && sizeof(cf_event_record) == sizeof(EventRecord), "record size");
static_assert(alignof(cf_event_record) == alignof(EventRecord), "record alignment");
static_assert(offsetof(cf_event_record, case_index) == offsetof(EventRecord, case_index) &&
                  offsetof(cf_event_record, date) == offsetof(EventRecord, date) &&
                  offsetof(cf_event_record, event) == offsetof(EventRecord, event) &&
                  offsetof(cf_event_record, present) == offsetof(EventRecord, present) &&
                  offsetof(cf_event_record, reserved) == offsetof(EventRecord, reserved) &&
                  offsetof(cf_event_record, values) == offsetof(EventRecord, values),
              "cf_event_record and caseflow::EventRecord must share one layout");
static_assert(offsetof(cf_event_record, values) == 16, "record layout");
// So does a compact record: cf_compact_record and caseflow::CompactRecord are one layout.
static_assert(sizeof(cf_compact_record) == 16 && sizeof(cf_compact_record) == sizeof(CompactRecord),
              "compact record size");
static_assert(alignof(cf_compact_record) == alignof(CompactRecord), "compact record alignment");
static_assert(offsetof(cf_compact_record, case_index) == offsetof(CompactRecord, case_index) &&
                  offsetof(cf_compact_record, date) == offsetof(CompactRecord, date) &&
                  offsetof(cf_compact_record, event) == offsetof(CompactRecord, event) &&
                  offsetof(cf_compact_record, present) == offsetof(CompactRecord, present) &&
                  offsetof(cf_compact_record, value) == offsetof(CompactRecord, value),
              "cf_compact_record and caseflow::CompactRecord must share one layout");
static_assert(offsetof(cf_compact_record, value) == 12, "compact record layout");
// Bulk open and export hand their arrays through as they are.
static_assert(sizeof(cf_date) == sizeof(std::int32_t) && CF_ID_NONE == 0xFFFF && CF_DATE_NONE == INT32_MIN,
              "the bulk calls' arrays and their 'none' values are the C++ ones");
static_assert(sizeof(cf_due_item) == 12 && sizeof(cf_case_date) == 8 && sizeof(cf_group_case) == 16 &&
                  sizeof(cf_closure_count) == 32 && sizeof(cf_value_count) == 16 && sizeof(cf_punctuality) == 24,
              "the structs of the caseload section are ABI: frozen sizes");

namespace {

std::uint32_t need_index(const Caseload& load, std::uint32_t index) {
  if (index >= load.size())
    fail(CF_INVALID_ARGUMENT, "case index " + std::to_string(index) + " is out of range (the caseload has " +
                                  std::to_string(load.size()) + " cases)");
  return index;
}

void need_point(const RuleSet& rules, const char* name) {
  need(name, "point");
  if (rules.find(Kind::point, name)) return;
  fail(CF_NOT_FOUND, "the rule-set '" + rules.name() + "' has no point '" + name + "'");
}

std::uint32_t as_index(std::uint32_t c) { return c; }

// The caseload of a call that needs each case's history (a borrowed case, the monitoring
// queries): a fast caseload keeps none, and says so here rather than as Caseload's logic_error.
const Caseload& general_load(const cf_caseload* caseload) {
  const Caseload& load = caseload_of(caseload).load;
  if (load.is_fast())
    fail(CF_INVALID_ARGUMENT,
         "the caseload runs on the fast path, which keeps no history per case; this call needs the general path "
         "(CF_PATH_GENERAL)");
  return load;
}

// A path given across the ABI. A C caller may pass any value of the enum's integer type, which
// need not be a value of the C++ enum: it is read as its bytes, never as a cf_caseload_path.
CaseloadPath path_of(const cf_caseload_path& path) {
  static_assert(sizeof(cf_caseload_path) == sizeof(unsigned), "a C enum of small values is an int");
  unsigned value = 0;
  std::memcpy(&value, &path, sizeof value);
  switch (value) {
    case CF_PATH_GENERAL: return CaseloadPath::general;
    case CF_PATH_FAST_IF_POSSIBLE: return CaseloadPath::fast_if_possible;
    default:
      fail(CF_INVALID_ARGUMENT, "path " + std::to_string(static_cast<int>(value)) +
                                    " is not a cf_caseload_path (CF_PATH_GENERAL = 0, CF_PATH_FAST_IF_POSSIBLE = 1)");
  }
}

// A range of cases [first, first + count) that must lie within the caseload (checked before
// anything is changed or written, so that a failure leaves all as it was).
void need_range(const Caseload& load, std::uint32_t first, std::size_t count) {
  const std::size_t size = load.size();
  if (first > size || count > size - first)
    fail(CF_INVALID_ARGUMENT, "cases " + std::to_string(first) + " to " +
                                  std::to_string(static_cast<unsigned long long>(first) + count) +
                                  " (exclusive) pass the last case (the caseload has " + std::to_string(size) +
                                  " cases)");
}

// A batch of either record layout: the statuses copied out as bytes, the count kept for
// cf_caseload_batch_message(). `apply` runs the batch into the Status array it is given.
template <class Record, class Apply>
cf_status run_batch(size_t* out_applied, uint8_t* out_statuses, cf_caseload& h, const Record* records, size_t count,
                    Apply apply) {
  if (records == nullptr && count > 0) fail(CF_INVALID_ARGUMENT, "records is NULL but count is " + std::to_string(count));
  if (out_statuses) h.statuses.resize(count);
  h.last_batch = 0;
  const std::size_t applied = apply(out_statuses ? h.statuses.data() : nullptr);
  h.last_batch = count;
  if (out_statuses)
    for (std::size_t i = 0; i < count; ++i) out_statuses[i] = static_cast<std::uint8_t>(h.statuses[i]);
  if (out_applied) *out_applied = applied;
  return CF_OK;
}

}  // namespace

extern "C" {

CF_API cf_status cf_caseload_new(cf_caseload** out, const cf_ruleset* ruleset) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = new cf_caseload(ruleset_of(ruleset));
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_new_on_path(cf_caseload** out, const cf_ruleset* ruleset, cf_caseload_path path) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rules = ruleset_of(ruleset);
    *out = new cf_caseload(rules, path_of(path));
    return CF_OK;
  });
}

CF_API void cf_caseload_free(cf_caseload* caseload) { delete caseload; }

CF_API cf_status cf_caseload_ruleset(cf_ruleset** out, const cf_caseload* caseload) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = reinterpret_cast<cf_ruleset*>(new RuleSet(caseload_of(caseload).load.rules()));
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_is_fast(int* out, const cf_caseload* caseload) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = caseload_of(caseload).load.is_fast() ? 1 : 0;
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_bytes_per_case(size_t* out, const cf_caseload* caseload) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = caseload_of(caseload).load.bytes_per_case();
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_add_case(uint32_t* out, cf_caseload* caseload, const char* id) {
  return guard(__func__, [&] {
    need(out, "out");
    cf_caseload& h = caseload_of(caseload);
    need(id, "id");
    *out = h.load.add_case(id);
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_find_case(uint32_t* out, const cf_caseload* caseload, const char* id) {
  return guard(__func__, [&] {
    need(out, "out");
    const cf_caseload& h = caseload_of(caseload);
    need(id, "id");
    const auto index = h.load.find_case(id);
    if (!index) fail(CF_NOT_FOUND, std::string("the caseload has no case '") + id + "'");
    *out = *index;
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_case_id(const char** out, const cf_caseload* caseload, uint32_t index) {
  return guard(__func__, [&] {
    need(out, "out");
    const cf_caseload& h = caseload_of(caseload);
    need_index(h.load, index);
    auto it = h.case_ids.find(index);
    if (it == h.case_ids.end()) it = h.case_ids.emplace(index, h.load.case_id(index)).first;
    *out = it->second.c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_size(size_t* out, const cf_caseload* caseload) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = caseload_of(caseload).load.size();
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_case(const cf_case** out, const cf_caseload* caseload, uint32_t index) {
  return guard(__func__, [&] {
    need(out, "out");
    const Caseload& load = general_load(caseload);
    *out = reinterpret_cast<const cf_case*>(&load.at(need_index(load, index)));
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_intern(int64_t* out, cf_caseload* caseload, const char* text) {
  return guard(__func__, [&] {
    need(out, "out");
    cf_caseload& h = caseload_of(caseload);
    need(text, "text");
    *out = h.load.strings().intern(text);
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_string(const char** out, const cf_caseload* caseload, int64_t id) {
  return guard(__func__, [&] {
    need(out, "out");
    const StringTable& strings = caseload_of(caseload).load.strings();
    if (id < 0 || static_cast<std::size_t>(id) >= strings.size())
      fail(CF_NOT_FOUND, "no string has id " + std::to_string(id) + " (the caseload has " +
                             std::to_string(strings.size()) + ")");
    *out = strings.text(id).c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_apply(cf_caseload* caseload, uint32_t case_index, uint16_t event, cf_date date,
                                   const cf_field_value* fields, size_t field_count) {
  return guard(__func__, [&] {
    Caseload& load = caseload_of(caseload).load;
    need_index(load, case_index);
    const Fields values(fields, field_count);
    const Outcome out = load.apply(case_index, EventInput{event, Date(date), values.data(), values.size()});
    return out ? CF_OK : set_rejection(load.rules(), out);
  });
}

CF_API cf_status cf_caseload_start(cf_caseload* caseload, uint32_t case_index, cf_date day) {
  return guard(__func__, [&] {
    Caseload& load = caseload_of(caseload).load;
    const Outcome out = load.open_at(need_index(load, case_index), Date(day));
    return out ? CF_OK : set_rejection(load.rules(), out);
  });
}

CF_API cf_status cf_caseload_open_cases(size_t* out_opened, uint8_t* out_statuses, cf_caseload* caseload,
                                        uint32_t first, const cf_date* days, size_t count) {
  return guard(__func__, [&] {
    cf_caseload& h = caseload_of(caseload);
    if (days == nullptr && count > 0) fail(CF_INVALID_ARGUMENT, "days is NULL but count is " + std::to_string(count));
    need_range(h.load, first, count);
    // The scratch statuses of a batch serve here too; the last batch's count (for its messages)
    // is left alone, as Caseload::open_cases leaves its rejections.
    if (out_statuses) h.statuses.resize(count);
    const std::size_t opened = h.load.open_cases(first, days, count, out_statuses ? h.statuses.data() : nullptr);
    if (out_statuses)
      for (std::size_t i = 0; i < count; ++i) out_statuses[i] = static_cast<std::uint8_t>(h.statuses[i]);
    if (out_opened) *out_opened = opened;
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_apply_batch(size_t* out_applied, uint8_t* out_statuses, cf_caseload* caseload,
                                         const cf_event_record* records, size_t count) {
  return guard(__func__, [&] {
    cf_caseload& h = caseload_of(caseload);
    return run_batch(out_applied, out_statuses, h, records, count, [&](Status* statuses) {
      return h.load.apply_batch(reinterpret_cast<const EventRecord*>(records), count, statuses);
    });
  });
}

CF_API cf_status cf_caseload_apply_compact(size_t* out_applied, uint8_t* out_statuses, cf_caseload* caseload,
                                           const cf_compact_record* records, size_t count) {
  return guard(__func__, [&] {
    cf_caseload& h = caseload_of(caseload);
    return run_batch(out_applied, out_statuses, h, records, count, [&](Status* statuses) {
      return h.load.apply_compact(reinterpret_cast<const CompactRecord*>(records), count, statuses);
    });
  });
}

CF_API cf_status cf_caseload_batch_message(const char** out, cf_caseload* caseload, size_t position) {
  return guard(__func__, [&] {
    need(out, "out");
    cf_caseload& h = caseload_of(caseload);
    if (position >= h.last_batch)
      fail(CF_INVALID_ARGUMENT, "position " + std::to_string(position) + " is past the last batch's " +
                                    std::to_string(h.last_batch) + " records");
    h.message = h.load.batch_message(position);
    *out = h.message.c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_advance(cf_caseload* caseload, cf_date to, unsigned threads) {
  return guard(__func__, [&] {
    caseload_of(caseload).load.advance(Date(to), threads == 0 ? 1 : threads);
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_export_states(uint16_t* out_states, cf_date* out_last_days, const cf_caseload* caseload,
                                           uint32_t first, size_t count) {
  return guard(__func__, [&] {
    const Caseload& load = caseload_of(caseload).load;
    need_range(load, first, count);
    load.export_states(first, count, out_states, out_last_days);
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_count_by_state(int64_t* out, size_t cap, size_t* out_count, const cf_caseload* caseload) {
  return guard(__func__, [&] {
    return fill(out, cap, out_count, caseload_of(caseload).load.count_by_state(), [](std::int64_t n) { return n; });
  });
}

CF_API cf_status cf_caseload_entering_week(uint32_t* out, size_t cap, size_t* out_count, const cf_caseload* caseload,
                                           int32_t week, cf_date from, cf_date to) {
  return guard(__func__, [&] {
    const Caseload& load = general_load(caseload);
    if (week < 1) fail(CF_INVALID_ARGUMENT, "week " + std::to_string(week) + " is not a week of a case (1, 2, ...)");
    return fill(out, cap, out_count, load.entering_week(week, day_arg(from, "from"), day_arg(to, "to")), as_index);
  });
}

CF_API cf_status cf_caseload_overdue(uint32_t* out, size_t cap, size_t* out_count, const cf_caseload* caseload,
                                     uint16_t obligation, cf_date on) {
  return guard(__func__, [&] {
    const Caseload& load = general_load(caseload);
    if (obligation != CF_ID_NONE && obligation >= load.rules().obligation_count())
      fail(CF_INVALID_ARGUMENT, "obligation id " + std::to_string(obligation) + " is out of range (the rule-set has " +
                                    std::to_string(load.rules().obligation_count()) + ")");
    const auto by_obligation = load.overdue(day_arg(on, "on"));
    std::vector<std::uint32_t> cases;
    for (const auto& [o, list] : by_obligation)
      if (obligation == CF_ID_NONE || o == obligation) cases.insert(cases.end(), list.begin(), list.end());
    std::sort(cases.begin(), cases.end());
    cases.erase(std::unique(cases.begin(), cases.end()), cases.end());
    return fill(out, cap, out_count, cases, as_index);
  });
}

CF_API cf_status cf_caseload_due_within(cf_due_item* out, size_t cap, size_t* out_count, const cf_caseload* caseload,
                                        cf_date from, cf_date to) {
  return guard(__func__, [&] {
    return fill(out, cap, out_count, general_load(caseload).due_within(day_arg(from, "from"), day_arg(to, "to")), [](const DueItem& d) {
      cf_due_item r{};
      r.case_index = d.case_index;
      r.obligation = d.obligation;
      r.due = d.due.days();
      return r;
    });
  });
}

CF_API cf_status cf_caseload_supervision_sample(uint32_t* out, size_t cap, size_t* out_count,
                                                const cf_caseload* caseload, size_t k, uint64_t seed, cf_date on) {
  return guard(__func__, [&] {
    return fill(out, cap, out_count, general_load(caseload).supervision_sample(k, seed, day_arg(on, "on")), as_index);
  });
}

CF_API cf_status cf_caseload_over_weeks_by(cf_group_case* out, size_t cap, size_t* out_count,
                                           const cf_caseload* caseload, int32_t weeks, cf_date on,
                                           const char* group_variable) {
  return guard(__func__, [&] {
    const Caseload& load = general_load(caseload);
    need_variable(load.rules(), group_variable);
    std::vector<cf_group_case> items;
    for (const auto& [group, cases] : load.over_weeks_by(weeks, day_arg(on, "on"), group_variable))
      for (std::uint32_t c : cases) items.push_back(cf_group_case{group, c, 0});
    return fill(out, cap, out_count, items, [](const cf_group_case& g) { return g; });
  });
}

CF_API cf_status cf_caseload_flagged(uint32_t* out, size_t cap, size_t* out_count, const cf_caseload* caseload,
                                     const char* bool_variable) {
  return guard(__func__, [&] {
    const Caseload& load = general_load(caseload);
    need_variable(load.rules(), bool_variable);
    return fill(out, cap, out_count, load.flagged(bool_variable), as_index);
  });
}

CF_API cf_status cf_caseload_points_within(cf_case_date* out, size_t cap, size_t* out_count,
                                           const cf_caseload* caseload, const char* point, cf_date from, cf_date to) {
  return guard(__func__, [&] {
    const Caseload& load = general_load(caseload);
    need_point(load.rules(), point);
    return fill(out, cap, out_count, load.points_within(point, day_arg(from, "from"), day_arg(to, "to")),
                [](const std::pair<std::uint32_t, Date>& p) { return cf_case_date{p.first, p.second.days()}; });
  });
}

CF_API cf_status cf_caseload_closures(cf_closure_count* out, size_t cap, size_t* out_count,
                                      const cf_caseload* caseload, const char* caseworker_variable,
                                      const char* technical_reason) {
  return guard(__func__, [&] {
    const Caseload& load = general_load(caseload);
    need_variable(load.rules(), caseworker_variable);
    need(technical_reason, "technical_reason");
    return fill(out, cap, out_count, load.closures(caseworker_variable, technical_reason), [](const ClosureCount& c) {
      const Date first = month_index_start(c.month);
      cf_closure_count r{};
      r.caseworker = c.caseworker;
      r.year = first.year();
      r.month = first.month();
      r.real = c.real;
      r.technical = c.technical;
      return r;
    });
  });
}

CF_API cf_status cf_caseload_variable_changes(int64_t* out, size_t cap, size_t* out_count,
                                              const cf_caseload* caseload, const char* variable) {
  return guard(__func__, [&] {
    const Caseload& load = general_load(caseload);
    need_variable(load.rules(), variable);
    return fill(out, cap, out_count, load.variable_changes(variable), [](std::int64_t n) { return n; });
  });
}

CF_API cf_status cf_caseload_open_by(cf_value_count* out, size_t cap, size_t* out_count, const cf_caseload* caseload,
                                     const char* variable) {
  return guard(__func__, [&] {
    const Caseload& load = general_load(caseload);
    need_variable(load.rules(), variable);
    return fill(out, cap, out_count, load.open_by(variable), [](const std::pair<const std::int64_t, std::int64_t>& p) {
      return cf_value_count{p.first, p.second};
    });
  });
}

CF_API cf_status cf_caseload_holding(uint32_t* out, size_t cap, size_t* out_count, const cf_caseload* caseload,
                                     const char* variable) {
  return guard(__func__, [&] {
    const Caseload& load = general_load(caseload);
    need_variable(load.rules(), variable);
    return fill(out, cap, out_count, load.holding(variable), as_index);
  });
}

CF_API cf_status cf_caseload_punctuality(cf_punctuality* out, const cf_caseload* caseload,
                                         const char* const* obligations, size_t obligation_count, cf_date on) {
  return guard(__func__, [&] {
    need(out, "out");
    const Caseload& load = general_load(caseload);
    if (obligations == nullptr && obligation_count > 0)
      fail(CF_INVALID_ARGUMENT, "obligations is NULL but obligation_count is " + std::to_string(obligation_count));
    std::vector<std::string> names;
    for (std::size_t i = 0; i < obligation_count; ++i) {
      if (obligations[i] == nullptr) fail(CF_INVALID_ARGUMENT, "obligations[" + std::to_string(i) + "] is NULL");
      if (!load.rules().find_obligation(obligations[i]))
        fail(CF_NOT_FOUND, "the rule-set '" + load.rules().name() + "' has no obligation '" + obligations[i] + "'");
      names.emplace_back(obligations[i]);
    }
    const Punctuality p = load.punctuality(names, day_arg(on, "on"));
    *out = cf_punctuality{p.on_time, p.late, p.missed};
    return CF_OK;
  });
}

CF_API cf_status cf_caseload_report(char* buf, size_t cap, size_t* out_len, const cf_caseload* caseload, cf_date on,
                                    cf_date from, uint64_t seed) {
  return guard(__func__, [&] {
    need(out_len, "out_len");
    if (buf == nullptr && cap > 0) fail(CF_INVALID_ARGUMENT, "buf is NULL but cap is " + std::to_string(cap));
    const Caseload& load = general_load(caseload);
    const auto day = [](cf_date d, const char* what) {
      if (d < Date::min().days() || d > Date::max().days())
        fail(CF_INVALID_ARGUMENT, std::string(what) + " " + std::to_string(d) + " is outside 1400-01-01 … 9999-12-31");
      return Date(d);
    };
    ReportRequest request{day(on, "on"), std::nullopt, seed};
    if (from != CF_DATE_NONE) request.from = day(from, "from");
    if (request.from && *request.from > request.on)
      fail(CF_INVALID_ARGUMENT, "from " + request.from->iso() + " is after on " + request.on.iso());
    const std::string text = report_json(build_report(load, request));
    *out_len = text.size();
    if (cap <= text.size())
      fail(CF_BUFFER_TOO_SMALL, "the report has " + std::to_string(text.size()) + " bytes and a NUL; the buffer has room for " +
                                    std::to_string(cap));
    std::memcpy(buf, text.c_str(), text.size() + 1);
    return CF_OK;
  });
}

}  // extern "C"
