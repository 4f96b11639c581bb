// A set of 64-bit fingerprints (never 0) with open addressing: 8 bytes a
// slot, against about 40 bytes an entry for std::unordered_set. DedupIndex
// holds one 64th of the postings' fingerprints in it at a time. The set is
// split into 64 segments by the top bits of the mixed fingerprint, each
// grown by half again at 4/5 load on its own: the average load stays near
// 2/3, and growing copies one segment at a time (not the whole set, which
// would briefly hold 3x its size).
#ifndef JOBSIFT_AGGREGATE_FINGERPRINT_SET_H_
#define JOBSIFT_AGGREGATE_FINGERPRINT_SET_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/hash.h"

namespace jobsift {

class FingerprintSet {
 public:
  // Inserts `fp` (non-zero); returns false when it was already there.
  bool Insert(uint64_t fp) {
    uint64_t h = Mix64(fp);
    return segments_[h >> 58].Insert(fp, h << 6);
  }
  // Sizes the set for `n` fingerprints in all (spread evenly over the
  // segments), so that inserting them grows no segment on the way.
  void Reserve(size_t n) {
    for (Segment& s : segments_) s.Reserve(n / segments_.size() + n / segments_.size() / 8 + 8);
  }
  // Fetches `fp`'s first slot into the cache ahead of its Insert.
  void Prefetch(uint64_t fp) const {
    uint64_t h = Mix64(fp);
    const Segment& s = segments_[h >> 58];
    if (!s.slots.empty()) __builtin_prefetch(&s.slots[s.Slot(h << 6)]);
  }
  size_t size() const {
    size_t n = 0;
    for (const Segment& s : segments_) n += s.size;
    return n;
  }

 private:
  struct Segment {
    std::vector<uint64_t> slots;
    size_t size = 0;

    // `h`: the mixed fingerprint less the segment bits, mapped onto the
    // table by multiply-shift (any table size works).
    size_t Slot(uint64_t h) const {
      return static_cast<size_t>((static_cast<unsigned __int128>(h) * slots.size()) >> 64);
    }
    bool Insert(uint64_t fp, uint64_t h) {
      if (5 * (size + 1) > 4 * slots.size()) Grow();
      size_t n = slots.size();
      size_t i = Slot(h);
      for (;; i = i + 1 == n ? 0 : i + 1) {
        if (slots[i] == fp) return false;
        if (slots[i] == 0) {
          slots[i] = fp;
          ++size;
          return true;
        }
      }
    }
    void Grow() { Resize(slots.empty() ? 64 : slots.size() + slots.size() / 2); }
    // Room for `n` fingerprints at 2/3 load.
    void Reserve(size_t n) {
      if (3 * n / 2 > slots.size()) Resize(3 * n / 2);
    }
    void Resize(size_t slot_count) {
      std::vector<uint64_t> old;
      old.swap(slots);
      slots.assign(slot_count, 0);
      size = 0;
      for (uint64_t fp : old)
        if (fp != 0) Insert(fp, Mix64(fp) << 6);
    }
  };
  std::array<Segment, 64> segments_;
};

}  // namespace jobsift

#endif  // JOBSIFT_AGGREGATE_FINGERPRINT_SET_H_
