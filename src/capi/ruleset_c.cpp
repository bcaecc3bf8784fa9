// The C ABI of rule-sets: loading, names <-> ids, fields, legal references, the DOT diagram.
#include <fstream>

#include "capi/capi_internal.hpp"
#include "caseflow/io.hpp"

using namespace caseflow;
using namespace caseflow::capi;

namespace {

cf_ruleset* handle(RuleSet rules) { return reinterpret_cast<cf_ruleset*>(new RuleSet(std::move(rules))); }

const char* kind_name(int kind) {
  switch (kind) {
    case CF_KIND_STATE: return "state";
    case CF_KIND_EVENT: return "event";
    case CF_KIND_TIMER: return "timer";
    case CF_KIND_OBLIGATION: return "obligation";
    case CF_KIND_RULE: return "rule";
    case CF_KIND_VARIABLE: return "variable";
    case CF_KIND_POINT: return "point";
  }
  return "?";
}

// A cf_kind given across the ABI as the C++ Kind; CF_INVALID_ARGUMENT for a value that is none.
Kind kind_of(int kind) {
  switch (kind) {
    case CF_KIND_STATE:
    case CF_KIND_EVENT:
    case CF_KIND_TIMER:
    case CF_KIND_OBLIGATION:
    case CF_KIND_RULE:
    case CF_KIND_VARIABLE:
    case CF_KIND_POINT:
      return static_cast<Kind>(kind);
  }
  fail(CF_INVALID_ARGUMENT, "kind " + std::to_string(kind) + " is not a cf_kind");
}

// How many names of a kind the rule-set has (ids run below it).
std::size_t count_of(const RuleSet& rs, int kind) { return rs.count(kind_of(kind)); }

void need_id(const RuleSet& rs, int kind, std::uint16_t id) {
  const std::size_t n = count_of(rs, kind);
  if (id >= n)
    fail(CF_INVALID_ARGUMENT, std::string(kind_name(kind)) + " id " + std::to_string(id) + " is out of range (the rule-set '" +
                                  rs.name() + "' has " + std::to_string(n) + ")");
}

// Checks that an event has a field `field`.
void need_field(const RuleSet& rs, std::uint16_t event, std::uint16_t field) {
  need_id(rs, CF_KIND_EVENT, event);
  const std::size_t n = rs.field_count(event);
  if (field >= n)
    fail(CF_INVALID_ARGUMENT, "field id " + std::to_string(field) + " is out of range (event '" + rs.event_name(event) +
                                  "' has " + std::to_string(n) + " fields)");
}

void need_enum_field(const RuleSet& rs, std::uint16_t event, std::uint16_t field) {
  need_field(rs, event, field);
  if (rs.field_type(event, field) != FieldType::enumeration)
    fail(CF_INVALID_ARGUMENT, "field '" + rs.field_name(event, field) + "' of '" + rs.event_name(event) + "' is not an enum");
}

// An enum value that is not in its field's set: CF_NOT_FOUND, naming the values that are.
[[noreturn]] void fail_not_a_value(const RuleSet& rs, std::uint16_t event, std::uint16_t field, std::string_view value) {
  std::string list;
  for (std::size_t i = 0; i < rs.enum_value_count(event, field); ++i)
    list += (list.empty() ? "" : ", ") + rs.enum_value_name(event, field, static_cast<std::int64_t>(i));
  fail(CF_NOT_FOUND, "'" + std::string(value) + "' is not a value of field '" + rs.field_name(event, field) + "' of '" +
                         rs.event_name(event) + "' (one of: " + list + ")");
}

}  // namespace

static_assert(CF_KIND_STATE == static_cast<int>(Kind::state) && CF_KIND_EVENT == static_cast<int>(Kind::event) &&
                  CF_KIND_TIMER == static_cast<int>(Kind::timer) &&
                  CF_KIND_OBLIGATION == static_cast<int>(Kind::obligation) &&
                  CF_KIND_RULE == static_cast<int>(Kind::rule) && CF_KIND_VARIABLE == static_cast<int>(Kind::variable) &&
                  CF_KIND_POINT == static_cast<int>(Kind::point),
              "cf_kind follows caseflow::Kind");
