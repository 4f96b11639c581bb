// StringMemo: the last result computed for each short string, per slot of a
// direct-mapped table owned by one thread. For work that depends only on a
// string's bytes and repeats across postings (a salary's spelling, a city
// with its district, a job title): a hit costs a hash and a compare, a miss
// computes and replaces the slot's entry. Results are the same with or
// without it; only the time differs.
#ifndef JOBSIFT_BASE_STRING_MEMO_H_
#define JOBSIFT_BASE_STRING_MEMO_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "base/hash.h"

namespace jobsift {

template <class V, size_t kSlots = 2048, size_t kMaxKey = 40>
class StringMemo {
  static_assert((kSlots & (kSlots - 1)) == 0, "kSlots is a power of two");
  static_assert(kMaxKey < 0xFF, "a key's size must fit below the empty mark");

 public:
  // compute(key) when `key` is not the slot's (or is longer than kMaxKey
  // bytes: computed every time).
  template <class Compute>
  V Get(std::string_view key, Compute compute) {
    if (key.size() > kMaxKey) return compute(key);
    uint64_t h = HashBytes(key);
    Entry& e = slots_[h & (kSlots - 1)];
    // (An empty view may have no data: memcmp and memcpy are not called
    // with it.)
    if (e.hash == h && e.size == key.size() && (key.empty() || std::memcmp(e.key, key.data(), key.size()) == 0))
      return e.value;
    e.value = compute(key);
    e.hash = h;
    e.size = static_cast<uint8_t>(key.size());
    if (!key.empty()) std::memcpy(e.key, key.data(), key.size());
    return e.value;
  }

 private:
  struct Entry {
    uint64_t hash = 0;
    uint8_t size = 0xFF;  // no key has this size: the slot is empty
    char key[kMaxKey];
    V value;
  };
  std::vector<Entry> slots_ = std::vector<Entry>(kSlots);
};

}  // namespace jobsift

#endif  // JOBSIFT_BASE_STRING_MEMO_H_
