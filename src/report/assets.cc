#include "report/assets.h"

// Each file is assembled into .rodata between two symbols (.incbin), which
// keeps a 1 MB script out of the compiler's hands. The paths come from
// src/CMakeLists.txt, which also makes this file depend on them.
#define JOBSIFT_EMBED(name, path)                                                      \
  __asm__(".section .rodata\n.balign 16\n.global " #name "_begin\n.hidden " #name     \
          "_begin\n" #name "_begin:\n.incbin \"" path "\"\n.global " #name             \
          "_end\n.hidden " #name "_end\n" #name "_end:\n.byte 0\n.previous\n");        \
  extern "C" const char name##_begin[];                                                \
  extern "C" const char name##_end[];

JOBSIFT_EMBED(jobsift_echarts_js, JOBSIFT_ECHARTS_JS)
JOBSIFT_EMBED(jobsift_wordcloud_js, JOBSIFT_WORDCLOUD_JS)
JOBSIFT_EMBED(jobsift_report_js, JOBSIFT_REPORT_JS)
JOBSIFT_EMBED(jobsift_report_css, JOBSIFT_REPORT_CSS)
JOBSIFT_EMBED(jobsift_labels_zh, JOBSIFT_LABELS_ZH)

namespace jobsift {
namespace {

std::string_view Between(const char* begin, const char* end) {
  return std::string_view(begin, static_cast<size_t>(end - begin));
}

}  // namespace

const ReportAssets& EmbeddedReportAssets() {
  static const ReportAssets assets{
      Between(jobsift_echarts_js_begin, jobsift_echarts_js_end),
      Between(jobsift_wordcloud_js_begin, jobsift_wordcloud_js_end),
      Between(jobsift_report_js_begin, jobsift_report_js_end),
      Between(jobsift_report_css_begin, jobsift_report_css_end),
      JOBSIFT_ECHARTS_VERSION,
      JOBSIFT_WORDCLOUD_VERSION,
  };
  return assets;
}

std::string_view EmbeddedLabelsZh() { return Between(jobsift_labels_zh_begin, jobsift_labels_zh_end); }

}  // namespace jobsift
