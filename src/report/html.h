// report.html: the analyses of SPEC §3 as one self-contained page a
// researcher can send to a colleague. Key findings written from the numbers,
// then the chapters of the reference report in its order — each analysis a
// figure with its chart, definition, period and n, and the table behind it
// (a toggle) — then a data-quality and a methodology chapter. Chinese
// throughout, numbers as the reference prints them (27.1万, 35.43%, unknown
// as —); small cells (n < min n) marked on the charts and in the tables.
//
// The page carries everything it needs: the embedded ECharts (assets.h), one
// JSON blob with each chart's data, and a small script that draws them; it
// fetches nothing when viewed (its Content-Security-Policy forbids it). Same
// tables and summary, same bytes: no timestamps.
//
// Not for: computing numbers (tables.h) or printing to PDF (pdf.h).
#ifndef JOBSIFT_REPORT_HTML_H_
#define JOBSIFT_REPORT_HTML_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "report/summary.h"
#include "report/tables.h"

namespace jobsift {

// The whole page. `tables` as BuildTables returns them; a missing analysis
// leaves its figure out, an empty one says so.
std::string ReportHtml(const std::vector<Table>& tables, const ReportSummary& summary);

// Whether report.html has a drawing of this name (a catalogue entry's
// drawn_as names one).
bool IsDrawing(std::string_view name);

// Number formats of the report. Cells are table cells ("" means unknown and
// gives "—", never 0).
std::string FormatPercent(std::string_view cell);   // "35.43" -> "35.43%"
std::string FormatWan(std::string_view cell);       // "27.1" -> "27.1万"
std::string FormatCount(uint64_t n);                // 1234567 -> "1,234,567"
std::string FormatCountWan(uint64_t n);             // under 100,000 as FormatCount; 271234 -> "27.1万"
std::string FormatPeriod(std::string_view period);  // "2024H1" -> "2024年上半年", "2023Q1–2024Q2" -> "2023年一季度至2024年二季度"

}  // namespace jobsift

#endif  // JOBSIFT_REPORT_HTML_H_
