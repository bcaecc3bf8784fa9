// The caseload's fixed-shape store: rows, the notes of a batch's rejections, and the kernel that
// runs the rule-set's fixed-shape table on them.
#include "caseload/fixed_store.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <type_traits>

#include "rules/model.hpp"

namespace caseflow::stores {

// The fixed-shape table lays out a batch record's field checks by the record's width.
static_assert(kRecordValues == fixed::kBatchValues, "a batch record carries the values the fixed shape checks");

namespace {

// Runs one entry on a row: meet, raise, enter, lapse. The same stores whatever the rule.
// The row code is compiled once per obligation count K (0–4), so that the row's stride and the
// loops over its obligations are constants: DESIGN.md's fixed-shape entry, applied as data.
template <std::size_t K>
[[gnu::always_inline]] inline void run_entry(std::int32_t* __restrict row, const fixed::Entry& e, std::int32_t day,
                                             std::int64_t value, const std::int32_t* raise_add, std::int64_t& late) {
  // Masks, not branches on what kind of effect the entry has: every entry does every store,
  // and an entry that does nothing (a rejection) stores back what it read; its `to` is the
  // state it belongs to.
  for (std::size_t o = 0; o < K; ++o) {
    std::int32_t due = row[kFirstObligationWord + o];
    // No day is after kNever, so an instance not open is never counted late.
    late += ((e.meet >> o) & 1u) & (day > due);
    due = ((e.clear >> o) & 1u) ? fixed::kNever : due;
    due = ((e.raise >> o) & 1u) ? day + raise_add[o] : due;
    row[kFirstObligationWord + o] = due;
  }
  // The timer's date, kNever when the entry starts none or its date is beyond the calendar.
  const std::int32_t timer = fixed::timer_day(day, e.timer_add, e.timer_mul, value);
  const std::int32_t enter = static_cast<std::int8_t>(e.enter);  // all ones when entering
  row[kHeadWord] = (row[kHeadWord] & ~kStateMask) | kOpenBit | e.to;
  row[kLastWord] = (day & enter) | (row[kLastWord] & ~enter);
  row[kDueWord] = (timer & enter) | (row[kDueWord] & ~enter);
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
};

// A batch record read as it is (a compact record's one value is field 0's): no copy is made.
std::uint16_t present_bits(const EventRecord& r) { return r.present; }
std::uint16_t present_bits(const CompactRecord& r) { return static_cast<std::uint16_t>(r.present & 1u); }
std::int64_t value_of(const EventRecord& r, std::size_t f) { return r.values[f]; }
std::int64_t value_of(const CompactRecord& r, std::size_t) { return r.value; }

}  // namespace

// ---------------------------------------------------------------- rows

RowStore::~RowStore() { std::free(words_); }

RowStore::RowStore(RowStore&& o) noexcept : words_(o.words_), size_(o.size_), capacity_(o.capacity_) {
  o.words_ = nullptr;
  o.size_ = o.capacity_ = 0;
}

RowStore& RowStore::operator=(RowStore&& o) noexcept {
  if (this != &o) {
    std::free(words_);
    words_ = o.words_;
    size_ = o.size_;
    capacity_ = o.capacity_;
    o.words_ = nullptr;
    o.size_ = o.capacity_ = 0;
  }
  return *this;
}

void RowStore::resize(std::size_t words, std::int32_t fill) {
  if (words > capacity_) {
    constexpr std::size_t kHugePage = 2u << 20;
    // Below this, the rows' pages fit the TLB anyway, and ordinary (cache-line aligned) memory
    // lets the allocator reuse what a previous caseload freed instead of faulting fresh pages in.
    constexpr std::size_t kHugeFrom = 8 * kHugePage;
    std::size_t bytes = std::max(words * sizeof(std::int32_t), 2 * capacity_ * sizeof(std::int32_t));
    const bool huge = bytes >= kHugeFrom;
    const std::size_t align = huge ? kHugePage : 64;
    bytes = (bytes + align - 1) / align * align;
    auto* grown = static_cast<std::int32_t*>(std::aligned_alloc(align, bytes));
    if (!grown) throw std::bad_alloc();
    if (huge) madvise(grown, bytes, MADV_HUGEPAGE);  // a hint: without huge pages it only runs slower
    if (size_) std::memcpy(grown, words_, size_ * sizeof(std::int32_t));
    std::free(words_);
    words_ = grown;
    capacity_ = bytes / sizeof(std::int32_t);
  }
  for (std::size_t i = size_; i < words; ++i) words_[i] = fill;
  size_ = words;
}

// ---------------------------------------------------------------- the store

FixedStore::FixedStore(RuleSet rules, const fixed::Table& table)
    : rules_(std::move(rules)), model_(&rules_.model()), table_(&table), stride_(row_words(table.obligations)) {}

void FixedStore::add_cases(std::size_t n) {
  const std::size_t first = count_;
  count_ += n;
  rows_.resize(count_ * stride_, fixed::kNever);
  for (std::size_t c = first; c < count_; ++c) rows_[c * stride_ + kHeadWord] = 0;  // not open
}

// ---------------------------------------------------------------- the kernel
// The member templates below are inline, and batch_k is not, as they were when the kernel lived
// in one class body: GCC then makes the code cachegrind counted on sdp-ref (docs/performance.md).

template <std::size_t K>
inline void FixedStore::run_k(std::int32_t* row, const fixed::Entry& e, std::int32_t day, std::int64_t value) {
  run_entry<K>(row, e, day, value, table_->raise_add.data(), met_late_);
}

// Fires the row's timer while it is due on or before `day`.
template <std::size_t K>
[[gnu::always_inline]] inline void FixedStore::fire_row(std::int32_t* row, std::int32_t day) {
  // A timer meets no obligation, so nothing is counted late: advance's threads share no count.
  std::int64_t late = 0;
  while (row[kDueWord] <= day) {
    const std::int32_t due = row[kDueWord];
    const fixed::Entry& e = table_->timer_entries[head_state(row[kHeadWord])];
    if (!e.accept) {
      row[kDueWord] = fixed::kNever;
      continue;
    }
    run_entry<K>(row, e, due, 0, table_->raise_add.data(), late);
    if (!e.enter) row[kDueWord] = fixed::kNever;  // a timer rule that stays put ends its timer
    row[kHeadWord] = with_clock(row[kHeadWord], std::max(head_clock(row[kHeadWord]), due));
  }
}

// fire_row out of line: in a batch most events find no timer due.
template <std::size_t K>
[[gnu::noinline]] void FixedStore::fire_k(std::int32_t* row, std::int32_t day) {
  fire_row<K>(row, day);
}

// Calls f with the obligation count as a compile-time constant.
template <class F>
inline decltype(auto) FixedStore::with_k(F&& f) {
  switch (table_->obligations) {
    case 0: return f(std::integral_constant<std::size_t, 0>{});
    case 1: return f(std::integral_constant<std::size_t, 1>{});
    case 2: return f(std::integral_constant<std::size_t, 2>{});
    case 3: return f(std::integral_constant<std::size_t, 3>{});
    default: return f(std::integral_constant<std::size_t, 4>{});
  }
}

inline void FixedStore::run(std::int32_t* row, const fixed::Entry& e, std::int32_t day, std::int64_t value) {
  with_k([&](auto k) { run_k<decltype(k)::value>(row, e, day, value); });
}

inline void FixedStore::fire(std::int32_t* row, std::int32_t day) {
  with_k([&](auto k) { fire_k<decltype(k)::value>(row, day); });
}

// ---------------------------------------------------------------- cases

Outcome FixedStore::open_at(std::uint32_t c, Date day) {
  Outcome out;
  out.date = day;
  std::int32_t* row = &rows_[static_cast<std::size_t>(c) * stride_];
  if (row[kHeadWord] & kOpenBit) {
    out.status = Status::already_open;
    return out;
  }
  // A case opened after an advance is already at that date, as a general-path case would be.
  row[kHeadWord] = with_clock(row[kHeadWord], std::max(day.days(), advanced_day_));
  run(row, table_->opening, day.days(), 0);
  return out;
}

std::size_t FixedStore::open_cases(std::uint32_t first, const std::int32_t* days, std::size_t n, Status* statuses) {
  std::size_t opened = 0;
  with_k([&](auto k) {
    constexpr std::size_t K = decltype(k)::value;
    // The opening entry and the table's numbers in locals, as in the batch loop.
    const fixed::Entry opening = table_->opening;
    std::int32_t raise_add[K > 0 ? K : 1] = {};
    for (std::size_t o = 0; o < K; ++o) raise_add[o] = table_->raise_add[o];
    std::int64_t late = 0;  // an opening meets nothing
    constexpr std::size_t stride = row_words(K);
    std::int32_t* const base = rows_.data() + static_cast<std::size_t>(first) * stride;
    const std::int32_t advanced = advanced_day_;
    for (std::size_t i = 0; i < n; ++i) {
      std::int32_t* row = base + i * stride;
      const std::int32_t day = days[i];
      Status st = Status::bad_input;
      if (day >= Date::min().days() && day <= Date::max().days()) {
        st = Status::already_open;
        if (!(row[kHeadWord] & kOpenBit)) {
          row[kHeadWord] = with_clock(row[kHeadWord], std::max(day, advanced));
          run_entry<K>(row, opening, day, 0, raise_add, late);
          st = Status::ok;
          ++opened;
        }
      }
      if (statuses) statuses[i] = st;
    }
  });
  return opened;
}

void FixedStore::export_states(std::uint32_t first, std::size_t n, std::uint16_t* states,
                               std::int32_t* last_days) const {
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t* row = &rows_[(first + i) * stride_];
    const bool open = (row[kHeadWord] & kOpenBit) != 0;
    if (states) states[i] = open ? static_cast<std::uint16_t>(head_state(row[kHeadWord])) : 0xFFFF;
    if (last_days) last_days[i] = open ? row[kLastWord] : INT32_MIN;
  }
}

