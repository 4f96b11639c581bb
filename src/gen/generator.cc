#include "gen/generator.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <set>
#include <thread>

#include "aggregate/cube.h"
#include "base/parallel.h"
#include "base/text.h"
#include "io/atomic_file.h"
#include "jobsift/version.h"
#include "pipeline/report_job.h"

namespace jobsift {

std::string_view GenColumnName(GenColumn c) {
  static constexpr std::string_view kNames[] = {"id",         "Date",        "Position",    "City",
                                                "Salary",     "Degree",      "Experience",  "CompanyName",
                                                "CompanySize", "CompanyIndus", "Description"};
  return kNames[static_cast<size_t>(c)];
}

namespace {

// ---------------------------------------------------------------------------
// Text material. Everything a posting says comes from these lists; each
// piece's lexicon footprint is measured when the generator is built.

struct TitleSpec {
  const char* text;
  int kind;  // index into kClauses for non-AI titles
};

const char* const kAiTitles[] = {
    "算法工程师",         "机器学习工程师",     "深度学习工程师",     "计算机视觉算法工程师", "图像算法工程师",
    "NLP算法工程师",      "自然语言处理工程师", "大模型算法工程师",   "大模型应用开发工程师", "推荐算法工程师",
    "搜索算法工程师",     "语音识别算法工程师", "自动驾驶感知算法工程师", "AI算法工程师",    "AI研发工程师",
    "人工智能工程师",     "多模态算法研究员",   "AIGC算法工程师",     "机器人算法工程师",     "SLAM算法工程师",
    "视觉算法工程师",     "感知算法工程师",     "高级算法工程师",     "资深机器学习工程师",   "算法研究员",
    "深度学习平台开发工程师", "数据挖掘工程师", "AI训练师",           "大模型训练工程师",     "CV算法工程师"};

// Kinds of other work: 0 software, 1 sales, 2 finance, 3 people & admin,
// 4 design, 5 engineering & manufacturing, 6 service & retail, 7 operations.
const TitleSpec kOtherTitles[] = {
    {"Java开发工程师", 0}, {"前端开发工程师", 0}, {"测试工程师", 0},   {"运维工程师", 0},   {"PHP开发工程师", 0},
    {"C++开发工程师", 0},  {"嵌入式软件工程师", 0}, {"产品经理", 0},   {"销售经理", 1},     {"销售代表", 1},
    {"客户经理", 1},       {"大客户销售", 1},     {"渠道销售", 1},     {"会计", 2},         {"财务经理", 2},
    {"出纳", 2},           {"税务专员", 2},       {"人事专员", 3},     {"招聘专员", 3},     {"行政助理", 3},
    {"前台", 3},           {"平面设计师", 4},     {"UI设计师", 4},     {"室内设计师", 4},   {"机械工程师", 5},
    {"电气工程师", 5},     {"结构工程师", 5},     {"工艺工程师", 5},   {"质量工程师", 5},   {"生产主管", 5},
    {"土木工程师", 5},     {"店长", 6},           {"导购", 6},         {"厨师", 6},         {"客服专员", 6},
    {"课程顾问", 6},       {"护士", 6},           {"运营专员", 7},     {"新媒体运营", 7},   {"电商运营", 7},
    {"采购专员", 7},       {"仓库管理员", 7},     {"物流专员", 7},     {"项目经理", 7},     {"市场专员", 7}};

// Clauses of other work, by kind (duties and requirements alike).
const std::vector<std::vector<const char*>> kClauses = {
    {"负责后端服务的设计与开发", "参与系统需求分析与接口设计", "熟悉MySQL、Redis等常用组件", "编写单元测试并参与代码评审",
     "维护线上服务的稳定运行", "熟悉Linux常用命令", "参与前端页面开发与联调", "熟悉Git等版本管理工具"},
    {"完成公司下达的销售指标", "开拓新客户并维护老客户关系", "跟进订单执行与回款", "收集市场信息与竞品动态",
     "参加行业展会与客户拜访", "有一定的客户资源", "能适应经常出差"},
    {"负责日常账务处理与凭证审核", "编制月度、年度财务报表", "办理纳税申报与发票管理", "协助年度审计工作",
     "熟悉国家财税法规", "持有初级会计职称"},
    {"负责员工入职、离职手续办理", "维护各招聘渠道并筛选简历", "组织安排面试", "负责考勤统计与工资核算",
     "处理办公室日常行政事务", "做好来访接待工作"},
    {"负责品牌物料与海报的视觉设计", "根据需求完成界面设计与交互稿", "熟练使用Photoshop、Illustrator等软件",
     "有良好的审美与色彩感觉", "能独立完成设计方案并汇报"},
    {"负责产品结构设计与图纸绘制", "熟练使用AutoCAD、SolidWorks", "参与生产现场的工艺改进", "负责来料与制程质量检验",
     "编制作业指导书", "负责设备日常点检与保养", "熟悉ISO9001质量体系"},
    {"热情接待到店顾客", "负责门店日常运营与陈列", "处理客户咨询与售后问题", "完成门店销售目标", "按标准流程完成出品",
     "为学员家长提供课程咨询"},
    {"负责店铺日常运营与活动策划", "撰写公众号与短视频文案", "负责供应商开发与采购谈判", "负责仓库收发货与盘点",
     "跟踪物流时效并处理异常", "制定项目计划并跟踪进度", "分析运营数据并提出改进建议"}};

// General clauses for any posting.
const char* const kGeneral[] = {"完成上级交办的其他工作", "按时提交工作周报", "配合相关部门推进项目进度",
                                "整理并归档相关资料", "参与部门内部流程的梳理与改进", "身体健康，工作认真细致",
                                "能适应短期出差", "遵守公司各项规章制度", "参与需求评审与方案讨论",
                                "编写相关技术文档", "全日制本科及以上学历", "计算机、电子等相关专业"};

// Templates that put one AI term into a duty clause.
const char* const kAiTemplates[] = {"负责{}相关算法的研发与落地", "参与{}方向的模型研发", "熟悉{}",
                                    "掌握{}的原理与工程实践", "有{}项目实战经历", "基于{}构建业务解决方案",
                                    "在{}方向有深入研究", "推动{}技术在业务场景中的应用"};
// Templates that put one hard-skill term into a requirement.
const char* const kHardTemplates[] = {"熟悉{}", "掌握{}", "熟练使用{}", "具备{}相关知识", "有{}相关开发实践"};
const char* const kSoftTemplates[] = {"具备良好的{}", "有较强的{}", "{}"};

// Company blurbs: ordinary ones, then the kinds of traps.
const char* const kBlurbs[] = {
    "公司成立于2008年，总部位于上海，是一家专注于工业品流通的企业，现有员工三百余人。",
    "我们是一家集研发、生产、销售于一体的国家高新技术企业，产品远销海外三十多个国家和地区。",
    "集团深耕消费零售领域十余年，旗下拥有多个知名品牌，门店遍布全国。",
    "公司是区域领先的综合物流服务商，拥有自有车队和多个仓储中心。",
    "本公司是一家专业的财税咨询机构，为中小企业提供一站式服务。",
    "我们是一家快速成长的教育科技公司，致力于让优质教育触手可及。",
    "公司主营医疗器械的研发与销售，已通过多项国际质量认证。",
    "我们是一家连锁餐饮企业，坚持用心做好每一道菜。"};

struct Trap {
  const char* kind;
  const char* text;
  bool blurb;  // in the company blurb (else a requirement clause)
};
const Trap kTraps[] = {
    {"company_blurb_ai", "我们是一家人工智能科技公司，专注计算机视觉与大模型技术的产业落地，拥有多项深度学习专利。", true},
    {"company_blurb_ai", "公司以机器学习和自然语言处理为核心技术，服务金融、政务等行业客户。", true},
    {"bonus_item", "有机器学习、深度学习相关经验者优先", false},
    {"bonus_item", "熟悉大模型、AIGC相关工具者优先", false},
    {"ps_ai", "熟练使用PS/AI等设计软件", false},
    {"oracle", "熟悉Oracle、MySQL等数据库", false},
    {"smart_manufacturing", "负责智能制造产线的设备调试与维护", false},
    {"selling_ai", "负责公司AI产品的市场推广与销售", false},
    {"control_algorithm", "负责电机控制算法的开发与调试", false},
    {"ai_tools", "能熟练使用ChatGPT等AI工具提升工作效率", false}};

const char* const kBrandChars[] = {"星", "瀚", "华", "创", "智", "远", "博", "泰", "宏", "信", "达", "鼎", "恒", "盛",
                                   "新", "联", "润", "科", "源", "海", "安", "明", "卓", "锐", "弘", "嘉", "禾", "和",
                                   "云", "峰", "航", "通", "睿", "德", "成", "凯", "天", "宇", "晨", "光"};
const char* const kCompanyTypes[] = {"信息科技有限公司", "网络科技有限公司", "电子有限公司", "贸易有限公司",
                                     "实业有限公司",     "咨询有限公司",     "医药有限公司", "机械设备有限公司",
                                     "集团有限公司",     "餐饮管理有限公司", "教育科技有限公司", "新能源科技有限公司"};
const char* const kDistricts[] = {"高新区", "经开区", "新区", "城区"};

// Raw spellings of each canonical value, kept when the normaliser reads
// them back to that value (checked when the generator is built).
const std::vector<std::pair<const char*, std::vector<const char*>>> kDegreeSpellings = {
    {"博士", {"博士", "博士研究生", "博士及以上"}},
    {"硕士", {"硕士", "硕士研究生", "硕士及以上", "研究生"}},
    {"本科", {"本科", "本科及以上", "统招本科", "全日制本科"}},
    {"大专及以下", {"大专", "大专及以上", "中专/中技", "高中", "中专"}},
    {"不限", {"学历不限", "不限"}}};
const std::vector<std::pair<const char*, std::vector<const char*>>> kExperienceSpellings = {
    {"1年以下", {"1年以下", "在校/应届", "应届生", "1年以内"}},
    {"1-3年", {"1-3年", "1-3年经验", "2年经验"}},
    {"3-5年", {"3-5年", "3-4年经验", "3-5年经验"}},
    {"5-10年", {"5-10年", "5-7年", "5-10年经验"}},
    {"10年以上", {"10年以上", "10年以上经验"}},
    {"不限", {"经验不限", "不限", "无需经验"}}};
const std::vector<std::pair<const char*, std::vector<const char*>>> kSizeSpellings = {
    {"100人以下", {"20-99人", "少于50人", "0-20人", "50-99人"}},
    {"100-500人", {"100-499人", "150-500人", "100-299人"}},
    {"500-10000人", {"500-999人", "1000-9999人", "1000-5000人"}},
    {"10000人以上", {"10000人以上", "1万人以上"}}};
// Industry labels as sites print them (beside the canonical name itself).
const std::vector<std::pair<const char*, std::vector<const char*>>> kIndustrySpellings = {
    {"计算机互联网", {"计算机软件", "互联网/电子商务", "IT服务", "互联网"}},
    {"电子", {"电子技术/半导体/集成电路", "电子/电器"}},
    {"人力资源", {"人力资源服务", "外包服务"}},
    {"制造业", {"加工制造", "原材料和加工"}},
    {"咨询服务", {"专业服务/咨询", "咨询"}},
    {"医药生物", {"制药/生物工程", "生物医药"}},
    {"机械设备", {"机械/设备/重工"}},
    {"房地产", {"房地产/建筑/建材/工程", "房地产开发"}},
    {"通信", {"通信/电信/网络设备"}},
    {"广告", {"广告/会展/公关"}},
    {"新能源", {"新能源汽车", "光伏"}},
    {"汽车", {"汽车/摩托车"}},
    {"教育", {"教育/培训/院校"}}};

// ---------------------------------------------------------------------------
// Numbers.

uint64_t SplitMix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Every 50th row from row 1000 on re-posts an earlier row.
constexpr uint64_t kDuplicateEvery = 50, kFirstDuplicate = 1000;
bool IsDuplicate(uint64_t i) { return i >= kFirstDuplicate && (i + 1) % kDuplicateEvery == 0; }
uint64_t DuplicatesBefore(uint64_t i) {
  return i <= kFirstDuplicate ? 0 : i / kDuplicateEvery - kFirstDuplicate / kDuplicateEvery;
}

// Exact allocation of `total` items over categories in proportion to `p`,
// by cumulative rounding: every run of consecutive categories gets its
// share to within half an item.
struct Quota {
  std::vector<uint64_t> cum{0};
  Quota() = default;
  Quota(const std::vector<double>& p, uint64_t total) {
    double run = 0, sum = 0;
    for (double x : p) sum += x;
    cum.assign(1, 0);
    for (double x : p) {
      run += x;
      cum.push_back(std::min<uint64_t>(total, static_cast<uint64_t>(std::llround(run / sum * total))));
    }
    cum.back() = total;
  }
  static Quota FromCounts(const std::vector<uint64_t>& counts) {
    Quota q;
    for (uint64_t c : counts) q.cum.push_back(q.cum.back() + c);
    return q;
  }
  uint64_t total() const { return cum.back(); }
  uint64_t count(size_t k) const { return cum[k + 1] - cum[k]; }
  // The category of item r (< total()).
  size_t Find(uint64_t r) const { return std::upper_bound(cum.begin(), cum.end(), r) - cum.begin() - 1; }
};

// A bijection of [0, n) that scatters neighbours: r -> (m r + b) mod n, with
// m near n times an irrational fraction and coprime to n.
struct Scatter {
  uint64_t n = 1, m = 1, b = 0;
  Scatter() = default;
  Scatter(uint64_t size, double fraction, uint64_t offset) : n(std::max<uint64_t>(size, 1)) {
    m = std::max<uint64_t>(1, static_cast<uint64_t>(std::llround(n * fraction)));
    while (std::gcd(m, n) != 1) ++m;
    b = offset % n;
  }
  uint64_t operator()(uint64_t r) const {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(m) * r + b) % n);
  }
};

