// The caseload: many cases of one rule-set, a queue of cases by their next due date, batch apply,
// parallel advance, and the monitoring queries and KPIs over all cases.
#include "caseflow/caseload.hpp"

#include <algorithm>
#include <functional>
#include <queue>
#include <thread>
#include <type_traits>
#include <unordered_map>

#include "caseload/fixed_store.hpp"
#include "rules/model.hpp"

namespace caseflow {

// The fixed-shape table lays out a batch record's field checks by the record's width.
static_assert(kRecordValues == fixed::kBatchValues, "a batch record carries the values the fixed shape checks");

namespace {

// splitmix64: the sample's generator, fixed so that a seed gives the same sample everywhere.
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Runs work(from, until) over [0, n) split into `threads` contiguous parts, the first on the
// calling thread. Should a thread fail to start, the calling thread does its part too: an
// advance never ends half done, nor with threads left unjoined.
template <class Work>
void split_work(std::size_t n, unsigned threads, const Work& work) {
  const std::size_t chunk = (n + threads - 1) / std::max(1u, threads);
  std::vector<std::thread> pool;
  std::size_t from = std::min(n, chunk);
  try {
    for (; from < n; from = std::min(n, from + chunk)) pool.emplace_back(work, from, std::min(n, from + chunk));
  } catch (...) {
    work(from, n);  // the parts no thread took
  }
  work(0, std::min(n, chunk));
  for (std::thread& th : pool) th.join();
}

// A batch's records are numbered in 32 bits (its messages keep the position).
void check_batch_size(std::size_t count) {
  if (count > UINT32_MAX) throw std::invalid_argument("a batch holds at most 4294967295 records, not " + std::to_string(count));
}

std::size_t id_of(const std::vector<std::string>& names, std::string_view name, const char* what) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  throw std::invalid_argument(std::string("the rule-set has no ") + what + " '" + std::string(name) + "'");
}

}  // namespace

struct Caseload::Impl {
  Impl(RuleSet r, CaseloadPath path) : rules(std::move(r)), model(&rules.model()) {
    for (const auto& v : model->variables) variable_names.push_back(v.name);
    if (path == CaseloadPath::fast_if_possible) {
      fast = fixed::table_of(rules.versions(), &why_not_fast);
      if (fast) stride = stores::row_words(fast->obligations);
    }
  }

  RuleSet rules;
  const rules::Model* model;
  std::vector<Case> cases;
  std::size_t count = 0;         // cases, named or not
  std::vector<std::string> ids;  // names of named cases (empty: known by index)
  std::unordered_map<std::string, std::uint32_t> index;
  StringTable strings;
  std::vector<std::string> variable_names;
  std::vector<std::int64_t> changes;  // per case × variable: value changes after the first set
  std::vector<std::int64_t> scratch;  // variables before an event
  // Cases by the date of their next timer; stale entries are skipped when popped.
  using Due = std::pair<std::int32_t, std::uint32_t>;
  std::priority_queue<Due, std::vector<Due>, std::greater<Due>> queue;
  std::optional<Date> advanced_to;
  std::vector<std::pair<std::size_t, Outcome>> rejections;  // of the last batch, in full
  /// A record of the last batch that no rule took on the fast path, in one 8-byte store:
  /// enough to build its message later (the status is not_allowed).
  struct Note {
    std::uint32_t position;
    std::uint16_t event;
    std::uint16_t state;
  };
  std::unique_ptr<Note[]> notes;  // the last batch's notes, not zero-filled: written before read
  std::size_t notes_len = 0;
  std::size_t notes_cap = 0;

  // The fast path: one row of `stride` words per case, and counters instead of histories.
  const fixed::Table* fast = nullptr;  // kept with the rule-set
  std::size_t stride = 0;
  std::string why_not_fast;
  stores::RowStore rows;
  std::int64_t met_late = 0;
  std::int32_t advanced_day = INT32_MIN;  // the latest advance, for out-of-order checks

  void require_general(const char* what) const {
    if (fast) throw std::logic_error(std::string(what) + " needs the general path: a fast caseload keeps no per-case history");
  }

  // Runs one entry on a row: meet, raise, enter, lapse. The same stores whatever the rule.
  // The row code is compiled once per obligation count K (0–4), so that the row's stride and the
  // loops over its obligations are constants: DESIGN.md's fixed-shape entry, applied as data.
  template <std::size_t K>
  [[gnu::always_inline]] static inline void run_entry(std::int32_t* __restrict row, const fixed::Entry& e, std::int32_t day,
                                                      std::int64_t value, const std::int32_t* raise_add,
                                                      std::int64_t& late) {
    // Masks, not branches on what kind of effect the entry has: every entry does every store,
    // and an entry that does nothing (a rejection) stores back what it read; its `to` is the
    // state it belongs to.
    for (std::size_t o = 0; o < K; ++o) {
      std::int32_t due = row[stores::kFirstObligationWord + o];
      // No day is after kNever, so an instance not open is never counted late.
      late += ((e.meet >> o) & 1u) & (day > due);
      due = ((e.clear >> o) & 1u) ? fixed::kNever : due;
      due = ((e.raise >> o) & 1u) ? day + raise_add[o] : due;
      row[stores::kFirstObligationWord + o] = due;
    }
    // The timer's date, kNever when the entry starts none or its date is beyond the calendar.
    const std::int32_t timer = fixed::timer_day(day, e.timer_add, e.timer_mul, value);
    const std::int32_t enter = static_cast<std::int8_t>(e.enter);  // all ones when entering
    row[stores::kHeadWord] = (row[stores::kHeadWord] & ~stores::kStateMask) | stores::kOpenBit | e.to;
    row[stores::kLastWord] = (day & enter) | (row[stores::kLastWord] & ~enter);
    row[stores::kDueWord] = (timer & enter) | (row[stores::kDueWord] & ~enter);
  }
  template <std::size_t K>
  void run_k(std::int32_t* row, const fixed::Entry& e, std::int32_t day, std::int64_t value) {
    run_entry<K>(row, e, day, value, fast->raise_add.data(), met_late);
  }

