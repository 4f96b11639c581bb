// A 64-bit mixer: every input bit moves about half the output bits. For
// keys that are already hashes (fingerprints) or small ids, before they pick
// a slot, a segment or a bit.
#ifndef JOBSIFT_BASE_HASH_H_
#define JOBSIFT_BASE_HASH_H_

#include <cstdint>

namespace jobsift {

inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 31;
  x *= 0x7FB5D329728EA185ull;
  x ^= x >> 27;
  x *= 0x81DADEF4BC2DD44Dull;
  x ^= x >> 33;
  return x;
}

}  // namespace jobsift

#endif  // JOBSIFT_BASE_HASH_H_