// Fractional parts of square roots of primes: one per scattering.
double Irrational(size_t k) {
  uint64_t p = 2;
  for (size_t found = 0;; ++p) {
    bool prime = true;
    for (uint64_t q = 2; q * q <= p; ++q) prime &= p % q != 0;
    if (prime && found++ == k) break;
  }
  double r = std::sqrt(static_cast<double>(p));
  return r - std::floor(r);
}

// Days of each month in 2023 and 2024 (ordinal 0 = 2023-01-01).
void FromOrdinal(int ordinal, int* y, int* m, int* d) {
  static constexpr int kDays[2][12] = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
                                       {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};
  *y = 2023;
  if (ordinal >= 365) {
    *y = 2024;
    ordinal -= 365;
  }
  int month = 0;
  while (ordinal >= kDays[*y - 2023][month]) ordinal -= kDays[*y - 2023][month++];
  *m = month + 1;
  *d = ordinal + 1;
}
int QuarterStart(int q) {  // q 0..5 -> ordinal of its first day
  static constexpr int kStart[7] = {0, 90, 181, 273, 365, 456, 547};
  return kStart[q];
}
int QuarterDays(int q) { return QuarterStart(q + 1) - QuarterStart(q); }
int HalfEnd(int q) { return QuarterStart((q / 2) * 2 + 2) - 1; }  // last ordinal of q's half

