#include "report/catalogue.h"

#include "jobsift/check.h"

namespace jobsift {
namespace {

constexpr AnalysisSpec kAnalyses[] = {
    {"F0-1", "人工智能岗位技能词云（前五十）", "1.1 人工智能岗位的技能", "wordcloud", "term", "share_pct"},
    {"F0-2", "人工智能岗位技能关系网络", "1.1 人工智能岗位的技能", "graph", "term_a|term_b", "lift"},
    {"F1", "人工智能岗位季度分布", "2.1 季度分布", "line", "quarter", "share_of_ai_pct"},
    {"F2", "各城市人工智能岗位占比", "2.2 地域分布", "bar", "city", "ai_intensity_pct"},
    {"F4", "各学历人工智能岗位占比（AI强度）", "2.3 学历分布", "bar", "degree", "ai_intensity_pct"},
    {"F5", "人工智能岗位各学历占比", "2.3 学历分布", "bar", "degree", "share_of_ai_pct"},
    {"F6", "各行业人工智能岗位占比（半年度）", "2.4 行业分布", "bar", "half|industry", "share_of_ai_pct"},
    {"F8", "各规模企业人工智能岗位占比（半年度）", "2.5 企业规模分布", "bar", "half|company_size", "share_of_ai_pct"},
    {"F9", "各行业人工智能岗位平均年薪", "2.6 薪资分布", "bar", "industry", "ai_mean_annual_wan"},
    {"F10", "各行业人工智能岗位薪资变化", "2.6 薪资分布", "bar", "industry", "change_pct"},
    {"F11", "各城市人工智能岗位平均年薪", "2.6 薪资分布", "bar", "city", "ai_mean_annual_wan"},
    {"F12", "各学历人工智能岗位薪资变化", "2.6 薪资分布", "bar", "degree", "change_pct"},
    {"F13", "人工智能岗位硬技能需求（各类别前五）", "3.1 硬技能、软技能与福利", "stacked_bar", "category|group",
     "share_pct"},
    {"F14", "人工智能岗位软技能需求（前十）", "3.1 硬技能、软技能与福利", "bar", "group", "share_pct"},
    {"F15", "人工智能岗位福利（前十）", "3.1 硬技能、软技能与福利", "bar", "group", "share_pct"},
    {"F16", "各行业硬技能类别需求", "3.2 各行业的技能与福利", "heatmap", "industry|category", "share_pct"},
    {"F17", "各行业软技能需求（前十）", "3.2 各行业的技能与福利", "heatmap", "industry|group", "share_pct"},
    {"F18", "各行业福利（前十）", "3.2 各行业的技能与福利", "heatmap", "industry|group", "share_pct"},
    {"F19", "人工智能岗位经验分布", "4.1 人工智能岗位的经验要求", "bar", "experience", "share_of_ai_pct"},
    {"F20-24", "各行业人工智能岗位经验分布", "4.2 各行业的经验要求", "stacked_bar", "industry|experience", "share_pct"},
    {"F25-34", "各行业人工智能岗位城市分布", "5.1 各行业的城市分布", "bar", "industry|city", "share_pct"},
    {"F35-44", "各城市人工智能岗位行业分布", "5.2 各城市的行业分布", "bar", "city|industry", "share_pct"},
    {"D1", "不同人工智能岗位定义下的岗位数、占比与平均年薪", "2.7 AI岗位的定义与工作类别", "line", "quarter|definition",
     "ai_intensity_pct"},
    {"D2", "含人工智能词岗位的工作类别构成", "2.7 AI岗位的定义与工作类别", "stacked_bar", "quarter|ai_category",
     "share_pct"},
};

}  // namespace

std::span<const AnalysisSpec> Catalogue() { return kAnalyses; }

size_t ReportRank(std::string_view id) {
  for (size_t i = 0; i < std::size(kAnalyses); ++i)
    if (kAnalyses[i].id == id) return i;
  return std::size(kAnalyses);
}

const AnalysisSpec& Analysis(std::string_view id) {
  size_t i = ReportRank(id);
  JOBSIFT_CHECK(i < std::size(kAnalyses), "an analysis id that is not in report/catalogue.cc");
  return kAnalyses[i];
}

}  // namespace jobsift
