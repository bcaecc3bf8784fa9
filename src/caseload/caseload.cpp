// The caseload: case ids and the string table, the checks of each call's arguments, and the one
// store that keeps the cases (src/caseload/store.hpp), to which every call is forwarded: the
// fixed-shape store when it was asked for and the rule-set fits, else the general store.
#include "caseflow/caseload.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "caseload/fixed_store.hpp"
#include "caseload/general_store.hpp"

namespace caseflow {

namespace {

// splitmix64: the sample's generator, fixed so that a seed gives the same sample everywhere.
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A batch's records are numbered in 32 bits (its messages keep the position).
void check_batch_size(std::size_t count) {
  if (count > UINT32_MAX) throw std::invalid_argument("a batch holds at most 4294967295 records, not " + std::to_string(count));
}

bool within_calendar(Date day) { return day >= Date::min() && day <= Date::max(); }

// The fixed-shape store when asked for and the rule-set's table exists (compiled once per
// rule-set), else the general store.
std::unique_ptr<stores::Store> make_store(const RuleSet& rules, CaseloadPath path) {
  if (path == CaseloadPath::fast_if_possible)
    if (const fixed::Table* table = fixed::table_of(rules.versions()))
      return std::make_unique<stores::FixedStore>(rules, *table);
  return std::make_unique<stores::GeneralStore>(rules);
}

}  // namespace

struct Caseload::Impl {
  Impl(RuleSet r, CaseloadPath path) : rules(std::move(r)), store(make_store(rules, path)) {}

  RuleSet rules;
  std::unique_ptr<stores::Store> store;
  std::vector<std::string> ids;  // names of named cases (empty: known by index)
  std::unordered_map<std::string, std::uint32_t> index;
  StringTable strings;

  void need_case(std::uint32_t c) const {
    if (c >= store->size())
      throw std::out_of_range("no case with index " + std::to_string(c) + " (the caseload has " +
                              std::to_string(store->size()) + " cases)");
  }
};

Caseload::Caseload(RuleSet rules, CaseloadPath path) : impl_(std::make_unique<Impl>(std::move(rules), path)) {}
Caseload::~Caseload() = default;
Caseload::Caseload(Caseload&&) noexcept = default;
Caseload& Caseload::operator=(Caseload&&) noexcept = default;

const RuleSet& Caseload::rules() const noexcept { return impl_->rules; }
std::size_t Caseload::size() const noexcept { return impl_->store->size(); }
const Case& Caseload::at(std::uint32_t i) const { return impl_->store->at(i); }
bool Caseload::is_fast() const noexcept { return impl_->store->is_fast(); }
std::size_t Caseload::bytes_per_case() const noexcept { return impl_->store->bytes_per_case(); }
StringTable& Caseload::strings() noexcept { return impl_->strings; }
const StringTable& Caseload::strings() const noexcept { return impl_->strings; }

// ---------------------------------------------------------------- ids

std::string Caseload::case_id(std::uint32_t i) const {
  if (i >= size()) throw std::out_of_range("no case with index " + std::to_string(i));
  if (i < impl_->ids.size() && !impl_->ids[i].empty()) return impl_->ids[i];
  return std::to_string(i);
}

std::uint32_t Caseload::add_case(std::string_view id) {
  Impl& m = *impl_;
  const std::string key(id);
  if (auto it = m.index.find(key); it != m.index.end()) return it->second;
  const std::uint32_t i = add_cases(1);
  m.ids.resize(size());
  m.ids[i] = key;
  m.index.emplace(key, i);
  return i;
}

std::uint32_t Caseload::add_cases(std::size_t n) {
  const auto first = static_cast<std::uint32_t>(size());
  impl_->store->add_cases(n);
  return first;
}

std::optional<std::uint32_t> Caseload::find_case(std::string_view id) const {
  auto it = impl_->index.find(std::string(id));
  if (it == impl_->index.end()) return std::nullopt;
  return it->second;
}

// ---------------------------------------------------------------- events and dates

Outcome Caseload::apply(std::uint32_t case_index, const EventInput& event) {
  if (case_index >= size()) return stores::unknown_case(case_index, event);
  return impl_->store->apply(case_index, event);
}

std::size_t Caseload::apply_batch(const EventRecord* records, std::size_t count, Status* statuses) {
  check_batch_size(count);
  return impl_->store->apply_batch(records, count, statuses);
}

std::size_t Caseload::apply_compact(const CompactRecord* records, std::size_t count, Status* statuses) {
  check_batch_size(count);
  return impl_->store->apply_compact(records, count, statuses);
}

std::string Caseload::batch_message(std::size_t position) const { return impl_->store->batch_message(position); }

void Caseload::advance(Date to, unsigned threads) {
  if (!within_calendar(to))
    throw DateError("cannot advance to day " + std::to_string(to.days()) + ": beyond the calendar (" +
                    Date::min().iso() + " to " + Date::max().iso() + ")");
  impl_->store->advance(to, threads);
}

Outcome Caseload::open_at(std::uint32_t c, Date day) {
  Outcome out;
  out.date = day;
  if (c >= size()) {
    out.status = Status::bad_input;
    out.problem = InputProblem::unknown_case;
    out.value = c;
    return out;
  }
  if (!within_calendar(day)) {
    out.status = Status::bad_input;
    out.problem = InputProblem::value_out_of_range;
    out.value = day.days();
    return out;
  }
  return impl_->store->open_at(c, day);
}

std::size_t Caseload::open_cases(std::uint32_t first, const std::int32_t* days, std::size_t n, Status* statuses) {
  if (first < size() && size() - first >= n) return impl_->store->open_cases(first, days, n, statuses);
  // Cases past the last one are unknown (bad_input), counted in 64 bits so as not to wrap.
  std::size_t opened = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::uint64_t(first) + i >= size()) {
      if (statuses) statuses[i] = Status::bad_input;
      continue;
    }
    const Outcome out = open_at(static_cast<std::uint32_t>(first + i), Date(days[i]));
    if (statuses) statuses[i] = out.status;
    opened += out.status == Status::ok;
  }
  return opened;
}