std::string Replace(const char* tmpl, std::string_view term) {
  std::string s = tmpl;
  size_t at = s.find("{}");
  if (at != std::string::npos) s.replace(at, 2, term);
  return s;
}

// "1.2" for 12000 in 万 (one decimal, none when whole).
std::string Wan(uint64_t yuan) {
  std::string s = std::to_string(yuan / 10000);
  uint64_t tenth = yuan % 10000 / 1000;
  if (tenth != 0) s += "." + std::to_string(tenth);
  return s;
}

}  // namespace

namespace {

// Index of `name` in `names` (the calibration's names are the spellings
// tables' canonical names).
size_t IndexOf(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) - names.begin();
}

template <typename T>
const T& PickOf(const std::vector<T>& v, uint64_t h) {
  return v[h % v.size()];
}

}  // namespace

// ---------------------------------------------------------------------------

struct Generator::Fragment {
  std::string text;
  std::vector<uint32_t> groups;    // lexicon group ids outside the AI domain, sorted
  std::vector<uint32_t> ai_terms;  // AI term ids counted outside the company blurb, sorted
  std::vector<uint32_t> strong;    // strong AI term ids among them
  bool any_ai = false;             // an AI term anywhere, blurb included
};

struct Generator::Pools {
  std::vector<Fragment> frags;
  std::vector<uint32_t> ai_titles, other_titles, ai_clauses, ai_clauses_free;
  std::vector<int> other_title_kind;
  std::vector<std::vector<uint32_t>> clauses_by_kind;  // no AI term
  std::vector<uint32_t> general;                       // no AI term
  std::vector<uint32_t> blurbs;
  struct PlantedTrap {
    std::string_view kind;
    uint32_t fragment;
    bool blurb;  // a company blurb (else a requirement clause)
  };
  std::vector<PlantedTrap> traps;
  // Per lexicon group: fragments whose footprint is that group alone (any
  // AI terms / none).
  std::vector<std::vector<uint32_t>> plant, plant_no_ai;
  std::vector<uint32_t> ai_group, other_group;  // calibrated groups, lexicon ids
  std::vector<double> ai_group_p, other_group_p;
  std::vector<std::vector<std::string>> degree, experience, size;  // spellings per canonical index
  std::vector<std::string> degree_names, experience_names, size_names;
  std::vector<std::vector<std::string>> industry;  // spellings per calibration industry
  std::vector<std::string> city_full;              // per calibration city
  std::vector<double> city_factor;                 // salary factor by tier
  std::vector<std::string> group_key;              // per lexicon group: "domain|category|group"
  std::vector<std::string> category_key;           // per lexicon group (hard): "hard|category|", else ""
};

// How the planted values are allocated over a file of a given length.
struct Generator::Plan {
  uint64_t ai_rate = 0;  // AI postings per original row, in 2^-32 units
  Scatter ai_order, other_order;
  Quota ai_half, other_half;
  // The postings of one half-year: quarter, industry and city, and every
  // other attribute, each allocated over the half's postings.
  struct Half {
    Quota quarter, industry, city_all;  // city_all: other postings
    std::vector<Quota> city;            // AI postings: per industry
    Quota degree, size, experience;
    std::vector<uint64_t> group_count;  // per calibrated group
    Scatter s_quarter, s_industry, s_city, s_degree, s_size, s_experience;
    std::vector<Scatter> s_group;
  };
  std::vector<Half> ai, other;

  // AI postings among the first o original rows.
  uint64_t AiBefore(uint64_t o) const { return static_cast<uint64_t>((static_cast<unsigned __int128>(o) * ai_rate) >> 32); }
};

Generator::~Generator() = default;

uint64_t Generator::H(uint64_t i, uint64_t salt) const { return SplitMix(seed_ ^ SplitMix(i * 0x100000001B3ull + salt)); }

StatusOr<std::unique_ptr<Generator>> Generator::Create(const Annotator* annotator, const FieldNormalizer* fields,
                                                       uint64_t seed, uint64_t rows) {
  std::unique_ptr<Generator> g(new Generator());
  g->annotator_ = annotator;
  g->fields_ = fields;
  g->seed_ = seed;
  std::vector<std::string> cities;
  for (const CityRow& row : fields->cities().rows())
    if (row.level == "直辖市" || row.level == "地级") cities.emplace_back(row.city);
  const std::string data_dir = fields->options().data_dir.empty() ? DefaultDataDir() : fields->options().data_dir;
  auto cal = MakeCalibration(fields->industries().Canonical(), cities, data_dir + "/gen/published.tsv");
  if (!cal.ok()) return cal.status();
  g->calibration_ = std::move(*cal);
  Status st = g->BuildVocabulary();
  if (!st.ok()) return st;
  g->MakePlan(rows);
  return g;
}