  // Fires the row's timer while it is due on or before `day`.
  template <std::size_t K>
  [[gnu::always_inline]] inline void fire_row(std::int32_t* row, std::int32_t day) {
    // A timer meets no obligation, so nothing is counted late: advance's threads share no count.
    std::int64_t late = 0;
    while (row[stores::kDueWord] <= day) {
      const std::int32_t due = row[stores::kDueWord];
      const fixed::Entry& e = fast->timer_entries[stores::state_of(row[stores::kHeadWord])];
      if (!e.accept) {
        row[stores::kDueWord] = fixed::kNever;
        continue;
      }
      run_entry<K>(row, e, due, 0, fast->raise_add.data(), late);
      if (!e.enter) row[stores::kDueWord] = fixed::kNever;  // a timer rule that stays put ends its timer
      row[stores::kHeadWord] = stores::with_clock(row[stores::kHeadWord], std::max(stores::clock_of(row[stores::kHeadWord]), due));
    }
  }

  // fire_row out of line: in a batch most events find no timer due.
  template <std::size_t K>
  [[gnu::noinline]] void fire_k(std::int32_t* row, std::int32_t day) {
    fire_row<K>(row, day);
  }

  // Calls f with the obligation count as a compile-time constant.
  template <class F>
  decltype(auto) with_k(F&& f) {
    switch (fast->obligations) {
      case 0: return f(std::integral_constant<std::size_t, 0>{});
      case 1: return f(std::integral_constant<std::size_t, 1>{});
      case 2: return f(std::integral_constant<std::size_t, 2>{});
      case 3: return f(std::integral_constant<std::size_t, 3>{});
      default: return f(std::integral_constant<std::size_t, 4>{});
    }
  }
  void run(std::int32_t* row, const fixed::Entry& e, std::int32_t day, std::int64_t value) {
    with_k([&](auto k) { run_k<decltype(k)::value>(row, e, day, value); });
  }
  void fire(std::int32_t* row, std::int32_t day) {
    with_k([&](auto k) { fire_k<decltype(k)::value>(row, day); });
  }

  Outcome apply_fast(std::uint32_t c, const EventInput& ev) {
    Outcome out = validate_event(rules, ev);
    out.date = ev.date;
    if (!out) return out;
    std::int32_t* row = &rows[static_cast<std::size_t>(c) * stride];
    const std::int32_t day = ev.date.days();
    out.clock = Date(stores::clock_of(row[stores::kHeadWord]));
    if (!(row[stores::kHeadWord] & stores::kOpenBit)) {
      out.status = Status::not_open;  // fast rule-sets open cases with open_at, never by an event
      return out;
    }
    out.state = static_cast<std::uint16_t>(stores::state_of(row[stores::kHeadWord]));
    if (day < stores::clock_of(row[stores::kHeadWord]) || (advanced_to && day < advanced_to->days())) {
      out.status = Status::out_of_order;
      return out;
    }
    std::int32_t saved[stores::kRowWords];
    std::copy(row, row + stride, saved);
    fire(row, day);
    const std::size_t state = stores::state_of(row[stores::kHeadWord]);
    const std::uint8_t sel = fast->selector[ev.event];
    const std::size_t value = sel == fixed::kNoField ? 0 : static_cast<std::size_t>(ev.fields[sel].number);
    const fixed::Entry& e = fast->entry(state, ev.event, value);
    if (!e.accept) {
      std::copy(saved, saved + stride, row);  // a rejection leaves the row as it was
      // As on the general path: the state the event met, timers fired, and whether a rule
      // exists there for other field values.
      out.state = static_cast<std::uint16_t>(state);
      out.status = Status::not_allowed;
      out.value = model->cell(state, ev.event).count > 0;
      return out;
    }
    const std::int64_t field = e.field == fixed::kNoField ? 0 : ev.fields[e.field].number;
    run(row, e, day, field);
    row[stores::kHeadWord] = stores::with_clock(row[stores::kHeadWord], day);
    return out;
  }

  std::size_t variable(std::string_view name) const { return id_of(variable_names, name, "variable"); }

  void enqueue(std::uint32_t c) {
    if (const auto due = cases[c].next_due()) queue.push({due->days(), c});
  }

  // A rejected batch record: the details kept for batch_message, built off the hot loop.
  template <class Record>
  [[gnu::noinline, gnu::cold]] Status note(const Record& r, std::size_t position, Status st, InputProblem problem,
                                           std::uint16_t field, std::int64_t value) {
    Outcome out;
    out.status = st;
    out.problem = problem;
    out.event = r.event;
    out.date = Date(r.date);
    out.field = field;
    out.value = value;
    if (r.case_index < count) {
      const std::int32_t* row = &rows[static_cast<std::size_t>(r.case_index) * stride];
      out.clock = Date(stores::clock_of(row[stores::kHeadWord]));
      out.state = (row[stores::kHeadWord] & stores::kOpenBit) ? static_cast<std::uint16_t>(stores::state_of(row[stores::kHeadWord])) : 0xFFFF;
    }
    rejections.emplace_back(position, out);
    return st;
  }

  // Why a present field value is out of its range.
  InputProblem range_problem(std::uint16_t event, std::size_t f) const {
    const FieldType t = model->events[event].fields[f].type;
    return t == FieldType::enumeration ? InputProblem::value_not_in_set
           : t == FieldType::date_pairs ? InputProblem::not_batchable
                                        : InputProblem::value_out_of_range;
  }

  // The fast path's batch: per record the checks of validate_event and Case::apply, then one
  // table entry applied to the row.
  template <class Reader, class Record>
  std::size_t apply_batch_fast(const Record* records, std::size_t n, Status* statuses) {
    const Reader reader(*fast);
    // Without statuses (a simulation counts), the loop stores none and tests for none.
    if (!statuses)
      return with_k([&](auto k) { return batch_k<decltype(k)::value, false>(reader, records, n, nullptr); });
    return with_k([&](auto k) { return batch_k<decltype(k)::value, true>(reader, records, n, statuses); });
  }

