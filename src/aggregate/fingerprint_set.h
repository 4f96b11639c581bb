// A set of 64-bit fingerprints (never 0) with open addressing: 8 bytes a
// slot at a load of at most 3/4, against about 40 bytes an entry for
// std::unordered_set — the duplicate fingerprints are the only memory that
// grows with the number of postings.
#ifndef JOBSIFT_AGGREGATE_FINGERPRINT_SET_H_
#define JOBSIFT_AGGREGATE_FINGERPRINT_SET_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace jobsift {

class FingerprintSet {
 public:
  // Inserts `fp` (non-zero); returns false when it was already there.
  bool Insert(uint64_t fp) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();  // load at most 3/4
    size_t mask = slots_.size() - 1;
    for (size_t i = Mix(fp) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == fp) return false;
      if (slots_[i] == 0) {
        slots_[i] = fp;
        ++size_;
        return true;
      }
    }
  }
  size_t size() const { return size_; }

 private:
  static size_t Mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return static_cast<size_t>(x);
  }
  void Grow() {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    size_ = 0;
    for (uint64_t fp : old)
      if (fp != 0) Insert(fp);
  }
  std::vector<uint64_t> slots_;
  size_t size_ = 0;
};

}  // namespace jobsift

#endif  // JOBSIFT_AGGREGATE_FINGERPRINT_SET_H_
