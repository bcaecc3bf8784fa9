// The C ABI's common parts: versions, statuses, the thread-local last error, strings, dates.
#include <cstdlib>
#include <optional>

#include "capi/capi_internal.hpp"
#include "caseflow/version.hpp"

static_assert(CF_VERSION_MAJOR == CASEFLOW_VERSION_MAJOR && CF_VERSION_MINOR == CASEFLOW_VERSION_MINOR &&
                  CF_VERSION_PATCH == CASEFLOW_VERSION_PATCH,
              "caseflow.h's CF_VERSION_* must match project(VERSION) in CMakeLists.txt");

// The engine's statuses are the first cf_status values, so a batch's statuses pass unchanged.
static_assert(CF_OK == static_cast<int>(caseflow::Status::ok), "pinned");
static_assert(CF_BAD_INPUT == static_cast<int>(caseflow::Status::bad_input), "pinned");
static_assert(CF_NOT_ALLOWED == static_cast<int>(caseflow::Status::not_allowed), "pinned");
static_assert(CF_GUARD_FAILED == static_cast<int>(caseflow::Status::guard_failed), "pinned");
static_assert(CF_OUT_OF_ORDER == static_cast<int>(caseflow::Status::out_of_order), "pinned");
static_assert(CF_NOT_OPEN == static_cast<int>(caseflow::Status::not_open), "pinned");
static_assert(CF_ALREADY_OPEN == static_cast<int>(caseflow::Status::already_open), "pinned");

namespace caseflow::capi {

namespace {

// The calling thread's last error: a message, or a rejection whose message is not built yet.
struct LastError {
  std::string text;
  std::optional<RuleSet> rules;
  Outcome outcome;
};

LastError& last_error() {
  thread_local LastError e;
  return e;
}

}  // namespace

void fail(cf_status status, std::string message) { throw Failure{status, std::move(message)}; }

cf_status set_error(cf_status status, std::string message) {
  LastError& e = last_error();
  e.text = std::move(message);
  e.rules.reset();
  return status;
}

cf_status set_rejection(const RuleSet& rules, const Outcome& outcome) {
  LastError& e = last_error();
  e.rules = rules;
  e.outcome = outcome;
  return status_of(outcome.status);
}

cf_status from_exception(const char* function) noexcept {
  const std::string fn = std::string(function) + ": ";
  try {
    throw;
  } catch (const Failure& f) {
    return set_error(f.status, fn + f.message);
  } catch (const SnapshotError& e) {
    return set_error(CF_CORRUPT, fn + e.what());
  } catch (const RuleSetError& e) {
    return set_error(CF_BAD_RULESET, e.what());
  } catch (const DateError& e) {
    return set_error(CF_BAD_INPUT, fn + e.what());
  } catch (const std::bad_alloc&) {
    return set_error(CF_NO_MEMORY, fn + "out of memory");
  } catch (const std::exception& e) {
    return set_error(CF_ERROR, fn + "internal error: " + e.what());
  } catch (...) {
    return set_error(CF_ERROR, fn + "internal error: an unknown exception");
  }
}

cf_status give_string(char** out, std::size_t* out_len, const std::string& text) {
  char* p = static_cast<char*>(std::malloc(text.size() + 1));
  if (p == nullptr) throw std::bad_alloc();
  std::memcpy(p, text.c_str(), text.size() + 1);
  *out = p;
  if (out_len) *out_len = text.size();
  return CF_OK;
}

Fields::Fields(const cf_field_value* fields, std::size_t count) : count_(count) {
  if (fields == nullptr && count > 0) fail(CF_INVALID_ARGUMENT, "fields is NULL but field_count is " + std::to_string(count));
  if (count > kInline) {
    heap_.resize(count);
    values_ = heap_.data();
  }
  for (std::size_t i = 0; i < count; ++i) {
    const cf_field_value& in = fields[i];
    FieldValue& v = values_[i];
    v = FieldValue{};
    v.present = in.present != 0;
    v.number = in.number;
    if (in.pair_count == 0) continue;
    if (in.pairs == nullptr)
      fail(CF_INVALID_ARGUMENT, "field " + std::to_string(i) + ": pairs is NULL but pair_count is " +
                                    std::to_string(in.pair_count));
    if (pairs_.empty()) pairs_.resize(count);
    auto& list = pairs_[i];
    list.reserve(in.pair_count);
    for (std::size_t k = 0; k < in.pair_count; ++k) list.push_back({Date(in.pairs[k].first), Date(in.pairs[k].last)});
    v.pairs = list.data();
    v.pair_count = list.size();
  }
}

void need_variable(const RuleSet& rules, const char* name) {
  need(name, "variable");
  if (rules.find(Kind::variable, name)) return;
  fail(CF_NOT_FOUND, "the rule-set '" + rules.name() + "' has no variable '" + name + "'");
}

}  // namespace caseflow::capi

