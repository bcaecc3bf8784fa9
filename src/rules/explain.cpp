// Expressions in words, and the words of an evaluation: the one evaluator (rules/eval.hpp) computes
// every value with the words trace, and the Writer below names the values it kept, step by step.
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

const char* compare_words(std::uint8_t b, bool numbers = false) {
  if (numbers) {
    switch (static_cast<Compare>(b)) {
      case Compare::on_or_before: return "is at most";
      case Compare::on_or_after: return "is at least";
      case Compare::before: return "is less than";
      case Compare::after: return "is more than";
      case Compare::same: return "is";
    }
  }
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
      case Op::current: return "the value so far";
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
      case Op::counted_in_window:
        return "the counted days up to " + arg(1, true) + " within the " + arg(0, false) + " calendar months at its month";
      case Op::adjust: {
        std::string out = arg(0, want_date);
        for (std::size_t i = 1; i + 1 < e.args.size(); i += 2)
          out += "; then, if " + cond(e.args[i]) + ": " + text(e.args[i + 1], want_date);
        return out;
      }
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
      case Op::compare:
        return text(e.args[0], e.value == 0) + " " + compare_words(e.b, e.value != 0) + " " + text(e.args[1], e.value == 0);
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
      if (var.type == FieldType::enumeration && var.enum_event != kNone) {
        const auto& values = m_.events[var.enum_event].fields[var.enum_field].values;
        if (v >= 0 && v < static_cast<std::int64_t>(values.size())) return values[static_cast<std::size_t>(v)];
      }
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

// ---------------------------------------------------------------- the words of an evaluation

using Node = WordsTrace::Node;

/// Writes the steps of an evaluation from the nodes the words trace kept: every value is the one
/// the evaluator computed at that node; this only names values and the rules that gave them.
class Writer {
 public:
  Writer(const Model& m, const WordsContext& words) : m_(m), words_(words) {}

  Explanation value(const Node& n, bool want_date) {
    const Expr& e = m_.exprs[n.expr];
    Explanation out;
    out.value = n.value;
    switch (e.op) {
      case Op::literal:
        out.phrase = value_text(n.value, want_date);
        return out;
      case Op::day1:
        return leaf(out, "day 1");
      case Op::event_date:
      case Op::timer_start:
        return leaf(out, words_.anchor_name());
      case Op::param: {
        const Param& p = m_.params[e.a];
        out.phrase = value_text(n.value, p.is_date) + " (" + p.name + (p.legal_ref.empty() ? "" : ", " + p.legal_ref) + ")";
        return out;
      }
      case Op::field: {
        const std::string name = "field " + words_.field_name(e.a);
        out.phrase = n.value == kUnknown ? name + " (not given)" : value_text(n.value, want_date) + " (" + name + ")";
        return out;
      }
      case Op::var: {
        const Variable& var = m_.variables[e.a];
        out.phrase = value_text(n.value, var.type == FieldType::date) + " (" + var.name + ")";
        const std::string origin = words_.var_origin(e.a);
        if (!origin.empty() && explained_vars_.insert(e.a).second) {
          Step step{var.name + " is " + value_text(n.value, var.type == FieldType::date) + ": " + origin, {}};
          if (const Explanation* how = words_.var_explanation(e.a); how && how->value == n.value) {
            if (how->steps.empty()) step.text += ", from " + how->phrase;
            else step.because = how->steps;
          }
          out.steps.push_back(std::move(step));
        }
        return out;
      }
      case Op::point:
        return point(n, e.a, out);
      case Op::timer_date:
        out.phrase = value_text(n.value, true) + " (the date of timer " + m_.timers[e.a].name + ")";
        return out;
      case Op::entered:
        out.phrase = value_text(n.value, true) + " (the day the case entered " + m_.scopes[e.a].name + ")";
        return out;
      case Op::current:
        out.phrase = value_text(n.value, want_date) + " (the value so far)";
        return out;
      case Op::counted_in_window: {
        const Explanation window = sub(n.kids[0], false, out);
        const Explanation day = sub(n.kids[1], true, out);
        if (n.value == kUnknown || window.value == kUnknown || day.value == kUnknown) return unknown(out);
        const Date d(static_cast<std::int32_t>(day.value));
        const Date first = window_start(d, static_cast<std::int32_t>(window.value));
        return computed(out, std::to_string(n.value) + " counted days (prior periods included) lie within the " +
                                 window.phrase + " calendar months " + month_year(first) + " – " + month_year(d) +
                                 " up to " + day.phrase, false);
      }
      case Op::adjust: {
        // The start, then each step that applied, in turn; the steps that did not apply are not told.
        const Explanation start = sub(n.kids[0], want_date, out);
        std::string so_far = start.phrase;
        bool any = false;
        for (std::size_t k = 1; k < n.kids.size(); ++k) {
          const Node& kid = n.kids[k];
          if (!kid.test || !kid.value) continue;
          if (k + 1 >= n.kids.size()) break;
          const Explanation v = sub(n.kids[k + 1], want_date, out);
          out.steps.push_back({"since " + Describer(m_, kNone, words_.day1(), false).cond(kid.expr) + " (the value so far: " +
                                   so_far + "), the value becomes " + v.phrase,
                               {}});
          so_far = v.phrase;
          any = true;
          ++k;
        }
        if (!any) {
          out.phrase = start.phrase;  // no step applied: the value is the start, as it was named
          return out;
        }
        out.phrase = n.value == kUnknown ? "unknown" : value_text(n.value, want_date);
        return out;
      }
      case Op::day_n: {
        const Explanation count = sub(n.kids[0], false, out);
        if (count.value == kUnknown || n.note == kUnknown) return unknown(out);
        const std::string sum = value_text(n.note, true) + " (day 1) + " + std::to_string(count.value - 1) + " " +
                                unit_for(count.value - 1, "days");
        if (n.value == kUnknown) return computed(out, "day " + count.phrase + " of the case, " + sum + ", lies " + kBeyond);
        return computed(out, "day " + count.phrase + " of the case is " + sum + " = " + value_text(n.value, true));
      }
      case Op::add_days:
      case Op::add_months: {
        const bool months = e.op == Op::add_months;
        const Duration d = duration_of(m_, e.args[1], months);
        const Explanation from = sub(n.kids[0], true, out);
        const Node& total = n.kids[1];
        const Explanation count = sub(d.count == e.args[1] ? total : total.kids[0], false, out);
        if (from.value == kUnknown || count.value == kUnknown || total.value == kUnknown) return unknown(out);
        const std::string sum = from.phrase + (d.minus ? " - " : " + ") + count_words(count, d.unit);
        if (n.value == kUnknown) return dated(out, sum);
        std::string note;
        const Date start(static_cast<std::int32_t>(from.value)), result(static_cast<std::int32_t>(n.value));
        if (months && result.day() != start.day())
          note = " (the anniversary rule: that month has no day " + std::to_string(start.day()) +
                 ", so the first day of the next month)";
        return computed(out, sum + " = " + value_text(n.value, true) + note);
      }
      case Op::period_end_months:
      case Op::period_end_weeks: {
        const bool weeks = e.op == Op::period_end_weeks;
        const Duration d = weeks ? Duration{e.args[1], "weeks", false} : duration_of(m_, e.args[1], true);
        const Explanation from = sub(n.kids[0], true, out);
        const Node& total = n.kids[1];
        const Explanation count = sub(d.count == e.args[1] ? total : total.kids[0], false, out);
        if (from.value == kUnknown || total.value == kUnknown) return unknown(out);
        const std::string period = "a period of " + count_words(count, d.unit) + " from " + from.phrase + " ends";
        if (n.value == kUnknown) return computed(out, period + " " + kBeyond);
        const Date start(static_cast<std::int32_t>(from.value)), end(static_cast<std::int32_t>(n.value));
        const std::string how = weeks ? long_date(start) + " + " + std::to_string(end - start) + " days"
                                      : "the day before " + long_date(end + 1);
        return computed(out, period + " " + value_text(n.value, true) + " (" + how + ")");
      }
      case Op::month_end: {
        const Explanation d = sub(n.kids[0], true, out);
        if (d.value == kUnknown) return unknown(out);
        return computed(out, "the month of " + d.phrase + " ends " + value_text(n.value, true));
      }
      case Op::later:
      case Op::earlier: {
        std::string inputs;
        bool any_unknown = false;
        for (std::size_t i = 0; i < n.kids.size(); ++i) {
          const Explanation part = sub(n.kids[i], true, out);
          inputs += (i ? " and " : "") + part.phrase;
          any_unknown = any_unknown || part.value == kUnknown;
        }
        const std::string which = e.op == Op::later ? "the later of " : "the earlier of ";
        if (any_unknown) {
          out.steps.push_back({which + inputs + " is unknown, since one of them is", {}});
          return unknown(out);
        }
        return computed(out, which + inputs + " is " + value_text(n.value, true));
      }
      case Op::first_known: {
        std::string tried;
        for (const Node& kid : n.kids) {
          const Explanation part = sub(kid, want_date, out);
          if (part.value != kUnknown) {
            if (tried.empty()) {
              out.phrase = part.phrase;
              return out;
            }
            return computed(out, tried + "so " + part.phrase + " is used");
          }
          const Expr& k = m_.exprs[kid.expr];
          tried += k.op == Op::field ? "field " + words_.field_name(k.a) + " is not given, "
                                     : Describer(m_, kNone, words_.day1(), false).text(kid.expr, want_date) + " is not known, ";
        }
        out.steps.push_back({tried + "so the value is unknown", {}});
        return unknown(out);
      }
      case Op::counted_days:
        return counted_days(n, out);
      case Op::cond: {
        for (const Node& kid : n.kids) {
          if (!kid.test) {
            const Explanation v = sub(kid, want_date, out);
            out.phrase = v.phrase;
            return out;
          }
          out.steps.push_back({"whether " + Describer(m_, kNone, words_.day1(), false).cond(kid.expr) + ": " +
                                   (kid.value ? "yes" : "no"),
                               {}});
        }
        out.steps.push_back({"no branch applies, so the value is unknown", {}});
        return unknown(out);
      }
      case Op::mul:
      case Op::sum: {
        std::string inputs;
        for (std::size_t i = 0; i < n.kids.size(); ++i) {
          const Explanation part = sub(n.kids[i], false, out);
          inputs += (i ? (e.op == Op::mul ? " × " : " + ") : "") + part.phrase;
          if (part.value == kUnknown) return unknown(out);
        }
        if (n.value == kUnknown) {
          out.steps.push_back({inputs + " is past the range of numbers, so the value is unknown", {}});
          return unknown(out);
        }
        return computed(out, inputs + " = " + std::to_string(n.value), false);
      }
      default:
        out.phrase = n.value ? "true" : "false";
        return out;
    }
  }

 private:
  Explanation& leaf(Explanation& out, const std::string& what) const {
    out.phrase = value_text(out.value, true) + " (" + what + ")";
    return out;
  }
  // Explains a child, moving its steps into the parent's.
  Explanation sub(const Node& kid, bool want_date, Explanation& parent) {
    Explanation c = value(kid, want_date);
    for (Step& s : c.steps) parent.steps.push_back(std::move(s));
    c.steps.clear();
    return c;
  }
  static Explanation& unknown(Explanation& out) {
    out.phrase = "unknown";
    return out;
  }
  static Explanation& computed(Explanation& out, std::string step, bool is_date = true) {
    out.steps.push_back({std::move(step), {}});
    out.phrase = value_text(out.value, is_date);
    return out;
  }
  // "sum = date", or, for a date the calendar does not have, that it is unknown.
  static Explanation& dated(Explanation& out, const std::string& sum) {
    if (out.value == kUnknown) return computed(out, sum + " lies " + kBeyond);
    return computed(out, sum + " = " + value_text(out.value, true));
  }
  static constexpr const char* kBeyond = "beyond the calendar (1400-01-01 to 9999-12-31), so the date is unknown";
  // "28 days (followup_interval_days, SDL § 13 b, stk. 1)": a count in its unit, with its source.
  static std::string count_words(const Explanation& count, const char* unit) {
    const std::string& p = count.phrase;
    const std::size_t paren = p.find(" (");
    const std::string number = paren == std::string::npos ? p : p.substr(0, paren);
    const std::string source = paren == std::string::npos ? "" : p.substr(paren);
    return number + " " + unit_for(count.value, unit) + source;
  }

  Explanation& point(const Node& n, Id p, Explanation& out) {
    const Point& pt = m_.points[p];
    out.phrase = value_text(n.value, true) + " (the point " + pt.name + ")";
    if (n.kids.empty()) return out;  // spelled out where it first appeared
    const Id outer = current_point_;
    current_point_ = p;
    Explanation inner = value(n.kids[0], true);
    current_point_ = outer;
    Step step{"the point " + pt.name + " is " + value_text(n.value, true) +
                  (pt.legal_ref.empty() ? "" : " [" + pt.legal_ref + "]") + (pt.doc.empty() ? "" : ": " + pt.doc),
              std::move(inner.steps)};
    if (inner.value != n.value)
      step.because.push_back({"(the rule gives " + value_text(inner.value, true) + " on the case as it is now; the engine "
                              "kept " + value_text(n.value, true) + ", computed while the case was in " +
                              (pt.recompute_in == kNone ? std::string("its scope") : m_.scopes[pt.recompute_in].name) + ")", {}});
    out.steps.push_back(std::move(step));
    return out;
  }

  Explanation& counted_days(const Node& n, Explanation& out) {
    const Explanation window = sub(n.kids[0], false, out);
    const Explanation limit = sub(n.kids[1], false, out);
    const auto found = n.value == kUnknown || window.value == kUnknown
                           ? std::nullopt
                           : words_.counted_days(current_point_, Date(static_cast<std::int32_t>(n.value)),
                                                 static_cast<std::int32_t>(window.value));
    if (!found) {
      out.steps.push_back({"no counted day has yet been found on which more than " + limit.phrase + " days were counted within " +
                               window.phrase + " calendar months (unknown while benefit is stopped before that day)", {}});
      return unknown(out);
    }
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
  const WordsContext& words_;
  Id current_point_ = kNone;
  std::set<Id> explained_vars_;
};

/// A case seen through an ExprEnv, as the evaluator's source.
struct EnvSource {
  const ExprEnv& env;

  static std::int64_t days(std::optional<Date> d) noexcept { return d ? d->days() : kUnknown; }
  std::int64_t day1() const { return days(env.day1()); }
  std::int64_t event_date() const { return days(env.anchor()); }
  std::int64_t timer_start() const { return days(env.timer_start()); }
  std::int64_t param(const Param& p) const {
    const auto d1 = env.day1();
    return d1 ? p.at(*d1) : p.value;
  }
  std::int64_t field(Id f) const { return env.field(f); }
  bool present(Id f) const { return env.present(f); }
  std::int64_t var(Id v) const { return env.var(v); }
  std::int64_t point(Id p) const { return env.point(p); }
  std::int64_t timer_date(Id t) const { return env.timer_date(t); }
  std::int64_t entered(Id s) const { return env.entered(s); }
  bool visited(Id s) const { return env.visited(s); }
  bool in_state(Id s) const { return env.in_state(s); }
  bool paid() const { return env.paid(); }
  std::int64_t counted_in_window(std::int64_t window, std::int64_t day) const {
    return env.counted_in_window(window, day);
  }
  // Told from what the engine found for the point whose rule is being spelled out.
  std::int64_t counted_days(std::int64_t, std::int64_t, Id point) const {
    const auto found = point == kNone ? std::nullopt : env.counted_days(point);
    return found ? found->found.days() : kUnknown;
  }
};

/// The words an ExprEnv gives.
class EnvWords : public WordsContext {
 public:
  explicit EnvWords(const ExprEnv& env) : env_(env) {}
  std::optional<Date> day1() const override { return env_.day1(); }
  std::string anchor_name() const override { return env_.anchor_name(); }
  std::string field_name(Id f) const override { return env_.field_name(f); }
  std::string var_origin(Id v) const override { return env_.var_origin(v); }
  const Explanation* var_explanation(Id v) const override { return env_.var_explanation(v); }
  std::optional<CountedDaysInputs> counted_days(Id point, Date, std::int32_t) const override {
    return point == kNone ? std::nullopt : env_.counted_days(point);
  }

 private:
  const ExprEnv& env_;
};

}  // namespace

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

std::string WordsContext::field_name(Id field) const { return "#" + std::to_string(field); }
std::string WordsContext::var_origin(Id) const { return {}; }
const Explanation* WordsContext::var_explanation(Id) const { return nullptr; }

std::int64_t ExprEnv::field(Id) const { return kUnknown; }
std::int64_t ExprEnv::counted_in_window(std::int64_t, std::int64_t) const { return kUnknown; }
bool ExprEnv::present(Id f) const { return field(f) != kUnknown; }
std::string ExprEnv::var_origin(Id) const { return {}; }
const Explanation* ExprEnv::var_explanation(Id) const { return nullptr; }
std::string ExprEnv::field_name(Id field) const { return "#" + std::to_string(field); }

Explanation explain(const Model& m, const WordsTrace::Node& root, const WordsContext& words) {
  return Writer(m, words).value(root, true);
}

Explanation explain_expr(const Model& m, std::uint32_t expr, const ExprEnv& env) {
  return explain_with(m, expr, EnvSource{env}, EnvWords(env));
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

namespace caseflow {

std::string date_words(Date d) {
  const YearMonthDay ymd = d.ymd();
  return std::to_string(ymd.day) + " " + rules::kMonths[ymd.month - 1] + " " + std::to_string(ymd.year);
}

}  // namespace caseflow
