#include "base/scan_bytes.h"

#include <immintrin.h>

#include <algorithm>

namespace jobsift {
namespace {

// AVX2 where the CPU has it (checked once at start-up), SSE2 otherwise;
// every x86-64 has SSE2.
const bool kHasAvx2 = __builtin_cpu_supports("avx2");

__attribute__((target("avx2"))) const char* FindEitherAvx2(const char* p, const char* end, char a, char b) {
  const __m256i va = _mm256_set1_epi8(a);
  const __m256i vb = _mm256_set1_epi8(b);
  while (end - p >= 32) {
    __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    unsigned mask = static_cast<unsigned>(
        _mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(x, va), _mm256_cmpeq_epi8(x, vb))));
    if (mask != 0) return p + __builtin_ctz(mask);
    p += 32;
  }
  while (p < end && *p != a && *p != b) ++p;
  return p;
}

__attribute__((target("avx2"))) uint64_t CountByteAvx2(const char* p, size_t n, char c) {
  uint64_t count = 0;
  const char* end = p + n;
  const __m256i vc = _mm256_set1_epi8(c);
  const __m256i zero = _mm256_setzero_si256();
  while (end - p >= 32) {
    // Matches are -1: subtracting adds one to a byte counter; fold the
    // counters with SAD before any can overflow.
    __m256i acc = zero;
    size_t blocks = std::min<size_t>(static_cast<size_t>(end - p) / 32, 255);
    for (size_t i = 0; i < blocks; ++i, p += 32) {
      __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
      acc = _mm256_sub_epi8(acc, _mm256_cmpeq_epi8(x, vc));
    }
    __m256i sums = _mm256_sad_epu8(acc, zero);
    count += static_cast<uint64_t>(_mm256_extract_epi64(sums, 0)) + static_cast<uint64_t>(_mm256_extract_epi64(sums, 1)) +
             static_cast<uint64_t>(_mm256_extract_epi64(sums, 2)) + static_cast<uint64_t>(_mm256_extract_epi64(sums, 3));
  }
  for (; p < end; ++p) count += (*p == c);
  return count;
}

}  // namespace

const char* FindEither(const char* p, const char* end, char a, char b) {
  if (kHasAvx2) return FindEitherAvx2(p, end, a, b);
  const __m128i va = _mm_set1_epi8(a);
  const __m128i vb = _mm_set1_epi8(b);
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)));
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
  while (p < end && *p != a && *p != b) ++p;
  return p;
}

uint64_t CountByte(const char* p, size_t n, char c) {
  if (kHasAvx2) return CountByteAvx2(p, n, c);
  uint64_t count = 0;
  const char* end = p + n;
  const __m128i vc = _mm_set1_epi8(c);
  const __m128i zero = _mm_setzero_si128();
  while (end - p >= 16) {
    __m128i acc = zero;
    size_t blocks = std::min<size_t>(static_cast<size_t>(end - p) / 16, 255);
    for (size_t i = 0; i < blocks; ++i, p += 16) {
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(x, vc));
    }
    __m128i sums = _mm_sad_epu8(acc, zero);
    count += static_cast<uint64_t>(_mm_cvtsi128_si64(sums)) +
             static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
  for (; p < end; ++p) count += (*p == c);
  return count;
}

}  // namespace jobsift