using namespace caseflow;
using namespace caseflow::capi;

extern "C" {

CF_API const char* cf_version(void) { return CASEFLOW_VERSION_STRING; }

CF_API int cf_abi_version(void) { return CF_ABI_VERSION; }

CF_API const char* cf_status_str(cf_status status_arg) {
  switch (enum_int(status_arg)) {
    case CF_OK: return "ok";
    case CF_BAD_INPUT: return "bad_input";
    case CF_NOT_ALLOWED: return "not_allowed";
    case CF_GUARD_FAILED: return "guard_failed";
    case CF_OUT_OF_ORDER: return "out_of_order";
    case CF_NOT_OPEN: return "not_open";
    case CF_ALREADY_OPEN: return "already_open";
    case CF_ERROR: return "error";
    case CF_INVALID_ARGUMENT: return "invalid_argument";
    case CF_NOT_FOUND: return "not_found";
    case CF_BUFFER_TOO_SMALL: return "buffer_too_small";
    case CF_CORRUPT: return "corrupt";
    case CF_BAD_RULESET: return "bad_ruleset";
    case CF_IO: return "io";
    case CF_NO_MEMORY: return "no_memory";
  }
  return "unknown_status";
}

CF_API const char* cf_last_error(void) {
  try {
    LastError& e = last_error();
    if (e.rules) {
      e.text = describe(*e.rules, e.outcome);
      e.rules.reset();
    }
    return e.text.c_str();
  } catch (const std::bad_alloc&) {
    return "out of memory while building the message";
  } catch (...) {
    // Nothing the message is built from may end the caller's process: say that it failed.
    return "internal error: the message of the last failure could not be built";
  }
}

CF_API void cf_string_free(char* text) { std::free(text); }

CF_API cf_status cf_date_parse(cf_date* out, const char* text) {
  return guard(__func__, [&] {
    need(out, "out");
    need(text, "text");
    *out = Date::parse(text).days();
    return CF_OK;
  });
}

CF_API cf_status cf_date_format(char* buf, size_t cap, cf_date date) {
  return guard(__func__, [&] {
    need(buf, "buf");
    if (cap < CF_DATE_ISO_SIZE)
      fail(CF_BUFFER_TOO_SMALL, "a date needs " + std::to_string(CF_DATE_ISO_SIZE) + " bytes; buf has " + std::to_string(cap));
    const Date d(date);
    if (d < Date::min() || d > Date::max())
      fail(CF_BAD_INPUT, "day " + std::to_string(date) + " is outside 1400-01-01 … 9999-12-31");
    d.write_iso(buf);
    buf[10] = '\0';
    return CF_OK;
  });
}

CF_API cf_status cf_date_from_ymd(cf_date* out, int year, int month, int day) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = Date::from_ymd(year, month, day).days();
    return CF_OK;
  });
}

CF_API cf_status cf_date_to_ymd(int* out_year, int* out_month, int* out_day, cf_date date) {
  return guard(__func__, [&] {
    need(out_year, "out_year");
    need(out_month, "out_month");
    need(out_day, "out_day");
    const Date d(date);
    if (d < Date::min() || d > Date::max())
      fail(CF_BAD_INPUT, "day " + std::to_string(date) + " is outside 1400-01-01 … 9999-12-31");
    const YearMonthDay ymd = d.ymd();
    *out_year = ymd.year;
    *out_month = ymd.month;
    *out_day = ymd.day;
    return CF_OK;
  });
}

}  // extern "C"