  // Why a batch record failed the fast path's combined check: the checks one at a time, in the
  // order validate_event and Case::apply make them, and the note kept for its message.
  // Either layout is read as it is (a compact record's one value is field 0's): no copy is made.
  static std::uint16_t present_bits(const EventRecord& r) { return r.present; }
  static std::uint16_t present_bits(const CompactRecord& r) { return static_cast<std::uint16_t>(r.present & 1u); }
  static std::int64_t value_of(const EventRecord& r, std::size_t f) { return r.values[f]; }
  static std::int64_t value_of(const CompactRecord& r, std::size_t) { return r.value; }
  template <class Record>
  [[gnu::noinline, gnu::cold]] Status reject_record(const Record& r, std::size_t i) {
    const std::uint16_t present = present_bits(r);
    // As apply_batch on the general path: a record that cannot carry its event comes first.
    if (r.event < fast->events) {
      const auto& fields = model->events[r.event].fields;
      bool batchable = fields.size() <= kRecordValues;
      for (std::size_t f = 0; batchable && f < fields.size(); ++f)
        batchable = !(((present >> f) & 1u) && fields[f].type == FieldType::date_pairs);
      if (!batchable) return note(r, i, Status::bad_input, InputProblem::not_batchable, 0xFFFF, 0);
    }
    if (r.case_index >= count) return note(r, i, Status::bad_input, InputProblem::unknown_case, 0xFFFF, r.case_index);
    if (r.event >= fast->events) return note(r, i, Status::bad_input, InputProblem::unknown_event, 0xFFFF, r.event);
    if (r.date < Date::min().days() || r.date > Date::max().days())
      return note(r, i, Status::bad_input, InputProblem::value_out_of_range, 0xFFFF, r.date);
    const std::size_t nf = fast->field_count[r.event];
    for (std::size_t f = 0; f < nf; ++f) {
      if (!((present >> f) & 1u)) {
        if ((fast->required[r.event] >> f) & 1u)
          return note(r, i, Status::bad_input, InputProblem::missing_field, static_cast<std::uint16_t>(f), 0);
      } else if (value_of(r, f) < fast->low[r.event * kRecordValues + f] || value_of(r, f) > fast->high[r.event * kRecordValues + f]) {
        return note(r, i, Status::bad_input, range_problem(r.event, f), static_cast<std::uint16_t>(f), value_of(r, f));
      }
    }
    const std::int32_t* row = &rows[static_cast<std::size_t>(r.case_index) * stride];
    if (!(row[stores::kHeadWord] & stores::kOpenBit)) return note(r, i, Status::not_open, InputProblem::none, 0xFFFF, 0);
    return note(r, i, Status::out_of_order, InputProblem::none, 0xFFFF, 0);
  }

  // How the batch loop reads a 48-byte EventRecord: up to four fields, each checked.
  struct WideReader {
    const std::uint16_t* __restrict shape;
    const std::int64_t* __restrict low;
    const std::int64_t* __restrict high;
    const std::uint8_t* __restrict selector;
    unsigned value_bits;
    explicit WideReader(const fixed::Table& t)
        : shape(t.shape.data()), low(t.low.data()), high(t.high.data()), selector(t.selector.data()),
          value_bits(t.value_bits) {}
    // The fields present lie in their ranges and the required ones are present. Events without
    // fields (most) skip the loop.
    bool fields_ok(const EventRecord& r) const {
      const std::uint16_t sh = shape[r.event];
      if (sh == 0) return true;
      const std::size_t nf = sh & 0xFFu;
      bool ok = nf <= kRecordValues && ((sh >> 8) & ~static_cast<unsigned>(r.present)) == 0;
      for (std::size_t f = 0; f < nf && f < kRecordValues; ++f)
        ok &= (((r.present >> f) & 1u) == 0) |
              ((r.values[f] >= low[r.event * kRecordValues + f]) & (r.values[f] <= high[r.event * kRecordValues + f]));
      return ok;
    }
    // The event and selector value's part of the entry's index.
    std::size_t column(const EventRecord& r) const {
      const std::uint8_t sel = selector[r.event];
      return (static_cast<std::size_t>(r.event) << value_bits) |
             (sel == fixed::kNoField ? 0 : static_cast<std::size_t>(r.values[sel]));
    }
    // The field feeding the entry's timer date (a timer without one multiplies it by 0).
    // INT64_MIN is the general path's unknown value: a date from it is never reached, which a
    // value of 2⁴⁰ days gives too (the factor is within the calendar's span, so no wrap).
    static std::int64_t timer_value(const EventRecord& r, const fixed::Entry& e) {
      const std::int64_t v = e.field == fixed::kNoField ? 0 : r.values[e.field];
      return v == INT64_MIN ? std::int64_t(1) << 40 : v;
    }
  };

  // How the batch loop reads a 16-byte CompactRecord: one value, checked in one compare.
  struct CompactReader {
    const fixed::CompactCheck* __restrict checks;
    std::uint32_t slot_mask;  // the value bits of an entry's index
    explicit CompactReader(const fixed::Table& t)
        : checks(t.compact.data()), slot_mask((std::uint32_t(1) << t.value_bits) - 1) {}
    const fixed::CompactCheck& check(const CompactRecord& r) const {
      return checks[(static_cast<std::size_t>(r.event) << 1) | (r.present & 1u)];
    }
    bool fields_ok(const CompactRecord& r) const {
      const fixed::CompactCheck& k = check(r);
      return static_cast<std::int64_t>(static_cast<std::uint32_t>(r.value) - static_cast<std::uint32_t>(k.low)) <= k.span;
    }
    // An event without a selector has the same entry in every value slot.
    std::size_t column(const CompactRecord& r) const { return check(r).column | (static_cast<std::uint32_t>(r.value) & slot_mask); }
    // An entry's timer reads field 0 or none (a later field is required, so never valid here),
    // and an entry without a field multiplies by 0.
    static std::int64_t timer_value(const CompactRecord& r, const fixed::Entry&) { return r.value; }
    // The same record in the wide layout, for the general path.
    static EventRecord wide(const CompactRecord& r) {
      EventRecord w{};
      w.case_index = r.case_index;
      w.date = r.date;
      w.event = r.event;
      w.present = static_cast<std::uint16_t>(r.present & 1u);
      w.values[0] = r.value;
      return w;
    }
  };

