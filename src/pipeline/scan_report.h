// Renders a ReadSummary for `jobsift scan`: rows read / accepted / rejected
// by reason, per-field non-empty rates, the format, encoding and column
// mapping of every input, errors and warnings. Text for people, JSON for
// programs (stable key order).
#ifndef JOBSIFT_PIPELINE_SCAN_REPORT_H_
#define JOBSIFT_PIPELINE_SCAN_REPORT_H_

#include <string>

#include "pipeline/reader.h"

namespace jobsift {

std::string ScanText(const ReadSummary& s);
std::string ScanJson(const ReadSummary& s);

// Exit codes shared by every command (docs/exit-codes.md).
inline constexpr int kExitOk = 0;            // everything read
inline constexpr int kExitRejects = 1;       // finished, but rows were rejected or an input held no rows
inline constexpr int kExitFailure = 2;       // bad usage, or an input could not be read
int ExitCodeFor(const ReadSummary& s);

}  // namespace jobsift

#endif  // JOBSIFT_PIPELINE_SCAN_REPORT_H_
