// Where rejected rows go when the user asks for them (--rejects, and
// rejects.tsv beside a report): one TSV line each, in input order, with the
// file, line, byte offset, reason and an excerpt (docs/reading.md,
// "Rejects"). Written atomically (io/atomic_file.h): the file appears when
// Close succeeds.
#ifndef JOBSIFT_PIPELINE_REJECT_SINK_H_
#define JOBSIFT_PIPELINE_REJECT_SINK_H_

#include <memory>
#include <string>

#include "io/atomic_file.h"
#include "jobsift/status.h"
#include "schema/diagnostics.h"

namespace jobsift {

class RejectSink {
 public:
  // Opens `path` and writes the header line.
  static StatusOr<std::unique_ptr<RejectSink>> Open(const std::string& path);
  void Add(const RejectRecord& r);
  // Every line written, or a Status that names the file.
  Status Close();

 private:
  explicit RejectSink(std::unique_ptr<AtomicFile> out) : out_(std::move(out)) {}
  std::unique_ptr<AtomicFile> out_;
  std::string line_;
  bool failed_ = false;
};

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_REJECT_SINK_H_
