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
    bool Insert(uint64_t fp, uint64_t h) {
      if (5 * (size + 1) > 4 * slots.size()) Grow();
      size_t n = slots.size();
      size_t i = static_cast<size_t>((static_cast<unsigned __int128>(h) * n) >> 64);
      for (;; i = i + 1 == n ? 0 : i + 1) {
        if (slots[i] == fp) return false;
        if (slots[i] == 0) {
          slots[i] = fp;
          ++size;
          return true;
        }
      }
    }
    void Grow() {
      std::vector<uint64_t> old;
      old.swap(slots);
      slots.assign(old.empty() ? 64 : old.size() + old.size() / 2, 0);
      size = 0;
      for (uint64_t fp : old)
        if (fp != 0) Insert(fp, Mix64(fp) << 6);
    }
  };
  std::array<Segment, 64> segments_;
};

}  // namespace jobsift

#endif  // JOBSIFT_AGGREGATE_FINGERPRINT_SET_H_
