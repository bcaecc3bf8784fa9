// Expressions in words, and the explainer that walks an expression step by step. The evaluation
// rules mirror the engine's (src/engine/case.cpp): a value depending on an unknown one is unknown,
// `later`/`earlier` are unknown if any input is, `cond` takes the first branch whose condition holds.
#include "rules/explain.hpp"

#include <set>

namespace caseflow::rules {

namespace {

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool is_literal(const Model& m, std::uint32_t x, std::int64_t v) {
  const Expr& e = m.exprs[x];
  return e.op == Op::literal && e.value == v;
}

/// A count with its unit, as the loader wrote it: {weeks: N} is N × 7 days, {years: N} is N × 12
/// months, and a subtraction multiplies by −1. Recognising the pattern lets us say "2 years".
struct Duration {
  std::uint32_t count;  // the expression counting the units
  const char* unit;     // "days", "weeks", "months", "years"
  bool minus;
};

Duration duration_of(const Model& m, std::uint32_t x, bool months) {
  const Expr& e = m.exprs[x];
  if (e.op == Op::mul && e.args.size() == 2) {
    const std::uint32_t n = e.args[0], f = e.args[1];
    if (!months) {
      if (is_literal(m, f, 7)) return {n, "weeks", false};
      if (is_literal(m, f, -7)) return {n, "weeks", true};
      if (is_literal(m, f, -1)) return {n, "days", true};
    } else {
      if (is_literal(m, f, 12)) return {n, "years", false};
      if (is_literal(m, f, -12)) return {n, "years", true};
      if (is_literal(m, f, -1)) return {n, "months", true};
    }
  }
  return {x, months ? "months" : "days", false};
}

/// A unit in the singular when the count is one ("1 day").
std::string unit_for(std::int64_t n, const char* unit) {
  std::string u = unit;
  if (n == 1 || n == -1) u.pop_back();
  return u;
}

const char* compare_words(std::uint8_t b) {
  switch (static_cast<Compare>(b)) {
    case Compare::on_or_before: return "is on or before";
    case Compare::on_or_after: return "is on or after";
    case Compare::before: return "is before";
    case Compare::after: return "is after";
    case Compare::same: return "is the same day as";
  }
  return "compared with";
}

std::string param_text(const Param& p, std::optional<Date> day1) {
  const std::int64_t v = day1 ? p.at(*day1) : p.value;
  std::string out = value_text(v, p.is_date) + " (" + p.name;
  if (!day1)
    for (const auto& [from, val] : p.changes) out += "; " + value_text(val, p.is_date) + " for day 1 from " + from.iso();
  return out + ")";
}

// ---------------------------------------------------------------- symbolic text

class Describer {
 public:
  Describer(const Model& m, Id event, std::optional<Date> day1, bool expand_points = true,
            const char* anchor = nullptr)
      : m_(m), event_(event), day1_(day1), expand_points_(expand_points), anchor_(anchor) {}

  std::string text(std::uint32_t x, bool want_date) {
    const Expr& e = m_.exprs[x];
    const auto arg = [&](std::size_t i, bool d) { return text(e.args[i], d); };
    switch (e.op) {
      case Op::literal: return value_text(e.value, want_date);
      case Op::day1: return "day 1";
      case Op::event_date: return anchor_ ? anchor_ : "the event's date";
      case Op::timer_start: return anchor_ ? anchor_ : "the start";
      case Op::param: return param_text(m_.params[e.a], day1_);
      case Op::field: return "field " + field_name(e.a);
      case Op::var: return m_.variables[e.a].name;
      case Op::point: {
        const Point& p = m_.points[e.a];
        if (!expand_points_ || !expanded_.insert(e.a).second) return "the point " + p.name;
        return "the point " + p.name + " (" + text(p.expr, true) + ")";
      }
      case Op::timer_date: return "the date of timer " + m_.timers[e.a].name;
      case Op::entered: return "the day the case entered " + m_.scopes[e.a].name;
      case Op::day_n: return "day " + arg(0, false);
      case Op::add_days:
      case Op::add_months: {
        const Duration d = duration_of(m_, e.args[1], e.op == Op::add_months);
        return arg(0, true) + (d.minus ? " - " : " + ") + text(d.count, false) + " " + unit_of(d);
      }
      case Op::period_end_months: {
        const Duration d = duration_of(m_, e.args[1], true);
        return "the end of a period of " + text(d.count, false) + " " + unit_of(d) + " from " + arg(0, true);
      }
      case Op::period_end_weeks:
        return "the end of a period of " + arg(1, false) + " weeks from " + arg(0, true);
      case Op::month_end: return "the month end of " + arg(0, true);
      case Op::later:
      case Op::earlier: return std::string(e.op == Op::later ? "the later of " : "the earlier of ") + list(e.args, true, " and ");
      case Op::first_known: return "the first known of " + list(e.args, want_date, ", ");
      case Op::counted_days:
        return "the first counted day on which more than " + arg(1, false) + " days were counted within " +
               arg(0, false) + " calendar months";
      case Op::cond: {
        std::string out;
        for (std::size_t i = 0; i + 1 < e.args.size(); i += 2)
          out += (i ? "; else if " : "if ") + cond(e.args[i]) + ": " + text(e.args[i + 1], want_date);
        if (e.args.back() != UINT32_MAX) out += "; else " + text(e.args.back(), want_date);
        return out;
      }
      case Op::mul: return list(e.args, false, " × ");
      case Op::sum: return list(e.args, false, " + ");
      default: return cond(x);
    }
  }

