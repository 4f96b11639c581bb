#include "report/assets.h"

#include "base/embed.h"

// The paths come from src/CMakeLists.txt (base/embed.h).
JOBSIFT_EMBED(jobsift_echarts_js, JOBSIFT_ECHARTS_JS)
JOBSIFT_EMBED(jobsift_wordcloud_js, JOBSIFT_WORDCLOUD_JS)
JOBSIFT_EMBED(jobsift_report_js, JOBSIFT_REPORT_JS)
JOBSIFT_EMBED(jobsift_report_css, JOBSIFT_REPORT_CSS)
JOBSIFT_EMBED(jobsift_labels_zh, JOBSIFT_LABELS_ZH)

namespace jobsift {
const ReportAssets& EmbeddedReportAssets() {
  static const ReportAssets assets{
      JOBSIFT_EMBEDDED(jobsift_echarts_js),
      JOBSIFT_EMBEDDED(jobsift_wordcloud_js),
      JOBSIFT_EMBEDDED(jobsift_report_js),
      JOBSIFT_EMBEDDED(jobsift_report_css),
      JOBSIFT_ECHARTS_VERSION,
      JOBSIFT_WORDCLOUD_VERSION,
  };
  return assets;
}

std::string_view EmbeddedLabelsZh() { return JOBSIFT_EMBEDDED(jobsift_labels_zh); }

}  // namespace jobsift
