// A 64-bit mixer: every input bit moves about half the output bits. For
// keys that are already hashes (fingerprints) or small ids, before they pick
// a slot, a segment or a bit.
#ifndef JOBSIFT_BASE_HASH_H_
#define JOBSIFT_BASE_HASH_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace jobsift {

inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 31;
  x *= 0x7FB5D329728EA185ull;
  x ^= x >> 27;
  x *= 0x81DADEF4BC2DD44Dull;
  x ^= x >> 33;
  return x;
}

// A 64-bit hash of a short byte string, eight bytes at a time, for picking
// a table slot; never stored (Fingerprint is the one stored in state files).
inline uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = Mix64(h ^ w);
  }
  uint64_t tail = 0;
  if (i < s.size()) std::memcpy(&tail, s.data() + i, s.size() - i);  // an empty view may have no data
  return Mix64(h ^ tail);
}

}  // namespace jobsift

#endif  // JOBSIFT_BASE_HASH_H_
