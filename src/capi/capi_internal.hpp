// The C shim's shared machinery: the one guard every entry point runs in, the thread-local last
// error, handle casts, and the (out, cap, out_count) array helper. No rule logic lives here.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "caseflow/caseflow.h"
#include "caseflow/caseload.hpp"
#include "caseflow/engine.hpp"
#include "caseflow/ruleset.hpp"

// The C handles are the C++ objects themselves (a cf_ruleset* is a RuleSet*, a cf_case* a Case*),
// so a case borrowed from a caseload is a cf_case* too. A caseload carries a little more.
struct cf_caseload {
  explicit cf_caseload(caseflow::RuleSet rules, caseflow::CaseloadPath path = caseflow::CaseloadPath::general)
      : load(std::move(rules), path) {}
  caseflow::Caseload load;
  std::vector<caseflow::Status> statuses;  // the last batch's, before they are copied out
  std::size_t last_batch = 0;              // records in the last batch
  std::string message;                     // the last batch message asked for
  // The external ids handed out by cf_caseload_case_id(), which lend them for the handle's life:
  // Caseload::case_id returns a copy. A map's strings never move.
  mutable std::map<std::uint32_t, std::string> case_ids;
};

namespace caseflow::capi {

/// A failure found by the shim itself (misuse, a name not found): carries its status.
struct Failure {
  cf_status status;
  std::string message;
};

/// Throws a Failure; the guard turns it into the status and the thread's last error.
[[noreturn]] void fail(cf_status status, std::string message);

/// Records a message as the calling thread's last error and returns the status.
cf_status set_error(cf_status status, std::string message);

/// Records a rejected event or advance: its message is built only if cf_last_error() is called.
cf_status set_rejection(const RuleSet& rules, const Outcome& outcome);

/// Maps whatever was thrown to a status and a message naming the function.
cf_status from_exception(const char* function) noexcept;

/// Runs an entry point's body: every exception becomes a status and a message, none escapes.
template <class F>
cf_status guard(const char* function, F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return from_exception(function);
  }
}

/// A pointer argument the function cannot do without.
template <class T>
T& need(T* p, const char* name) {
  if (p == nullptr) fail(CF_INVALID_ARGUMENT, std::string(name) + " is NULL");
  return *p;
}

inline const RuleSet& ruleset_of(const cf_ruleset* p) {
  return *reinterpret_cast<const RuleSet*>(&need(p, "ruleset"));
}
inline Case& case_of(cf_case* p) { return *reinterpret_cast<Case*>(&need(p, "c")); }
inline const Case& case_of(const cf_case* p) { return *reinterpret_cast<const Case*>(&need(p, "c")); }
inline cf_caseload& caseload_of(cf_caseload* p) { return need(p, "caseload"); }
inline const cf_caseload& caseload_of(const cf_caseload* p) { return need(p, "caseload"); }

/// The value of an enum parameter from C, read as the integer it is. A C caller may pass any value
/// of the enum's integer type (cf_status_str(99)); in C++ loading one that is not an enumerator is
/// undefined, so the parameter's bytes are copied, never loaded as the enum, and every switch is
/// on the integer.
template <class Enum>
int enum_int(const Enum& e) noexcept {
  static_assert(std::is_enum_v<Enum> && sizeof(Enum) == sizeof(int), "a C enum is an int");
  int v = 0;
  std::memcpy(&v, &e, sizeof v);
  return v;
}

/// The status of an engine outcome: the engine's statuses are the first cf_status values.
inline cf_status status_of(Status s) noexcept { return static_cast<cf_status>(s); }

/// Fills a caller's array from `items`, converting each with `conv`; reports the size needed.
template <class Out, class Items, class Conv>
cf_status fill(Out* out, std::size_t cap, std::size_t* out_count, const Items& items, Conv conv) {
  need(out_count, "out_count");
  if (out == nullptr && cap > 0) fail(CF_INVALID_ARGUMENT, "out is NULL but cap is " + std::to_string(cap));
  const std::size_t n = items.size();
  *out_count = n;
  if (cap < n)
    fail(CF_BUFFER_TOO_SMALL, "the result has " + std::to_string(n) + " items; the array has room for " +
                                  std::to_string(cap));
  std::size_t i = 0;
  for (const auto& item : items) out[i++] = conv(item);
  return CF_OK;
}

/// A day passed to a query (as_of, on, from, to): within the calendar, or CF_INVALID_ARGUMENT
/// naming the parameter. Days of events, starts and advances are the engine's to judge (CF_BAD_INPUT).
inline Date day_arg(cf_date day, const char* name) {
  const Date d(day);
  if (!d.in_calendar())
    fail(CF_INVALID_ARGUMENT, std::string(name) + " " + std::to_string(day) + " is outside the calendar (1400-01-01 … 9999-12-31)");
  return d;
}

/// Copies text into a malloc'd, NUL-terminated string the caller frees with cf_string_free().
cf_status give_string(char** out, std::size_t* out_len, const std::string& text);

/// Converts C field values to the engine's, keeping date pairs alive for the call.
class Fields {
 public:
  Fields(const cf_field_value* fields, std::size_t count);
  const FieldValue* data() const noexcept { return count_ ? values_ : nullptr; }
  std::size_t size() const noexcept { return count_; }

 private:
  static constexpr std::size_t kInline = 8;
  FieldValue inline_[kInline];
  std::vector<FieldValue> heap_;
  std::vector<std::vector<DateInterval>> pairs_;
  FieldValue* values_ = inline_;
  std::size_t count_ = 0;
};

/// Checks that the rule-set names a case variable, for queries over one (CF_NOT_FOUND if not).
void need_variable(const RuleSet& rules, const char* name);

}  // namespace caseflow::capi
