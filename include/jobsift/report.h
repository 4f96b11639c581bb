// A report as values: the analysis tables with typed cells and the facts of
// summary.json, from postings (BuildReport) or from the state files of runs
// over parts of them (MergeReports); written as the CLI's output folder by
// ReportResult::Write. `jobsift report` and `jobsift merge` are these two
// calls and Write (jobsift/commands.h).
#ifndef JOBSIFT_REPORT_H_
#define JOBSIFT_REPORT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "jobsift/commands.h"
#include "jobsift/console.h"
#include "jobsift/options.h"
#include "jobsift/status.h"

namespace jobsift {

// A column of an analysis table, as tables.json describes it.
struct AnalysisColumn {
  std::string key;    // "share_of_ai_pct"
  std::string label;  // "占AI岗位比例"
  std::string type;   // "string", "integer", "number" or "boolean"
  std::string unit;   // "percent", "万元", "postings" or ""
};

// A cell: unknown (no posting had what it needs: never a zero), a label,
// a count, a number in the column's unit, or a flag (small_n).
using AnalysisCell = std::variant<std::monostate, std::string, int64_t, double, bool>;

struct AnalysisTable {
  std::string id;       // "F1", "F0-2", "D1" (docs/report.md lists them)
  std::string title;    // Chinese, as the report prints it
  std::string formula;  // in words
  std::string period;   // "2023Q1–2024Q2", "2024H1"
  std::string city;     // the filter the postings are of; "" = none
  std::string industry;
  uint64_t n = 0;       // the AI postings of the period the table describes
  std::vector<AnalysisColumn> columns;
  std::vector<std::vector<AnalysisCell>> rows;
};

// What each analysis is (report order): its id, its title as the tables
// print it, the section of report.html that shows it, the chart it is drawn
// as ("line", "bar", "stacked_bar", "heatmap", "wordcloud", "graph"), what a
// row is ("quarter", "half|industry": the leading columns' keys) and the
// column the chart draws.
struct AnalysisInfo {
  std::string id, title, section, chart, rows, measure;
};
const std::vector<AnalysisInfo>& Analyses();

class ReportResult {
 public:
  const std::vector<AnalysisTable>& tables() const;
  const AnalysisTable* Find(std::string_view id) const;  // null when the report has no such table
  std::string SummaryJson() const;                        // summary.json's text
  // The files of the output folder as bytes: tables.json's text, one table
  // as tables/<id>.csv (with the BOM) and as a one-sheet Excel workbook.
  // A table the report does not have is an InvalidArgument.
  std::string TablesJson() const;
  StatusOr<std::string> TableCsv(std::string_view id) const;
  StatusOr<std::string> TableXlsx(std::string_view id) const;
  uint64_t postings() const;        // counted, after deduplication and the filter
  uint64_t duplicates() const;      // removed by deduplication
  uint64_t outside_filter() const;  // left out by the city / industry filter
  std::string filter() const;       // "city=北京"; "" when none
  // What the inputs earned (jobsift/exit_code.h): 0 all read, 1 rows
  // rejected or an input empty.
  int exit_code() const;

  // The output folder: tables/<id>.csv, tables.json, tables.xlsx,
  // report.html, and summary.json last (its presence says the folder is
  // complete; an earlier run's is removed first). Each file is written
  // atomically.
  Status Write(const std::string& dir) const;

  struct Impl;
  explicit ReportResult(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

 private:
  std::shared_ptr<const Impl> impl_;
};

// Reads, normalises, classifies and aggregates `run.inputs`. From the
// request, output_dir (made ready before reading, and holding rejects.tsv
// and deduplication's scratch files; "" = none, scratch in the system's
// temporary folder), dedup, state and tables count; pdf does not.
StatusOr<ReportResult> BuildReport(const RunOptions& run, const ReportRequest& request, Console& console);

// The report one run over every input gives, from the states of runs over
// parts of them, in input order; output_dir is made ready as above.
StatusOr<ReportResult> MergeReports(const RunOptions& run, const MergeRequest& request, Console& console);

}  // namespace jobsift

#endif  // JOBSIFT_REPORT_H_
