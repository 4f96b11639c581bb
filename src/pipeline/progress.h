// Progress on stderr while a run reads: bytes and rows done, rows/s, MB/s,
// ETA. Drawn only when enabled (the CLI enables it when stderr is a
// terminal and --quiet is not given); otherwise every call is a no-op.
#ifndef JOBSIFT_PIPELINE_PROGRESS_H_
#define JOBSIFT_PIPELINE_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "jobsift/progress.h"

namespace jobsift {

// One progress line: MB read, rows, rates; with a known total, the share
// done and the time left. Input from stdin has no known total: a
// percentage of nothing would be made up, so none is shown.
std::string ProgressLine(uint64_t bytes, uint64_t total, bool total_known, uint64_t rows, double seconds, bool final);

class Progress {
 public:
  // `total_known` is false when an input's size cannot be known (stdin).
  // With `callback`, updates go to it (whatever `enabled` says) instead
  // of stderr.
  void Start(bool enabled, uint64_t total_bytes, bool total_known = true, ProgressCallback callback = nullptr);
  void SetBytes(uint64_t bytes_done);
  void AddRows(uint64_t rows);
  void Finish();

 private:
  void Draw(bool final);
  bool enabled_ = false;
  ProgressCallback callback_;
  bool total_known_ = true;
  uint64_t total_ = 0;
  uint64_t bytes_ = 0;
  uint64_t rows_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_PROGRESS_H_