static_assert(CF_FIELD_ENUM == static_cast<int>(FieldType::enumeration) &&
                  CF_FIELD_DATE == static_cast<int>(FieldType::date) &&
                  CF_FIELD_BOOL == static_cast<int>(FieldType::boolean) &&
                  CF_FIELD_INT == static_cast<int>(FieldType::integer) &&
                  CF_FIELD_STRING == static_cast<int>(FieldType::string) &&
                  CF_FIELD_DATE_PAIRS == static_cast<int>(FieldType::date_pairs),
              "cf_field_type follows caseflow::FieldType");

extern "C" {

CF_API cf_status cf_ruleset_builtin(cf_ruleset** out, const char* name) {
  return guard(__func__, [&] {
    need(out, "out");
    need(name, "name");
    if (RuleSet::builtin_text(name).empty()) {
      std::string known;
      for (const std::string& n : RuleSet::builtin_names()) known += (known.empty() ? "" : ", ") + n;
      fail(CF_NOT_FOUND, std::string("no built-in rule-set '") + name + "' (built-in: " + known + ")");
    }
    *out = handle(RuleSet::builtin(name));
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_builtin_name(const char** out, size_t index) {
  return guard(__func__, [&] {
    need(out, "out");
    static const std::vector<std::string> names = RuleSet::builtin_names();
    if (index >= names.size())
      fail(CF_NOT_FOUND, "there are " + std::to_string(names.size()) + " built-in rule-sets; index " +
                             std::to_string(index) + " is past the last");
    *out = names[index].c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_load_file(cf_ruleset** out, const char* path) {
  return guard(__func__, [&] {
    need(out, "out");
    need(path, "path");
    if (!std::ifstream(path, std::ios::binary)) fail(CF_IO, std::string(path) + ": cannot open the rule file");
    *out = handle(RuleSet::load_file(path));
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_load_string(cf_ruleset** out, const char* text, size_t len, const char* origin) {
  return guard(__func__, [&] {
    need(out, "out");
    need(text, "text");
    *out = handle(RuleSet::load_string(std::string_view(text, len), origin ? origin : "<string>"));
    return CF_OK;
  });
}

CF_API void cf_ruleset_free(cf_ruleset* ruleset) { delete reinterpret_cast<RuleSet*>(ruleset); }

CF_API cf_status cf_ruleset_name(const char** out, const cf_ruleset* ruleset) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = ruleset_of(ruleset).name().c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_count(size_t* out, const cf_ruleset* ruleset, cf_kind kind_arg) {
  return guard(__func__, [&] {
    const int kind = enum_int(kind_arg);
    need(out, "out");
    *out = count_of(ruleset_of(ruleset), kind);
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_find(uint16_t* out, const cf_ruleset* ruleset, cf_kind kind_arg, const char* name) {
  return guard(__func__, [&] {
    const int kind = enum_int(kind_arg);
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need(name, "name");
    const std::optional<std::uint16_t> id = rs.find(kind_of(kind), name);
    if (!id) fail(CF_NOT_FOUND, "the rule-set '" + rs.name() + "' has no " + kind_name(kind) + " '" + name + "'");
    *out = *id;
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_name_of(const char** out, const cf_ruleset* ruleset, cf_kind kind_arg, uint16_t id) {
  return guard(__func__, [&] {
    const int kind = enum_int(kind_arg);
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_id(rs, kind, id);
    *out = rs.name(kind_of(kind), id).c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_legal_ref(const char** out, const cf_ruleset* ruleset, cf_kind kind_arg, uint16_t id) {
  return guard(__func__, [&] {
    const int kind = enum_int(kind_arg);
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_id(rs, kind, id);
    *out = rs.legal_ref(kind_of(kind), id).c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_state_is_final(int* out, const cf_ruleset* ruleset, uint16_t state) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_id(rs, CF_KIND_STATE, state);
    *out = rs.state_is_final(state) ? 1 : 0;
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_variable_type(cf_field_type* out, const cf_ruleset* ruleset, uint16_t variable) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_id(rs, CF_KIND_VARIABLE, variable);
    *out = static_cast<cf_field_type>(rs.variable_type(variable));
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_field_count(size_t* out, const cf_ruleset* ruleset, uint16_t event) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_id(rs, CF_KIND_EVENT, event);
    *out = rs.field_count(event);
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_find_field(uint16_t* out, const cf_ruleset* ruleset, uint16_t event, const char* name) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_id(rs, CF_KIND_EVENT, event);
    need(name, "name");
    const auto id = rs.find_field(event, name);
    if (!id) fail(CF_NOT_FOUND, "event '" + rs.event_name(event) + "' has no field '" + name + "'");
    *out = *id;
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_field_name(const char** out, const cf_ruleset* ruleset, uint16_t event, uint16_t field) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_field(rs, event, field);
    *out = rs.field_name(event, field).c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_field_type(cf_field_type* out, const cf_ruleset* ruleset, uint16_t event,
                                       uint16_t field) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_field(rs, event, field);
    *out = static_cast<cf_field_type>(rs.field_type(event, field));
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_find_enum_value(int64_t* out, const cf_ruleset* ruleset, uint16_t event, uint16_t field,
                                            const char* value) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_enum_field(rs, event, field);
    need(value, "value");
    const auto v = rs.find_enum_value(event, field, value);
    if (!v) fail_not_a_value(rs, event, field, value);
    *out = *v;
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_enum_value_name(const char** out, const cf_ruleset* ruleset, uint16_t event,
                                            uint16_t field, int64_t value) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_enum_field(rs, event, field);
    const std::size_t n = rs.enum_value_count(event, field);
    if (value < 0 || value >= static_cast<std::int64_t>(n))
      fail(CF_NOT_FOUND, "field '" + rs.field_name(event, field) + "' of '" + rs.event_name(event) + "' has no value " +
                             std::to_string(value) + " (it has " + std::to_string(n) + ")");
    *out = rs.enum_value_name(event, field, value).c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_dot(char** out, size_t* out_len, const cf_ruleset* ruleset) {
  return guard(__func__, [&] {
    need(out, "out");
    return give_string(out, out_len, ruleset_of(ruleset).dot());
  });
}

CF_API cf_status cf_field_parse(cf_field_value* out, cf_date_pair* out_pairs, size_t cap, size_t* out_count,
                                const cf_ruleset* ruleset, uint16_t event, uint16_t field, const char* text, size_t len) {
  return guard(__func__, [&] {
    need(out, "out");
    need(out_count, "out_count");
    const RuleSet& rs = ruleset_of(ruleset);
    need_field(rs, event, field);
    if (text == nullptr && len > 0) fail(CF_INVALID_ARGUMENT, "text is NULL but len is " + std::to_string(len));
    if (out_pairs == nullptr && cap > 0) fail(CF_INVALID_ARGUMENT, "out_pairs is NULL but cap is " + std::to_string(cap));
    const FieldType type = rs.field_type(event, field);
    const std::string what = "field '" + rs.field_name(event, field) + "' of '" + rs.event_name(event) + "'";
    if (type == FieldType::string)
      fail(CF_INVALID_ARGUMENT, what + " is a string: its number is an id the caller chooses (cf_caseload_intern() in a caseload)");
    const std::string_view given(text ? text : "", len);
    std::vector<DateInterval> pairs;
    FieldValue value;
    std::string reason;
    if (!parse_field_text(rs, event, field, given, nullptr, pairs, value, reason)) {
      if (type == FieldType::enumeration) fail_not_a_value(rs, event, field, given);
      fail(CF_BAD_INPUT, what + ": " + reason);
    }
    *out_count = pairs.size();
    if (cap < pairs.size())
      fail(CF_BUFFER_TOO_SMALL, "the text holds " + std::to_string(pairs.size()) + " date pairs; out_pairs has room for " +
                                    std::to_string(cap));
    for (std::size_t i = 0; i < pairs.size(); ++i) out_pairs[i] = cf_date_pair{pairs[i].first.days(), pairs[i].last.days()};
    cf_field_value v{};
    v.number = value.number;
    v.present = 1;
    if (type == FieldType::date_pairs) {
      v.pairs = out_pairs;
      v.pair_count = pairs.size();
    }
    *out = v;
    return CF_OK;
  });
}

}  // extern "C"