  // A batch record whose row has a timer due: the timers fire first, then the record's entry is
  // taken; should no rule take it, the row goes back to what it was and the note is written.
  // Out of the batch loop, which most records never leave. Returns whether a rule took it.
  template <std::size_t K, class Reader, class Record>
  [[gnu::noinline]] unsigned fire_then_take(const Reader& reader, std::int32_t* row, const Record& r, std::size_t i,
                                            Note* note) {
    constexpr std::size_t stride = stores::row_words(K);
    std::int32_t saved[stride];
    std::copy(row, row + stride, saved);
    fire_row<K>(row, r.date);
    const fixed::Entry& e =
        fast->entries[(stores::state_of(row[stores::kHeadWord]) << (fast->event_bits + fast->value_bits)) | reader.column(r)];
    if (!e.accept) {
      *note = Note{static_cast<std::uint32_t>(i), r.event, e.to};
      std::copy(saved, saved + stride, row);
      return 0;
    }
    run_k<K>(row, e, r.date, Reader::timer_value(r, e));
    row[stores::kHeadWord] = stores::with_clock(row[stores::kHeadWord], r.date);
    return 1;
  }

  // The batch loop of a rule-set with K obligations. Everything it reads from the table is held
  // in locals, so that the row stores cannot make the compiler reload it. An event that finds no
  // rule runs the table's empty entry, which stores back what it read, rather than branching:
  // half the events of a simulated stream are rejected, in no pattern a predictor could learn.
  template <std::size_t K, bool kStatuses, class Reader, class Record>
  std::size_t batch_k(const Reader reader, const Record* __restrict records, std::size_t n,
                      Status* __restrict statuses) {
    const fixed::Table& T = *fast;
    constexpr std::size_t stride = stores::row_words(K);
    std::int32_t* __restrict const base = rows.data();
    const std::size_t n_cases = count;
    const std::size_t events = T.events;
    const unsigned state_shift = T.event_bits + T.value_bits;
    const fixed::Entry* __restrict const entries = T.entries.data();
    std::int32_t raise_add[K > 0 ? K : 1] = {};
    for (std::size_t o = 0; o < K; ++o) raise_add[o] = T.raise_add[o];
    std::int64_t late = 0;
    if (notes_cap < n) {  // at most one note per record
      notes.reset(new Note[n]);
      notes_cap = n;
    }
    Note* __restrict note_out = notes.get();

    // One record: the checks, the timers due first, the entry, the note if no rule takes it.
    const auto step = [&](std::size_t i) __attribute__((always_inline)) {
      const Record& r = records[i];
      const std::int32_t day = r.date;
      // Every check of the record in a few combined tests: the rare faulty records take the cold
      // path, which finds out what was wrong.
      const std::uint32_t day_offset = static_cast<std::uint32_t>(day) - static_cast<std::uint32_t>(Date::min().days());
      bool ok = (r.case_index < n_cases) & (r.event < events) &
                (day_offset <= static_cast<std::uint32_t>(Date::max().days() - Date::min().days()));
      // The day laid out as a head word's clock, its low bits all ones: a head is no greater
      // exactly when its clock is not after the day.
      const std::uint32_t day_key = (day_offset << stores::kClockShift) | ((1u << stores::kClockShift) - 1);
      std::int32_t* __restrict row = base;
      if (ok) [[likely]] {
        row = base + static_cast<std::size_t>(r.case_index) * stride;
        // An advance moved every open row's clock, so the clock alone tells an event out of order.
        const std::uint32_t head = static_cast<std::uint32_t>(row[stores::kHeadWord]);
        ok = reader.fields_ok(r) & ((head & stores::kOpenBit) != 0) & (head <= day_key);
      }
      if (!ok) [[unlikely]] {
        const Status st = reject_record(r, i);
        if (kStatuses) statuses[i] = st;
        return;
      }
      unsigned accept;
      if (row[stores::kDueWord] > day) [[likely]] {
        // The entry of the row's state for this event, run. Arithmetic on `accept`, not
        // branches: whether a rule takes the event follows no pattern.
        const fixed::Entry& e =
            entries[(stores::state_of(row[stores::kHeadWord]) << state_shift) | reader.column(r)];
        run_entry<K>(row, e, day, Reader::timer_value(r, e), raise_add, late);
        accept = e.accept & 1u;
        const std::uint32_t keep = accept - 1;  // all ones when rejected
        // The head as the entry left it (its state, the old clock), and with the day's clock.
        const std::uint32_t after = static_cast<std::uint32_t>(row[stores::kHeadWord]);
        const std::uint32_t moved = day_key & (after | ~((1u << stores::kClockShift) - 1));
        row[stores::kHeadWord] = static_cast<std::int32_t>((moved & ~keep) | (after & keep));
        *note_out = Note{static_cast<std::uint32_t>(i), r.event, e.to};
      } else {
        accept = fire_then_take<K>(reader, row, r, i, note_out);
      }
      note_out += 1u - accept;  // the note written is kept when no rule took the event
      if (kStatuses) statuses[i] = accept ? Status::ok : Status::not_allowed;
    };

    // Rows of the records ahead are fetched while this one is applied: in a batch sorted by date
    // the cases are scattered. A prefetch never faults, so a bad index ahead needs no test.
    constexpr std::size_t kAhead = 24;
    std::size_t i = 0;
    for (; i + kAhead < n; ++i) {
      // The address is formed as an integer: the index ahead is not checked yet.
      __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(base) +
                                                       std::uintptr_t(records[i + kAhead].case_index) * stride * 4),
                         1);
      step(i);
    }
    for (; i < n; ++i) step(i);
    notes_len = static_cast<std::size_t>(note_out - notes.get());
    met_late += late;
    return n - notes_len - rejections.size();
  }

  Outcome apply(std::uint32_t c, const EventInput& ev) {
    if (c >= count) {
      Outcome out;
      out.status = Status::bad_input;
      out.problem = InputProblem::unknown_case;
      out.event = ev.event;
      out.date = ev.date;
      out.value = c;
      return out;
    }
    if (fast) return apply_fast(c, ev);
    Case& k = cases[c];
    // Cases the last advance did not need to touch are brought to its date lazily: no timer of
    // theirs was due by then, so this only moves the clock.
    if (advanced_to && k.is_open() && k.clock() < *advanced_to) {
      k.advance(*advanced_to);
      enqueue(c);  // the advance may have started timers, even if the event is then rejected
    }
    const std::size_t nv = variable_names.size();
    scratch.resize(nv);
    for (std::size_t v = 0; v < nv; ++v) scratch[v] = k.variable_at(v);
    const Outcome out = k.apply(ev);
    if (!out) return out;
    for (std::size_t v = 0; v < nv; ++v) {
      const std::int64_t now = k.variable_at(v);
      if (now != scratch[v] && scratch[v] != kUnsetValue) ++changes[c * nv + v];
    }
    enqueue(c);
    return out;
  }

  // Open cases that have been opened and are not in a final state.
  bool active(std::uint32_t c) const { return cases[c].is_open() && !cases[c].is_final(); }

  // The active cases whose value of `variable` passes `keep`, by index.
  template <class Keep>
  std::vector<std::uint32_t> active_where(std::string_view name, Keep keep) const {
    const std::size_t v = variable(name);
    std::vector<std::uint32_t> out;
    for (std::uint32_t c = 0; c < cases.size(); ++c)
      if (active(c) && keep(cases[c].variable_at(v))) out.push_back(c);
    return out;
  }
};