void Generator::MakePlan(uint64_t rows) {
  const Calibration& C = calibration_;
  const Pools& P = *pools_;
  plan_ = std::make_unique<Plan>();
  Plan& plan = *plan_;
  uint64_t originals = rows - DuplicatesBefore(rows);
  plan.ai_rate = static_cast<uint64_t>(std::llround(C.ai_share * 4294967296.0));
  uint64_t ai = plan.AiBefore(originals), other = originals - ai;
  size_t irrational = 0;
  auto scatter = [&](uint64_t n) {
    size_t k = irrational++;
    return Scatter(n, Irrational(k), SplitMix(seed_ + k));
  };
  plan.ai_order = scatter(ai);
  plan.other_order = scatter(other);
  auto probabilities = [](const Categorical& c) {
    std::vector<double> p;
    for (size_t k = 0; k < c.size(); ++k) p.push_back(c.p(k));
    return p;
  };
  // Categorical over the spelling tables' canonical order.
  auto reorder = [&](const Categorical& c, const std::vector<std::string>& order) {
    std::vector<double> p(order.size(), 0);
    for (size_t k = 0; k < c.size(); ++k) p[IndexOf(order, c.name(k))] = c.p(k);
    return p;
  };
  auto halves = [](const Categorical& quarter) {
    std::vector<double> p(kGenQuarters / 2, 0);
    for (int q = 0; q < kGenQuarters; ++q) p[q / 2] += quarter.p(q);
    return p;
  };
  auto quarters_of = [](const Categorical& quarter, int h) {
    return std::vector<double>{quarter.p(2 * h), quarter.p(2 * h + 1)};
  };
  plan.ai_half = Quota(halves(C.ai_quarter), ai);
  plan.other_half = Quota(halves(C.other_quarter), other);
  for (int h = 0; h < kGenQuarters / 2; ++h) {
    irrational = 0;  // the same scatterings in every half, over other sizes
    Plan::Half a;
    uint64_t n = plan.ai_half.count(h);
    a.quarter = Quota(quarters_of(C.ai_quarter, h), n);
    a.industry = Quota(probabilities(C.ai_industry), n);
    // Cities per industry: each industry's count exactly, and each city's
    // total over industries within about one posting (the rounding error a
    // city has accumulated decides which cities get the odd posting).
    std::vector<double> owed(C.cities.size(), 0);
    for (size_t i = 0; i < C.industries.size(); ++i) {
      uint64_t total = a.industry.count(i);
      const std::vector<double>& p = C.ai_city_given_industry[i];
      std::vector<uint64_t> counts(p.size());
      std::vector<double> want(p.size());
      uint64_t given = 0;
      for (size_t c = 0; c < p.size(); ++c) {
        want[c] = p[c] * total;
        counts[c] = static_cast<uint64_t>(std::floor(want[c]));
        given += counts[c];
      }
      // Cells of five postings or more round to nearest first (the quoted
      // cells of F25–34 are among them).
      for (size_t c = 0; c < p.size() && given < total; ++c)
        if (want[c] >= 5 && want[c] - counts[c] >= 0.5) {
          ++counts[c];
          ++given;
        }
      std::vector<size_t> order(p.size());
      std::iota(order.begin(), order.end(), 0);
      auto key = [&](size_t c) { return want[c] - counts[c] + owed[c]; };
      std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return key(x) > key(y); });
      for (size_t k = 0; given < total && k < order.size(); ++k, ++given) ++counts[order[k]];
      for (size_t c = 0; c < p.size(); ++c) owed[c] += want[c] - counts[c];
      a.city.push_back(Quota::FromCounts(counts));
    }
    a.degree = Quota(reorder(C.ai_degree, P.degree_names), n);
    a.size = Quota(reorder(C.ai_size_by_half[h], P.size_names), n);
    a.experience = Quota(reorder(C.ai_experience, P.experience_names), n);
    a.s_quarter = scatter(n);
    a.s_industry = scatter(n);
    a.s_degree = scatter(n);
    a.s_size = scatter(n);
    a.s_experience = scatter(n);
    for (double p : P.ai_group_p) {
      a.group_count.push_back(static_cast<uint64_t>(std::llround(p * n)));
      a.s_group.push_back(scatter(n));
    }
    plan.ai.push_back(std::move(a));

    irrational = 0;
    Plan::Half o;
    n = plan.other_half.count(h);
    o.quarter = Quota(quarters_of(C.other_quarter, h), n);
    o.industry = Quota(probabilities(C.other_industry), n);
    o.city_all = Quota(probabilities(C.other_city), n);
    o.degree = Quota(reorder(C.other_degree, P.degree_names), n);
    o.size = Quota(reorder(C.other_size, P.size_names), n);
    o.experience = Quota(reorder(C.other_experience, P.experience_names), n);
    o.s_quarter = scatter(n);
    o.s_industry = scatter(n);
    o.s_degree = scatter(n);
    o.s_size = scatter(n);
    o.s_experience = scatter(n);
    o.s_city = scatter(n);
    plan.other.push_back(std::move(o));
  }
}

