// The rule-file loader's expressions: each value, date and condition of a rule file parsed,
// its names resolved and its type checked, into the model's expression nodes (rules/eval.hpp
// evaluates them).
#include <algorithm>

#include "rules/loader.hpp"

namespace caseflow::rules::loading {

namespace {

const char* type_name(VType t) {
  switch (t) {
    case VType::date: return "a date";
    case VType::number: return "a number";
    case VType::boolean: return "a boolean";
    case VType::string: return "a string";
    case VType::enumeration: return "an enum value";
    case VType::condition: return "a condition";
  }
  return "a value";
}

}  // namespace

// ---- expressions ----
std::uint32_t Loader::add(Expr e) {
  m_.exprs.push_back(std::move(e));
  return static_cast<std::uint32_t>(m_.exprs.size() - 1);
}

Typed Loader::want(const YAML::Node& n, const Ctx& ctx, VType t) {
  Typed v = value(n, ctx);
  const bool ok = v.type == t || (t == VType::number && v.type == VType::boolean);
  if (!ok) fail(n, std::string("expected ") + type_name(t) + " here, found " + type_name(v.type));
  return v;
}

std::uint32_t Loader::cond_expr(const YAML::Node& n, const Ctx& ctx) {
  Typed v = value(n, ctx);
  if (v.type != VType::condition && v.type != VType::boolean)
    fail(n, std::string("expected a condition here, found ") + type_name(v.type));
  return v.expr;
}

Typed Loader::leaf_scalar(const YAML::Node& n, const Ctx& ctx) {
  const std::string s = n.Scalar();
  Expr e;
  if (s == "day1") e.op = Op::day1;
  else if (s == "event_date") e.op = Op::event_date;
  else if (s == "timer_start") {
    if (!ctx.has_timer_start) fail(n, "timer_start is only known in a timer's date or an obligation's due date");
    e.op = Op::timer_start;
  } else if (s == "current") {
    if (!ctx.current) fail(n, "current is the value so far, known only in the steps of an 'adjust'");
    e.op = Op::current;
    return {add(e), *ctx.current};
  } else if (s == "valid_from") { e.value = m_.valid_from.days(); }
  else if (s == "valid_until") { e.value = m_.valid_until.days(); }
  else if (auto d = Date::try_parse(s)) { e.value = d->days(); }
  else if (s == "true" || s == "false") {
    e.value = s == "true";
    return {add(e), VType::boolean};
  } else {
    e.value = need_int(n, "'" + s + "': a value (day1, event_date, timer_start, valid_from, valid_until, a date or a number)");
    return {add(e), VType::number};
  }
  return {add(e), VType::date};
}

VType Loader::field_vtype(FieldType t) {
  switch (t) {
    case FieldType::date: return VType::date;
    case FieldType::integer: return VType::number;
    case FieldType::boolean: return VType::boolean;
    case FieldType::enumeration: return VType::enumeration;
    default: return VType::string;
  }
}

// A constant to compare a value with, read in the value's own type.
std::int64_t Loader::constant_for(const Typed& v, const YAML::Node& n) const {
  switch (v.type) {
    case VType::date: return need_date(n, "the compared date").days();
    case VType::boolean: return n.as<bool>() ? 1 : 0;
    case VType::enumeration: {
      const Field& f = m_.events[v.enum_event].fields[v.enum_field];
      auto it = std::find(f.values.begin(), f.values.end(), scalar(n));
      if (it == f.values.end()) fail(n, "'" + scalar(n) + "' is not a value of field '" + f.name + "'");
      return it - f.values.begin();
    }
    case VType::number: return need_int(n, "the compared number");
    default: fail(n, "strings cannot be compared in a rule");
  }
}

std::vector<std::uint32_t> Loader::list_of(const YAML::Node& n, const Ctx& ctx, VType t, std::size_t min_len) {
  if (!n.IsSequence() || n.size() < min_len)
    fail(n, "expected a list of at least " + std::to_string(min_len) + " values");
  std::vector<std::uint32_t> out;
  for (const auto& x : n) out.push_back(want(x, ctx, t).expr);
  return out;
}

// A duration {days|weeks|months|years: N} added to a date.
std::uint32_t Loader::add_duration(std::uint32_t date, const YAML::Node& d, const Ctx& ctx, bool negate) {
  if (!d.IsMap() || d.size() != 1) fail(d, "a duration is one of {days: N}, {weeks: N}, {months: N}, {years: N}");
  const std::string unit = d.begin()->first.as<std::string>();
  std::uint32_t n = int_expr(d.begin()->second, ctx);
  std::int64_t factor = unit == "weeks" ? 7 : unit == "years" ? 12 : 1;
  if (unit != "days" && unit != "weeks" && unit != "months" && unit != "years")
    fail(d.begin()->first, "unknown unit '" + unit + "' (days, weeks, months, years)");
  if (negate) factor = -factor;
  if (factor != 1) {
    Expr f;
    f.value = factor;
    Expr m;
    m.op = Op::mul;
    m.args = {n, add(f)};
    n = add(m);
  }
  Expr e;
  e.op = (unit == "months" || unit == "years") ? Op::add_months : Op::add_days;
  e.args = {date, n};
  return add(e);
}

Typed Loader::value(const YAML::Node& n, const Ctx& ctx) {
  if (n.IsScalar()) return leaf_scalar(n, ctx);
  if (!n.IsMap() || n.size() == 0) fail(n, "expected a value or a condition");
  const auto has = [&](const char* k) { return bool(n[k]); };
  Expr e;

  // Comparisons and conditions first: their maps have two keys.
  if ((has("field") || has("var")) && (has("equals") || has("in"))) {
    Typed subject = has("field") ? value_ref(n, ctx, "field") : value_ref(n, ctx, "var");
    e.args = {subject.expr};
    if (has("equals")) {
      e.op = Op::equals;
      e.value = constant_for(subject, n["equals"]);
    } else {
      e.op = Op::in_set;
      if (!n["in"].IsSequence()) fail(n["in"], "'in' takes a list");
      for (const auto& x : n["in"]) e.set.push_back(constant_for(subject, x));
    }
    return {add(e), VType::condition};
  }
  if (has("number")) {
    // A comparison of numbers: {number: a, at_least|at_most|more_than|less_than: b}.
    e.args = {int_expr(n["number"], ctx)};
    static const std::pair<const char*, Compare> kNumOps[] = {
        {"at_most", Compare::on_or_before}, {"at_least", Compare::on_or_after},
        {"less_than", Compare::before}, {"more_than", Compare::after}};
    for (const auto& [k, c] : kNumOps)
      if (has(k)) {
        if (n.size() != 2) fail(n, "a number comparison is {number: a, at_least|at_most|more_than|less_than: b}");
        e.op = Op::compare;
        e.b = static_cast<std::uint8_t>(c);
        e.value = 1;  // numbers, for the words
        e.args.push_back(int_expr(n[k], ctx));
        return {add(e), VType::condition};
      }
    fail(n, "a number comparison needs at_least, at_most, more_than or less_than");
  }
  if (has("date")) {
    e.args = {date_expr(n["date"], ctx)};
    static const std::pair<const char*, Compare> kOps[] = {
        {"on_or_before", Compare::on_or_before}, {"on_or_after", Compare::on_or_after},
        {"before", Compare::before}, {"after", Compare::after}, {"same_as", Compare::same}};
    for (const auto& [k, c] : kOps)
      if (has(k)) {
        e.op = Op::compare;
        e.b = static_cast<std::uint8_t>(c);
        e.args.push_back(date_expr(n[k], ctx));
        return {add(e), VType::condition};
      }
    if (has("between")) {
      const YAML::Node b = n["between"];
      if (!b.IsSequence() || b.size() != 2) fail(b, "'between' takes [low, high]");
      e.op = Op::between;
      e.args.push_back(date_expr(b[0], ctx));
      e.args.push_back(date_expr(b[1], ctx));
      return {add(e), VType::condition};
    }
    fail(n, "a date comparison needs on_or_before, on_or_after, before, after, same_as or between");
  }
  if (n.size() != 1) fail(n, "expected one key here");
  const std::string key = n.begin()->first.as<std::string>();
  const YAML::Node arg = n.begin()->second;

  if (key == "field" || key == "var") return value_ref(n, ctx, key.c_str());
  if (key == "param") {
    e.op = Op::param;
    e.a = lookup(param_ix_, arg, "parameter");
    return {add(e), m_.params[e.a].is_date ? VType::date : VType::number};
  }
  if (key == "point") {
    e.op = Op::point;
    e.a = lookup(point_ix_, arg, "point");
    return {add(e), VType::date};
  }
  if (key == "timer") {
    e.op = Op::timer_date;
    e.a = lookup(timer_ix_, arg, "timer");
    return {add(e), VType::date};
  }
  if (key == "entered") {
    e.op = Op::entered;
    e.a = scope_of(arg);
    entry_anchors_.push_back(e.a);
    return {add(e), VType::date};
  }
  if (key == "day") {
    e.op = Op::day_n;
    e.args = {int_expr(arg, ctx)};
    return {add(e), VType::date};
  }
  if (key == "add" || key == "sub") {
    if (!arg.IsSequence() || arg.size() != 2) fail(arg, "'" + key + "' takes [date, {days|weeks|months|years: N}]");
    return {add_duration(date_expr(arg[0], ctx), arg[1], ctx, key == "sub"), VType::date};
  }
  if (key == "period_end") {
    if (!arg.IsMap() || !arg["from"] || arg.size() != 2)
      fail(arg, "'period_end' takes {from: date, years|months|weeks: N}");
    const std::uint32_t from = date_expr(arg["from"], ctx);
    if (arg["years"] || arg["months"]) {
      std::uint32_t count = int_expr(arg["years"] ? arg["years"] : arg["months"], ctx);
      if (arg["years"]) {
        Expr twelve;
        twelve.value = 12;
        Expr m;
        m.op = Op::mul;
        m.args = {count, add(twelve)};
        count = add(m);
      }
      e.op = Op::period_end_months;
      e.args = {from, count};
    } else if (arg["weeks"]) {
      e.op = Op::period_end_weeks;
      e.args = {from, int_expr(arg["weeks"], ctx)};
    } else {
      fail(arg, "'period_end' takes years, months or weeks");
    }
    return {add(e), VType::date};
  }
  if (key == "month_end") {
    e.op = Op::month_end;
    e.args = {date_expr(arg, ctx)};
    return {add(e), VType::date};
  }
  if (key == "later" || key == "earlier") {
    e.op = key == "later" ? Op::later : Op::earlier;
    e.args = list_of(arg, ctx, VType::date, 1);
    return {add(e), VType::date};
  }
  if (key == "first_known") {
    if (!arg.IsSequence() || arg.size() == 0) fail(arg, "'first_known' takes a list");
    Typed first = value(arg[0], ctx);
    e.op = Op::first_known;
    e.args.push_back(first.expr);
    for (std::size_t i = 1; i < arg.size(); ++i) e.args.push_back(want(arg[i], ctx, first.type).expr);
    return {add(e), first.type};
  }
  if (key == "counted_days") {
    if (!arg.IsMap() || !arg["window_months"] || !arg["more_than"])
      fail(arg, "'counted_days' takes {window_months: N, more_than: N}");
    check_keys(arg, {"window_months", "more_than"}, "counted_days");
    e.op = Op::counted_days;
    e.args = {int_expr(arg["window_months"], ctx), int_expr(arg["more_than"], ctx)};
    return {add(e), VType::date};
  }
  if (key == "counted_in_window") {
    if (!arg.IsMap() || !arg["window_months"] || !arg["on"])
      fail(arg, "'counted_in_window' takes {window_months: N, on: date}");
    check_keys(arg, {"window_months", "on"}, "counted_in_window");
    e.op = Op::counted_in_window;
    e.args = {int_expr(arg["window_months"], ctx), date_expr(arg["on"], ctx)};
    return {add(e), VType::number};
  }
  if (key == "adjust") {
    // A value adjusted in steps: each step whose condition holds (judged on the value so far,
    // `current`) replaces it, and the next step sees the result.
    if (!arg.IsMap() || !arg["start"] || !arg["steps"] || !arg["steps"].IsSequence() || arg["steps"].size() == 0)
      fail(arg, "'adjust' takes {start: value, steps: [{when: condition, then: value}, ...]}");
    check_keys(arg, {"start", "steps"}, "adjust");
    Typed start = value(arg["start"], ctx);
    if (start.type == VType::condition) fail(arg["start"], "'adjust' adjusts a value, not a condition");
    Ctx inner = ctx;
    inner.current = start.type;
    e.op = Op::adjust;
    e.args.push_back(start.expr);
    for (const auto& step : arg["steps"]) {
      if (!step.IsMap() || !step["when"] || !step["then"]) fail(step, "a step of 'adjust' is {when: condition, then: value}");
      check_keys(step, {"when", "then"}, "a step of 'adjust'");
      e.args.push_back(cond_expr(step["when"], inner));
      e.args.push_back(want(step["then"], inner, start.type).expr);
    }
    return {add(e), start.type};
  }
  if (key == "cond") {
    if (!arg.IsSequence() || arg.size() == 0) fail(arg, "'cond' takes a list of {when:, then:} and a final {else:}");
    e.op = Op::cond;
    std::optional<VType> type;
    bool has_else = false;
    for (const auto& branch : arg) {
      if (has_else) fail(branch, "'else' must be the last branch");
      if (branch["else"]) {
        Typed v = type ? want(branch["else"], ctx, *type) : value(branch["else"], ctx);
        type = v.type;
        e.args.push_back(v.expr);
        has_else = true;
        continue;
      }
      if (!branch["when"] || !branch["then"]) fail(branch, "a branch of 'cond' is {when: condition, then: value}");
      const std::uint32_t c = cond_expr(branch["when"], ctx);
      Typed v = type ? want(branch["then"], ctx, *type) : value(branch["then"], ctx);
      type = v.type;
      e.args.push_back(c);
      e.args.push_back(v.expr);
    }
    if (!has_else) e.args.push_back(UINT32_MAX);
    return {add(e), *type};
  }
  if (key == "mul" || key == "sum") {
    e.op = key == "mul" ? Op::mul : Op::sum;
    e.args = list_of(arg, ctx, VType::number, 1);
    return {add(e), VType::number};
  }
  if (key == "present") {
    e.op = Op::present;
    e.a = field_of(ctx.event, arg, ctx);
    return {add(e), VType::condition};
  }
  if (key == "is_true") {
    e.op = Op::equals;
    Typed f = value_ref_node(arg, ctx, "field");
    if (f.type != VType::boolean) fail(arg, "'is_true' takes a bool field");
    e.args = {f.expr};
    e.value = 1;
    return {add(e), VType::condition};
  }
  if (key == "known") {
    e.op = Op::known;
    e.args = {value(arg, ctx).expr};
    return {add(e), VType::condition};
  }
  if (key == "visited" || key == "in_state") {
    e.op = key == "visited" ? Op::visited : Op::in_state;
    e.a = scope_of(arg);
    if (key == "visited") m_.uses_visited = true;
    return {add(e), VType::condition};
  }
  if (key == "paid") {
    e.op = Op::paid;
    e.value = arg.as<bool>() ? 1 : 0;
    return {add(e), VType::condition};
  }
  if (key == "all" || key == "any") {
    e.op = key == "all" ? Op::all : Op::any;
    if (!arg.IsSequence() || arg.size() == 0) fail(arg, "'" + key + "' takes a list of conditions");
    for (const auto& x : arg) e.args.push_back(cond_expr(x, ctx));
    return {add(e), VType::condition};
  }
  if (key == "not") {
    e.op = Op::negate;
    e.args = {cond_expr(arg, ctx)};
    return {add(e), VType::condition};
  }
  fail(n.begin()->first, "unknown expression '" + key + "'");
}

Typed Loader::value_ref(const YAML::Node& n, const Ctx& ctx, const char* key) {
  return value_ref_node(n[key], ctx, key);
}

Typed Loader::value_ref_node(const YAML::Node& name, const Ctx& ctx, const std::string& key) {
  Expr e;
  if (key == "field") {
    e.op = Op::field;
    e.a = field_of(ctx.event, name, ctx);
    const Field& f = m_.events[ctx.event].fields[e.a];
    if (f.type == FieldType::date_pairs) fail(name, "a list of date pairs cannot be used in an expression");
    return {add(e), field_vtype(f.type), ctx.event, e.a};
  }
  e.op = Op::var;
  e.a = lookup(var_ix_, name, "variable");
  const Variable& var = m_.variables[e.a];
  if (var.type == FieldType::enumeration && var.enum_event == kNone) fail(name, "enum variable '" + var.name + "' has no valid 'of'");
  return {add(e), var_vtype(var.type), var.enum_event, var.enum_field};
}

}  // namespace caseflow::rules::loading
