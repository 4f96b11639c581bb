// Hashes of bytes: a 64-bit mixer for keys that are already hashes
// (fingerprints) or small ids, before they pick a slot, a segment or a bit;
// a fast hash of short strings for table slots; and FNV-1a, byte by byte,
// whose values are stored (state files' checksums, the lexicon's and the
// category model's checksums, the model's feature keys).
#ifndef JOBSIFT_BASE_HASH_H_
#define JOBSIFT_BASE_HASH_H_

#include <cstdint>
#include <cstring>
#include <string>
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

// FNV-1a 64, fed piece by piece: the same bytes give the same value however
// they are split.
struct Fnv1a {
  uint64_t value = 1469598103934665603ull;
  void Add(const void* p, size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) {
      value ^= b[i];
      value *= 1099511628211ull;
    }
  }
  void Add(std::string_view s) { Add(s.data(), s.size()); }
  // 16 lower-case hex digits.
  std::string Hex() const {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) out[15 - i] = kDigits[(value >> (4 * i)) & 0xF];
    return out;
  }
};

}  // namespace jobsift

#endif  // JOBSIFT_BASE_HASH_H_
