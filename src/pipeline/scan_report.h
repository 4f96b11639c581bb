// Renders a ReadSummary for `jobsift scan`: rows read / accepted / rejected
// by reason, per-field non-empty rates, the format, encoding and column
// mapping of every input, errors and warnings. Text for people, JSON for
// programs (stable key order).
#ifndef JOBSIFT_PIPELINE_SCAN_REPORT_H_
#define JOBSIFT_PIPELINE_SCAN_REPORT_H_

#include <string>

#include "jobsift/exit_code.h"
#include "pipeline/reader.h"

namespace jobsift {

std::string ScanText(const ReadSummary& s);
std::string ScanJson(const ReadSummary& s);

// The exit code (jobsift/exit_code.h) a read earns.
int ExitCodeFor(const ReadSummary& s);

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_SCAN_REPORT_H_
