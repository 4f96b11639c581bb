#include "gen/calibration.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <utility>

#include "base/data_file.h"
#include "base/text.h"

namespace jobsift {

Categorical::Categorical(std::vector<std::string> names, std::vector<double> weights)
    : names_(std::move(names)), p_(std::move(weights)) {
  double total = 0;
  for (double w : p_) total += w;
  for (double& w : p_) w /= total;
}

namespace {

using Weights = std::vector<std::pair<std::string, double>>;

// kQuoted marks a figure SPEC §3 quotes: MakeCalibration reads it from
// data/gen/published.tsv, the one place the published figures are written.
constexpr double kQuoted = std::numeric_limits<double>::quiet_NaN();
constexpr double Q = kQuoted;

// F1: share of all AI postings in each quarter.
const Weights kAiQuarter = {{"2023Q1", Q}, {"2023Q2", Q}, {"2023Q3", Q}, {"2023Q4", Q}, {"2024Q1", Q}, {"2024Q2", Q}};
// Ours: other postings per AI posting, relative to 2024H1, by half-year (AI
// intensity rising over the window, as the report describes).
const double kOtherPerAiByHalf[3] = {1.25, 1.10, 1.0};
// Ours: other postings per AI posting in 2024H1 (AI intensity 1/(1+27) =
// 3.57%); with F4's degree intensities this leaves 7% of other postings
// asking no degree.
constexpr double kOtherPerAi = 27.0;

// F6 (2024H1 shares of AI postings, the 11 quoted), then ours for the other
// named industries, each below the last quoted one; the remaining share
// spreads evenly over every other canonical industry.
const Weights kAiIndustry = {
    {"计算机互联网", Q}, {"电子", Q}, {"人力资源", Q}, {"制造业", Q}, {"咨询服务", Q},
    {"医药生物", Q},     {"机械设备", Q}, {"房地产", Q}, {"通信", Q},   {"广告", Q},
    {"新能源", Q},       {"汽车", 1.45},   {"半导体", 1.40}, {"教育", 1.35},   {"非银金融", 1.30},
    {"培训/辅导服务", 1.20}, {"游戏", 1.15},   {"零售/批发", 1.10}, {"服务业", 1.05}, {"贸易/进出口", 1.00},
    {"快速消费品", 0.95},   {"餐饮", 0.90}};

// AI postings by city. 北京 and 上海 follow from F25–34 and F35–44 (北京 =
// 19.71% × 35.43% / 38.85%; 上海 = 7.82% × 35.43% / 34.30%); the rest are
// ours, in the order of the report's top-10 cities; the remaining share
// spreads evenly over every other prefecture-level city.
const Weights kAiCity = {
    {"北京", 17.975}, {"深圳", 8.60}, {"上海", 8.078}, {"成都", 5.00}, {"广州", 4.80}, {"杭州", 4.40},
    {"南京", 4.20},   {"苏州", 3.00}, {"西安", 2.80},  {"郑州", 2.20}, {"武汉", 2.10}, {"合肥", 1.70},
    {"长沙", 1.50},   {"重庆", 1.40}, {"天津", 1.30},  {"青岛", 1.10}, {"东莞", 1.00}, {"宁波", 1.00},
    {"厦门", 0.90},   {"济南", 0.90}, {"无锡", 0.85},  {"福州", 0.80}, {"佛山", 0.75}, {"大连", 0.70},
    {"沈阳", 0.65},   {"珠海", 0.60}, {"昆明", 0.55},  {"南昌", 0.55}, {"石家庄", 0.50}, {"哈尔滨", 0.50},
    {"长春", 0.45},   {"太原", 0.45}, {"南宁", 0.45},  {"贵阳", 0.45}, {"常州", 0.45}, {"温州", 0.40}};

// AI intensity by city in 2024H1: F2 for 北京, 上海, 深圳; ours for the
// other named cities; every other city gets the one intensity that makes
// the overall ratio kOtherPerAi.
const Weights kCityIntensity = {{"北京", Q}, {"上海", Q}, {"深圳", Q}, {"杭州", 4.0},  {"南京", 3.6},
                                {"成都", 3.4},  {"西安", 3.4},  {"广州", 3.2},  {"合肥", 3.2},  {"苏州", 3.0},
                                {"武汉", 3.0},  {"郑州", 2.8}};

// AI intensity by industry (ours), the rest solved as for cities.
const Weights kIndustryIntensity = {{"计算机互联网", 9.0}, {"电子", 6.0}, {"通信", 5.0}, {"半导体", 6.0},
                                    {"咨询服务", 4.5},    {"人力资源", 4.0}};

// Share of an industry's AI postings in a city: F25–34 as quoted.
struct Cell {
  const char* industry;
  const char* city;
  double pct;  // kQuoted: read from published.tsv
};
const Cell kIndustryToCity[] = {
    {"计算机互联网", "北京", Q}, {"计算机互联网", "上海", Q}, {"计算机互联网", "深圳", Q},
    {"计算机互联网", "成都", Q},  {"计算机互联网", "广州", Q}, {"计算机互联网", "杭州", Q},
    {"计算机互联网", "南京", Q},  {"咨询服务", "上海", Q},    {"医药生物", "北京", Q},
    {"医药生物", "上海", Q},     {"医药生物", "南京", Q},     {"医药生物", "广州", Q},
    {"机械设备", "北京", Q},     {"机械设备", "深圳", Q},     {"机械设备", "上海", Q},
    {"机械设备", "广州", Q},      {"通信", "北京", Q},        {"通信", "南京", Q},
    {"通信", "成都", Q}};
// Share of a city's AI postings in an industry: F35–44 as quoted (北京 and
// 上海's 计算机互联网 cells are implied by the two city totals above).
const Cell kCityToIndustry[] = {{"电子", "北京", Q},    {"人力资源", "北京", Q},
                                {"人力资源", "上海", Q}, {"计算机互联网", "郑州", Q},
                                {"电子", "郑州", Q},     {"培训/辅导服务", "郑州", Q}};

// F5: degree of AI postings (every AI posting names one of the four).
const Weights kAiDegree = {{"博士", Q}, {"硕士", Q}, {"本科", Q}, {"大专及以下", Q}};
// F4: AI intensity by degree (大专及以下: "above 2%", ours 2.4% in the file).
const Weights kDegreeIntensity = {{"博士", Q}, {"硕士", Q}, {"本科", Q}, {"大专及以下", Q}};

// F19: experience of AI postings; 不限 takes the rest (20.05%).
const Weights kAiExperience = {{"1年以下", Q}, {"1-3年", Q}, {"3-5年", Q},
                               {"5-10年", Q}, {"10年以上", Q}, {"不限", 20.05}};
const Weights kOtherExperience = {{"1年以下", 8}, {"1-3年", 32}, {"3-5年", 22},
                                  {"5-10年", 8},  {"10年以上", 1}, {"不限", 29}};

// F8: company size of AI postings by half-year. 2024H1: 500-10000人 32.60,
// 100-500人 28.34, 100人以下 "about 28" (ours 28.00), the rest 10000人以上;
// 2023H2: 大型 30.95, 中型 25.98, ours for the others; 2023H1 as 2023H2.
const Weights kAiSize2023 = {{"100人以下", 30.00}, {"100-500人", Q}, {"500-10000人", Q},
                             {"10000人以上", 13.07}};
const Weights kAiSize2024 = {{"100人以下", Q}, {"100-500人", Q}, {"500-10000人", Q},
                             {"10000人以上", 11.06}};
const Weights kOtherSize = {{"100人以下", 40}, {"100-500人", 28}, {"500-10000人", 24}, {"10000人以上", 8}};

// F13 (the top five of each category as quoted, the others ours and below
// the fifth), F14 (经验 as quoted; the order 负责, 沟通, 团队, 学习 as quoted
// with our values), F15 (as quoted; 餐补 and below ours). Percent of AI
// postings mentioning the group.
const Weights kAiGroups = {
    // 专业知识
    {"hard|机器学习", Q}, {"hard|计算机视觉", Q}, {"hard|自然语言处理", Q},
    {"hard|数据结构与算法", Q}, {"hard|计算机基础", Q}, {"hard|大模型与生成式AI", 30},
    {"hard|推荐、搜索与广告", 22}, {"hard|数学与统计", 20}, {"hard|机器人与自动驾驶", 15},
    {"hard|语音与音频", 10}, {"hard|知识图谱", 8}, {"hard|控制理论", 6}, {"hard|信号处理与通信", 6},
    {"hard|数据仓库与商业智能", 5}, {"hard|运筹优化", 5}, {"hard|电子与电路", 4},
    {"hard|信息安全与区块链", 3}, {"hard|金融与量化", 3}, {"hard|生物医学信息", 2},
    // 技术技能
    {"hard|深度学习框架", Q}, {"hard|机器学习算法与模型", Q}, {"hard|自然语言处理工具", Q},
    {"hard|图像处理库", Q}, {"hard|嵌入式编程", Q}, {"hard|编程语言", 24}, {"hard|GPU与推理加速", 18},
    {"hard|大模型开发工具", 16}, {"hard|大数据工具", 14}, {"hard|数据库", 12}, {"hard|后端框架与中间件", 10},
    {"hard|云与容器", 10}, {"hard|开发工具与环境", 9}, {"hard|数据分析工具", 8}, {"hard|前端与移动开发", 5},
    {"hard|图形与音视频", 5}, {"hard|机器人与仿真工具", 5}, {"hard|科学计算与仿真工具", 4},
    // 工程实践
    {"hard|模型训练与评估", Q}, {"hard|算法设计与优化", Q}, {"hard|性能优化", Q},
    {"hard|数据处理与分析", Q}, {"hard|系统架构设计", Q}, {"hard|大模型应用实践", 20},
    {"hard|部署与运维", 18}, {"hard|项目与研发实践", 15}, {"hard|硬件开发与选型", 10}, {"hard|测试与质量", 8},
    {"hard|数据标注与治理", 6},
    // soft
    {"soft|经验", Q}, {"soft|负责", 70}, {"soft|沟通", 62}, {"soft|团队", 55}, {"soft|学习", 48},
    {"soft|逻辑思维", 30}, {"soft|解决问题", 28}, {"soft|创新", 25}, {"soft|抗压", 22}, {"soft|主动", 20},
    {"soft|表达", 18}, {"soft|协调", 16}, {"soft|执行", 15}, {"soft|分析能力", 14}, {"soft|管理", 12},
    {"soft|严谨", 10}, {"soft|热情", 9}, {"soft|外语", 8}, {"soft|组织", 7}, {"soft|职业素养", 6},
    {"soft|适应", 5}, {"soft|性格", 5}, {"soft|服务意识", 3},
    // benefit
    {"benefit|培训", Q}, {"benefit|五险", Q}, {"benefit|一金", Q}, {"benefit|带薪", Q},
    {"benefit|绩效", Q}, {"benefit|双休", Q}, {"benefit|假日", Q}, {"benefit|旅游", Q},
    {"benefit|远程", Q}, {"benefit|餐补", 3.5}, {"benefit|年终奖", 3.0}, {"benefit|体检", 2.8},
    {"benefit|弹性工作", 2.5}, {"benefit|补充保险", 2.2}, {"benefit|团建", 2.0}, {"benefit|股票期权", 1.8},
    {"benefit|零食下午茶", 1.5}, {"benefit|补贴津贴", 1.5}, {"benefit|交通补贴", 1.2}, {"benefit|住房", 1.2},
    {"benefit|晋升", 1.0}, {"benefit|生日福利", 1.0}, {"benefit|文体健身", 0.8}, {"benefit|通讯补贴", 0.8},
    {"benefit|工作时间", 0.5}};

// Other postings (ours, not calibrated): soft skills and benefits as often,
// technical groups rarely.
const Weights kOtherGroups = {
    {"hard|编程语言", 8},   {"hard|数据库", 6},          {"hard|前端与移动开发", 4}, {"hard|后端框架与中间件", 4},
    {"hard|数据分析工具", 5}, {"hard|嵌入式编程", 3},      {"hard|电子与电路", 3},     {"hard|测试与质量", 3},
    {"hard|项目与研发实践", 5}, {"hard|控制理论", 2},      {"soft|经验", 70},         {"soft|负责", 75},
    {"soft|沟通", 55},      {"soft|团队", 45},           {"soft|学习", 30},         {"soft|抗压", 20},
    {"soft|服务意识", 15},  {"soft|执行", 15},           {"soft|主动", 15},         {"benefit|五险", 35},
    {"benefit|一金", 30},   {"benefit|带薪", 20},        {"benefit|双休", 25},      {"benefit|培训", 20},
    {"benefit|绩效", 15},   {"benefit|年终奖", 12},      {"benefit|餐补", 12},     
    {"benefit|假日", 10},   {"benefit|旅游", 6},         {"benefit|体检", 8},       {"benefit|团建", 6}};

// AI mean annual salary (yuan) and AI premium over other postings, F9 where
// quoted (2024H1), ours elsewhere.
const std::map<std::string, std::pair<double, double>> kSalary = {
    {"计算机互联网", {271000, 0.3220}}, {"电子", {249000, 0.2029}}, {"新能源", {185000, 0.217}},
    {"人力资源", {179000, 0.15}},      {"广告", {165000, 0.15}},   {"咨询服务", {162000, 0.15}},
    {"零售/批发", {149000, 0.12}},     {"餐饮", {146000, 0.10}},   {"非银金融", {210000, -0.0256}}};
constexpr double kDefaultAiSalary = 200000, kDefaultPremium = 0.15;

StatusOr<std::vector<double>> Spread(const Weights& named, const std::vector<std::string>& universe,
                                     const char* what) {
  std::vector<double> w(universe.size(), 0);
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < universe.size(); ++i) index[universe[i]] = i;
  double named_total = 0;
  for (const auto& [name, pct] : named) {
    auto it = index.find(name);
    if (it == index.end()) return InvalidArgument(std::string("gen calibration: unknown ") + what + " " + name);
    w[it->second] = pct / 100;
    named_total += pct / 100;
  }
  size_t rest = universe.size() - named.size();
  for (double& x : w)
    if (x == 0 && rest > 0) x = std::max(0.0, 1 - named_total) / rest;
  return w;
}

// Other postings per dimension value so that AI postings / all postings is
// the given intensity for named values and one common intensity for the
// rest, with kOtherPerAi other postings per AI posting in all.
std::vector<double> OtherFromIntensity(const std::vector<std::string>& names, const std::vector<double>& ai,
                                       const Weights& intensity) {
  std::vector<double> other(names.size(), -1);
  double named_other = 0, rest_ai = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    for (const auto& [n, pct] : intensity)
      if (n == names[i]) other[i] = ai[i] * (100 - pct) / pct;
    if (other[i] >= 0) {
      named_other += other[i];
    } else {
      rest_ai += ai[i];
    }
  }
  double ratio = rest_ai > 0 ? (kOtherPerAi - named_other) / rest_ai : 0;
  for (size_t i = 0; i < names.size(); ++i)
    if (other[i] < 0) other[i] = ai[i] * ratio;
  return other;
}

