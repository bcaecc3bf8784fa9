// The C ABI of one case: open, apply, advance, read, explain, snapshot and restore.
#include "capi/capi_internal.hpp"
#include "caseflow/explain.hpp"
#include "caseflow/io.hpp"

using namespace caseflow;
using namespace caseflow::capi;

static_assert(sizeof(cf_obligation) == 16 && sizeof(cf_timer) == 8 && sizeof(cf_transition) == 16 &&
                  sizeof(cf_date_pair) == 8,
              "the structs of the case section are ABI: frozen sizes");
static_assert(CF_OBLIGATION_PENDING == static_cast<int>(ObligationStatus::pending) &&
                  CF_OBLIGATION_OVERDUE == static_cast<int>(ObligationStatus::overdue) &&
                  CF_OBLIGATION_MET == static_cast<int>(ObligationStatus::met) &&
                  CF_OBLIGATION_MET_LATE == static_cast<int>(ObligationStatus::met_late) &&
                  CF_OBLIGATION_LAPSED == static_cast<int>(ObligationStatus::lapsed) &&
                  CF_OBLIGATION_MISSED == static_cast<int>(ObligationStatus::missed),
              "cf_obligation_status follows caseflow::ObligationStatus");

namespace {

cf_case* handle(Case c) { return reinterpret_cast<cf_case*>(new Case(std::move(c))); }

const Case& open_case(const cf_case* p) {
  const Case& c = case_of(p);
  if (!c.is_open()) fail(CF_NOT_OPEN, "the case is not open (a case opens with its first event, e.g. sick_listed)");
  return c;
}

cf_date date_or_none(const std::optional<Date>& d) { return d ? d->days() : CF_DATE_NONE; }

// A snapshot key from C, checked before it is used.
SnapshotKey key_of(const void* key, std::size_t key_len) {
  if (key == nullptr) fail(CF_INVALID_ARGUMENT, "key is NULL");
  if (key_len < CF_SNAPSHOT_KEY_MIN)
    fail(CF_INVALID_ARGUMENT, "key has " + std::to_string(key_len) + " bytes; a snapshot key has at least " +
                                  std::to_string(CF_SNAPSHOT_KEY_MIN));
  return SnapshotKey{static_cast<const std::uint8_t*>(key), key_len};
}

cf_status give_snapshot(void* buf, size_t cap, size_t* out_size, const cf_case* c, const SnapshotKey* key) {
  const Case& k = case_of(c);
  need(out_size, "out_size");
  if (buf == nullptr && cap > 0) fail(CF_INVALID_ARGUMENT, "buf is NULL but cap is " + std::to_string(cap));
  const std::vector<std::uint8_t> bytes = key ? k.snapshot(*key) : k.snapshot();
  *out_size = bytes.size();
  if (cap < bytes.size())
    fail(CF_BUFFER_TOO_SMALL, "the snapshot has " + std::to_string(bytes.size()) + " bytes; the buffer has room for " +
                                  std::to_string(cap));
  std::memcpy(buf, bytes.data(), bytes.size());
  return CF_OK;
}

}  // namespace

extern "C" {

CF_API cf_status cf_case_open(cf_case** out, const cf_ruleset* ruleset) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = handle(Case(ruleset_of(ruleset)));
    return CF_OK;
  });
}

CF_API cf_status cf_case_copy(cf_case** out, const cf_case* c) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = handle(case_of(c));
    return CF_OK;
  });
}

CF_API void cf_case_free(cf_case* c) { delete reinterpret_cast<Case*>(c); }

CF_API cf_status cf_case_ruleset(cf_ruleset** out, const cf_case* c) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = reinterpret_cast<cf_ruleset*>(new RuleSet(case_of(c).rules()));
    return CF_OK;
  });
}

CF_API cf_status cf_case_apply(cf_case* c, uint16_t event, cf_date date, const cf_field_value* fields,
                               size_t field_count) {
  return guard(__func__, [&] {
    Case& k = case_of(c);
    const Fields values(fields, field_count);
    const Outcome out = k.apply(EventInput{event, Date(date), values.data(), values.size()});
    return out ? CF_OK : set_rejection(k.rules(), out);
  });
}