  std::string cond(std::uint32_t x) {
    const Expr& e = m_.exprs[x];
    switch (e.op) {
      case Op::equals: {
        const Expr& subject = m_.exprs[e.args[0]];
        if (subject.op == Op::field && field_type(subject.a) == FieldType::boolean)
          return "field " + field_name(subject.a) + (e.value ? " is true" : " is false");
        return subject_text(e.args[0]) + " is " + constant(e.args[0], e.value);
      }
      case Op::in_set: {
        std::string vals;
        for (std::int64_t v : e.set) vals += (vals.empty() ? "" : ", ") + constant(e.args[0], v);
        return subject_text(e.args[0]) + " is one of " + vals;
      }
      case Op::present: return "field " + field_name(e.a) + " is given";
      case Op::known: return text(e.args[0], true) + " is known";
      case Op::visited: return "the case has been in " + m_.scopes[e.a].name;
      case Op::in_state: return "the case is in " + m_.scopes[e.a].name;
      case Op::paid: return e.value ? "benefit is being paid" : "benefit is stopped";
      case Op::compare: return text(e.args[0], true) + " " + compare_words(e.b) + " " + text(e.args[1], true);
      case Op::between:
        return text(e.args[0], true) + " lies between " + text(e.args[1], true) + " and " + text(e.args[2], true);
      case Op::all: return clauses(e.args, " and ");
      case Op::any: return clauses(e.args, " or ");
      case Op::negate: return "not (" + cond(e.args[0]) + ")";
      default: return text(x, false) + " holds";
    }
  }

 private:
  // The unit, singular after a literal 1 ("+ 1 day").
  std::string unit_of(const Duration& d) const {
    const Expr& c = m_.exprs[d.count];
    return c.op == Op::literal ? unit_for(c.value, d.unit) : std::string(d.unit);
  }
  std::string field_name(Id f) const {
    if (event_ == kNone || f >= m_.events[event_].fields.size()) return "#" + std::to_string(f);
    return m_.events[event_].fields[f].name;
  }
  FieldType field_type(Id f) const {
    if (event_ == kNone || f >= m_.events[event_].fields.size()) return FieldType::integer;
    return m_.events[event_].fields[f].type;
  }
  std::string subject_text(std::uint32_t x) {
    const Expr& s = m_.exprs[x];
    return s.op == Op::field ? "field " + field_name(s.a) : text(x, false);
  }
  // A constant compared with a subject, in the subject's own type.
  std::string constant(std::uint32_t subject, std::int64_t v) const {
    const Expr& s = m_.exprs[subject];
    if (s.op == Op::field && event_ != kNone && s.a < m_.events[event_].fields.size()) {
      const Field& f = m_.events[event_].fields[s.a];
      if (f.type == FieldType::enumeration && v >= 0 && v < static_cast<std::int64_t>(f.values.size()))
        return f.values[static_cast<std::size_t>(v)];
      if (f.type == FieldType::boolean) return v ? "true" : "false";
      if (f.type == FieldType::date) return value_text(v, true);
    }
    if (s.op == Op::var) {
      const Variable& var = m_.variables[s.a];
      if (var.type == FieldType::boolean) return v ? "true" : "false";
      if (var.type == FieldType::date) return value_text(v, true);
    }
    return std::to_string(v);
  }
  std::string list(const std::vector<std::uint32_t>& xs, bool want_date, const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? sep : "") + text(xs[i], want_date);
    return out;
  }
  std::string clauses(const std::vector<std::uint32_t>& xs, const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? sep : "") + cond(xs[i]);
    return out;
  }

