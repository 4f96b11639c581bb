// How far a read has got, for a caller that shows progress its own way (a
// Python callback, a notebook bar, a server's status): RunOptions::on_progress.
#ifndef JOBSIFT_PROGRESS_H_
#define JOBSIFT_PROGRESS_H_

#include <cstdint>
#include <functional>

namespace jobsift {

struct ProgressUpdate {
  uint64_t bytes_read = 0;    // of the inputs, as stored (compressed bytes for .gz)
  uint64_t bytes_total = 0;   // the inputs' sizes; 0 when unknown (stdin)
  uint64_t rows_read = 0;
  double seconds = 0;         // since reading began
  bool done = false;          // the last update of the read
};

// Called from the reading thread at most four times a second while the
// inputs are read, and once with done = true at the end. It must not block
// for long: the read waits for it.
using ProgressCallback = std::function<void(const ProgressUpdate&)>;

}  // namespace jobsift

#endif  // JOBSIFT_PROGRESS_H_
