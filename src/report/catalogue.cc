#include "report/catalogue.h"

#include "jobsift/check.h"

namespace jobsift {
namespace {

// Chapters of report.html, named once: BuildChapters starts a new chapter
// wherever the name changes, so a name spelt twice could split one.
constexpr std::string_view kSkillsChapter = "1 数据与技能图谱";
constexpr std::string_view kFeaturesChapter = "2 人工智能岗位招聘特征";
constexpr std::string_view kSkillDemandChapter = "3 技能需求与福利特征";
constexpr std::string_view kExperienceChapter = "4 经验要求";
constexpr std::string_view kIndustryCityChapter = "5 行业与城市";
constexpr std::string_view kSalaryChangeFormula =
    "变化 = 本期AI岗位平均年薪 / 上一年AI岗位平均年薪 − 1（有明确薪资的AI岗位）";

// Each entry: id, title, section, chart, rows, measure, chapter, drawn_as,
// figure, formula, measure_name (catalogue.h says what each is).
constexpr AnalysisSpec kAnalyses[] = {
    {"F0-1", "人工智能岗位技能词云（前五十）", "1.1 人工智能岗位的技能", "wordcloud", "term", "share_pct",
     kSkillsChapter, "wordcloud", "人工智能岗位高频技能词（前50）",
     "占比 = 提及该AI技能词（公司介绍除外）的AI岗位数 / 全部AI岗位数；取提及最多的 50 个词，字号随占比增大", ""},
    {"F0-2", "人工智能岗位技能关系网络", "1.1 人工智能岗位的技能", "graph", "term_a|term_b", "lift", kSkillsChapter,
     "graph", "人工智能技能关系网络",
     "两词在至少 {min_n} 个AI岗位中同时出现才连线（最小支持度）；线宽随 PMI = log₂ lift 增大，lift = P(a,b) / "
     "(P(a)·P(b))，虚线为 lift ≤ 1；节点大小随含该词的AI岗位数增大；取共现最多的 200 条边",
     ""},
    {"F1", "人工智能岗位季度分布", "2.1 季度分布", "line", "quarter", "share_of_ai_pct", kFeaturesChapter, "quarters",
     "人工智能岗位季度分布", "招聘占比 = 该季度AI岗位数 / 全部季度AI岗位数；AI强度 = 该季度AI岗位数 / 该季度全部岗位数",
     ""},
    {"F2", "各城市人工智能岗位占比", "2.2 地域分布", "bar", "city", "ai_intensity_pct", kFeaturesChapter, "shares",
     "各城市人工智能岗位强度（AI岗位数前 {rows} 的城市）",
     "AI强度 = 该城市AI岗位数 / 该城市全部岗位数；城市按AI岗位数选取，按AI强度排序", "AI强度"},
    {"F4", "各学历人工智能岗位占比（AI强度）", "2.3 学历分布", "bar", "degree", "ai_intensity_pct", kFeaturesChapter,
     "shares", "各学历人工智能岗位强度", "AI强度 = 要求该学历的AI岗位数 / 要求该学历的全部岗位数", "AI强度"},
    {"F5", "人工智能岗位各学历占比", "2.3 学历分布", "bar", "degree", "share_of_ai_pct", kFeaturesChapter, "shares",
     "人工智能岗位的学历要求构成", "占比 = 要求该学历的AI岗位数 / 全部AI岗位数", "占AI岗位比例"},
    {"F6", "各行业人工智能岗位占比（半年度）", "2.4 行业分布", "bar", "half|industry", "share_of_ai_pct",
     kFeaturesChapter, "half_years", "各行业人工智能岗位占比（各半年度）",
     "招聘占比 = 该行业AI岗位数 / 同一半年度全部AI岗位数；行业按{half}AI岗位数取前 {top_industries}", ""},
    {"F8", "各规模企业人工智能岗位占比（半年度）", "2.5 企业规模分布", "bar", "half|company_size", "share_of_ai_pct",
     kFeaturesChapter, "half_years", "各规模企业人工智能岗位占比（各半年度）",
     "招聘占比 = 该规模企业的AI岗位数 / 同一半年度全部AI岗位数（规模未知者不计入分项）", ""},
    {"F9", "各行业人工智能岗位平均年薪", "2.6 薪资分布", "bar", "industry", "ai_mean_annual_wan", kFeaturesChapter,
     "salaries", "各行业人工智能岗位与全部岗位平均年薪",
     "平均年薪（万元）= 有明确薪资岗位的年薪均值（年薪 = 月薪中点 × 发薪月数）；差异 = AI岗位平均年薪 / "
     "全部岗位平均年薪 − 1；行业按AI岗位数选取",
     ""},
    {"F10", "各行业人工智能岗位薪资变化", "2.6 薪资分布", "bar", "industry", "change_pct", kFeaturesChapter,
     "salary_changes", "各行业人工智能岗位平均年薪变化", kSalaryChangeFormula, ""},
    {"F11", "各城市人工智能岗位平均年薪", "2.6 薪资分布", "bar", "city", "ai_mean_annual_wan", kFeaturesChapter,
     "salaries", "各城市人工智能岗位与全部岗位平均年薪",
     "平均年薪（万元）= 有明确薪资岗位的年薪均值（年薪 = 月薪中点 × 发薪月数）；差异 = AI岗位平均年薪 / "
     "全部岗位平均年薪 − 1；城市按AI岗位数选取",
     ""},
    {"F12", "各学历人工智能岗位薪资变化", "2.6 薪资分布", "bar", "degree", "change_pct", kFeaturesChapter,
     "salary_changes", "各学历人工智能岗位平均年薪变化", kSalaryChangeFormula, ""},
    {"F13", "人工智能岗位硬技能需求（各类别前五）", "3.1 硬技能、软技能与福利", "stacked_bar", "category|group",
     "share_pct", kSkillDemandChapter, "category_groups", "人工智能岗位硬技能需求（各类别前五）",
     "占比 = 提及该技能子类的AI岗位数 / 全部AI岗位数；专业知识、技术技能、工程实践三类各取前 5", ""},
    {"F14", "人工智能岗位软技能需求（前十）", "3.1 硬技能、软技能与福利", "bar", "group", "share_pct",
     kSkillDemandChapter, "groups", "人工智能岗位软技能需求（前十）",
     "占比 = 提及该软技能的AI岗位数 / 全部AI岗位数；取前 10", ""},
    {"F15", "人工智能岗位福利（前十）", "3.1 硬技能、软技能与福利", "bar", "group", "share_pct", kSkillDemandChapter,
     "groups", "人工智能岗位福利（前十）", "占比 = 提及该福利的AI岗位数 / 全部AI岗位数；取前 10", ""},
    {"F16", "各行业硬技能类别需求", "3.2 各行业的技能与福利", "heatmap", "industry|category", "share_pct",
     kSkillDemandChapter, "industry_categories", "各行业硬技能类别需求",
     "占比 = 该行业提及该硬技能类别的AI岗位数 / 该行业AI岗位数；AI岗位数前 10 的行业", ""},
    {"F17", "各行业软技能需求（前十）", "3.2 各行业的技能与福利", "heatmap", "industry|group", "share_pct",
     kSkillDemandChapter, "industry_heatmap", "各行业软技能需求（前十）",
     "占比 = 该行业提及该软技能的AI岗位数 / 该行业AI岗位数；全部AI岗位中最常见的 10 项 × AI岗位数前 10 的行业", ""},
    {"F18", "各行业福利（前十）", "3.2 各行业的技能与福利", "heatmap", "industry|group", "share_pct",
     kSkillDemandChapter, "industry_heatmap", "各行业福利（前十）",
     "占比 = 该行业提及该福利的AI岗位数 / 该行业AI岗位数；全部AI岗位中最常见的 10 项 × AI岗位数前 10 的行业", ""},
    {"F19", "人工智能岗位经验分布", "4.1 人工智能岗位的经验要求", "bar", "experience", "share_of_ai_pct",
     kExperienceChapter, "shares", "人工智能岗位经验要求分布", "占比 = 要求该经验的AI岗位数 / 全部AI岗位数",
     "占AI岗位比例"},
    {"F20-24", "各行业人工智能岗位经验分布", "4.2 各行业的经验要求", "stacked_bar", "industry|experience", "share_pct",
     kExperienceChapter, "split_against_all", "{name}人工智能岗位经验要求分布",
     "占比 = 该行业要求该经验的AI岗位数 / 该行业AI岗位数；对照：全部AI岗位的同一占比", ""},
    {"F25-34", "各行业人工智能岗位城市分布", "5.1 各行业的城市分布", "bar", "industry|city", "share_pct",
     kIndustryCityChapter, "split", "{name}行业人工智能岗位的城市分布",
     "占比 = 该城市该行业的AI岗位数 / 该行业AI岗位数；取前 10 个城市", ""},
    {"F35-44", "各城市人工智能岗位行业分布", "5.2 各城市的行业分布", "bar", "city|industry", "share_pct",
     kIndustryCityChapter, "split", "{name}人工智能岗位的行业分布",
     "占比 = 该城市该行业的AI岗位数 / 该城市AI岗位数；取前 10 个行业", ""},
    {"D1", "不同人工智能岗位定义下的岗位数、占比与平均年薪", "2.7 AI岗位的定义与工作类别", "line", "quarter|definition",
     "ai_intensity_pct", kFeaturesChapter, "definitions", "不同AI岗位定义下的AI强度（各季度）",
     "AI强度 = 该定义下的AI岗位数 / 全部岗位数；core = 构建AI（B），default = B + 应用AI（A），broad = B + A + "
     "AI数据工作（D），report = 任一处含AI词；类别见第7.1节",
     ""},
    {"D2", "含人工智能词岗位的工作类别构成", "2.7 AI岗位的定义与工作类别", "stacked_bar", "quarter|ai_category",
     "share_pct", kFeaturesChapter, "category_mix", "含AI词岗位的工作类别构成（各季度）",
     "占比 = 该类岗位数 / 含AI词（任一处）的岗位数；类别按岗位本身的工作判定（第7.1节）", ""},
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
