// `jobsift report --pdf`: prints report.html to PDF through headless
// Chromium, found as $JOBSIFT_CHROMIUM or chromium / chromium-browser /
// google-chrome on PATH (Debian: apt install chromium). Chromium runs in a
// fresh profile in a temporary folder, offline (no background networking,
// no component updates), with a time limit.
//
// Not for: the page itself (html.h).
#ifndef JOBSIFT_REPORT_PDF_H_
#define JOBSIFT_REPORT_PDF_H_

#include <string>

#include "jobsift/status.h"

namespace jobsift {

// The Chromium executable to use, or NotFound saying how to get one.
StatusOr<std::string> FindChromium();

// Prints the page at `html_path` to `pdf_path`, through a temporary name
// renamed when complete: a failed print leaves no PDF that looks whole.
// Waits for the page's charts (virtual time) and gives up after
// `timeout_seconds`. Chromium's own messages appear in the error on failure.
Status PrintToPdf(const std::string& html_path, const std::string& pdf_path, int timeout_seconds = 180);

}  // namespace jobsift

#endif  // JOBSIFT_REPORT_PDF_H_
