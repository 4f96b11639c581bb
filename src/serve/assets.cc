#include "serve/assets.h"

#include "base/embed.h"
#include "report/assets.h"

// The paths come from src/CMakeLists.txt (base/embed.h).
JOBSIFT_EMBED(jobsift_dashboard_html, JOBSIFT_DASHBOARD_HTML)
JOBSIFT_EMBED(jobsift_dashboard_js, JOBSIFT_DASHBOARD_JS)
JOBSIFT_EMBED(jobsift_dashboard_css, JOBSIFT_DASHBOARD_CSS)

namespace jobsift {

const DashboardAssets& EmbeddedDashboardAssets() {
  static const DashboardAssets assets{
      JOBSIFT_EMBEDDED(jobsift_dashboard_html), JOBSIFT_EMBEDDED(jobsift_dashboard_js),
      JOBSIFT_EMBEDDED(jobsift_dashboard_css),  EmbeddedReportAssets().echarts,
      EmbeddedReportAssets().wordcloud,
  };
  return assets;
}

}  // namespace jobsift