Caseload::Caseload(RuleSet rules, CaseloadPath path) : impl_(std::make_unique<Impl>(std::move(rules), path)) {}
Caseload::~Caseload() = default;
Caseload::Caseload(Caseload&&) noexcept = default;
Caseload& Caseload::operator=(Caseload&&) noexcept = default;

const RuleSet& Caseload::rules() const noexcept { return impl_->rules; }
std::size_t Caseload::size() const noexcept { return impl_->count; }
const Case& Caseload::at(std::uint32_t i) const {
  impl_->require_general("Caseload::at");
  return impl_->cases.at(i);
}
bool Caseload::is_fast() const noexcept { return impl_->fast != nullptr; }
std::size_t Caseload::bytes_per_case() const noexcept {
  return impl_->fast ? impl_->stride * sizeof(std::int32_t) : sizeof(Case);
}
StringTable& Caseload::strings() noexcept { return impl_->strings; }
const StringTable& Caseload::strings() const noexcept { return impl_->strings; }
std::string Caseload::case_id(std::uint32_t i) const {
  if (i >= impl_->count) throw std::out_of_range("no case with index " + std::to_string(i));
  if (i < impl_->ids.size() && !impl_->ids[i].empty()) return impl_->ids[i];
  return std::to_string(i);
}

std::uint32_t Caseload::add_case(std::string_view id) {
  Impl& m = *impl_;
  const std::string key(id);
  if (auto it = m.index.find(key); it != m.index.end()) return it->second;
  const std::uint32_t i = add_cases(1);
  m.ids.resize(m.count);
  m.ids[i] = key;
  m.index.emplace(key, i);
  return i;
}

std::uint32_t Caseload::add_cases(std::size_t n) {
  Impl& m = *impl_;
  const auto first = static_cast<std::uint32_t>(m.count);
  m.count += n;
  if (m.fast) {
    m.rows.resize(m.count * m.stride, fixed::kNever);
    for (std::size_t c = first; c < m.count; ++c) m.rows[c * m.stride + stores::kHeadWord] = 0;  // not open
  } else {
    m.cases.resize(m.count, Case(m.rules));
    m.changes.resize(m.count * m.variable_names.size(), 0);
  }
  return first;
}

std::optional<std::uint32_t> Caseload::find_case(std::string_view id) const {
  auto it = impl_->index.find(std::string(id));
  if (it == impl_->index.end()) return std::nullopt;
  return it->second;
}

Outcome Caseload::apply(std::uint32_t case_index, const EventInput& event) {
  return impl_->apply(case_index, event);
}

std::size_t Caseload::apply_batch(const EventRecord* records, std::size_t count, Status* statuses) {
  Impl& m = *impl_;
  check_batch_size(count);
  m.rejections.clear();
  m.notes_len = 0;
  std::size_t applied = 0;
  if (m.fast) return m.apply_batch_fast<Impl::WideReader>(records, count, statuses);
  FieldValue fields[kRecordValues];
  for (std::size_t i = 0; i < count; ++i) {
    const EventRecord& r = records[i];
    EventInput ev{r.event, Date(r.date), fields, 0};
    Outcome out;
    if (r.event < m.model->events.size()) {
      const auto& defs = m.model->events[r.event].fields;
      bool batchable = defs.size() <= kRecordValues;
      for (std::size_t f = 0; batchable && f < defs.size(); ++f) {
        fields[f].present = ((r.present >> f) & 1u) != 0;
        fields[f].number = r.values[f];
        fields[f].pairs = nullptr;
        fields[f].pair_count = 0;
        batchable = !(fields[f].present && defs[f].type == FieldType::date_pairs);
      }
      ev.field_count = defs.size();
      if (!batchable) {
        out.status = Status::bad_input;
        out.problem = InputProblem::not_batchable;
        out.event = r.event;
        out.date = ev.date;
      }
    }
    if (out.status == Status::ok) out = m.apply(r.case_index, ev);
    if (statuses) statuses[i] = out.status;
    if (out) ++applied;
    else m.rejections.emplace_back(i, out);
  }
  return applied;
}

