// Hashes of bytes: a 64-bit mixer for keys that are already hashes
// (fingerprints) or small ids, before they pick a slot, a segment or a bit;
// a fast hash of short strings for table slots; FNV-1a, byte by byte, whose
// values are stored (the lexicon's and the category model's checksums, the
// model's feature keys, partial reports' checksums); and StreamHash, 32
// bytes at a time, for state files' checksums, which pass over every byte
// a run writes.
#ifndef JOBSIFT_BASE_HASH_H_
#define JOBSIFT_BASE_HASH_H_

#include <algorithm>
#include <bit>
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

// A 64-bit checksum of a byte stream, fed piece by piece (the same bytes
// give the same value however they are split): four lanes of
// multiply-rotate over 32-byte blocks, then the lanes, the bytes left over
// and the length mixed: the lanes' multiplies overlap, where FNV-1a waits
// for one a byte (which took 0.16 s of a 2.75 s read of half of 1M
// postings, docs/distributed.md). A guard against damage, not against
// anyone.
class StreamHash {
 public:
  void Add(const void* p, size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    total_ += n;
    if (held_ > 0) {
      size_t take = std::min(n, kBlock - held_);
      std::memcpy(buf_ + held_, b, take);
      held_ += take;
      b += take;
      n -= take;
      if (held_ < kBlock) return;
      Block(buf_);
      held_ = 0;
    }
    for (; n >= kBlock; b += kBlock, n -= kBlock) Block(b);
    if (n > 0) std::memcpy(buf_, b, n);
    held_ = n;
  }
  uint64_t value() const {
    uint64_t h = Mix64(total_ ^ 0x27D4EB2F165667C5ull);
    for (uint64_t lane : lane_) h = Mix64(h ^ lane);
    for (size_t i = 0; i < held_; i += 8) {
      unsigned char w[8] = {};
      std::memcpy(w, buf_ + i, std::min<size_t>(8, held_ - i));
      h = Mix64(h ^ Word(w));
    }
    return h;
  }

 private:
  static constexpr size_t kBlock = 32;
  static uint64_t Word(const unsigned char* b) {  // 8 bytes, little-endian on every host
    uint64_t w;
    std::memcpy(&w, b, 8);
    if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
    return w;
  }
  void Block(const unsigned char* b) {
    for (size_t k = 0; k < 4; ++k)
      lane_[k] = std::rotl(lane_[k] + Word(b + 8 * k) * 0xC2B2AE3D27D4EB4Full, 31) * 0x9E3779B185EBCA87ull;
  }
  uint64_t lane_[4] = {0x9E3779B97F4A7C15ull, 0xBF58476D1CE4E5B9ull, 0x94D049BB133111EBull, 0xD6E8FEB86659FD93ull};
  unsigned char buf_[kBlock] = {};
  size_t held_ = 0;
  uint64_t total_ = 0;
};

}  // namespace jobsift

#endif  // JOBSIFT_BASE_HASH_H_
