// The C ABI of rule-sets: loading, names <-> ids, fields, legal references, the DOT diagram.
#include <fstream>

#include "capi/capi_internal.hpp"
#include "rules/dot.hpp"
#include "rules/model.hpp"

using namespace caseflow;
using namespace caseflow::capi;

namespace {

cf_ruleset* handle(RuleSet rules) { return reinterpret_cast<cf_ruleset*>(new RuleSet(std::move(rules))); }

const char* kind_name(cf_kind kind) {
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

// How many names of a kind the rule-set has (ids run below it).
std::size_t count_of(const RuleSet& rs, cf_kind kind) {
  switch (kind) {
    case CF_KIND_STATE: return rs.state_count();
    case CF_KIND_EVENT: return rs.event_count();
    case CF_KIND_TIMER: return rs.timer_count();
    case CF_KIND_OBLIGATION: return rs.obligation_count();
    case CF_KIND_RULE: return rs.model().transitions.size();
    case CF_KIND_VARIABLE: return rs.model().variables.size();
    case CF_KIND_POINT: return rs.model().points.size();
  }
  fail(CF_INVALID_ARGUMENT, "kind " + std::to_string(static_cast<int>(kind)) + " is not a cf_kind");
}

void need_id(const RuleSet& rs, cf_kind kind, std::uint16_t id) {
  const std::size_t n = count_of(rs, kind);
  if (id >= n)
    fail(CF_INVALID_ARGUMENT, std::string(kind_name(kind)) + " id " + std::to_string(id) + " is out of range (the rule-set '" +
                                  rs.name() + "' has " + std::to_string(n) + ")");
}

const rules::Field& field_of(const RuleSet& rs, std::uint16_t event, std::uint16_t field) {
  need_id(rs, CF_KIND_EVENT, event);
  const auto& fields = rs.model().events[event].fields;
  if (field >= fields.size())
    fail(CF_INVALID_ARGUMENT, "field id " + std::to_string(field) + " is out of range (event '" + rs.event_name(event) +
                                  "' has " + std::to_string(fields.size()) + " fields)");
  return fields[field];
}

const rules::Field& enum_field_of(const RuleSet& rs, std::uint16_t event, std::uint16_t field) {
  const rules::Field& f = field_of(rs, event, field);
  if (f.type != FieldType::enumeration)
    fail(CF_INVALID_ARGUMENT, "field '" + f.name + "' of '" + rs.event_name(event) + "' is not an enum");
  return f;
}

// The id of the item named `name` in a table of named items.
template <class Items>
std::optional<std::uint16_t> index_of(const Items& items, const char* name) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name) return static_cast<std::uint16_t>(i);
  return std::nullopt;
}

}  // namespace

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

CF_API cf_status cf_ruleset_count(size_t* out, const cf_ruleset* ruleset, cf_kind kind) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = count_of(ruleset_of(ruleset), kind);
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_find(uint16_t* out, const cf_ruleset* ruleset, cf_kind kind, const char* name) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need(name, "name");
    std::optional<std::uint16_t> id;
    switch (kind) {
      case CF_KIND_STATE: id = rs.find_state(name); break;
      case CF_KIND_EVENT: id = rs.find_event(name); break;
      case CF_KIND_TIMER: id = rs.find_timer(name); break;
      case CF_KIND_OBLIGATION: id = rs.find_obligation(name); break;
      case CF_KIND_RULE: {
        const auto& ts = rs.model().transitions;
        for (std::size_t i = 0; i < ts.size() && !id; ++i)
          if (ts[i].id == name) id = static_cast<std::uint16_t>(i);
        break;
      }
      case CF_KIND_VARIABLE: id = index_of(rs.model().variables, name); break;
      case CF_KIND_POINT: id = index_of(rs.model().points, name); break;
      default: count_of(rs, kind);  // fails: not a kind
    }
    if (!id) fail(CF_NOT_FOUND, "the rule-set '" + rs.name() + "' has no " + kind_name(kind) + " '" + name + "'");
    *out = *id;
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_name_of(const char** out, const cf_ruleset* ruleset, cf_kind kind, uint16_t id) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_id(rs, kind, id);
    switch (kind) {
      case CF_KIND_STATE: *out = rs.state_name(id).c_str(); break;
      case CF_KIND_EVENT: *out = rs.event_name(id).c_str(); break;
      case CF_KIND_TIMER: *out = rs.timer_name(id).c_str(); break;
      case CF_KIND_OBLIGATION: *out = rs.obligation_name(id).c_str(); break;
      case CF_KIND_RULE: *out = rs.model().transitions[id].id.c_str(); break;
      case CF_KIND_VARIABLE: *out = rs.model().variables[id].name.c_str(); break;
      case CF_KIND_POINT: *out = rs.model().points[id].name.c_str(); break;
    }
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_legal_ref(const char** out, const cf_ruleset* ruleset, cf_kind kind, uint16_t id) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    need_id(rs, kind, id);
    const rules::Model& m = rs.model();
    switch (kind) {
      case CF_KIND_TIMER: *out = m.timers[id].legal_ref.c_str(); break;
      case CF_KIND_OBLIGATION: *out = m.obligations[id].legal_ref.c_str(); break;
      case CF_KIND_RULE: *out = m.transitions[id].legal_ref.c_str(); break;
      case CF_KIND_POINT: *out = m.points[id].legal_ref.c_str(); break;
      default: *out = ""; break;
    }
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
    *out = static_cast<cf_field_type>(rs.model().variables[variable].type);
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
    *out = field_of(ruleset_of(ruleset), event, field).name.c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_field_type(cf_field_type* out, const cf_ruleset* ruleset, uint16_t event,
                                       uint16_t field) {
  return guard(__func__, [&] {
    need(out, "out");
    *out = static_cast<cf_field_type>(field_of(ruleset_of(ruleset), event, field).type);
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_find_enum_value(int64_t* out, const cf_ruleset* ruleset, uint16_t event, uint16_t field,
                                            const char* value) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    const rules::Field& f = enum_field_of(rs, event, field);
    need(value, "value");
    const auto v = rs.find_enum_value(event, field, value);
    if (!v) {
      std::string list;
      for (const auto& x : f.values) list += (list.empty() ? "" : ", ") + x;
      fail(CF_NOT_FOUND, "'" + std::string(value) + "' is not a value of field '" + f.name + "' of '" +
                             rs.event_name(event) + "' (one of: " + list + ")");
    }
    *out = *v;
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_enum_value_name(const char** out, const cf_ruleset* ruleset, uint16_t event,
                                            uint16_t field, int64_t value) {
  return guard(__func__, [&] {
    need(out, "out");
    const RuleSet& rs = ruleset_of(ruleset);
    const rules::Field& f = enum_field_of(rs, event, field);
    if (value < 0 || value >= static_cast<std::int64_t>(f.values.size()))
      fail(CF_NOT_FOUND, "field '" + f.name + "' of '" + rs.event_name(event) + "' has no value " + std::to_string(value) +
                             " (it has " + std::to_string(f.values.size()) + ")");
    *out = f.values[static_cast<std::size_t>(value)].c_str();
    return CF_OK;
  });
}

CF_API cf_status cf_ruleset_dot(char** out, size_t* out_len, const cf_ruleset* ruleset) {
  return guard(__func__, [&] {
    need(out, "out");
    return give_string(out, out_len, rules::to_dot(ruleset_of(ruleset)));
  });
}

}  // extern "C"