// ---------------------------------------------------------------- states and counts

void Caseload::export_states(std::uint32_t first, std::size_t n, std::uint16_t* states, std::int32_t* last_days) const {
  if (first > size() || size() - first < n)
    throw std::out_of_range("cases " + std::to_string(first) + " to " + std::to_string(std::uint64_t(first) + n) +
                            " pass the last case (" + std::to_string(size()) + " cases)");
  impl_->store->export_states(first, n, states, last_days);
}

std::uint16_t Caseload::state_of(std::uint32_t c) const {
  impl_->need_case(c);
  return impl_->store->state_of(c);
}

std::optional<Date> Caseload::last_transition(std::uint32_t c) const {
  impl_->need_case(c);
  return impl_->store->last_transition(c);
}

std::vector<std::int64_t> Caseload::pending_timer_counts() const { return impl_->store->pending_timer_counts(); }
std::int64_t Caseload::count_met_late() const { return impl_->store->count_met_late(); }
std::vector<std::int64_t> Caseload::count_by_state() const { return impl_->store->count_by_state(); }

// ---------------------------------------------------------------- queries and KPIs

std::vector<std::uint32_t> Caseload::entering_week(std::int32_t week, Date from, Date to) const {
  return impl_->store->entering_week(week, from, to);
}

std::map<std::uint16_t, std::vector<std::uint32_t>> Caseload::overdue(Date on) const {
  return impl_->store->overdue(on);
}

std::vector<DueItem> Caseload::due_within(Date from, Date to) const { return impl_->store->due_within(from, to); }

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
  return impl_->store->over_weeks_by(weeks, on, group);
}

std::vector<std::uint32_t> Caseload::flagged(std::string_view bool_variable) const {
  return impl_->store->flagged(bool_variable);
}

std::vector<std::pair<std::uint32_t, Date>> Caseload::points_within(std::string_view point, Date from,
                                                                    Date to) const {
  return impl_->store->points_within(point, from, to);
}

std::vector<ClosureCount> Caseload::closures(std::string_view caseworker_variable,
                                             std::string_view technical_reason) const {
  return impl_->store->closures(caseworker_variable, technical_reason);
}

std::vector<std::int64_t> Caseload::variable_changes(std::string_view variable) const {
  return impl_->store->variable_changes(variable);
}

std::map<std::int64_t, std::int64_t> Caseload::open_by(std::string_view variable) const {
  return impl_->store->open_by(variable);
}

Punctuality Caseload::punctuality(const std::vector<std::string>& obligations, Date on) const {
  return impl_->store->punctuality(obligations, on);
}

std::vector<std::uint32_t> Caseload::holding(std::string_view variable) const {
  return impl_->store->holding(variable);
}

const std::vector<VariableChange>& Caseload::history(std::uint32_t case_index) const {
  return impl_->store->history(case_index);
}

}  // namespace caseflow