std::uint16_t FixedStore::state_of(std::uint32_t c) const {
  const std::int32_t head = rows_[static_cast<std::size_t>(c) * stride_ + kHeadWord];
  return (head & kOpenBit) ? static_cast<std::uint16_t>(head_state(head)) : 0xFFFF;
}

std::optional<Date> FixedStore::last_transition(std::uint32_t c) const {
  const std::int32_t* row = &rows_[static_cast<std::size_t>(c) * stride_];
  if (!(row[kHeadWord] & kOpenBit)) return std::nullopt;
  return Date(row[kLastWord]);
}

std::vector<std::int64_t> FixedStore::pending_timer_counts() const {
  std::vector<std::int64_t> out(model_->timers.size(), 0);
  for (std::size_t c = 0; c < count_; ++c) {
    const std::int32_t* row = &rows_[c * stride_];
    if (!(row[kHeadWord] & kOpenBit) || row[kDueWord] == fixed::kNever) continue;
    const std::uint8_t timer = table_->timer_of_state[head_state(row[kHeadWord])];
    if (timer != fixed::kNoField) ++out[timer];
  }
  return out;
}

std::vector<std::int64_t> FixedStore::count_by_state() const {
  std::vector<std::int64_t> out(rules_.state_count(), 0);
  for (std::uint32_t c = 0; c < count_; ++c)
    if (const std::uint16_t st = state_of(c); st != 0xFFFF) ++out[st];
  return out;
}