std::size_t Caseload::apply_compact(const CompactRecord* records, std::size_t count, Status* statuses) {
  Impl& m = *impl_;
  check_batch_size(count);
  if (m.fast) {
    m.rejections.clear();
    m.notes_len = 0;
    return m.apply_batch_fast<Impl::CompactReader>(records, count, statuses);
  }
  // The general path judges each event through Case::apply anyway: widening costs little there.
  std::vector<EventRecord> wide(count);
  for (std::size_t i = 0; i < count; ++i) wide[i] = Impl::CompactReader::wide(records[i]);
  return apply_batch(wide.data(), count, statuses);
}

std::string Caseload::batch_message(std::size_t position) const {
  for (std::size_t k = 0; k < impl_->notes_len; ++k)
    if (const Impl::Note& n = impl_->notes[k]; n.position == position) {
      Outcome out;
      out.status = Status::not_allowed;
      out.event = n.event;
      out.state = n.state;
      out.value = impl_->model->cell(n.state, n.event).count > 0;  // a rule, but not for these values
      return describe(impl_->rules, out);
    }
  for (const auto& [pos, out] : impl_->rejections)
    if (pos == position) return describe(impl_->rules, out);
  return {};
}

void Caseload::advance(Date to, unsigned threads) {
  Impl& m = *impl_;
  if (to < Date::min() || to > Date::max())
    throw DateError("cannot advance to day " + std::to_string(to.days()) + ": beyond the calendar (" +
                    Date::min().iso() + " to " + Date::max().iso() + ")");
  if (m.fast) {
    // Rows are scanned in order, one compare each: cheaper than keeping a queue on every event.
    const std::size_t n = m.count;
    const auto work = [&](std::size_t from, std::size_t until) {
      for (std::size_t c = from; c < until; ++c) {
        std::int32_t* row = &m.rows[c * m.stride];
        if (!(row[stores::kHeadWord] & stores::kOpenBit)) continue;
        m.fire(row, to.days());
        row[stores::kHeadWord] = stores::with_clock(row[stores::kHeadWord], std::max(stores::clock_of(row[stores::kHeadWord]), to.days()));
      }
    };
    split_work(n, std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n / 65536 + 1))), work);
    if (!m.advanced_to || to > *m.advanced_to) m.advanced_to = to;
    m.advanced_day = m.advanced_to->days();
    return;
  }
  std::vector<std::uint32_t> due;
  while (!m.queue.empty() && m.queue.top().first <= to.days()) {
    const auto [date, c] = m.queue.top();
    m.queue.pop();
    const auto next = m.cases[c].next_due();
    if (next && next->days() == date) due.push_back(c);  // else a stale entry
  }
  std::sort(due.begin(), due.end());
  due.erase(std::unique(due.begin(), due.end()), due.end());
  // Each case is independent, so any split over threads gives the same cases.
  const auto work = [&](std::size_t from, std::size_t until) {
    for (std::size_t i = from; i < until; ++i) m.cases[due[i]].advance(to);
  };
  split_work(due.size(), std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(due.size() / 1024 + 1))), work);
  for (std::uint32_t c : due) m.enqueue(c);
  if (!m.advanced_to || to > *m.advanced_to) m.advanced_to = to;
}

Outcome Caseload::open_at(std::uint32_t c, Date day) {
  Impl& m = *impl_;
  Outcome out;
  out.date = day;
  if (c >= m.count) {
    out.status = Status::bad_input;
    out.problem = InputProblem::unknown_case;
    out.value = c;
    return out;
  }
  if (day < Date::min() || day > Date::max()) {
    out.status = Status::bad_input;
    out.problem = InputProblem::value_out_of_range;
    out.value = day.days();
    return out;
  }
  if (!m.fast) {
    out = m.cases[c].open_at(day);
    if (out) m.enqueue(c);
    return out;
  }
  std::int32_t* row = &m.rows[static_cast<std::size_t>(c) * m.stride];
  if (row[stores::kHeadWord] & stores::kOpenBit) {
    out.status = Status::already_open;
    return out;
  }
  // A case opened after an advance is already at that date, as a general-path case would be.
  row[stores::kHeadWord] = stores::with_clock(row[stores::kHeadWord], std::max(day.days(), m.advanced_day));
  m.run(row, m.fast->opening, day.days(), 0);
  return out;
}

std::size_t Caseload::open_cases(std::uint32_t first, const std::int32_t* days, std::size_t n, Status* statuses) {
  Impl& m = *impl_;
  std::size_t opened = 0;
  if (!m.fast || first >= m.count || m.count - first < n) {
    // Cases past the last one are unknown (bad_input), counted in 64 bits so as not to wrap.
    for (std::size_t i = 0; i < n; ++i) {
      if (std::uint64_t(first) + i >= m.count) {
        if (statuses) statuses[i] = Status::bad_input;
        continue;
      }
      const Outcome out = open_at(static_cast<std::uint32_t>(first + i), Date(days[i]));
      if (statuses) statuses[i] = out.status;
      opened += out.status == Status::ok;
    }
    return opened;
  }
  m.with_k([&](auto k) {
    constexpr std::size_t K = decltype(k)::value;
    // The opening entry and the table's numbers in locals, as in the batch loop.
    const fixed::Entry opening = m.fast->opening;
    std::int32_t raise_add[K > 0 ? K : 1] = {};
    for (std::size_t o = 0; o < K; ++o) raise_add[o] = m.fast->raise_add[o];
    std::int64_t late = 0;  // an opening meets nothing
    constexpr std::size_t stride = stores::row_words(K);
    std::int32_t* const base = m.rows.data() + static_cast<std::size_t>(first) * stride;
    const std::int32_t advanced = m.advanced_day;
    for (std::size_t i = 0; i < n; ++i) {
      std::int32_t* row = base + i * stride;
      const std::int32_t day = days[i];
      Status st = Status::bad_input;
      if (day >= Date::min().days() && day <= Date::max().days()) {
        st = Status::already_open;
        if (!(row[stores::kHeadWord] & stores::kOpenBit)) {
          row[stores::kHeadWord] = stores::with_clock(row[stores::kHeadWord], std::max(day, advanced));
          Impl::run_entry<K>(row, opening, day, 0, raise_add, late);
          st = Status::ok;
          ++opened;
        }
      }
      if (statuses) statuses[i] = st;
    }
  });
  return opened;
}

