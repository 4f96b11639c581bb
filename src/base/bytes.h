// Little-endian integers and length-prefixed strings in a byte string, for
// formats held in memory and shipped between processes (partial reports,
// docs/distributed.md): a writer that appends and a reader that checks
// every length against what is left, so damaged bytes are an error, never
// a crash or a huge allocation. Both hash what passes (FNV-1a), for the
// formats' checksums. The same u64 and string layout as a state file's end
// section, whose records also use the varints (state.cc).
#ifndef JOBSIFT_BASE_BYTES_H_
#define JOBSIFT_BASE_BYTES_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "base/hash.h"

namespace jobsift {

// A u64 as 8 little-endian bytes, and back: the layout of state files and
// partial reports.
inline void StoreU64(uint64_t v, unsigned char b[8]) {
  for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
}
inline uint64_t LoadU64(const unsigned char b[8]) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | b[i];
  return v;
}

// A u64 in seven bits a byte, low first, the high bit set on all but the
// last (LEB128): ids, counts and lengths, mostly small, in one or two
// bytes. Returns how many of b's 10 bytes it took.
inline size_t EncodeV64(uint64_t v, unsigned char b[10]) {
  size_t n = 0;
  do {
    b[n] = static_cast<unsigned char>(v & 0x7F);
    v >>= 7;
    if (v != 0) b[n] |= 0x80;
    ++n;
  } while (v != 0);
  return n;
}

// EncodeV64's bytes back, through a reader with Bytes (ByteReader, a state
// file's reader); false when cut short or longer than 64 bits.
template <class In>
bool DecodeV64(In& in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    unsigned char b;
    if (!in.Bytes(&b, 1)) return false;
    *v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return shift < 63 || b <= 1;  // no bits past the 64th
  }
  return false;
}

class ByteWriter {
 public:
  void Bytes(const void* p, size_t n) {
    out_.append(static_cast<const char*>(p), n);
    hash_.Add(p, n);
  }
  void U64(uint64_t v) {
    unsigned char b[8];
    StoreU64(v, b);
    Bytes(b, 8);
  }
  void Str(std::string_view s) {
    U64(s.size());
    Bytes(s.data(), s.size());
  }
  void V64(uint64_t v) {  // EncodeV64
    unsigned char b[10];
    Bytes(b, EncodeV64(v, b));
  }
  uint64_t hash() const { return hash_.value; }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
  Fnv1a hash_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool Bytes(void* p, size_t n) {
    if (n > in_.size()) return false;
    if (n > 0) std::memcpy(p, in_.data(), n);
    hash_.Add(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool U64(uint64_t* v) {
    unsigned char b[8];
    if (!Bytes(b, 8)) return false;
    *v = LoadU64(b);
    return true;
  }
  bool V64(uint64_t* v) { return DecodeV64(*this, v); }
  bool V32(uint32_t* v) {  // a V64, refused when larger than 32 bits
    uint64_t x;
    if (!V64(&x) || x > UINT32_MAX) return false;
    *v = static_cast<uint32_t>(x);
    return true;
  }
  bool Str(std::string* s, uint64_t limit = 1 << 20) {
    uint64_t n;
    if (!U64(&n) || n > limit || n > in_.size()) return false;
    s->assign(in_.data(), n);
    hash_.Add(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  // A count (V64) of items each at least `item_bytes` long: refused when
  // the bytes left cannot hold them (so a damaged count allocates nothing).
  bool Count(uint64_t* n, size_t item_bytes) {
    return V64(n) && (item_bytes == 0 || *n <= in_.size() / item_bytes);
  }
  uint64_t hash() const { return hash_.value; }
  size_t left() const { return in_.size(); }

 private:
  std::string_view in_;
  Fnv1a hash_;
};

}  // namespace jobsift

#endif  // JOBSIFT_BASE_BYTES_H_