// ---------------------------------------------------------------- events

Outcome FixedStore::apply(std::uint32_t c, const EventInput& ev) {
  Outcome out = validate_event(rules_, ev);
  out.date = ev.date;
  if (!out) return out;
  std::int32_t* row = &rows_[static_cast<std::size_t>(c) * stride_];
  const std::int32_t day = ev.date.days();
  out.clock = Date(head_clock(row[kHeadWord]));
  if (!(row[kHeadWord] & kOpenBit)) {
    out.status = Status::not_open;  // fixed-shape rule-sets open cases with open_at, never by an event
    return out;
  }
  out.state = static_cast<std::uint16_t>(head_state(row[kHeadWord]));
  if (day < head_clock(row[kHeadWord]) || day < advanced_day_) {
    out.status = Status::out_of_order;
    return out;
  }
  std::int32_t saved[kRowWords];
  std::copy(row, row + stride_, saved);
  fire(row, day);
  const std::size_t state = head_state(row[kHeadWord]);
  const std::uint8_t sel = table_->selector[ev.event];
  const std::size_t value = sel == fixed::kNoField ? 0 : static_cast<std::size_t>(ev.fields[sel].number);
  const fixed::Entry& e = table_->entry(state, ev.event, value);
  if (!e.accept) {
    std::copy(saved, saved + stride_, row);  // a rejection leaves the row as it was
    // As on the general path: the state the event met, timers fired, and whether a rule
    // exists there for other field values.
    out.state = static_cast<std::uint16_t>(state);
    out.status = Status::not_allowed;
    out.value = model_->cell(state, ev.event).count > 0;
    return out;
  }
  const std::int64_t field = e.field == fixed::kNoField ? 0 : ev.fields[e.field].number;
  run(row, e, day, field);
  row[kHeadWord] = with_clock(row[kHeadWord], day);
  return out;
}