void Caseload::export_states(std::uint32_t first, std::size_t n, std::uint16_t* states, std::int32_t* last_days) const {
  const Impl& m = *impl_;
  if (first > m.count || m.count - first < n)
    throw std::out_of_range("cases " + std::to_string(first) + " to " + std::to_string(std::uint64_t(first) + n) +
                            " pass the last case (" + std::to_string(m.count) + " cases)");
  for (std::size_t i = 0; i < n; ++i) {
    std::uint16_t state = 0xFFFF;
    std::int32_t last = INT32_MIN;
    if (m.fast) {
      const std::int32_t* row = &m.rows[(first + i) * m.stride];
      if (row[stores::kHeadWord] & stores::kOpenBit) {
        state = static_cast<std::uint16_t>(stores::state_of(row[stores::kHeadWord]));
        last = row[stores::kLastWord];
      }
    } else {
      const Case& k = m.cases[first + i];
      if (k.is_open()) state = k.state();
      if (!k.trace().empty()) last = k.trace().back().date.days();
    }
    if (states) states[i] = state;
    if (last_days) last_days[i] = last;
  }
}

std::uint16_t Caseload::state_of(std::uint32_t c) const {
  const Impl& m = *impl_;
  if (c >= m.count) throw std::out_of_range("no case with index " + std::to_string(c));
  if (!m.fast) return m.cases.at(c).is_open() ? m.cases.at(c).state() : 0xFFFF;
  const std::int32_t w = m.rows[static_cast<std::size_t>(c) * m.stride + stores::kHeadWord];
  return (w & stores::kOpenBit) ? static_cast<std::uint16_t>(stores::state_of(w)) : 0xFFFF;
}

std::optional<Date> Caseload::last_transition(std::uint32_t c) const {
  const Impl& m = *impl_;
  if (c >= m.count) throw std::out_of_range("no case with index " + std::to_string(c));
  if (!m.fast) {
    const Case& k = m.cases.at(c);
    if (k.trace().empty()) return std::nullopt;
    return k.trace().back().date;
  }
  const std::int32_t* row = &m.rows[static_cast<std::size_t>(c) * m.stride];
  if (!(row[stores::kHeadWord] & stores::kOpenBit)) return std::nullopt;
  return Date(row[stores::kLastWord]);
}

std::vector<std::int64_t> Caseload::pending_timer_counts() const {
  const Impl& m = *impl_;
  std::vector<std::int64_t> out(m.model->timers.size(), 0);
  if (!m.fast) {
    for (const Case& k : m.cases)
      for (const TimerView& t : k.pending_timers()) ++out[t.timer];
    return out;
  }
  for (std::size_t c = 0; c < m.count; ++c) {
    const std::int32_t* row = &m.rows[c * m.stride];
    if (!(row[stores::kHeadWord] & stores::kOpenBit) || row[stores::kDueWord] == fixed::kNever) continue;
    const std::uint8_t timer = m.fast->timer_of_state[stores::state_of(row[stores::kHeadWord])];
    if (timer != fixed::kNoField) ++out[timer];
  }
  return out;
}

std::int64_t Caseload::count_met_late() const {
  const Impl& m = *impl_;
  if (m.fast) return m.met_late;
  std::int64_t n = 0;
  for (const Case& k : m.cases)
    for (const ObligationView& o : k.obligations(k.clock())) n += o.status == ObligationStatus::met_late;
  return n;
}

// ---------------------------------------------------------------- queries

std::vector<std::uint32_t> Caseload::entering_week(std::int32_t week, Date from, Date to) const {
  impl_->require_general("entering_week");
  std::vector<std::uint32_t> out;
  for (std::uint32_t c = 0; c < impl_->cases.size(); ++c) {
    const Case& k = impl_->cases[c];
    if (!k.is_open()) continue;
    const Date start = week_first_day(k.day1(), week);
    if (start < from || start > to) continue;
    const auto closed = k.final_date();
    if (closed && *closed <= start) continue;  // not open on the day the week starts
    out.push_back(c);
  }
  return out;
}

std::map<std::uint16_t, std::vector<std::uint32_t>> Caseload::overdue(Date on) const {
  impl_->require_general("overdue");
  std::map<std::uint16_t, std::vector<std::uint32_t>> out;
  for (std::uint32_t c = 0; c < impl_->cases.size(); ++c) {
    for (const ObligationView& o : impl_->cases[c].obligations(on)) {
      if (o.status != ObligationStatus::overdue) continue;
      auto& list = out[o.obligation];
      if (list.empty() || list.back() != c) list.push_back(c);
    }
  }
  return out;
}

std::vector<DueItem> Caseload::due_within(Date from, Date to) const {
  impl_->require_general("due_within");
  std::vector<DueItem> out;
  for (std::uint32_t c = 0; c < impl_->cases.size(); ++c)
    for (const ObligationView& o : impl_->cases[c].obligations(from))
      if ((o.status == ObligationStatus::pending || o.status == ObligationStatus::overdue) && o.due &&
          *o.due >= from && *o.due <= to)
        out.push_back({c, o.obligation, *o.due});
  std::stable_sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    return a.due != b.due ? a.due < b.due : a.case_index < b.case_index;
  });
  return out;
}