CF_API cf_status cf_case_start(cf_case* c, cf_date day) {
  return guard(__func__, [&] {
    Case& k = case_of(c);
    const Outcome out = k.open_at(Date(day));
    return out ? CF_OK : set_rejection(k.rules(), out);
  });
}

CF_API cf_status cf_case_advance(cf_case* c, cf_date to) {
  return guard(__func__, [&] {
    Case& k = case_of(c);
    const Outcome out = k.advance(Date(to));
    return out ? CF_OK : set_rejection(k.rules(), out);
  });
}

CF_API cf_status cf_case_is_open(int* out, const cf_case* c) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = case_of(c).is_open() ? 1 : 0;
    return CF_OK;
  });
}

CF_API cf_status cf_case_state(uint16_t* out, const cf_case* c) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = open_case(c).state();
    return CF_OK;
  });
}

CF_API cf_status cf_case_is_final(int* out, const cf_case* c) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = case_of(c).is_final() ? 1 : 0;
    return CF_OK;
  });
}

CF_API cf_status cf_case_clock(cf_date* out, const cf_case* c) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = open_case(c).clock().days();
    return CF_OK;
  });
}

CF_API cf_status cf_case_day1(cf_date* out, const cf_case* c) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = open_case(c).day1().days();
    return CF_OK;
  });
}

CF_API cf_status cf_case_reason(const char** out, const cf_case* c) {
  return guard(__func__, [&] {
    need(out, "out");
    const auto reason = case_of(c).reason();
    // The view is into the model's reason list: NUL-terminated std::strings that outlive the case.
    *out = reason ? reason->data() : nullptr;
    return CF_OK;
  });
}

CF_API cf_status cf_case_point(cf_date* out, const cf_case* c, const char* name) {
  return guard(__func__, [&] {
    need(out, "out");
    const Case& k = case_of(c);
    need(name, "name");
    if (!k.rules().find(Kind::point, name)) fail(CF_NOT_FOUND, "the rule-set '" + k.rules().name() + "' has no point '" + name + "'");
    *out = date_or_none(k.point(name));
    return CF_OK;
  });
}

CF_API cf_status cf_case_variable(int64_t* out, const cf_case* c, const char* name) {
  return guard(__func__, [&] {
    need(out, "out");
    const Case& k = case_of(c);
    need_variable(k.rules(), name);
    *out = k.variable(name).value_or(INT64_MIN);
    return CF_OK;
  });
}

CF_API cf_status cf_case_obligations(cf_obligation* out, size_t cap, size_t* out_count, const cf_case* c,
                                     cf_date as_of) {
  return guard(__func__, [&] {
    const Case& k = case_of(c);
    const Date on = as_of == CF_DATE_NONE ? k.clock() : day_arg(as_of, "as_of");
    return fill(out, cap, out_count, k.obligations(on), [](const ObligationView& o) {
      cf_obligation r{};
      r.obligation = o.obligation;
      r.status = static_cast<std::uint8_t>(o.status);
      r.due = date_or_none(o.due);
      r.met_on = date_or_none(o.met_on);
      r.arose = o.arose.days();
      return r;
    });
  });
}

CF_API cf_status cf_case_timers(cf_timer* out, size_t cap, size_t* out_count, const cf_case* c) {
  return guard(__func__, [&] {
    return fill(out, cap, out_count, case_of(c).pending_timers(), [](const TimerView& t) {
      cf_timer r{};
      r.timer = t.timer;
      r.due = t.due.days();
      return r;
    });
  });
}

CF_API cf_status cf_case_allowed_events(uint16_t* out, size_t cap, size_t* out_count, const cf_case* c) {
  return guard(__func__, [&] {
    return fill(out, cap, out_count, case_of(c).allowed_events(), [](std::uint16_t e) { return e; });
  });
}

CF_API cf_status cf_case_trace(cf_transition* out, size_t cap, size_t* out_count, const cf_case* c) {
  return guard(__func__, [&] {
    return fill(out, cap, out_count, case_of(c).trace(), [](const TraceEntry& t) {
      cf_transition r{};
      r.date = t.date.days();
      r.from = t.from;
      r.to = t.to;
      r.event = t.event;
      r.timer = t.timer;
      r.rule = t.transition;
      return r;
    });
  });
}