// The figures of data/gen/published.tsv: (table, row key, column) -> percent.
struct Published {
  struct Figure {
    std::string table, row, column;
    double pct;
  };
  std::vector<Figure> figures;
  std::string file;
  // The figure of `table` whose row key is `row` (or, with `suffix`, ends in
  // "|" + row) in `column`.
  StatusOr<double> Find(std::string_view table, std::string_view row, std::string_view column,
                        bool suffix = false) const {
    for (const Figure& f : figures) {
      if (f.table != table || f.column != column) continue;
      if (suffix ? EndsWith(f.row, "|" + std::string(row)) : f.row == row) return f.pct;
    }
    return DataError(file + ": no figure " + std::string(table) + " " + std::string(row) + " " + std::string(column) +
                     ", which the generator's calibration quotes");
  }
};

StatusOr<Published> LoadPublished(const std::string& path) {
  Published p;
  p.file = path;
  Status st = ForEachDataLine(path, "published figures", [&](std::string_view line, const std::string& where) {
    std::vector<std::string_view> cols = SplitOn(line, '\t');
    std::string number = cols.size() >= 4 ? std::string(cols[3]) : "";
    char* end = nullptr;
    double pct = std::strtod(number.c_str(), &end);
    if (cols.size() < 4 || number.empty() || *end != '\0')
      return InvalidArgument(where + ": a line is table, row, column, percent (and a note)");
    p.figures.push_back({std::string(cols[0]), std::string(cols[1]), std::string(cols[2]), pct});
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return p;
}

// Replaces each kQuoted value of `w` with its published figure, the row key
// made from the entry's name by `row`.
template <class Row>
Status FillQuoted(Weights* w, const Published& pub, std::string_view table, std::string_view column, Row row,
                  bool suffix = false) {
  for (auto& [name, pct] : *w) {
    if (!std::isnan(pct)) continue;
    auto v = pub.Find(table, row(name), column, suffix);
    if (!v.ok()) return v.status();
    pct = *v;
  }
  return Status::Ok();
}

Categorical FromWeights(const Weights& w) {
  std::vector<std::string> names;
  std::vector<double> p;
  for (const auto& [n, x] : w) {
    names.push_back(n);
    p.push_back(x);
  }
  return Categorical(std::move(names), std::move(p));
}

}  // namespace

StatusOr<Calibration> MakeCalibration(const std::vector<std::string>& industries,
                                      const std::vector<std::string>& cities, const std::string& published_path) {
  auto pub = LoadPublished(published_path);
  if (!pub.ok()) return pub.status();
  auto same = [](const std::string& name) { return name; };
  auto in_half = [](const char* half) { return [half](const std::string& name) { return half + ("|" + name); }; };
  Weights ai_quarter = kAiQuarter, ai_industry = kAiIndustry, city_intensity = kCityIntensity, ai_degree = kAiDegree,
          degree_intensity = kDegreeIntensity, ai_experience = kAiExperience, ai_size_2023 = kAiSize2023,
          ai_size_2024 = kAiSize2024, ai_groups = kAiGroups;
  JOBSIFT_RETURN_IF_ERROR(FillQuoted(&ai_quarter, *pub, "F1", "share_of_ai_pct", same));
  JOBSIFT_RETURN_IF_ERROR(FillQuoted(&ai_industry, *pub, "F6", "share_of_ai_pct", in_half("2024H1")));
  JOBSIFT_RETURN_IF_ERROR(FillQuoted(&city_intensity, *pub, "F2", "ai_intensity_pct", same));
  JOBSIFT_RETURN_IF_ERROR(FillQuoted(&ai_degree, *pub, "F5", "share_of_ai_pct", same));
  JOBSIFT_RETURN_IF_ERROR(FillQuoted(&degree_intensity, *pub, "F4", "ai_intensity_pct", same));
  JOBSIFT_RETURN_IF_ERROR(FillQuoted(&ai_experience, *pub, "F19", "share_of_ai_pct", same));
  JOBSIFT_RETURN_IF_ERROR(FillQuoted(&ai_size_2023, *pub, "F8", "share_of_ai_pct", in_half("2023H2")));
  JOBSIFT_RETURN_IF_ERROR(FillQuoted(&ai_size_2024, *pub, "F8", "share_of_ai_pct", in_half("2024H1")));
  // Groups: hard ones by F13 (its rows are category|group), soft by F14,
  // benefits by F15.
  for (auto [domain, table, suffix] : {std::make_tuple("hard|", "F13", true), std::make_tuple("soft|", "F14", false),
                                       std::make_tuple("benefit|", "F15", false)}) {
    Weights part;
    for (const auto& e : ai_groups)
      if (StartsWith(e.first, domain)) part.push_back(e);
    const std::string prefix = domain;
    JOBSIFT_RETURN_IF_ERROR(FillQuoted(
        &part, *pub, table, "share_pct", [&](const std::string& g) { return g.substr(prefix.size()); }, suffix));
    for (auto& e : ai_groups)
      for (const auto& f : part)
        if (e.first == f.first) e.second = f.second;
  }
  std::vector<Cell> industry_to_city(std::begin(kIndustryToCity), std::end(kIndustryToCity));
  std::vector<Cell> city_to_industry(std::begin(kCityToIndustry), std::end(kCityToIndustry));
  for (Cell& cell : industry_to_city) {
    auto v = pub->Find("F25-34", std::string(cell.industry) + "|" + cell.city, "share_pct");
    if (!v.ok()) return v.status();
    cell.pct = *v;
  }
  for (Cell& cell : city_to_industry) {
    auto v = pub->Find("F35-44", std::string(cell.city) + "|" + cell.industry, "share_pct");
    if (!v.ok()) return v.status();
    cell.pct = *v;
  }

  Calibration c;
  c.industries = industries;
  c.cities = cities;

  // Quarters: AI postings by F1; other postings kOtherPerAi times as many,
  // scaled by half-year.
  std::vector<double> ai_q, other_q;
  double ai_total = 0, other_total = 0;
  for (int q = 0; q < kGenQuarters; ++q) {
    c.quarters.push_back(ai_quarter[q].first);
    ai_q.push_back(ai_quarter[q].second);
    other_q.push_back(ai_quarter[q].second * kOtherPerAi * kOtherPerAiByHalf[q / 2]);
    ai_total += ai_q.back();
    other_total += other_q.back();
  }
  c.ai_share = ai_total / (ai_total + other_total);
  c.ai_quarter = Categorical(c.quarters, ai_q);
  c.other_quarter = Categorical(c.quarters, other_q);

  auto ind = Spread(ai_industry, industries, "industry");
  if (!ind.ok()) return ind.status();
  auto city = Spread(kAiCity, cities, "city");
  if (!city.ok()) return city.status();
  std::map<std::string, size_t> ind_index, city_index;
  for (size_t i = 0; i < industries.size(); ++i) ind_index[industries[i]] = i;
  for (size_t i = 0; i < cities.size(); ++i) city_index[cities[i]] = i;

  // P(city | industry): the quoted cells fixed, the rest of each industry's
  // mass over the other cities in proportion to free weights, which are
  // fitted (iterative proportional fitting) until the city totals are the
  // targets above. Then F25–34 and F35–44 hold by construction.
  std::vector<std::vector<double>> fixed(industries.size(), std::vector<double>(cities.size(), -1));
  for (bool city_side : {false, true})
    for (const Cell& cell : city_side ? city_to_industry : industry_to_city) {
      auto i = ind_index.find(cell.industry), k = city_index.find(cell.city);
      if (i == ind_index.end() || k == city_index.end())
        return InvalidArgument(std::string("gen calibration: unknown cell ") + cell.industry + "|" + cell.city);
      // A city's share of an industry as quoted, or an industry's share of
      // a city turned into the city's share of the industry.
      fixed[i->second][k->second] =
          cell.pct / 100 * (city_side ? (*city)[k->second] / (*ind)[i->second] : 1.0);
    }
  for (const std::vector<double>& row : fixed) {
    double mass = 0;
    for (double x : row) mass += std::max(x, 0.0);
    if (mass > 1) return InvalidArgument("gen calibration: an industry's quoted city shares exceed 100%");
  }
  std::vector<double> free_w = *city;
  std::vector<std::vector<double>> cond(industries.size(), std::vector<double>(cities.size()));
  for (int iter = 0; iter < 1000; ++iter) {
    std::vector<double> total(cities.size(), 0);
    for (size_t i = 0; i < industries.size(); ++i) {
      double fixed_mass = 0, free_total = 0;
      for (size_t k = 0; k < cities.size(); ++k) {
        if (fixed[i][k] >= 0) {
          fixed_mass += fixed[i][k];
        } else {
          free_total += free_w[k];
        }
      }
      for (size_t k = 0; k < cities.size(); ++k) {
        cond[i][k] = fixed[i][k] >= 0 ? fixed[i][k] : (1 - fixed_mass) * free_w[k] / free_total;
        total[k] += (*ind)[i] * cond[i][k];
      }
    }
    double worst = 0;
    for (size_t k = 0; k < cities.size(); ++k) {
      if (total[k] <= 0) continue;
      worst = std::max(worst, std::abs(total[k] / (*city)[k] - 1));
      free_w[k] *= (*city)[k] / total[k];
    }
    if (worst < 1e-12) break;
  }
  c.ai_industry = Categorical(industries, *ind);
  c.ai_city_given_industry = std::move(cond);

  // The named intensities must leave room for the rest (no negative mass).
  std::vector<double> other_city = OtherFromIntensity(cities, *city, city_intensity);
  std::vector<double> other_industry = OtherFromIntensity(industries, *ind, kIndustryIntensity);
  for (const std::vector<double>* w : {&other_city, &other_industry})
    for (double x : *w)
      if (x < 0) return InvalidArgument("gen calibration: the named AI intensities need more other postings");
  c.other_city = Categorical(cities, std::move(other_city));
  c.other_industry = Categorical(industries, std::move(other_industry));

  // Degrees: other postings from F4's intensities; what is left asks none.
  c.ai_degree = FromWeights(ai_degree);
  std::vector<std::string> degree_names;
  std::vector<double> other_degree;
  double named = 0;
  for (size_t d = 0; d < ai_degree.size(); ++d) {
    double i = degree_intensity[d].second;
    degree_names.push_back(ai_degree[d].first);
    other_degree.push_back(ai_degree[d].second / 100 * (100 - i) / i / kOtherPerAi);
    named += other_degree.back();
  }
  if (named >= 1) return InvalidArgument("gen calibration: degree intensities need more other postings");
  degree_names.push_back("不限");
  other_degree.push_back(1 - named);
  c.other_degree = Categorical(std::move(degree_names), std::move(other_degree));

  c.ai_experience = FromWeights(ai_experience);
  c.other_experience = FromWeights(kOtherExperience);
  c.ai_size_by_half = {FromWeights(ai_size_2023), FromWeights(ai_size_2023), FromWeights(ai_size_2024)};
  c.other_size = FromWeights(kOtherSize);
  for (const auto& [g, pct] : ai_groups) c.ai_groups.push_back({g, pct / 100});
  for (const auto& [g, pct] : kOtherGroups) c.other_groups.push_back({g, pct / 100});
  for (const std::string& name : industries) {
    auto it = kSalary.find(name);
    c.ai_salary_by_industry.push_back(it != kSalary.end() ? it->second.first : kDefaultAiSalary);
    c.ai_premium_by_industry.push_back(it != kSalary.end() ? it->second.second : kDefaultPremium);
  }
  return c;
}

}  // namespace jobsift