std::size_t FixedStore::apply_batch(const EventRecord* records, std::size_t count, Status* statuses) {
  return batch<WideReader>(records, count, statuses);
}

std::size_t FixedStore::apply_compact(const CompactRecord* records, std::size_t count, Status* statuses) {
  return batch<CompactReader>(records, count, statuses);
}

std::string FixedStore::batch_message(std::size_t position) const {
  for (std::size_t k = 0; k < notes_len_; ++k)
    if (const Note& n = notes_[k]; n.position == position) {
      Outcome out;
      out.status = Status::not_allowed;
      out.event = n.event;
      out.state = n.state;
      out.value = model_->cell(n.state, n.event).count > 0;  // a rule, but not for these values
      return describe(rules_, out);
    }
  for (const auto& [pos, out] : rejections_)
    if (pos == position) return describe(rules_, out);
  return {};
}

void FixedStore::advance(Date to, unsigned threads) {
  // Rows are scanned in order, one compare each: cheaper than keeping a queue on every event.
  const std::size_t n = count_;
  const auto work = [&](std::size_t from, std::size_t until) {
    for (std::size_t c = from; c < until; ++c) {
      std::int32_t* row = &rows_[c * stride_];
      if (!(row[kHeadWord] & kOpenBit)) continue;
      fire(row, to.days());
      row[kHeadWord] = with_clock(row[kHeadWord], std::max(head_clock(row[kHeadWord]), to.days()));
    }
  };
  split_work(n, std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n / 65536 + 1))), work);
  advanced_day_ = std::max(advanced_day_, to.days());
}

// ---------------------------------------------------------------- the batch

// The batch: per record the checks of validate_event and Case::apply, then one table entry
// applied to the row.
template <class Reader, class Record>
inline std::size_t FixedStore::batch(const Record* records, std::size_t n, Status* statuses) {
  rejections_.clear();
  notes_len_ = 0;
  const Reader reader(*table_);
  // Without statuses (a simulation counts), the loop stores none and tests for none.
  if (!statuses)
    return with_k([&](auto k) { return batch_k<decltype(k)::value, false>(reader, records, n, nullptr); });
  return with_k([&](auto k) { return batch_k<decltype(k)::value, true>(reader, records, n, statuses); });
}

// A rejected batch record: the details kept for batch_message, built off the hot loop.
template <class Record>
[[gnu::noinline, gnu::cold]] Status FixedStore::note(const Record& r, std::size_t position, Status st,
                                                     InputProblem problem, std::uint16_t field, std::int64_t value) {
  Outcome out;
  out.status = st;
  out.problem = problem;
  out.event = r.event;
  out.date = Date(r.date);
  out.field = field;
  out.value = value;
  if (r.case_index < count_) {
    const std::int32_t* row = &rows_[static_cast<std::size_t>(r.case_index) * stride_];
    out.clock = Date(head_clock(row[kHeadWord]));
    out.state = (row[kHeadWord] & kOpenBit) ? static_cast<std::uint16_t>(head_state(row[kHeadWord])) : 0xFFFF;
  }
  rejections_.emplace_back(position, out);
  return st;
}

// Why a present field value is out of its range.
InputProblem FixedStore::range_problem(std::uint16_t event, std::size_t f) const {
  const FieldType t = model_->events[event].fields[f].type;
  return t == FieldType::enumeration ? InputProblem::value_not_in_set
         : t == FieldType::date_pairs ? InputProblem::not_batchable
                                      : InputProblem::value_out_of_range;
}