  const Model& m_;
  Id event_;
  std::optional<Date> day1_;
  bool expand_points_;
  const char* anchor_;
  std::set<Id> expanded_;
};

// ---------------------------------------------------------------- the explainer

class Explainer {
 public:
  Explainer(const Model& m, const ExprEnv& env) : m_(m), env_(env) {}

  Explanation value(std::uint32_t x, bool want_date) {
    const Expr& e = m_.exprs[x];
    Explanation out;
    switch (e.op) {
      case Op::literal:
        out.value = e.value;
        out.phrase = value_text(e.value, want_date);
        return out;
      case Op::day1:
        return leaf(env_.day1(), "day 1");
      case Op::event_date:
        return leaf(env_.anchor(), env_.anchor_name());
      case Op::timer_start:
        return leaf(env_.timer_start(), env_.anchor_name());
      case Op::param: {
        const Param& p = m_.params[e.a];
        const auto d1 = env_.day1();
        out.value = d1 ? p.at(*d1) : p.value;
        out.phrase = value_text(out.value, p.is_date) + " (" + p.name + (p.legal_ref.empty() ? "" : ", " + p.legal_ref) + ")";
        return out;
      }
      case Op::field: {
        out.value = env_.field(e.a);
        const std::string name = "field " + env_.field_name(e.a);
        out.phrase = out.value == kUnknown ? name + " (not given)" : value_text(out.value, want_date) + " (" + name + ")";
        return out;
      }
      case Op::var: {
        const Variable& var = m_.variables[e.a];
        out.value = env_.var(e.a);
        out.phrase = value_text(out.value, var.type == FieldType::date) + " (" + var.name + ")";
        const std::string origin = env_.var_origin(e.a);
        if (!origin.empty() && explained_vars_.insert(e.a).second) {
          Step step{var.name + " is " + value_text(out.value, var.type == FieldType::date) + ": " + origin, {}};
          if (const Explanation* how = env_.var_explanation(e.a); how && how->value == out.value) {
            if (how->steps.empty()) step.text += ", from " + how->phrase;
            else step.because = how->steps;
          }
          out.steps.push_back(std::move(step));
        }
        return out;
      }
      case Op::point:
        return point(e.a);
      case Op::timer_date:
        out.value = env_.timer_date(e.a);
        out.phrase = value_text(out.value, true) + " (the date of timer " + m_.timers[e.a].name + ")";
        return out;
      case Op::entered:
        out.value = env_.entered(e.a);
        out.phrase = value_text(out.value, true) + " (the day the case entered " + m_.scopes[e.a].name + ")";
        return out;
      case Op::day_n: {
        Explanation n = sub(e.args[0], false, out);
        const auto d1 = env_.day1();
        if (n.value == kUnknown || !d1) return unknown(out);
        out.value = d1->days() + n.value - 1;
        return computed(out, "day " + n.phrase + " of the case is " + long_date(*d1) + " (day 1) + " +
                                 std::to_string(n.value - 1) + " " + unit_for(n.value - 1, "days") + " = " +
                                 value_text(out.value, true));
      }
      case Op::add_days:
      case Op::add_months: {
        const bool months = e.op == Op::add_months;
        const Duration d = duration_of(m_, e.args[1], months);
        Explanation from = sub(e.args[0], true, out);
        Explanation count = sub(d.count, false, out);
        const std::int64_t n = count.value;  // in the written unit
        const std::int64_t total = eval_number(e.args[1], count.value);
        if (from.value == kUnknown || n == kUnknown || total == kUnknown) return unknown(out);
        const Date start(static_cast<std::int32_t>(from.value));
        std::string note;
        if (months) {
          out.value = add_months(start, static_cast<std::int32_t>(total)).days();
          const Date r(static_cast<std::int32_t>(out.value));
          if (r.day() != start.day())
            note = " (the anniversary rule: that month has no day " + std::to_string(start.day()) +
                   ", so the first day of the next month)";
        } else {
          out.value = from.value + total;
        }
        return computed(out, from.phrase + (d.minus ? " - " : " + ") + count_words(count, d.unit) + " = " +
                                 value_text(out.value, true) + note);
      }
      case Op::period_end_months:
      case Op::period_end_weeks: {
        const bool weeks = e.op == Op::period_end_weeks;
        const Duration d = weeks ? Duration{e.args[1], "weeks", false} : duration_of(m_, e.args[1], true);
        Explanation from = sub(e.args[0], true, out);
        Explanation count = sub(d.count, false, out);
        const std::int64_t total = weeks ? count.value : eval_number(e.args[1], count.value);
        if (from.value == kUnknown || total == kUnknown) return unknown(out);
        const Date start(static_cast<std::int32_t>(from.value));
        std::string how;
        if (weeks) {
          out.value = period_end_weeks(start, static_cast<std::int32_t>(total)).days();
          how = long_date(start) + " + " + std::to_string(7 * total) + " days";
        } else {
          out.value = period_end_months(start, static_cast<std::int32_t>(total)).days();
          how = "the day before " + long_date(add_months(start, static_cast<std::int32_t>(total)));
        }
        return computed(out, "a period of " + count_words(count, d.unit) + " from " + from.phrase + " ends " +
                                 value_text(out.value, true) + " (" + how + ")");
      }
      case Op::month_end: {
        Explanation d = sub(e.args[0], true, out);
        if (d.value == kUnknown) return unknown(out);
        out.value = month_end(Date(static_cast<std::int32_t>(d.value))).days();
        return computed(out, "the month of " + d.phrase + " ends " + value_text(out.value, true));
      }
      case Op::later:
      case Op::earlier: {
        std::vector<Explanation> parts;
        bool any_unknown = false;
        for (std::uint32_t a : e.args) {
          parts.push_back(sub(a, true, out));
          any_unknown = any_unknown || parts.back().value == kUnknown;
        }
        std::string inputs;
        for (std::size_t i = 0; i < parts.size(); ++i) inputs += (i ? " and " : "") + parts[i].phrase;
        const std::string which = e.op == Op::later ? "the later of " : "the earlier of ";
        if (any_unknown) {
          out.steps.push_back({which + inputs + " is unknown, since one of them is", {}});
          return unknown(out);
        }
        for (const Explanation& p : parts)
          if (out.value == kUnknown || (e.op == Op::later ? p.value > out.value : p.value < out.value)) out.value = p.value;
        return computed(out, which + inputs + " is " + value_text(out.value, true));
      }
      case Op::first_known: {
        std::string tried;
        for (std::uint32_t a : e.args) {
          Explanation p = sub(a, want_date, out);
          if (p.value != kUnknown) {
            out.value = p.value;
            if (tried.empty()) {
              out.phrase = p.phrase;
              return out;
            }
            return computed(out, tried + "so " + p.phrase + " is used");
          }
          tried += m_.exprs[a].op == Op::field ? "field " + env_.field_name(m_.exprs[a].a) + " is not given, "
                                               : Describer(m_, kNone, env_.day1(), false).text(a, want_date) + " is not known, ";
        }
        out.steps.push_back({tried + "so the value is unknown", {}});
        return unknown(out);
      }
      case Op::counted_days:
        return counted_days(e, out);
      case Op::cond: {
        for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
          const bool holds = condition(e.args[i]);
          out.steps.push_back({"whether " + Describer(m_, kNone, env_.day1(), false).cond(e.args[i]) + ": " + (holds ? "yes" : "no"), {}});
          if (holds) return chosen(out, e.args[i + 1], want_date);
        }
        if (e.args.back() == UINT32_MAX) {
          out.steps.push_back({"no branch applies, so the value is unknown", {}});
          return unknown(out);
        }
        return chosen(out, e.args.back(), want_date);
      }
      case Op::mul:
      case Op::sum: {
        std::string inputs;
        out.value = e.op == Op::mul ? 1 : 0;
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          Explanation p = sub(e.args[i], false, out);
          inputs += (i ? (e.op == Op::mul ? " × " : " + ") : "") + p.phrase;
          if (p.value == kUnknown) return unknown(out);
          out.value = e.op == Op::mul ? out.value * p.value : out.value + p.value;
        }
        return computed(out, inputs + " = " + std::to_string(out.value), false);
      }
      default:
        out.value = condition(x) ? 1 : 0;
        out.phrase = out.value ? "true" : "false";
        return out;
    }
  }

  // Whether a condition holds, as the engine judges it; judging it explains nothing.
  bool condition(std::uint32_t x) {
    const std::set<Id> points = expanded_, vars = explained_vars_;
    const bool holds = judge(x);
    expanded_ = points;
    explained_vars_ = vars;
    return holds;
  }

 private:
  bool judge(std::uint32_t x) {
    const Expr& e = m_.exprs[x];
    const auto v = [&](std::size_t i) { return value(e.args[i], true).value; };
    switch (e.op) {
      case Op::equals: {
        const std::int64_t a = v(0);
        return a != kUnknown && a == e.value;
      }
      case Op::in_set: {
        const std::int64_t a = v(0);
        for (std::int64_t s : e.set)
          if (a != kUnknown && a == s) return true;
        return false;
      }
      case Op::present: return env_.field(e.a) != kUnknown;
      case Op::known: return v(0) != kUnknown;
      case Op::visited: return env_.visited(e.a);
      case Op::in_state: return env_.in_state(e.a);
      case Op::paid: return env_.paid() == (e.value != 0);
      case Op::compare: {
        const std::int64_t l = v(0), r = v(1);
        if (l == kUnknown || r == kUnknown) return false;
        switch (static_cast<Compare>(e.b)) {
          case Compare::on_or_before: return l <= r;
          case Compare::on_or_after: return l >= r;
          case Compare::before: return l < r;
          case Compare::after: return l > r;
          case Compare::same: return l == r;
        }
        return false;
      }
      case Op::between: {
        const std::int64_t a = v(0), lo = v(1), hi = v(2);
        return a != kUnknown && lo != kUnknown && hi != kUnknown && lo <= a && a <= hi;
      }
      case Op::all:
        for (std::uint32_t a : e.args)
          if (!judge(a)) return false;
        return true;
      case Op::any:
        for (std::uint32_t a : e.args)
          if (judge(a)) return true;
        return false;
      case Op::negate: return !judge(e.args[0]);
      default: {
        const std::int64_t a = value(x, false).value;
        return a != kUnknown && a != 0;
      }
    }
  }

  Explanation leaf(std::optional<Date> d, const std::string& what) const {
    Explanation out;
    out.value = d ? d->days() : kUnknown;
    out.phrase = value_text(out.value, true) + " (" + what + ")";
    return out;
  }
  // Explains a child, moving its steps into the parent's.
  Explanation sub(std::uint32_t x, bool want_date, Explanation& parent) {
    Explanation c = value(x, want_date);
    for (Step& s : c.steps) parent.steps.push_back(std::move(s));
    c.steps.clear();
    return c;
  }
  static Explanation& unknown(Explanation& out) {
    out.value = kUnknown;
    out.phrase = "unknown";
    return out;
  }
  static Explanation& computed(Explanation& out, std::string step, bool is_date = true) {
    out.steps.push_back({std::move(step), {}});
    out.phrase = value_text(out.value, is_date);
    return out;
  }
  Explanation& chosen(Explanation& out, std::uint32_t x, bool want_date) {
    Explanation v = sub(x, want_date, out);
    out.value = v.value;
    out.phrase = v.phrase;
    return out;
  }
  // "28 days (followup_interval_days, SDL § 13 b, stk. 1)": a count in its unit, with its source.
  static std::string count_words(const Explanation& count, const char* unit) {
    const std::string& p = count.phrase;
    const std::size_t paren = p.find(" (");
    const std::string number = paren == std::string::npos ? p : p.substr(0, paren);
    const std::string source = paren == std::string::npos ? "" : p.substr(paren);
    return number + " " + unit_for(count.value, unit) + source;
  }
  // The value of a duration's full expression (count × unit factor) from the count's value.
  std::int64_t eval_number(std::uint32_t x, std::int64_t count) const {
    if (count == kUnknown) return kUnknown;
    const Expr& e = m_.exprs[x];
    if (e.op == Op::mul && e.args.size() == 2 && m_.exprs[e.args[1]].op == Op::literal)
      return count * m_.exprs[e.args[1]].value;
    return count;
  }

  Explanation point(Id p) {
    const Point& pt = m_.points[p];
    Explanation out;
    out.value = env_.point(p);
    out.phrase = value_text(out.value, true) + " (the point " + pt.name + ")";
    if (!expanded_.insert(p).second) return out;
    const Id outer = current_point_;
    current_point_ = p;
    Explanation inner = value(pt.expr, true);
    current_point_ = outer;
    Step step{"the point " + pt.name + " is " + value_text(out.value, true) +
                  (pt.legal_ref.empty() ? "" : " [" + pt.legal_ref + "]") + (pt.doc.empty() ? "" : ": " + pt.doc),
              std::move(inner.steps)};
    if (inner.value != out.value)
      step.because.push_back({"(the rule gives " + value_text(inner.value, true) + " on the case as it is now; the engine "
                              "kept " + value_text(out.value, true) + ", computed while the case was in " +
                              (pt.recompute_in == kNone ? std::string("its scope") : m_.scopes[pt.recompute_in].name) + ")", {}});
    out.steps.push_back(std::move(step));
    return out;
  }

  Explanation& counted_days(const Expr& e, Explanation& out) {
    Explanation window = sub(e.args[0], false, out);
    Explanation limit = sub(e.args[1], false, out);
    const auto found = current_point_ == kNone ? std::nullopt : env_.counted_days(current_point_);
    if (!found) {
      out.steps.push_back({"no counted day has yet been found on which more than " + limit.phrase + " days were counted within " +
                               window.phrase + " calendar months (unknown while benefit is stopped before that day)", {}});
      return unknown(out);
    }
    out.value = found->found.days();
    const Date w_first = window_start(found->found, found->window_months);
    std::string prior;
    if (found->prior > 0)
      prior = ", " + std::to_string(found->prior) + " of them from prior periods,";
    return computed(out, "counting from " + long_date(found->counting_from) + ", the " + ordinal(found->counted) +
                             " counted day within the " + std::to_string(found->window_months) + " calendar months " +
                             month_year(w_first) + " – " + month_year(found->found) + prior + " is " +
                             long_date(found->found) + ": the first day on which more than " + limit.phrase +
                             " days were counted");
  }

  static std::string ordinal(std::int64_t n) {
    const std::int64_t tens = n % 100, ones = n % 10;
    const char* suffix = (tens >= 11 && tens <= 13) ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
    return std::to_string(n) + suffix;
  }
  static std::string month_year(Date d) {
    return std::string(kMonths[d.month() - 1]) + " " + std::to_string(d.year());
  }

  const Model& m_;
  const ExprEnv& env_;
  Id current_point_ = kNone;
  std::set<Id> expanded_;
  std::set<Id> explained_vars_;
};

}  // namespace

