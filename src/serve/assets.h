// The dashboard's browser files (src/serve/web/), and the charting scripts
// it shares with report.html, built into the binary: the server reads
// nothing from disk.
#ifndef JOBSIFT_SERVE_ASSETS_H_
#define JOBSIFT_SERVE_ASSETS_H_

#include <string_view>

namespace jobsift {

struct DashboardAssets {
  std::string_view page;       // web/dashboard.html
  std::string_view script;     // web/dashboard.js
  std::string_view style;      // web/dashboard.css
  std::string_view echarts;    // as report.html embeds it
  std::string_view wordcloud;
};
const DashboardAssets& EmbeddedDashboardAssets();

}  // namespace jobsift

#endif  // JOBSIFT_SERVE_ASSETS_H_