// Why a batch record failed the batch loop's combined check: the checks one at a time, in the
// order validate_event and Case::apply make them, and the note kept for its message.
template <class Record>
[[gnu::noinline, gnu::cold]] Status FixedStore::reject_record(const Record& r, std::size_t i) {
  const fixed::Table& T = *table_;
  const std::uint16_t present = present_bits(r);
  // As apply_batch on the general path: a record that cannot carry its event comes first.
  if (r.event < T.events) {
    const auto& fields = model_->events[r.event].fields;
    bool batchable = fields.size() <= kRecordValues;
    for (std::size_t f = 0; batchable && f < fields.size(); ++f)
      batchable = !(((present >> f) & 1u) && fields[f].type == FieldType::date_pairs);
    if (!batchable) return note(r, i, Status::bad_input, InputProblem::not_batchable, 0xFFFF, 0);
  }
  if (r.case_index >= count_) return note(r, i, Status::bad_input, InputProblem::unknown_case, 0xFFFF, r.case_index);
  if (r.event >= T.events) return note(r, i, Status::bad_input, InputProblem::unknown_event, 0xFFFF, r.event);
  if (r.date < Date::min().days() || r.date > Date::max().days())
    return note(r, i, Status::bad_input, InputProblem::value_out_of_range, 0xFFFF, r.date);
  const std::size_t nf = T.field_count[r.event];
  for (std::size_t f = 0; f < nf; ++f) {
    if (!((present >> f) & 1u)) {
      if ((T.required[r.event] >> f) & 1u)
        return note(r, i, Status::bad_input, InputProblem::missing_field, static_cast<std::uint16_t>(f), 0);
    } else if (value_of(r, f) < T.low[r.event * kRecordValues + f] || value_of(r, f) > T.high[r.event * kRecordValues + f]) {
      return note(r, i, Status::bad_input, range_problem(r.event, f), static_cast<std::uint16_t>(f), value_of(r, f));
    }
  }
  const std::int32_t* row = &rows_[static_cast<std::size_t>(r.case_index) * stride_];
  if (!(row[kHeadWord] & kOpenBit)) return note(r, i, Status::not_open, InputProblem::none, 0xFFFF, 0);
  return note(r, i, Status::out_of_order, InputProblem::none, 0xFFFF, 0);
}

// A batch record whose row has a timer due: the timers fire first, then the record's entry is
// taken; should no rule take it, the row goes back to what it was and the note is written.
// Out of the batch loop, which most records never leave. Returns whether a rule took it.
template <std::size_t K, class Reader, class Record>
[[gnu::noinline]] unsigned FixedStore::fire_then_take(const Reader& reader, std::int32_t* row, const Record& r,
                                                      std::size_t i, Note* note) {
  constexpr std::size_t stride = row_words(K);
  std::int32_t saved[stride];
  std::copy(row, row + stride, saved);
  fire_row<K>(row, r.date);
  const fixed::Entry& e =
      table_->entries[(head_state(row[kHeadWord]) << (table_->event_bits + table_->value_bits)) | reader.column(r)];
  if (!e.accept) {
    *note = Note{static_cast<std::uint32_t>(i), r.event, e.to};
    std::copy(saved, saved + stride, row);
    return 0;
  }
  run_k<K>(row, e, r.date, Reader::timer_value(r, e));
  row[kHeadWord] = with_clock(row[kHeadWord], r.date);
  return 1;
}

