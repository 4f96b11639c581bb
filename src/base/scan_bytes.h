// Byte-scanning kernels used on the hot path: AVX2 when the CPU has it,
// SSE2 (which every x86-64 has) otherwise. x86-64 only, like Vectorscan.
#ifndef JOBSIFT_BASE_SCAN_BYTES_H_
#define JOBSIFT_BASE_SCAN_BYTES_H_

#include <cstddef>
#include <cstdint>

namespace jobsift {

// First position in [p, end) holding `a` or `b`, or `end`.
const char* FindEither(const char* p, const char* end, char a, char b);

// Number of `c` bytes in [p, p + n).
uint64_t CountByte(const char* p, size_t n, char c);

}  // namespace jobsift

#endif  // JOBSIFT_BASE_SCAN_BYTES_H_