Status Generator::BuildVocabulary() {
  pools_ = std::make_unique<Pools>();
  Pools& P = *pools_;
  const Lexicon& lex = annotator_->lexicon();
  auto scratch = annotator_->NewScratch();
  Annotation an;

  // The footprint of a piece of text, alone: in a title, a clause, or a
  // company blurb under its heading.
  enum Place { kTitle, kClause, kBlurb };
  auto measure = [&](std::string text, Place place) -> uint32_t {
    Fragment f;
    f.text = std::move(text);
    if (place == kTitle) {
      annotator_->AnnotateText(f.text, "", "", *scratch, &an);
    } else if (place == kClause) {
      annotator_->AnnotateText("", "<p>" + f.text + "</p>", "", *scratch, &an);
    } else {
      annotator_->AnnotateText("", "<p>公司介绍：</p><p>" + f.text + "</p>", "", *scratch, &an);
    }
    for (size_t d = 0; d < kDomainCount; ++d)
      if (static_cast<Domain>(d) != Domain::kAi) f.groups.insert(f.groups.end(), an.groups[d].begin(), an.groups[d].end());
    std::sort(f.groups.begin(), f.groups.end());
    for (const TermHit& h : an.ai_terms) {
      f.any_ai = true;
      if (h.section == Section::kCompany) continue;
      f.ai_terms.push_back(h.term);
      const Term& t = lex.terms()[h.term];
      if (!t.weak && !t.title_only) f.strong.push_back(h.term);
    }
    std::sort(f.ai_terms.begin(), f.ai_terms.end());
    std::sort(f.strong.begin(), f.strong.end());
    P.frags.push_back(std::move(f));
    return static_cast<uint32_t>(P.frags.size() - 1);
  };
  auto is_ai = [&](std::string_view title, std::string_view description) {
    annotator_->AnnotateText(title, description, "", *scratch, &an);
    return an.ai;
  };

  for (const Group& grp : lex.groups()) {
    P.group_key.push_back(std::string(DomainName(grp.domain)) + "|" + grp.category + "|" + grp.name);
    P.category_key.push_back(grp.domain == Domain::kHard ? std::string("hard|") + grp.category + "|" : "");
  }
  P.plant.resize(lex.groups().size());
  P.plant_no_ai.resize(lex.groups().size());

  // Clauses carrying AI terms: each must count towards the default rule on
  // its own (checked against a reference clause with another strong term).
  std::vector<uint32_t> candidates;
  for (uint32_t t = 0; t < lex.terms().size(); ++t) {
    const Term& term = lex.terms()[t];
    if (term.domain != Domain::kAi || term.weak || term.title_only) continue;
    // Role names (AI产品经理, 训练师, 标注员, 数据科学家) read oddly inside a duty.
    if (EndsWith(term.text, "师") || EndsWith(term.text, "员") || EndsWith(term.text, "经理") ||
        EndsWith(term.text, "家") || EndsWith(AsciiLower(term.text), "scientist"))
      continue;
    for (int k = 0; k < 3; ++k) {
      const char* tmpl = kAiTemplates[SplitMix(t * 7 + k) % std::size(kAiTemplates)];
      uint32_t id = measure(Replace(tmpl, term.text), kClause);
      if (!P.frags[id].strong.empty()) candidates.push_back(id);
    }
  }
  int ref[2] = {-1, -1};
  for (size_t a = 0; a < candidates.size() && ref[0] < 0; ++a)
    for (size_t b = a + 1; b < candidates.size() && b < a + 200; ++b) {
      const Fragment &fa = P.frags[candidates[a]], &fb = P.frags[candidates[b]];
      if (fa.strong.front() == fb.strong.front()) continue;
      if (is_ai("工程师", "<p>" + fa.text + "</p><p>" + fb.text + "</p>")) {
        ref[0] = static_cast<int>(candidates[a]);
        ref[1] = static_cast<int>(candidates[b]);
        break;
      }
    }
  if (ref[0] < 0) return InvalidArgument("gen: no two AI clauses make an AI posting under the default rule");
  for (uint32_t id : candidates) {
    const Fragment& f = P.frags[id];
    const Fragment* r = &P.frags[ref[0]];
    if (std::find(f.strong.begin(), f.strong.end(), r->strong.front()) != f.strong.end()) r = &P.frags[ref[1]];
    if (!is_ai("工程师", "<p>" + f.text + "</p><p>" + r->text + "</p>")) continue;
    P.ai_clauses.push_back(id);
    if (f.groups.empty()) P.ai_clauses_free.push_back(id);
  }
  if (P.ai_clauses_free.size() < 10)
    return InvalidArgument("gen: the AI lexicon has too few strong terms outside the skill lexicons (" +
                           std::to_string(P.ai_clauses_free.size()) + ")");

  std::string reference = "<p>" + P.frags[ref[0]].text + "</p><p>" + P.frags[ref[1]].text + "</p>";
  for (const char* title : kAiTitles) {
    uint32_t id = measure(title, kTitle);
    if (is_ai(title, reference)) P.ai_titles.push_back(id);
  }
  if (P.ai_titles.size() < 10) return InvalidArgument("gen: too few AI titles make AI postings");
  for (const TitleSpec& t : kOtherTitles) {
    uint32_t id = measure(t.text, kTitle);
    if (!P.frags[id].any_ai) {
      P.other_titles.push_back(id);
      P.other_title_kind.push_back(t.kind);
    }
  }

  // Plain clauses and blurbs: only those without AI terms.
  for (const auto& kind : kClauses) {
    P.clauses_by_kind.emplace_back();
    for (const char* c : kind) {
      uint32_t id = measure(c, kClause);
      if (!P.frags[id].any_ai) P.clauses_by_kind.back().push_back(id);
    }
  }
  for (const char* c : kGeneral) {
    uint32_t id = measure(c, kClause);
    if (!P.frags[id].any_ai && P.frags[id].groups.empty()) P.general.push_back(id);
  }
  for (const char* b : kBlurbs) {
    uint32_t id = measure(b, kBlurb);
    if (!P.frags[id].any_ai && P.frags[id].groups.empty()) P.blurbs.push_back(id);
  }
  if (P.general.size() < 4 || P.blurbs.size() < 4) return InvalidArgument("gen: the lexicons match the neutral text");

  // Traps: none may make an AI posting with any other title.
  for (const Trap& t : kTraps) {
    uint32_t id = measure(t.text, t.blurb ? kBlurb : kClause);
    std::string d = t.blurb ? "<p>公司介绍：</p><p>" + std::string(t.text) + "</p>" : "<p>" + std::string(t.text) + "</p>";
    bool ok = P.frags[id].groups.empty() || !t.blurb;
    for (uint32_t title : P.other_titles) ok = ok && !is_ai(P.frags[title].text, d);
    if (!ok) return InvalidArgument(std::string("gen: trap \"") + t.text + "\" makes an AI posting");
    P.traps.push_back({t.kind, id, t.blurb});
  }

  // Plants: one term of a skill or benefit group, whose footprint is that
  // group alone.
  for (uint32_t t = 0; t < lex.terms().size(); ++t) {
    const Term& term = lex.terms()[t];
    if (term.domain == Domain::kAi) continue;
    std::vector<std::string> texts;
    if (term.domain == Domain::kHard) {
      for (int k = 0; k < 2; ++k)
        texts.push_back(Replace(kHardTemplates[SplitMix(t * 13 + k) % std::size(kHardTemplates)], term.text));
    } else if (term.domain == Domain::kSoft) {
      // Chinese phrases only (not "ownership"), of three characters or more
      // (not a bare 负责); alone as a clause only from four.
      bool ascii = true;
      for (unsigned char c : term.text) ascii &= c < 0x80;
      if (ascii || term.text.size() < 9) continue;
      size_t templates = term.text.size() >= 12 ? std::size(kSoftTemplates) : 2;
      texts.push_back(Replace(kSoftTemplates[SplitMix(t * 17) % templates], term.text));
    } else {
      texts.push_back(term.text);
    }
    for (std::string& text : texts) {
      uint32_t id = measure(std::move(text), kClause);
      const Fragment& f = P.frags[id];
      if (f.groups.size() != 1 || f.groups[0] != term.group) continue;
      P.plant[term.group].push_back(id);
      if (!f.any_ai) P.plant_no_ai[term.group].push_back(id);
    }
  }
  std::map<std::string, uint32_t> group_by_name;
  for (uint32_t gid = 0; gid < lex.groups().size(); ++gid)
    group_by_name[std::string(DomainName(lex.groups()[gid].domain)) + "|" + lex.groups()[gid].name] = gid;
  for (const auto& [name, p] : calibration_.ai_groups) {
    auto it = group_by_name.find(name);
    if (it == group_by_name.end()) return InvalidArgument("gen: the lexicons have no group " + name);
    if (P.plant[it->second].empty()) return InvalidArgument("gen: no term plants group " + name + " alone");
    P.ai_group.push_back(it->second);
    P.ai_group_p.push_back(p);
  }
  for (const auto& [name, p] : calibration_.other_groups) {
    auto it = group_by_name.find(name);
    if (it == group_by_name.end() || P.plant_no_ai[it->second].empty()) continue;
    P.other_group.push_back(it->second);
    P.other_group_p.push_back(p);
  }

  // Field spellings, each read back by the normaliser.
  auto check = [&](Field field, const std::string& raw, std::string_view want) {
    Posting p;
    p.value[static_cast<size_t>(field)] = raw;
    DerivedFields d;
    fields_->Normalize(p, &d);
    switch (field) {
      case Field::kDegree: return d.degree.ok() && DegreeLevelName(d.degree.value) == want;
      case Field::kExperience: return d.experience.ok() && ExperienceBandName(d.experience.value) == want;
      case Field::kCompanySize: return d.company_size.ok() && CompanySizeBandName(d.company_size.value) == want;
      case Field::kCompanyIndus: return d.industry.ok() && d.industry.value == want;
      case Field::kCity: return d.city.ok() && d.city.value.city == want;
      default: return false;
    }
  };
  auto spellings = [&](Field field, const std::vector<std::pair<const char*, std::vector<const char*>>>& table,
                       std::vector<std::string>* names, std::vector<std::vector<std::string>>* out) -> Status {
    for (const auto& [canonical, raws] : table) {
      names->push_back(canonical);
      out->emplace_back();
      for (const char* raw : raws)
        if (check(field, raw, canonical)) out->back().push_back(raw);
      if (out->back().empty()) return InvalidArgument(std::string("gen: no spelling of ") + canonical + " parses back");
    }
    return Status::Ok();
  };
  Status st = spellings(Field::kDegree, kDegreeSpellings, &P.degree_names, &P.degree);
  if (st.ok()) st = spellings(Field::kExperience, kExperienceSpellings, &P.experience_names, &P.experience);
  if (st.ok()) st = spellings(Field::kCompanySize, kSizeSpellings, &P.size_names, &P.size);
  if (!st.ok()) return st;
  for (const std::string& name : calibration_.industries) {
    P.industry.emplace_back();
    if (check(Field::kCompanyIndus, name, name)) P.industry.back().push_back(name);
    for (const auto& [canonical, raws] : kIndustrySpellings)
      if (name == canonical)
        for (const char* raw : raws)
          if (check(Field::kCompanyIndus, raw, name)) P.industry.back().push_back(raw);
    if (P.industry.back().empty()) return InvalidArgument("gen: industry " + name + " does not parse back");
  }
  for (const std::string& name : calibration_.cities) {
    std::string full;
    double factor = 0.85;
    for (const CityRow& row : fields_->cities().rows())
      if (row.city == name) {
        full = std::string(row.full_name);
        if (row.tier == "一线") factor = 1.1;
        if (row.tier == "新一线") factor = 1.0;
        break;
      }
    if (!check(Field::kCity, name, name)) return InvalidArgument("gen: city " + name + " does not parse back");
    P.city_full.push_back(check(Field::kCity, full, name) ? full : name);
    P.city_factor.push_back(factor);
  }
  return Status::Ok();
}

