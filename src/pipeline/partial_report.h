// Partial reports: the counts of a report over one part of the postings
// (its cube and the totals beside it) and the facts of the part's run, as
// bytes that travel between processes and machines, and their sum. A
// distributed run (docs/distributed.md) adds the parts' partial reports in
// input order; what it adds is bounded by the cube, not by the postings.
//
// Layout (integers little-endian u64): "JOBSIFT-PART\n", version, the
// state file's end-section facts (aggregate/state.h SaveStateInfo), the
// job's counts (ReportJob::Save), the FNV-1a 64 of every byte before it.
#ifndef JOBSIFT_PIPELINE_PARTIAL_REPORT_H_
#define JOBSIFT_PIPELINE_PARTIAL_REPORT_H_

#include <memory>
#include <string>
#include <string_view>

#include "aggregate/state.h"
#include "jobsift/status.h"
#include "pipeline/report_job.h"

namespace jobsift {

inline constexpr uint64_t kPartialVersion = 1;

struct PartialCounts {
  StateInfo info;  // the read statistics and notes of the parts so far; records unused
  std::unique_ptr<ReportJob> job;
};

std::string SavePartial(const PartialCounts& p);
// Damaged or foreign bytes are a DataError.
StatusOr<PartialCounts> LoadPartial(std::string_view bytes);
// Adds `later` (the next part in input order) to `into`. Parts made with
// other lexicons, AI definition, classifier, dedup, salary conventions or
// filter are refused, before anything is added: their sum would mean
// nothing.
Status AddPartial(PartialCounts& into, const PartialCounts& later);

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_PARTIAL_REPORT_H_