CF_API cf_status cf_case_json(char** out, size_t* out_len, const cf_case* c, const char* case_id, cf_date as_of) {
  return guard(__func__, [&] {
    need(out, "out");
    const Case& k = open_case(c);
    const Date on = as_of == CF_DATE_NONE ? k.clock() : Date(as_of);
    if (on < Date::min() || on > Date::max())
      fail(CF_INVALID_ARGUMENT, "as_of " + std::to_string(as_of) + " is outside 1400-01-01 … 9999-12-31");
    return give_string(out, out_len, timeline_json(case_id ? case_id : "", k, on));
  });
}

CF_API cf_status cf_case_explain(char* buf, size_t cap, size_t* out_len, const cf_case* c, const char* case_id,
                                 cf_date as_of) {
  return guard(__func__, [&] {
    need(out_len, "out_len");
    if (buf == nullptr && cap > 0) fail(CF_INVALID_ARGUMENT, "buf is NULL but cap is " + std::to_string(cap));
    const Case& k = open_case(c);
    const Date on = as_of == CF_DATE_NONE ? k.clock() : Date(as_of);
    if (on < Date::min() || on > Date::max())
      fail(CF_INVALID_ARGUMENT, "as_of " + std::to_string(as_of) + " is outside 1400-01-01 … 9999-12-31");
    const std::string text = explanation_json(k.explain(on), case_id ? case_id : "");
    *out_len = text.size();
    if (cap <= text.size())
      fail(CF_BUFFER_TOO_SMALL, "the explanation has " + std::to_string(text.size()) +
                                    " bytes and a NUL; the buffer has room for " + std::to_string(cap));
    std::memcpy(buf, text.c_str(), text.size() + 1);
    return CF_OK;
  });
}

CF_API cf_status cf_case_record_explanations(cf_case* c, int on) {
  return guard(__func__, [&] {
    case_of(c).record_explanations(on != 0);
    return CF_OK;
  });
}

CF_API cf_status cf_case_snapshot_keyed(void* buf, size_t cap, size_t* out_size, const cf_case* c, const void* key,
                                        size_t key_len) {
  return guard(__func__, [&] {
    const SnapshotKey k = key_of(key, key_len);
    return give_snapshot(buf, cap, out_size, c, &k);
  });
}

CF_API cf_status cf_case_restore_keyed(cf_case* c, const void* bytes, size_t size, const void* key, size_t key_len) {
  return guard(__func__, [&] {
    Case& k = case_of(c);
    if (bytes == nullptr) fail(CF_INVALID_ARGUMENT, "bytes is NULL");
    k.restore(static_cast<const std::uint8_t*>(bytes), size, key_of(key, key_len));
    return CF_OK;
  });
}

CF_API cf_status cf_case_snapshot(void* buf, size_t cap, size_t* out_size, const cf_case* c) {
  return guard(__func__, [&] {
    return give_snapshot(buf, cap, out_size, c, nullptr);
  });
}

CF_API cf_status cf_case_restore(cf_case* c, const void* bytes, size_t size) {
  return guard(__func__, [&] {
    Case& k = case_of(c);
    if (bytes == nullptr) fail(CF_INVALID_ARGUMENT, "bytes is NULL");
    k.restore(static_cast<const std::uint8_t*>(bytes), size);
    return CF_OK;
  });
}

CF_API const char* cf_obligation_status_str(cf_obligation_status status_arg) {
  const int status = enum_int(status_arg);
  switch (status) {
    case CF_OBLIGATION_PENDING:
    case CF_OBLIGATION_OVERDUE:
    case CF_OBLIGATION_MET:
    case CF_OBLIGATION_MET_LATE:
    case CF_OBLIGATION_LAPSED:
    case CF_OBLIGATION_MISSED:
      return to_string(static_cast<ObligationStatus>(status));
  }
  return "unknown";
}

}  // extern "C"
