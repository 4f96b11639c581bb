// Progress on stderr while a run reads: bytes and rows done, rows/s, MB/s,
// ETA. Drawn only when enabled (the CLI enables it when stderr is a
// terminal and --quiet is not given); otherwise every call is a no-op.
#ifndef JOBSIFT_PIPELINE_PROGRESS_H_
#define JOBSIFT_PIPELINE_PROGRESS_H_

#include <chrono>
#include <cstdint>

namespace jobsift {

class Progress {
 public:
  void Start(bool enabled, uint64_t total_bytes);
  void SetBytes(uint64_t bytes_done);
  void AddRows(uint64_t rows);
  void Finish();

 private:
  void Draw(bool final);
  bool enabled_ = false;
  uint64_t total_ = 0;
  uint64_t bytes_ = 0;
  uint64_t rows_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_PROGRESS_H_