// The batch loop of a rule-set with K obligations. Everything it reads from the table is held
// in locals, so that the row stores cannot make the compiler reload it. An event that finds no
// rule runs the table's empty entry, which stores back what it read, rather than branching:
// half the events of a simulated stream are rejected, in no pattern a predictor could learn.
template <std::size_t K, bool kStatuses, class Reader, class Record>
[[gnu::noinline]] std::size_t FixedStore::batch_k(const Reader reader, const Record* __restrict records, std::size_t n,
                                Status* __restrict statuses) {
  const fixed::Table& T = *table_;
  constexpr std::size_t stride = row_words(K);
  std::int32_t* __restrict const base = rows_.data();
  const std::size_t n_cases = count_;
  const std::size_t events = T.events;
  const unsigned state_shift = T.event_bits + T.value_bits;
  const fixed::Entry* __restrict const entries = T.entries.data();
  std::int32_t raise_add[K > 0 ? K : 1] = {};
  for (std::size_t o = 0; o < K; ++o) raise_add[o] = T.raise_add[o];
  std::int64_t late = 0;
  if (notes_cap_ < n) {  // at most one note per record
    notes_.reset(new Note[n]);
    notes_cap_ = n;
  }
  Note* __restrict note_out = notes_.get();

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
    const std::uint32_t day_key = (day_offset << kClockShift) | ((1u << kClockShift) - 1);
    std::int32_t* __restrict row = base;
    if (ok) [[likely]] {
      row = base + static_cast<std::size_t>(r.case_index) * stride;
      // An advance moved every open row's clock, so the clock alone tells an event out of order.
      const std::uint32_t head = static_cast<std::uint32_t>(row[kHeadWord]);
      ok = reader.fields_ok(r) & ((head & kOpenBit) != 0) & (head <= day_key);
    }
    if (!ok) [[unlikely]] {
      const Status st = reject_record(r, i);
      if (kStatuses) statuses[i] = st;
      return;
    }
    unsigned accept;
    if (row[kDueWord] > day) [[likely]] {
      // The entry of the row's state for this event, run. Arithmetic on `accept`, not
      // branches: whether a rule takes the event follows no pattern.
      const fixed::Entry& e =
          entries[(head_state(row[kHeadWord]) << state_shift) | reader.column(r)];
      run_entry<K>(row, e, day, Reader::timer_value(r, e), raise_add, late);
      accept = e.accept & 1u;
      const std::uint32_t keep = accept - 1;  // all ones when rejected
      // The head as the entry left it (its state, the old clock), and with the day's clock.
      const std::uint32_t after = static_cast<std::uint32_t>(row[kHeadWord]);
      const std::uint32_t moved = day_key & (after | ~((1u << kClockShift) - 1));
      row[kHeadWord] = static_cast<std::int32_t>((moved & ~keep) | (after & keep));
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
  notes_len_ = static_cast<std::size_t>(note_out - notes_.get());
  met_late_ += late;
  return n - notes_len_ - rejections_.size();
}

// ---------------------------------------------------------------- no history

void FixedStore::refuse(const char* what) const {
  throw std::logic_error(std::string(what) + " needs the general path: a fast caseload keeps no per-case history");
}

const Case& FixedStore::at(std::uint32_t) const { refuse("Caseload::at"); }
std::vector<std::uint32_t> FixedStore::entering_week(std::int32_t, Date, Date) const { refuse("entering_week"); }
std::map<std::uint16_t, std::vector<std::uint32_t>> FixedStore::overdue(Date) const { refuse("overdue"); }
std::vector<DueItem> FixedStore::due_within(Date, Date) const { refuse("due_within"); }
std::map<std::int64_t, std::vector<std::uint32_t>> FixedStore::over_weeks_by(std::int32_t, Date, std::string_view) const {
  refuse("over_weeks_by");
}
std::vector<std::uint32_t> FixedStore::flagged(std::string_view) const { refuse("flagged"); }
std::vector<std::pair<std::uint32_t, Date>> FixedStore::points_within(std::string_view, Date, Date) const {
  refuse("points_within");
}
std::vector<ClosureCount> FixedStore::closures(std::string_view, std::string_view) const { refuse("closures"); }
std::vector<std::int64_t> FixedStore::variable_changes(std::string_view) const { refuse("variable_changes"); }
std::map<std::int64_t, std::int64_t> FixedStore::open_by(std::string_view) const { refuse("open_by"); }
Punctuality FixedStore::punctuality(const std::vector<std::string>&, Date) const { refuse("punctuality"); }
std::vector<std::uint32_t> FixedStore::holding(std::string_view) const { refuse("holding"); }
const std::vector<VariableChange>& FixedStore::history(std::uint32_t) const { refuse("history"); }

}  // namespace caseflow::stores