void Generator::Make(uint64_t i, GenRow* out) const {
  if (IsDuplicate(i)) {
    // A re-post of one of the last thousand rows: the same posting, a few
    // days later within the source's half-year.
    uint64_t j = i - 1 - H(i, 1) % 997;
    Make(j, out);
    int q = static_cast<int>(IndexOf(calibration_.quarters, out->planted.dim[static_cast<size_t>(Dim::kQuarter)]));
    int start = QuarterStart(q) + static_cast<int>(H(j, 2) % QuarterDays(q));
    int moved = std::min(HalfEnd(q), start + 1 + static_cast<int>(H(i, 3) % 20));
    int y, m, d;
    FromOrdinal(moved, &y, &m, &d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    out->cells[static_cast<size_t>(GenColumn::kDate)] = buf;
    out->cells[static_cast<size_t>(GenColumn::kId)] = "J" + std::to_string(i);
    out->duplicate = true;
    return;
  }
  MakeOriginal(i, out);
}

void Generator::MakeOriginal(uint64_t i, GenRow* out) const {
  const Calibration& C = calibration_;
  const Pools& P = *pools_;
  const Lexicon& lex = annotator_->lexicon();
  auto cell = [&](GenColumn c) -> std::string& { return out->cells[static_cast<size_t>(c)]; };
  for (std::string& c : out->cells) c.clear();
  out->duplicate = false;
  out->trap = "";
  Contribution& planted = out->planted;
  planted = Contribution();
  auto dim = [&](Dim d) -> std::string& { return planted.dim[static_cast<size_t>(d)]; };

  cell(GenColumn::kId) = "J" + std::to_string(i);
  // The allocation: this row's rank among AI (or other) original rows,
  // scattered, picks its quarter; its rank within the quarter picks the rest.
  const Plan& plan = *plan_;
  uint64_t o = i - DuplicatesBefore(i);
  uint64_t ai_before = plan.AiBefore(o);
  bool ai = plan.AiBefore(o + 1) > ai_before;
  planted.ai = ai;
  size_t h, industry, city, degree, size, experience;
  uint64_t r;
  const Plan::Half* Q;
  if (ai) {
    uint64_t s = plan.ai_order(ai_before);
    h = plan.ai_half.Find(s);
    r = s - plan.ai_half.cum[h];
    Q = &plan.ai[h];
    industry = Q->industry.Find(r);
    city = Q->city[industry].Find(r - Q->industry.cum[industry]);
  } else {
    uint64_t s = plan.other_order(o - ai_before);
    h = plan.other_half.Find(s);
    r = s - plan.other_half.cum[h];
    Q = &plan.other[h];
    industry = Q->industry.Find(Q->s_industry(r));
    city = Q->city_all.Find(Q->s_city(r));
  }
  size_t q = 2 * h + Q->quarter.Find(Q->s_quarter(r));
  degree = Q->degree.Find(Q->s_degree(r));
  size = Q->size.Find(Q->s_size(r));
  experience = Q->experience.Find(Q->s_experience(r));
  dim(Dim::kQuarter) = C.quarters[q];
  dim(Dim::kIndustry) = C.industries[industry];
  dim(Dim::kDegree) = P.degree_names[degree];
  dim(Dim::kSize) = P.size_names[size];
  dim(Dim::kExperience) = P.experience_names[experience];

  // Date, in one of four spellings.
  int y, m, d;
  FromOrdinal(QuarterStart(static_cast<int>(q)) + static_cast<int>(H(i, 2) % QuarterDays(static_cast<int>(q))), &y,
              &m, &d);
  char buf[64];
  switch (H(i, 4) % 20) {
    case 0: case 1: case 2: std::snprintf(buf, sizeof buf, "%d/%d/%d", y, m, d); break;
    case 3: case 4: case 5: std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d); break;
    case 6: case 7: case 8: case 9:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, static_cast<int>(H(i, 5) % 24),
                    static_cast<int>(H(i, 6) % 60), static_cast<int>(H(i, 7) % 60));
      break;
    default: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  cell(GenColumn::kDate) = buf;

  // City: a few other postings name no city (异地招聘, 全国).
  uint64_t hc = H(i, 8);
  if (!ai && hc % 1000 < 3) {
    cell(GenColumn::kCity) = hc % 2 ? "异地招聘" : "全国";
  } else {
    dim(Dim::kCity) = C.cities[city];
    switch (hc % 20) {
      case 0: case 1: case 2: cell(GenColumn::kCity) = P.city_full[city]; break;
      case 3: case 4: case 5: cell(GenColumn::kCity) = C.cities[city] + "-" + kDistricts[(hc >> 8) % std::size(kDistricts)]; break;
      case 6: case 7: case 8: cell(GenColumn::kCity) = C.cities[city] + "·" + kDistricts[(hc >> 8) % std::size(kDistricts)]; break;
      default: cell(GenColumn::kCity) = C.cities[city];
    }
  }
  cell(GenColumn::kDegree) = PickOf(P.degree[degree], H(i, 9));
  cell(GenColumn::kExperience) = PickOf(P.experience[experience], H(i, 10));
  cell(GenColumn::kCompanySize) = PickOf(P.size[size], H(i, 11));
  if (H(i, 12) % 50 == 0) cell(GenColumn::kCompanySize) = "\u00a0" + cell(GenColumn::kCompanySize) + " ";
  cell(GenColumn::kCompanyIndus) = H(i, 13) % 5 < 3 ? C.industries[industry] : PickOf(P.industry[industry], H(i, 14));
  uint64_t hn = H(i, 15);
  cell(GenColumn::kCompanyName) = std::string(hn % 3 == 0 ? C.cities[city] : "") + kBrandChars[(hn >> 4) % std::size(kBrandChars)] +
                                  kBrandChars[(hn >> 12) % std::size(kBrandChars)] +
                                  kCompanyTypes[(hn >> 20) % std::size(kCompanyTypes)];

  // Pay: annual target from industry, degree, experience, city tier.
  static constexpr double kDegreeFactor[] = {1.45, 1.15, 1.0, 0.7, 0.75};
  static constexpr double kExperienceFactor[] = {0.7, 0.85, 1.0, 1.2, 1.4, 0.9};
  double annual = C.ai_salary_by_industry[industry] * (ai ? 1 : 1 / (1 + C.ai_premium_by_industry[industry]));
  annual *= kDegreeFactor[degree] * kExperienceFactor[experience] * P.city_factor[city];
  annual *= 0.75 + 0.5 * static_cast<double>(H(i, 16) % 1000) / 1000;
  uint64_t hs = H(i, 17);
  int months = 12;
  if (hs % 100 < 10) months = 13;
  else if (hs % 100 < 16) months = 14;
  else if (hs % 100 < 19) months = 15;
  else if (hs % 100 < 20) months = 16;
  double ratio = 1.3 + static_cast<double>((hs >> 8) % 8) / 10;  // max / min
  double mid = annual / months;
  uint64_t lo = static_cast<uint64_t>(std::llround(mid * 2 / (1 + ratio) / 1000)) * 1000;
  lo = std::max<uint64_t>(lo, 3000);
  uint64_t hi = std::max(lo + 1000, static_cast<uint64_t>(std::llround(lo * ratio / 1000)) * 1000);
  std::string& sal = cell(GenColumn::kSalary);
  std::string suffix = months > 12 ? "·" + std::to_string(months) + "薪" : "";
  int format = static_cast<int>((hs >> 16) % 100);
  planted.has_salary = true;
  if (format < 4) {
    sal = "面议";
    planted.has_salary = false;
  } else if (format < 34) {
    sal = lo >= 10000 ? Wan(lo) + "-" + Wan(hi) + "万" : std::to_string(lo / 1000) + "千-" + Wan(hi) + "万";
    if (hi < 10000) sal = std::to_string(lo / 1000) + "-" + std::to_string(hi / 1000) + "千";
    sal += suffix;
    planted.annual = std::llround((lo + hi) / 2.0 * months);
  } else if (format < 64) {
    sal = std::to_string(lo / 1000) + ((hs >> 24) % 2 ? "K-" : "k-") + std::to_string(hi / 1000) + ((hs >> 24) % 2 ? "K" : "k") + suffix;
    planted.annual = std::llround((lo + hi) / 2.0 * months);
  } else if (format < 78) {
    sal = std::to_string(lo) + "-" + std::to_string(hi) + "元/月";
    planted.annual = std::llround((lo + hi) / 2.0 * 12);
  } else if (format < 90) {
    uint64_t alo = std::max<uint64_t>(1, lo * 12 / 10000), ahi = std::max(alo + 1, hi * 12 / 10000);
    sal = std::to_string(alo) + "-" + std::to_string(ahi) + "万/年";
    planted.annual = std::llround((alo * 10000.0 / 12 + ahi * 10000.0 / 12) / 2 * 12);
  } else if (format < 93 && !ai) {
    uint64_t dlo = std::max<uint64_t>(100, lo / 22 / 10 * 10), dhi = dlo + 50;
    sal = std::to_string(dlo) + "-" + std::to_string(dhi) + "元/天";
    planted.annual = std::llround((dlo * 21.75 + dhi * 21.75) / 2 * 12);
  } else {
    sal = Wan(lo >= 10000 ? lo : 10000) + "-" + Wan(std::max<uint64_t>(hi, 20000)) + "万" + suffix;
    planted.annual = std::llround(((lo >= 10000 ? lo : 10000) + std::max<uint64_t>(hi, 20000)) / 2.0 * months);
  }
  if (planted.has_salary && H(i, 18) % 50 == 0) sal = "['" + sal + "']";

  // The text. AI postings: the groups to mention are drawn first; every
  // fragment used must stay within them.
  std::vector<uint32_t> want;  // lexicon group ids, sorted
  if (ai) {
    for (size_t k = 0; k < P.ai_group.size(); ++k)
      if (Q->s_group[k](r) < Q->group_count[k]) want.push_back(P.ai_group[k]);
  } else {
    for (size_t k = 0; k < P.other_group.size(); ++k)
      if (static_cast<double>(H(i, 100 + k) % 10000) / 10000 < P.other_group_p[k]) want.push_back(P.other_group[k]);
  }
  std::sort(want.begin(), want.end());
  auto fits = [&](const Fragment& f) { return std::includes(want.begin(), want.end(), f.groups.begin(), f.groups.end()); };
  std::vector<uint32_t> have;  // groups the chosen fragments mention
  std::vector<uint32_t> ai_terms;
  bool any_ai = false;
  auto take = [&](uint32_t id) {
    const Fragment& f = P.frags[id];
    have.insert(have.end(), f.groups.begin(), f.groups.end());
    ai_terms.insert(ai_terms.end(), f.ai_terms.begin(), f.ai_terms.end());
    any_ai |= f.any_ai;
    return id;
  };

  uint32_t title;
  std::vector<uint32_t> duties, reqs, benefits;
  int kind = 0;
  if (ai) {
    title = P.ai_titles[0];
    for (int k = 0; k < 8; ++k) {
      uint32_t t = PickOf(P.ai_titles, H(i, 20 + k));
      if (fits(P.frags[t])) {
        title = t;
        break;
      }
    }
    if (!fits(P.frags[title])) title = P.ai_titles[0];
    take(title);
    // Two to four AI clauses with distinct strong terms.
    size_t n = 2 + H(i, 30) % 3;
    std::vector<uint32_t> strong;
    auto try_clause = [&](uint32_t c) {
      const Fragment& f = P.frags[c];
      if (!fits(f)) return;
      for (uint32_t s : f.strong)
        if (std::find(strong.begin(), strong.end(), s) != strong.end()) return;
      strong.insert(strong.end(), f.strong.begin(), f.strong.end());
      duties.push_back(take(c));
    };
    for (int k = 0; k < 40 && duties.size() < n; ++k)
      try_clause(k < 24 ? PickOf(P.ai_clauses, H(i, 40 + k)) : PickOf(P.ai_clauses_free, H(i, 40 + k)));
    // The two the default rule needs, whatever the draws: the group-free
    // clauses always fit, and there are at least ten (BuildVocabulary).
    for (size_t k = 0; k < P.ai_clauses_free.size() && duties.size() < 2; ++k) try_clause(P.ai_clauses_free[k]);
  } else {
    size_t t = H(i, 20) % P.other_titles.size();
    title = take(P.other_titles[t]);
    kind = P.other_title_kind[t];
    const auto& pool = P.clauses_by_kind[kind];
    size_t n = 2 + H(i, 30) % 3;
    for (size_t k = 0; k < 3 * n && duties.size() < n; ++k) {  // distinct clauses
      uint32_t c = PickOf(pool, H(i, 40 + k));
      if (std::find(duties.begin(), duties.end(), c) == duties.end()) duties.push_back(take(c));
    }
  }
  cell(GenColumn::kPosition) = P.frags[title].text;
  // Plant every wanted group not yet mentioned.
  std::sort(have.begin(), have.end());
  for (size_t k = 0; k < want.size(); ++k) {
    uint32_t g = want[k];
    if (std::binary_search(have.begin(), have.end(), g)) continue;
    const auto& pool = ai ? P.plant[g] : P.plant_no_ai[g];
    if (pool.empty()) continue;
    uint32_t id = take(PickOf(pool, H(i, 200 + k)));
    (lex.groups()[g].domain == Domain::kBenefit ? benefits : reqs).push_back(id);
  }
  // Filler clauses, and now and then a company blurb or a trap.
  size_t fill = 1 + H(i, 31) % 3;
  for (size_t k = 0; k < 3 * fill && fill > 0; ++k) {
    uint32_t c = PickOf(P.general, H(i, 60 + k));
    if (std::find(reqs.begin(), reqs.end(), c) != reqs.end()) continue;
    reqs.push_back(take(c));
    --fill;
  }

  int blurb = -1;
  if (H(i, 32) % 10 < 3) blurb = static_cast<int>(take(PickOf(P.blurbs, H(i, 33))));
  if (!ai && H(i, 19) % 10 == 0) {
    const Pools::PlantedTrap& trap = P.traps[H(i, 34) % P.traps.size()];
    out->trap = trap.kind;
    if (trap.blurb) {
      blurb = static_cast<int>(take(trap.fragment));
    } else {
      reqs.insert(reqs.begin() + H(i, 35) % (reqs.size() + 1), take(trap.fragment));
    }
  }
  // Shuffle within sections (deterministically) so clause order varies.
  auto shuffle = [&](std::vector<uint32_t>& v, uint64_t salt) {
    for (size_t k = v.size(); k > 1; --k) std::swap(v[k - 1], v[H(i, salt + k) % k]);
  };
  shuffle(reqs, 300);
  shuffle(benefits, 400);

  // Assemble in one of three layouts.
  std::string& text = cell(GenColumn::kDescription);
  text.reserve(1200);
  int layout = static_cast<int>(H(i, 36) % 3);
  static constexpr const char* kDutyHeads[] = {"岗位职责", "工作职责", "职位职责"};
  static constexpr const char* kReqHeads[] = {"任职要求", "岗位要求", "任职资格"};
  static constexpr const char* kBenefitHeads[] = {"福利待遇", "公司福利", "薪酬福利"};
  static constexpr const char* kBlurbHeads[] = {"公司介绍", "公司简介"};
  auto list = [&](const char* head, const std::vector<uint32_t>& items) {
    if (items.empty()) return;
    if (layout == 0) {
      text += "<p>";
      text += head;
      text += "：</p><ol>";
      for (uint32_t id : items) text += "<li>" + P.frags[id].text + "；</li>";
      text += "</ol>";
    } else {
      text += head;
      text += layout == 1 ? "：<br>" : "：\r\n";
      int n = 1;
      for (uint32_t id : items) {
        text += std::to_string(n++) + (layout == 1 ? ". " : "、") + P.frags[id].text + "；";
        text += layout == 1 ? "<br>" : "\r\n";
      }
    }
  };
  list(kDutyHeads[H(i, 37) % 3], duties);
  list(kReqHeads[H(i, 38) % 3], reqs);
  if (!benefits.empty()) {
    std::string b;
    for (size_t k = 0; k < benefits.size(); ++k) b += (k ? "、" : "") + P.frags[benefits[k]].text;
    const char* head = kBenefitHeads[H(i, 39) % 3];
    text += layout == 0 ? "<p>" + std::string(head) + "：" + b + "</p>" : std::string(head) + "：" + b + (layout == 1 ? "<br>" : "\r\n");
  }
  if (blurb >= 0) {
    const char* head = kBlurbHeads[H(i, 41) % 2];
    text += layout == 0 ? "<p>" + std::string(head) + "：</p><p>" + P.frags[blurb].text + "</p>"
                        : std::string(head) + "：" + (layout == 1 ? "<br>" : "\r\n") + P.frags[blurb].text;
  }

  // What the report must count.
  out->any_ai_term = any_ai;
  if (ai) {
    std::sort(have.begin(), have.end());
    have.erase(std::unique(have.begin(), have.end()), have.end());
    std::set<std::string_view> categories;
    for (uint32_t g : have) {
      planted.groups.push_back(P.group_key[g]);
      if (!P.category_key[g].empty() && categories.insert(P.category_key[g]).second)
        planted.groups.push_back(P.category_key[g]);
    }
    std::sort(ai_terms.begin(), ai_terms.end());
    ai_terms.erase(std::unique(ai_terms.begin(), ai_terms.end()), ai_terms.end());
    for (uint32_t t : ai_terms) planted.ai_terms.push_back(lex.terms()[t].text);
  }
}

