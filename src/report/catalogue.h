// The analyses jobsift computes, declared once: each one's id, its title as
// the tables print it, the chapter and section of report.html that show it,
// the kind of chart it is drawn as, what its rows are, its measure, and the
// words of its figure (title and formula) in report.html. The order is the
// report's (SPEC §3, then the definition tables D1 and D2).
// BuildTables takes titles and the order from here, BuildChapters the
// chapters, sections, figure titles and formulas, and the public API hands
// the list to callers (jobsift/report.h, Analyses()). The tables' own
// formulas, which name the run's periods in English, are written where
// each table is built.
//
// Adding an analysis: one entry here, the function that fills its table in
// tables.cc and, if no drawing of report/html.cc fits it, one drawing there.
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
  std::string_view chapter;  // the chapter of report.html: "2 人工智能岗位招聘特征"
  // How report.html draws it: one of the drawings of report/html.cc
  // ("shares", "half_years", "split" …; DrawingNames() lists them).
  std::string_view drawn_as;
  // The figure's title and formula in report.html. Filled in for the run:
  // {rows} the table's rows, {name} the group one figure of a split table
  // shows, {min_n} the small-sample bar, {half} the focus half-year,
  // {top_industries} the industries the industry tables keep.
  std::string_view figure;
  std::string_view formula;
  std::string_view measure_name;  // the measure as a chart's series names it ("AI强度"), where one does
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