std::vector<std::uint32_t> Caseload::supervision_sample(std::size_t k, std::uint64_t seed, Date on) const {
  // Candidates in the order of their external ids, so that a seed names the same sample whatever
  // order the cases were added in.
  const auto by_id = [this](std::uint32_t a, std::uint32_t b) { return case_id(a) < case_id(b); };
  std::vector<std::uint32_t> candidates;
  for (const auto& [obligation, cases] : overdue(on)) candidates.insert(candidates.end(), cases.begin(), cases.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::sort(candidates.begin(), candidates.end(), by_id);
  const std::size_t n = candidates.size();
  k = std::min(k, n);
  std::uint64_t state = seed;
  for (std::size_t i = 0; i < k; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(splitmix64(state) % (n - i));
    std::swap(candidates[i], candidates[j]);
  }
  candidates.resize(k);
  std::sort(candidates.begin(), candidates.end(), by_id);
  return candidates;
}

std::map<std::int64_t, std::vector<std::uint32_t>> Caseload::over_weeks_by(std::int32_t weeks, Date on,
                                                                             std::string_view group) const {
  impl_->require_general("over_weeks_by");
  const std::size_t v = impl_->variable(group);
  std::map<std::int64_t, std::vector<std::uint32_t>> out;
  for (std::uint32_t c = 0; c < impl_->cases.size(); ++c) {
    const Case& k = impl_->cases[c];
    if (!impl_->active(c) || on - k.day1() < 7 * weeks) continue;
    const std::int64_t g = k.variable_at(v);
    out[g == kUnsetValue ? -1 : g].push_back(c);
  }
  return out;
}

std::vector<std::uint32_t> Caseload::flagged(std::string_view bool_variable) const {
  impl_->require_general("flagged");
  return impl_->active_where(bool_variable, [](std::int64_t x) { return x == 1; });
}

std::vector<std::int64_t> Caseload::count_by_state() const {
  std::vector<std::int64_t> out(impl_->rules.state_count(), 0);
  if (impl_->fast) {
    for (std::uint32_t c = 0; c < impl_->count; ++c)
      if (const std::uint16_t st = state_of(c); st != 0xFFFF) ++out[st];
    return out;
  }
  for (const Case& k : impl_->cases)
    if (k.is_open()) ++out[k.state()];
  return out;
}

std::vector<std::pair<std::uint32_t, Date>> Caseload::points_within(std::string_view point, Date from,
                                                                    Date to) const {
  impl_->require_general("points_within");
  std::vector<std::pair<std::uint32_t, Date>> out;
  for (std::uint32_t c = 0; c < impl_->cases.size(); ++c) {
    if (!impl_->active(c)) continue;
    const auto p = impl_->cases[c].point(point);
    if (p && *p >= from && *p <= to) out.emplace_back(c, *p);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first < b.first;
  });
  return out;
}

std::vector<ClosureCount> Caseload::closures(std::string_view caseworker_variable,
                                             std::string_view technical_reason) const {
  impl_->require_general("closures");
  const std::size_t v = impl_->variable(caseworker_variable);
  std::map<std::pair<std::int64_t, std::int32_t>, ClosureCount> counts;
  for (const Case& k : impl_->cases) {
    const auto closed = k.final_date();
    if (!closed) continue;
    const std::int64_t cw = k.variable_at(v) == kUnsetValue ? -1 : k.variable_at(v);
    const std::int32_t month = month_index(*closed);
    ClosureCount& cc = counts[{cw, month}];
    cc.caseworker = cw;
    cc.month = month;
    const auto reason = k.reason();
    if (reason && *reason == technical_reason) ++cc.technical;
    else ++cc.real;
  }
  std::vector<ClosureCount> out;
  for (const auto& [key, cc] : counts) out.push_back(cc);
  return out;
}

std::vector<std::int64_t> Caseload::variable_changes(std::string_view variable) const {
  impl_->require_general("variable_changes");
  const std::size_t v = impl_->variable(variable);
  const std::size_t nv = impl_->variable_names.size();
  std::vector<std::int64_t> out(impl_->cases.size());
  for (std::size_t c = 0; c < out.size(); ++c) out[c] = impl_->changes[c * nv + v];
  return out;
}

std::map<std::int64_t, std::int64_t> Caseload::open_by(std::string_view variable) const {
  impl_->require_general("open_by");
  const std::size_t v = impl_->variable(variable);
  std::map<std::int64_t, std::int64_t> out;
  for (std::uint32_t c = 0; c < impl_->cases.size(); ++c) {
    if (!impl_->active(c)) continue;
    const std::int64_t x = impl_->cases[c].variable_at(v);
    ++out[x == kUnsetValue ? -1 : x];
  }
  return out;
}

Punctuality Caseload::punctuality(const std::vector<std::string>& obligations, Date on) const {
  impl_->require_general("punctuality");
  std::vector<bool> wanted(impl_->model->obligations.size(), false);
  std::vector<std::string> names;
  for (const auto& o : impl_->model->obligations) names.push_back(o.name);
  for (const std::string& o : obligations) wanted[id_of(names, o, "obligation")] = true;
  Punctuality p;
  for (const Case& k : impl_->cases)
    for (const ObligationView& o : k.obligations(on)) {
      if (!wanted[o.obligation]) continue;
      switch (o.status) {
        case ObligationStatus::met: ++p.on_time; break;
        case ObligationStatus::met_late: ++p.late; break;
        case ObligationStatus::missed:
        case ObligationStatus::overdue: ++p.missed; break;
        default: break;
      }
    }
  return p;
}

std::vector<std::uint32_t> Caseload::holding(std::string_view variable) const {
  impl_->require_general("holding");
  return impl_->active_where(variable, [](std::int64_t x) { return x != kUnsetValue; });
}

}  // namespace caseflow