std::string long_date(Date d) {
  const YearMonthDay ymd = d.ymd();
  return std::to_string(ymd.day) + " " + kMonths[ymd.month - 1] + " " + std::to_string(ymd.year);
}

std::string value_text(std::int64_t value, bool is_date) {
  if (value == kUnknown) return "unknown";
  if (is_date) return long_date(Date(static_cast<std::int32_t>(value)));
  return std::to_string(value);
}

std::string describe_expr(const Model& m, std::uint32_t expr, Id event, std::optional<Date> day1, bool expand_points,
                          const char* anchor) {
  return Describer(m, event, day1, expand_points, anchor).text(expr, true);
}

std::string describe_condition(const Model& m, std::uint32_t cond, Id event) {
  return Describer(m, event, std::nullopt, false).cond(cond);
}

std::int64_t ExprEnv::field(Id) const { return kUnknown; }
std::string ExprEnv::var_origin(Id) const { return {}; }
const Explanation* ExprEnv::var_explanation(Id) const { return nullptr; }
std::string ExprEnv::field_name(Id field) const { return "#" + std::to_string(field); }

Explanation explain_expr(const Model& m, std::uint32_t expr, const ExprEnv& env) {
  return Explainer(m, env).value(expr, true);
}

std::string render_steps(const std::vector<Step>& steps, int indent) {
  std::string out;
  for (const Step& s : steps) {
    out += std::string(static_cast<std::size_t>(indent), ' ') + "- " + s.text + "\n";
    out += render_steps(s.because, indent + 2);
  }
  return out;
}

}  // namespace caseflow::rules
