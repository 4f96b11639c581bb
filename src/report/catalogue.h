// The analyses jobsift computes, declared once: each one's id, its title as
// the tables print it, the section of report.html that shows it, the kind
// of chart it is drawn as, what its rows are, and its measure. The order
// is the report's (SPEC §3, then the definition tables D1 and D2).
// BuildTables takes titles and the order from here, and the public API
// hands the list to callers (jobsift/report.h, Analyses()); the formulas,
// which name the run's periods, are written where each table is built.
//
// Adding an analysis: one entry here, and the function that fills its
// table in tables.cc (and, to draw it, its figure in html.cc).
#ifndef JOBSIFT_REPORT_CATALOGUE_H_
#define JOBSIFT_REPORT_CATALOGUE_H_

#include <span>
#include <string_view>

namespace jobsift {

struct AnalysisSpec {
  std::string_view id;       // "F2"
  std::string_view title;    // "各城市人工智能岗位占比"
  std::string_view section;  // the part of report.html: "2.2 地域分布"
  std::string_view chart;    // "line", "bar", "stacked_bar", "heatmap", "wordcloud", "graph"
  std::string_view rows;     // what a row is: "quarter", "half|industry", "group" …
  std::string_view measure;  // the column the chart draws: "ai_intensity_pct" …
};

// Every analysis, in report order.
std::span<const AnalysisSpec> Catalogue();

// The entry of `id`; a JOBSIFT_CHECK failure for an id not in the
// catalogue (a programming error: the ids are jobsift's own).
const AnalysisSpec& Analysis(std::string_view id);

// Where `id` comes in report order; Catalogue().size() for an unknown id.
size_t ReportRank(std::string_view id);

}  // namespace jobsift

#endif  // JOBSIFT_REPORT_CATALOGUE_H_
