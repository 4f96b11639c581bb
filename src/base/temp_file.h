// Scratch files that never outlive the process: created in a folder the
// user chose (the output folder, not /tmp, which may be memory) and unlinked
// at once, so nothing is left behind even when the process is killed.
#ifndef JOBSIFT_BASE_TEMP_FILE_H_
#define JOBSIFT_BASE_TEMP_FILE_H_

#include <cstdio>
#include <memory>
#include <string>

#include "jobsift/status.h"

namespace jobsift {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using UniqueFile = std::unique_ptr<std::FILE, FileCloser>;

// An anonymous read-write file in `dir` ("" = the current folder), with a
// stdio buffer of `buffer_bytes`; 0: unbuffered, for a caller that reads and
// writes its descriptor directly (pread/pwrite).
StatusOr<UniqueFile> OpenScratchFile(const std::string& dir, size_t buffer_bytes = 64 * 1024);

}  // namespace jobsift

#endif  // JOBSIFT_BASE_TEMP_FILE_H_
