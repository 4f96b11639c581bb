// IdArrayMap: a hash map from fixed-size arrays of 32-bit ids to values,
// for the aggregation cube's counters. One contiguous table with linear
// probing (grown at 3/4 load), so adding is one probe in the common case
// and a full scan reads memory in order. A key starting with 0xFFFFFFFF
// marks an empty slot and cannot be stored (ids are dictionary indexes, far
// below).
// Iteration order is unspecified: readers must sum into ordered containers.
#ifndef JOBSIFT_BASE_ID_ARRAY_MAP_H_
#define JOBSIFT_BASE_ID_ARRAY_MAP_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "base/huge_alloc.h"

namespace jobsift {

template <size_t N, typename V>
class IdArrayMap {
 public:
  using Key = std::array<uint32_t, N>;
  using Slot = std::pair<Key, V>;

  V& operator[](const Key& key) {
    if (4 * (size_ + 1) > 3 * slots_.size()) Grow();  // load at most 3/4
    size_t mask = slots_.size() - 1;
    for (size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (Equal(s.first, key)) return s.second;
      if (IsEmpty(s.first)) {
        s.first = key;
        ++size_;
        return s.second;
      }
    }
  }
  size_t size() const { return size_; }
  // Makes room for `n` entries, so that adding them grows the table no more.
  // Call it before copying another table's entries in: they come in that
  // table's slot order, and a smaller table filled in that order probes
  // through long runs of taken slots (each key's run starts where the
  // previous keys' ended), far slower than filling one of the final size.
  void Reserve(size_t n) {
    size_t slots = 64;
    while (3 * slots < 4 * (n + 1)) slots *= 2;
    if (slots > slots_.size()) Rehash(slots);
  }
  // Starts loading the slot where `key` is or would go: for a caller that
  // knows its next keys a little ahead (the table is much larger than the
  // caches).
  void Prefetch(const Key& key) const {
    if (slots_.empty()) return;
    const Slot* s = &slots_[Hash(key) & (slots_.size() - 1)];
    __builtin_prefetch(s, 1);
    __builtin_prefetch(reinterpret_cast<const char*>(s) + sizeof(Slot) - 1, 1);
  }

  class const_iterator {
   public:
    const_iterator(const Slot* p, const Slot* end) : p_(p), end_(end) { Skip(); }
    const Slot& operator*() const { return *p_; }
    const Slot* operator->() const { return p_; }
    const_iterator& operator++() {
      ++p_;
      Skip();
      return *this;
    }
    bool operator!=(const const_iterator& o) const { return p_ != o.p_; }
    bool operator==(const const_iterator& o) const { return p_ == o.p_; }

   private:
    void Skip() {
      while (p_ != end_ && IsEmpty(p_->first)) ++p_;
    }
    const Slot* p_;
    const Slot* end_;
  };
  const_iterator begin() const { return {slots_.data(), slots_.data() + slots_.size()}; }
  const_iterator end() const { return {slots_.data() + slots_.size(), slots_.data() + slots_.size()}; }

 private:
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  static bool IsEmpty(const Key& k) { return k[0] == kEmpty; }
  static bool Equal(const Key& a, const Key& b) {
    bool same = true;
    for (size_t i = 0; i < N; ++i) same &= a[i] == b[i];
    return same;
  }
  static Key Empty() {
    Key k{};
    k[0] = kEmpty;
    return k;
  }
  static size_t Hash(const Key& a) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (uint32_t x : a) {
      h = (h ^ x) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
    }
    return static_cast<size_t>(h);
  }
  void Grow() { Rehash(slots_.empty() ? 64 : slots_.size() * 2); }
  void Rehash(size_t slots) {
    std::vector<Slot, HugeAllocator<Slot>> old = std::move(slots_);
    slots_.assign(slots, Slot{Empty(), V{}});
    size_ = 0;
    for (Slot& s : old)
      if (!IsEmpty(s.first)) (*this)[s.first] = std::move(s.second);
  }

  std::vector<Slot, HugeAllocator<Slot>> slots_;  // large ones on huge pages
  size_t size_ = 0;
};

}  // namespace jobsift

#endif  // JOBSIFT_BASE_ID_ARRAY_MAP_H_
