// libFuzzer shell over one entry of fuzz_targets.h, chosen at build time
// (fuzz/CMakeLists.txt compiles this file once per target).
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return jobsift::JOBSIFT_FUZZ_ENTRY(data, size);
}
