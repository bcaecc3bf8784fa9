// The caseload's fixed-shape store: rows, the notes of a batch's rejections, and the kernel that
// runs the rule-set's fixed-shape table on them.
#include "caseload/fixed_store.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

namespace caseflow::stores {

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

}  // namespace caseflow::stores