// ---------------------------------------------------------------------------

namespace {

void AppendRow(const GenRow& row, GenFormat format, std::string& out) {
  if (format == GenFormat::kCsv) {
    for (size_t c = 0; c < kGenColumnCount; ++c) {
      if (c) out += ',';
      AppendCsvField(row.cells[c], out);
    }
    out += "\r\n";
    return;
  }
  out += '{';
  for (size_t c = 0; c < kGenColumnCount; ++c) {
    if (c) out += ',';
    AppendJsonString(GenColumnName(static_cast<GenColumn>(c)), out);
    out += ':';
    AppendJsonString(row.cells[c], out);
  }
  out += "}\n";
}

struct Block {
  std::string text;
  std::vector<GenRow> rows;  // kept only when the truth is wanted
  uint64_t first = 0, count = 0;
};

}  // namespace

Status GenerateFile(const Generator& gen, const GenOptions& options, const std::string& path, GenTruth* truth,
                    const std::atomic<bool>* cancel) {
  // A regular file appears when complete; stdout, /dev/null or a pipe is
  // written as it goes (io/atomic_file.h).
  auto out = AtomicFile::Open(path);
  if (!out.ok()) return out.status();
  std::FILE* f = (*out)->stream();
  bool bad = false;
  if (options.format == GenFormat::kCsv) {
    std::string header;
    for (size_t c = 0; c < kGenColumnCount; ++c) {
      if (c) header += ',';
      header += GenColumnName(static_cast<GenColumn>(c));
    }
    header += "\r\n";
    bad |= std::fwrite(header.data(), 1, header.size(), f) != header.size();
  }
  // Blocks of rows made on the threads and written in order (base/parallel.h):
  // the bytes are the same whatever the thread count.
  const int threads = ThreadsFor(options.threads);
  constexpr uint64_t kBlockRows = 2048;
  auto make = [&](Block& b, GenRow& row) {
    b.rows.resize(truth != nullptr ? b.count : 0);
    for (uint64_t r = 0; r < b.count; ++r) {
      GenRow& target = truth != nullptr ? b.rows[r] : row;
      gen.Make(b.first + r, &target);
      AppendRow(target, options.format, b.text);
    }
    return std::move(b);
  };
  auto write = [&](Block&& b) {
    if (bad) return;
    bad |= std::fwrite(b.text.data(), 1, b.text.size(), f) != b.text.size();
    if (truth == nullptr) return;
    for (const GenRow& row : b.rows) {
      ++truth->rows;
      if (row.duplicate) {
        ++truth->duplicates;
        continue;
      }
      ++truth->postings;
      truth->ai_postings += row.planted.ai;
      truth->any_ai_term += row.planted.ai || row.any_ai_term;
      truth->salary_unknown += !row.planted.has_salary;
      truth->city_unknown += row.planted.dim[static_cast<size_t>(Dim::kCity)].empty();
      if (!row.trap.empty()) ++truth->traps[std::string(row.trap)];
      truth->cube.Add(row.planted.View().record);
    }
  };
  OrderedPipeline<Block, Block, GenRow> pipeline(threads, static_cast<size_t>(threads) * 4, make, write);
  for (uint64_t next = 0; next < options.rows && !bad; next += kBlockRows) {
    if (cancel != nullptr && cancel->load()) return IoError(path + ": interrupted; nothing written");
    Block b;
    b.first = next;
    b.count = std::min(kBlockRows, options.rows - next);
    pipeline.Submit(std::move(b));
  }
  pipeline.Drain();
  return (*out)->Commit(bad);
}

std::string GenTruthJson(const GenTruth& truth, const TableOptions& options, uint64_t seed) {
  std::string o = "{\"generator\":\"jobsift gen\",\"jobsift_version\":";
  AppendJsonString(JOBSIFT_VERSION, o);
  o += ",\"seed\":" + std::to_string(seed);
  o += ",\"rows\":" + std::to_string(truth.rows);
  o += ",\"postings\":" + std::to_string(truth.postings);
  o += ",\"duplicates_removed\":" + std::to_string(truth.duplicates);
  o += ",\"ai_postings\":" + std::to_string(truth.ai_postings);
  o += ",\"report_rule_ai_postings\":" + std::to_string(truth.any_ai_term);
  o += ",\"salary_unknown\":" + std::to_string(truth.salary_unknown);
  o += ",\"city_unknown\":" + std::to_string(truth.city_unknown);
  o += ",\"traps\":";
  AppendJsonCounts(truth.traps, o);
  o += ",\"tables\":";
  o += TablesJson(BuildTables(truth.cube, options));
  o += "}\n";
  return o;
}

}  // namespace jobsift
