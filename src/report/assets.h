// The files report.html carries inside itself, embedded in the binary at
// build time so that `jobsift report` writes a self-contained page anywhere:
// Apache ECharts and echarts-wordcloud (web/node_modules, pinned by
// web/package-lock.json and installed by scripts/setup.sh), and the page's
// own script and style sheet (report/templates/). html.h puts them together.
#ifndef JOBSIFT_REPORT_ASSETS_H_
#define JOBSIFT_REPORT_ASSETS_H_

#include <string_view>

namespace jobsift {

struct ReportAssets {
  std::string_view echarts;    // echarts.min.js (Apache-2.0)
  std::string_view wordcloud;  // echarts-wordcloud.min.js (ISC)
  std::string_view script;     // templates/report.js: draws the charts from the page's data
  std::string_view style;      // templates/report.css
  std::string_view echarts_version;
  std::string_view wordcloud_version;
};

// Views of static storage, valid for the life of the program.
const ReportAssets& EmbeddedReportAssets();

// data/report/labels_zh.tsv, the Chinese labels of jobsift's names
// (report/labels.h reads it).
std::string_view EmbeddedLabelsZh();

}  // namespace jobsift

#endif  // JOBSIFT_REPORT_ASSETS_H_
