#include "report/tables.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include <xlsxwriter.h>

#include "base/stats.h"
#include "base/text.h"
#include "jobsift/check.h"
#include "report/catalogue.h"
#include "report/labels.h"

namespace jobsift {
namespace {

std::string Pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", 100 * v);
  return buf;
}

std::string Num(uint64_t v) { return std::to_string(v); }

std::string Wan(double yuan) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", yuan / 10000);
  return buf;
}

// Share x/n as value and interval columns, and whether n is small.
void AppendShare(std::vector<std::string>& row, uint64_t x, uint64_t n) {
  if (n == 0) {
    row.insert(row.end(), {"", "", ""});
    return;
  }
  double lo, hi;
  WilsonInterval(x, n, &lo, &hi);
  row.push_back(Pct(static_cast<double>(x) / static_cast<double>(n)));
  row.push_back(Pct(lo));
  row.push_back(Pct(hi));
}

struct Counts {
  uint64_t all = 0, ai = 0;
  uint64_t salary_n_all = 0, salary_sum_all = 0, salary_n_ai = 0, salary_sum_ai = 0;

  void Add(const Counts& o) {
    all += o.all;
    ai += o.ai;
    salary_n_all += o.salary_n_all;
    salary_sum_all += o.salary_sum_all;
    salary_n_ai += o.salary_n_ai;
    salary_sum_ai += o.salary_sum_ai;
  }
  double MeanAi() const { return Mean(salary_sum_ai, salary_n_ai); }
  double MeanAll() const { return Mean(salary_sum_all, salary_n_all); }
  static double Mean(uint64_t sum, uint64_t n) {
    return n ? static_cast<double>(sum) / static_cast<double>(n) : 0;
  }
};

// Postings by the kept dimensions (names), AI and all; with `half`, of that
// half-year's quarters only.
std::map<std::vector<std::string>, Counts> CountBy(const Cube& cube, const std::vector<Dim>& keep,
                                                   std::string_view half = {}) {
  std::map<std::vector<std::string>, Counts> out;
  // Collapse's rows come in order of names (then AI): each new name goes at
  // the end of the map, without a search.
  for (Cube::Marginal& m : cube.Collapse(keep, half)) {
    auto last = out.empty() ? out.end() : std::prev(out.end());
    if (last == out.end() || last->first != m.names) last = out.emplace_hint(out.end(), std::move(m.names), Counts{});
    Counts& c = last->second;
    c.all += m.cell.postings;
    c.salary_n_all += m.cell.salary_n;
    c.salary_sum_all += m.cell.salary_sum;
    if (m.ai) {
      c.ai += m.cell.postings;
      c.salary_n_ai += m.cell.salary_n;
      c.salary_sum_ai += m.cell.salary_sum;
    }
  }
  return out;
}

struct Periods {
  std::vector<std::string> quarters;  // with data, sorted
  std::vector<std::string> halves;    // with data, sorted
  std::string current;                // the half-year of single-period tables
};

Periods FindPeriods(const Cube& cube, const TableOptions& o) {
  Periods p;
  std::set<std::string> q, h;
  for (const auto& [names, c] : CountBy(cube, {Dim::kQuarter})) {
    if (names[0].empty()) continue;
    q.insert(names[0]);
    h.insert(HalfOfQuarter(names[0]));
  }
  p.quarters.assign(q.begin(), q.end());
  p.halves.assign(h.begin(), h.end());
  p.current = ChooseFocusHalf(cube, o).half;
  return p;
}

// Counts by one dimension within one half-year.
std::map<std::string, Counts> CountInHalf(const Cube& cube, Dim dim, const std::string& half) {
  std::map<std::string, Counts> out;
  for (const auto& [names, c] : CountBy(cube, {Dim::kQuarter, dim}, half)) out[names[1]].Add(c);
  return out;
}

// Names ordered by AI count (descending), ties by name; unknown left out.
std::vector<std::string> TopByAi(const std::map<std::string, Counts>& counts, size_t n) {
  std::vector<std::pair<uint64_t, std::string>> v;
  for (const auto& [name, c] : counts)
    if (!name.empty()) v.emplace_back(c.ai, name);
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size() && i < n; ++i) out.push_back(v[i].second);
  return out;
}

uint64_t TotalAi(const std::map<std::string, Counts>& counts) {
  uint64_t t = 0;
  for (const auto& [name, c] : counts) t += c.ai;
  return t;
}

const std::vector<std::string> kShareColumns = {"ai_postings", "share_of_ai_pct", "share_ci_low", "share_ci_high"};
const std::vector<std::string> kIntensityColumns = {"all_postings", "ai_intensity_pct", "intensity_ci_low",
                                                    "intensity_ci_high", "small_n"};

std::vector<std::string> Columns(std::initializer_list<std::string> first) {
  std::vector<std::string> c(first);
  c.insert(c.end(), kShareColumns.begin(), kShareColumns.end());
  c.insert(c.end(), kIntensityColumns.begin(), kIntensityColumns.end());
  return c;
}

// A row: labels, AI share of all AI postings, then AI intensity.
std::vector<std::string> ShareRow(std::vector<std::string> labels, const Counts& c, uint64_t total_ai,
                                  uint64_t min_n) {
  std::vector<std::string> row = std::move(labels);
  row.push_back(Num(c.ai));
  AppendShare(row, c.ai, total_ai);
  row.push_back(Num(c.all));
  AppendShare(row, c.ai, c.all);
  row.push_back(c.all < min_n || c.ai < min_n ? "1" : "0");
  return row;
}

Table ByDimension(const Cube& cube, const TableOptions& o, const Periods& p, const std::string& id, Dim dim,
                  const std::string& label, size_t top) {
  Table t;
  t.id = id;
  t.title = Analysis(id).title;
  t.period = p.current;
  t.formula = "share of AI postings = AI postings of the " + label +
              " / all AI postings in the period; AI intensity = AI postings of the " + label + " / all postings of the " +
              label + " (Wilson 95% intervals; small_n = 1 when either count is under " + std::to_string(o.min_n) + ")";
  t.columns = Columns({label});
  auto counts = CountInHalf(cube, dim, p.current);
  uint64_t total = TotalAi(counts);
  t.n = total;
  std::vector<std::string> order = TopByAi(counts, top);
  for (const auto& name : order) t.rows.push_back(ShareRow({name}, counts[name], total, o.min_n));
  if (counts.count("") && top == static_cast<size_t>(-1)) t.rows.push_back(ShareRow({"(unknown)"}, counts[""], total, o.min_n));
  return t;
}

// AI postings by group name within one half-year: over all industries, and
// by industry name ("" is an unknown industry, never "all": postings without
// an industry would otherwise be counted twice in the totals).
struct SkillCounts {
  std::map<std::string, uint64_t> all;
  std::map<std::string, std::map<std::string, uint64_t>> by_industry;

  SkillCounts(const Cube& cube, const std::string& half) {
    std::vector<bool> in_half = cube.QuartersIn(half);
    IdArrayMap<2, uint64_t> by_id;  // (industry, group)
    for (const auto& [key, n] : cube.skills_by_industry())
      if (in_half[key[0]]) by_id[{key[1], key[2]}] += n;
    for (const auto& [key, n] : by_id) {
      const std::string& group = cube.dict_groups().Name(key[1]);
      by_industry[cube.dict(Dim::kIndustry).Name(key[0])][group] += n;
      all[group] += n;
    }
  }
};

// Median annual salaries in one half-year from the 1% bins: the middle of
// the bin holding the middle posting (the lower middle for an even count),
// so within 0.5% of the exact median. The half's bins are gathered once, by
// (dimension, value id, AI).
class SalaryMedians {
 public:
  SalaryMedians(const Cube& cube, const std::string& half) : cube_(cube) {
    std::vector<bool> in_half = cube.QuartersIn(half);
    for (const auto& [key, hist] : cube.salary_bins()) {
      if (!in_half[key[0]]) continue;
      auto& bins = bins_[{key[1], key[2], key[3]}];
      for (size_t b = 0; b < hist.counts.size(); ++b)
        if (hist.counts[b] > 0) bins[static_cast<uint16_t>(hist.first + b)] += hist.counts[b];
    }
  }
  // Over AI postings (ai = 1), the others (0) or all (-1) of (dim, value);
  // 0 when none has a salary.
  double Median(Dim dim, const std::string& value, int ai) const {
    const Dictionary& dict = cube_.dict(dim);
    uint32_t id = 0;
    while (id < dict.size() && dict.Name(id) != value) ++id;
    std::map<uint16_t, uint64_t> bins;
    uint64_t n = 0;
    for (uint32_t a : {0u, 1u}) {
      if (ai >= 0 && a != static_cast<uint32_t>(ai)) continue;
      auto it = bins_.find({static_cast<uint32_t>(dim), id, a});
      if (it == bins_.end()) continue;
      for (const auto& [bin, c] : it->second) {
        bins[bin] += c;
        n += c;
      }
    }
    uint64_t seen = 0;
    for (const auto& [bin, c] : bins) {
      seen += c;
      if (2 * seen >= n) return Cube::SalaryBinMid(bin);
    }
    return 0;
  }

 private:
  const Cube& cube_;
  std::map<std::array<uint32_t, 3>, std::map<uint16_t, uint64_t>> bins_;
};

// "domain|category|group" parts.
std::array<std::string, 3> SplitGroup(const std::string& g) {
  size_t a = g.find('|'), b = g.find('|', a + 1);
  return {g.substr(0, a), g.substr(a + 1, b - a - 1), g.substr(b + 1)};
}

// The top n groups of a domain (and category), by AI postings, ties by name.
std::vector<std::string> TopGroups(const std::map<std::string, uint64_t>& counts, const std::string& domain,
                                   const std::string& category, size_t n) {
  std::vector<std::pair<uint64_t, std::string>> v;
  for (const auto& [g, c] : counts) {
    auto parts = SplitGroup(g);
    if (parts[0] != domain || parts[2].empty()) continue;
    if (!category.empty() && parts[1] != category) continue;
    v.emplace_back(c, g);
  }
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size() && i < n; ++i) out.push_back(v[i].second);
  return out;
}

std::vector<std::string> ShareCells(uint64_t x, uint64_t n, uint64_t min_n) {
  std::vector<std::string> row{Num(x)};
  AppendShare(row, x, n);
  row.push_back(Num(n));
  row.push_back(n < min_n ? "1" : "0");
  return row;
}

}  // namespace

void WilsonInterval(uint64_t x, uint64_t n, double* low, double* high) {
  if (n == 0) {
    *low = *high = 0;
    return;
  }
  double nn = static_cast<double>(n);
  Wilson95(static_cast<double>(x) / nn, nn, low, high);
}

namespace {

// Every column of every table and the kind of value it holds; their
// Chinese headers are data/report/labels_zh.tsv's ("column").
struct ColumnKindOf {
  std::string_view key;
  ColumnKind kind;
};
constexpr ColumnKindOf kColumns[] = {
    {"quarter", ColumnKind::kLabel},
    {"half", ColumnKind::kLabel},
    {"city", ColumnKind::kLabel},
    {"industry", ColumnKind::kLabel},
    {"degree", ColumnKind::kLabel},
    {"company_size", ColumnKind::kLabel},
    {"experience", ColumnKind::kLabel},
    {"category", ColumnKind::kLabel},
    {"group", ColumnKind::kLabel},
    {"term", ColumnKind::kLabel},
    {"term_a", ColumnKind::kLabel},
    {"term_b", ColumnKind::kLabel},
    {"co_postings", ColumnKind::kCount},
    {"postings_a", ColumnKind::kCount},
    {"postings_b", ColumnKind::kCount},
    {"lift", ColumnKind::kRatio},
    {"pmi", ColumnKind::kRatio},
    {"ai_postings", ColumnKind::kCount},
    {"share_of_ai_pct", ColumnKind::kPercent},
    {"share_ci_low", ColumnKind::kPercent},
    {"share_ci_high", ColumnKind::kPercent},
    {"all_postings", ColumnKind::kCount},
    {"ai_intensity_pct", ColumnKind::kPercent},
    {"intensity_ci_low", ColumnKind::kPercent},
    {"intensity_ci_high", ColumnKind::kPercent},
    {"small_n", ColumnKind::kFlag},
    {"ai_postings_with", ColumnKind::kCount},
    {"share_pct", ColumnKind::kPercent},
    {"ci_low", ColumnKind::kPercent},
    {"ci_high", ColumnKind::kPercent},
    {"ai_salary_n", ColumnKind::kCount},
    {"ai_mean_annual_wan", ColumnKind::kWan},
    {"all_salary_n", ColumnKind::kCount},
    {"all_mean_annual_wan", ColumnKind::kWan},
    {"diff_pct", ColumnKind::kPercent},
    {"ai_median_annual_wan", ColumnKind::kWan},
    {"all_median_annual_wan", ColumnKind::kWan},
    {"previous_n", ColumnKind::kCount},
    {"previous_mean_wan", ColumnKind::kWan},
    {"current_n", ColumnKind::kCount},
    {"current_mean_wan", ColumnKind::kWan},
    {"change_pct", ColumnKind::kPercent},
    {"definition", ColumnKind::kLabel},
    {"categories", ColumnKind::kLabel},
    {"in_use", ColumnKind::kFlag},
    {"ai_category", ColumnKind::kLabel},
    {"ai_category_name", ColumnKind::kLabel},
    {"term_postings", ColumnKind::kCount},
    {"category_postings", ColumnKind::kCount},
    {"category_salary_n", ColumnKind::kCount},
    {"category_mean_annual_wan", ColumnKind::kWan},
};

}  // namespace

ColumnInfo ColumnInfoOf(std::string_view key) {
  for (const ColumnKindOf& c : kColumns)
    if (c.key == key) return {c.key, LabelZh("column", c.key), c.kind};
  return {key, LabelZh("column", key), ColumnKind::kLabel};
}

std::vector<std::string_view> ColumnKeys() {
  std::vector<std::string_view> out;
  for (const ColumnKindOf& c : kColumns) out.push_back(c.key);
  return out;
}

std::string_view FocusRuleName(FocusHalf::Rule rule) {
  switch (rule) {
    case FocusHalf::Rule::kAsked: return "asked";
    case FocusHalf::Rule::kLatest: return "latest_holding_data";
    case FocusHalf::Rule::kMostAi: return "most_ai_postings";
    case FocusHalf::Rule::kNone: return "none";
  }
  return "none";
}

FocusHalf ChooseFocusHalf(const Cube& cube, const TableOptions& o) {
  FocusHalf f;
  for (const auto& [names, c] : CountBy(cube, {Dim::kQuarter})) {
    if (names[0].empty()) continue;
    std::string half = HalfOfQuarter(names[0]);
    if (f.halves.empty() || f.halves.back().period != half) f.halves.push_back({half, 0, 0});
    f.halves.back().all += c.all;
    f.halves.back().ai += c.ai;
  }
  for (const PeriodCount& h : f.halves) f.busiest = std::max(f.busiest, h.all);
  if (!o.current_half.empty()) {
    f.half = o.current_half;
    f.rule = FocusHalf::Rule::kAsked;
    return f;
  }
  for (auto it = f.halves.rbegin(); it != f.halves.rend(); ++it) {
    if (4 * it->all >= f.busiest && it->ai >= o.min_n) {
      f.half = it->period;
      f.rule = FocusHalf::Rule::kLatest;
      return f;
    }
  }
  const PeriodCount* most = nullptr;
  for (const PeriodCount& h : f.halves)
    if (most == nullptr || h.ai >= most->ai) most = &h;
  if (most != nullptr) {
    f.half = most->period;
    f.rule = FocusHalf::Rule::kMostAi;
  }
  return f;
}

std::string FilterLabel(const CubeFilter& f) {
  std::string out;
  if (!f.city.empty()) out += "city=" + f.city;
  if (!f.industry.empty()) out += (out.empty() ? "" : ", ") + std::string("industry=") + f.industry;
  return out;
}

void CategoryCounts::Add(std::string_view quarter, AiCategory category, bool any_ai_term, bool has_salary,
                         uint64_t annual) {
  // Postings come in runs of one quarter: the last one's cells first.
  if (last_ == by_quarter.end() || last_->first != quarter) {
    last_ = by_quarter.find(quarter);
    if (last_ == by_quarter.end()) last_ = by_quarter.emplace(std::string(quarter), Cells{}).first;
  }
  last_->second[static_cast<size_t>(category)][any_ai_term ? 1 : 0].Count(has_salary, annual);
}

void CategoryCounts::Subtract(std::string_view quarter, AiCategory category, bool any_ai_term, bool has_salary,
                              uint64_t annual) {
  auto it = by_quarter.find(quarter);
  JOBSIFT_CHECK(it != by_quarter.end(), "taking back a posting of a quarter never counted");
  CubeCell& c = it->second[static_cast<size_t>(category)][any_ai_term ? 1 : 0];
  --c.postings;
  if (has_salary) {
    --c.salary_n;
    c.salary_sum -= annual;
  }
}

void CategoryCounts::DropEmpty() {
  last_ = by_quarter.end();
  for (auto it = by_quarter.begin(); it != by_quarter.end();) {
    bool empty = true;
    for (const auto& by_any : it->second)
      for (const CubeCell& c : by_any) empty &= c.postings == 0;
    it = empty ? by_quarter.erase(it) : std::next(it);
  }
}

CubeCell CategoryCounts::Under(const Cells& cells, const AiDefinition& d) {
  CubeCell out;
  for (AiCategory c : kAllCategories)
    for (bool term : {false, true})
      if (d.Flags(c, term)) out.Add(cells[static_cast<size_t>(c)][term ? 1 : 0]);
  return out;
}

namespace {

// A cell's postings, their share of `of` with its interval, and their
// salaried postings and mean annual salary (万元).
void AppendPostingsAndSalary(std::vector<std::string>& row, const CubeCell& c, uint64_t of) {
  row.push_back(Num(c.postings));
  AppendShare(row, c.postings, of);
  row.push_back(Num(c.salary_n));
  row.push_back(c.salary_n ? Wan(Counts::Mean(c.salary_sum, c.salary_n)) : "");
}

// D1 and D2, from the category counts.
void AddDefinitionTables(const CategoryCounts& counts, const TableOptions& o, const CubeFilter& filter,
                         std::vector<Table>* tables) {
  // Rows: each dated quarter, then the whole run (undated postings too).
  std::vector<std::pair<std::string, CategoryCounts::Cells>> rows;
  CategoryCounts::Cells total{};
  for (const auto& [quarter, cells] : counts.by_quarter) {
    if (!quarter.empty()) rows.emplace_back(quarter, cells);
    for (size_t c = 0; c < kCategoryCount; ++c)
      for (size_t t = 0; t < 2; ++t) total[c][t].Add(cells[c][t]);
  }
  rows.emplace_back("all", total);
  std::string period = rows.size() > 1 ? rows.front().first + "–" + rows[rows.size() - 2].first : "";
  // Postings of all categories: every one, or those with an AI term.
  auto postings = [](const CategoryCounts::Cells& cells, bool with_term_only) {
    uint64_t n = 0;
    for (const auto& by_term : cells) n += by_term[1].postings + (with_term_only ? 0 : by_term[0].postings);
    return n;
  };
  {
    const std::vector<AiDefinition> defs = AllDefinitions(o.definitions);
    Table t;
    t.id = "D1";
    t.title = Analysis("D1").title;
    t.period = period;
    t.formula = "per quarter (and the whole run, undated postings included) and per definition of an AI job: AI "
                "postings = postings whose category is in the definition (report: an AI term anywhere); AI "
                "intensity = AI postings / all postings (Wilson 95%); mean annual salary (万元) of those with a "
                "known salary; in_use marks the definition this report's other tables use";
    t.columns = {"quarter", "definition", "categories", "all_postings", "ai_postings", "ai_intensity_pct",
                 "intensity_ci_low", "intensity_ci_high", "ai_salary_n", "ai_mean_annual_wan", "in_use", "small_n"};
    for (const auto& [quarter, cells] : rows) {
      uint64_t all = postings(cells, false);
      for (const AiDefinition& d : defs) {
        CubeCell ai = CategoryCounts::Under(cells, d);
        std::vector<std::string> row = {quarter, d.name, d.Codes(), Num(all)};
        AppendPostingsAndSalary(row, ai, all);
        row.push_back(d.name == o.definition ? "1" : "0");
        row.push_back(all < o.min_n || ai.postings < o.min_n ? "1" : "0");
        t.rows.push_back(std::move(row));
        if (quarter == "all" && d.name == o.definition) t.n = ai.postings;
      }
    }
    t.filter = filter;
    tables->push_back(std::move(t));
  }
  {
    Table t;
    t.id = "D2";
    t.title = Analysis("D2").title;
    t.period = period;
    t.formula = "per quarter (and the whole run): of the postings with an AI term anywhere (the report "
                "definition), the share of each category of AI work (AI_TAXONOMY.md: B builder, A application "
                "engineer, D data work, E education, S business, U tool user, N no AI work), Wilson 95%; mean annual "
                "salary (万元) of those with a known salary";
    t.columns = {"quarter", "ai_category", "ai_category_name", "term_postings", "category_postings", "share_pct",
                 "ci_low", "ci_high", "category_salary_n", "category_mean_annual_wan", "small_n"};
    for (const auto& [quarter, cells] : rows) {
      uint64_t with_term = postings(cells, true);
      for (AiCategory c : kAllCategories) {
        const CubeCell& x = cells[static_cast<size_t>(c)][1];
        std::vector<std::string> row = {quarter, std::string(CategoryCodeText(c)), std::string(CategoryLabelZh(c)),
                                        Num(with_term)};
        AppendPostingsAndSalary(row, x, with_term);
        row.push_back(x.postings < o.min_n ? "1" : "0");
        t.rows.push_back(std::move(row));
      }
      if (quarter == "all") t.n = with_term;
    }
    t.filter = filter;
    tables->push_back(std::move(t));
  }
}

}  // namespace

std::vector<Table> BuildTables(const Cube& cube, const TableOptions& o, const CategoryCounts* categories) {
  std::vector<Table> tables;
  Periods p = FindPeriods(cube, o);
  const size_t all = static_cast<size_t>(-1);

  {  // F1: AI postings by quarter.
    Table t;
    t.id = "F1";
    t.title = Analysis("F1").title;
    t.period = p.quarters.empty() ? "" : p.quarters.front() + "–" + p.quarters.back();
    t.formula = "share of AI postings = the quarter's AI postings / all AI postings in the window; AI intensity = "
                "the quarter's AI postings / the quarter's postings (Wilson 95% intervals)";
    t.columns = Columns({"quarter"});
    auto counts = CountBy(cube, {Dim::kQuarter});
    uint64_t total = 0;
    for (const auto& [names, c] : counts)
      if (!names[0].empty()) total += c.ai;
    for (const auto& q : p.quarters) t.rows.push_back(ShareRow({q}, counts[{q}], total, o.min_n));
    t.n = total;
    tables.push_back(std::move(t));
  }
  tables.push_back(ByDimension(cube, o, p, "F2", Dim::kCity, "city", o.top_cities));
  {
    Table f4 = ByDimension(cube, o, p, "F4", Dim::kDegree, "degree", all);
    tables.push_back(f4);
    Table f5 = f4;
    f5.id = "F5";
    f5.title = Analysis("F5").title;
    tables.push_back(std::move(f5));
  }
  {  // F6 and F8: by industry (top N) and company size, for each half-year.
    for (auto [id, dim, label, top] : {std::make_tuple("F6", Dim::kIndustry, "industry", o.top_industries),
                                       std::make_tuple("F8", Dim::kSize, "company_size", all)}) {
      Table t;
      t.id = id;
      t.title = Analysis(id).title;
      t.period = p.halves.empty() ? "" : p.halves.front() + "–" + p.halves.back();
      t.formula = std::string("per half-year: share of AI postings = AI postings of the ") + label +
                  " / all AI postings of the half-year; AI intensity = AI postings / all postings of the " + label +
                  "; rows: the top " + (top == all ? std::string("all") : std::to_string(top)) + " by AI postings in " +
                  p.current;
      t.columns = Columns({"half", label});
      std::vector<std::string> order = TopByAi(CountInHalf(cube, dim, p.current), top);
      for (const auto& half : p.halves) {
        auto counts = CountInHalf(cube, dim, half);
        uint64_t total = TotalAi(counts);
        t.n += total;
        for (const auto& name : order) t.rows.push_back(ShareRow({half, name}, counts[name], total, o.min_n));
      }
      tables.push_back(std::move(t));
    }
  }
  for (auto [id, dim, label, top] : {std::make_tuple("F9", Dim::kIndustry, "industry", o.top_industries),
                                     std::make_tuple("F11", Dim::kCity, "city", o.top_cities)}) {
    Table t;
    t.id = id;
    t.title = Analysis(id).title;
    t.period = p.current;
    t.formula = std::string("mean annual salary (万元) over postings with a known salary, AI and all, and the "
                            "difference (AI / all − 1); medians from 1% salary bins (within 0.5%); rows: the top ") +
                std::to_string(top) + " " + label + " by AI postings";
    t.columns = {label, "ai_salary_n", "ai_mean_annual_wan", "all_salary_n", "all_mean_annual_wan", "diff_pct",
                 "ai_median_annual_wan", "all_median_annual_wan", "small_n"};
    auto counts = CountInHalf(cube, dim, p.current);
    t.n = TotalAi(counts);
    SalaryMedians medians(cube, p.current);
    for (const auto& name : TopByAi(counts, top)) {
      const Counts& c = counts[name];
      double ai_mean = c.MeanAi(), all_mean = c.MeanAll();
      t.rows.push_back({name, Num(c.salary_n_ai), c.salary_n_ai ? Wan(ai_mean) : "", Num(c.salary_n_all),
                        c.salary_n_all ? Wan(all_mean) : "",
                        c.salary_n_ai && c.salary_n_all ? Pct(ai_mean / all_mean - 1) : "",
                        c.salary_n_ai ? Wan(medians.Median(dim, name, 1)) : "",
                        c.salary_n_all ? Wan(medians.Median(dim, name, -1)) : "",
                        c.salary_n_ai < o.min_n ? "1" : "0"});
    }
    tables.push_back(std::move(t));
  }
  // F10 and F12: AI mean annual salary, current half-year against the
  // calendar year before it (the reference compares 2024H1 with 2023).
  std::string prev_year = p.current.size() >= 4 ? std::to_string(std::stoi(p.current.substr(0, 4)) - 1) : "";
  for (auto [id, dim, label, top] : {std::make_tuple("F10", Dim::kIndustry, "industry", o.top_industries),
                                     std::make_tuple("F12", Dim::kDegree, "degree", all)}) {
    Table t;
    t.id = id;
    t.title = Analysis(id).title;
    t.period = prev_year + " vs " + p.current;
    t.formula = std::string("mean annual salary (万元) of AI postings with a known salary in ") + p.current +
                " against the calendar year " + prev_year + "; change = current / previous − 1";
    t.columns = {label, "previous_n", "previous_mean_wan", "current_n", "current_mean_wan", "change_pct", "small_n"};
    std::map<std::string, Counts> before;
    for (const auto& [names, c] : CountBy(cube, {Dim::kQuarter, dim})) {
      if (names[0].compare(0, 4, prev_year) != 0 || prev_year.empty()) continue;
      Counts& b = before[names[1]];
      b.salary_n_ai += c.salary_n_ai;
      b.salary_sum_ai += c.salary_sum_ai;
    }
    auto now = CountInHalf(cube, dim, p.current);
    t.n = TotalAi(now);
    for (const auto& name : TopByAi(now, top)) {
      const Counts& b = before[name];
      const Counts& c = now[name];
      double pm = b.MeanAi(), cm = c.MeanAi();
      t.rows.push_back({name, Num(b.salary_n_ai), b.salary_n_ai ? Wan(pm) : "", Num(c.salary_n_ai),
                        c.salary_n_ai ? Wan(cm) : "", b.salary_n_ai && c.salary_n_ai ? Pct(cm / pm - 1) : "",
                        b.salary_n_ai < o.min_n || c.salary_n_ai < o.min_n ? "1" : "0"});
    }
    tables.push_back(std::move(t));
  }
  // Skills and benefits (F13–F18): share of AI postings mentioning a group.
  const std::vector<std::string> kShareOf = {"ai_postings_with", "share_pct", "ci_low", "ci_high", "ai_postings", "small_n"};
  auto ai_in_half = CountInHalf(cube, Dim::kIndustry, p.current);
  uint64_t ai_total = TotalAi(ai_in_half);
  SkillCounts skills(cube, p.current);
  auto& skills_all = skills.all;
  std::vector<std::string> top_industries10 = TopByAi(ai_in_half, 10);
  {
    Table t;
    t.id = "F13";
    t.title = Analysis("F13").title;
    t.period = p.current;
    t.formula = "share of AI postings = AI postings mentioning the sub-group / all AI postings; top 5 per category";
    t.columns = {"category", "group"};
    t.columns.insert(t.columns.end(), kShareOf.begin(), kShareOf.end());
    for (const char* cat : {"专业知识", "技术技能", "工程实践"}) {
      for (const auto& g : TopGroups(skills_all, "hard", cat, 5)) {
        std::vector<std::string> row{cat, SplitGroup(g)[2]};
        auto cells = ShareCells(skills_all[g], ai_total, o.min_n);
        row.insert(row.end(), cells.begin(), cells.end());
        t.rows.push_back(std::move(row));
      }
    }
    tables.push_back(std::move(t));
  }
  for (auto [id, domain] : {std::make_pair("F14", "soft"), std::make_pair("F15", "benefit")}) {
    Table t;
    t.id = id;
    t.title = Analysis(id).title;
    t.period = p.current;
    t.formula = "share of AI postings = AI postings mentioning the group / all AI postings; top 10";
    t.columns = {"group"};
    t.columns.insert(t.columns.end(), kShareOf.begin(), kShareOf.end());
    for (const auto& g : TopGroups(skills_all, domain, "", 10)) {
      std::vector<std::string> row{SplitGroup(g)[2]};
      auto cells = ShareCells(skills_all[g], ai_total, o.min_n);
      row.insert(row.end(), cells.begin(), cells.end());
      t.rows.push_back(std::move(row));
    }
    tables.push_back(std::move(t));
  }
  for (auto [id, domain] :
       {std::make_pair("F16", "hard"), std::make_pair("F17", "soft"), std::make_pair("F18", "benefit")}) {
    Table t;
    t.id = id;
    t.title = Analysis(id).title;
    t.period = p.current;
    t.formula = std::string("share of the industry's AI postings = the industry's AI postings mentioning the ") +
                (std::string(domain) == "hard" ? "category" : "group") +
                " / the industry's AI postings; the top 10 industries by AI postings";
    t.columns = {"industry", std::string(domain) == "hard" ? "category" : "group"};
    t.columns.insert(t.columns.end(), kShareOf.begin(), kShareOf.end());
    std::vector<std::string> groups;
    if (std::string(domain) == "hard") {
      for (const char* cat : {"专业知识", "技术技能", "工程实践"}) groups.push_back(std::string("hard|") + cat + "|");
    } else {
      groups = TopGroups(skills_all, domain, "", 10);
    }
    for (const auto& ind : top_industries10) {
      auto& counts = skills.by_industry[ind];
      for (const auto& g : groups) {
        auto parts = SplitGroup(g);
        std::vector<std::string> row{ind, parts[2].empty() ? parts[1] : parts[2]};
        auto cells = ShareCells(counts[g], ai_in_half[ind].ai, o.min_n);
        row.insert(row.end(), cells.begin(), cells.end());
        t.rows.push_back(std::move(row));
      }
    }
    tables.push_back(std::move(t));
  }
  {  // F0-1: the top 50 AI terms; F0-2: their co-occurrence graph.
    std::vector<bool> in_current = cube.QuartersIn(p.current);
    std::map<uint32_t, uint64_t> term_n;
    for (const auto& [key, n] : cube.terms())
      if (in_current[key[0]]) term_n[key[1]] += n;
    std::vector<std::pair<uint64_t, std::string>> ranked;
    for (const auto& [id, n] : term_n) ranked.emplace_back(n, cube.dict_terms().Name(id));
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    Table t;
    t.id = "F0-1";
    t.title = Analysis("F0-1").title;
    t.period = p.current;
    t.formula = "AI postings mentioning the AI term (outside the company blurb) / all AI postings; top 50";
    t.columns = {"term"};
    t.columns.insert(t.columns.end(), kShareOf.begin(), kShareOf.end());
    std::map<std::string, uint64_t> by_name;
    for (size_t i = 0; i < ranked.size(); ++i) {
      by_name[ranked[i].second] = ranked[i].first;
      if (i >= 50) continue;
      std::vector<std::string> row{ranked[i].second};
      auto cells = ShareCells(ranked[i].first, ai_total, o.min_n);
      row.insert(row.end(), cells.begin(), cells.end());
      t.rows.push_back(std::move(row));
    }
    tables.push_back(std::move(t));

    Table g;
    g.id = "F0-2";
    g.title = Analysis("F0-2").title;
    g.period = p.current;
    g.formula = "edges between AI terms co-occurring in at least " + std::to_string(o.min_n) +
                " AI postings; lift = P(a,b) / (P(a) P(b)) and PMI = log2(lift) over AI postings; the 200 edges with "
                "the most co-occurrences";
    g.columns = {"term_a", "term_b", "co_postings", "postings_a", "postings_b", "lift", "pmi"};
    IdArrayMap<2, uint64_t> pair_n;  // summed over the half's quarters; read in any order, then sorted
    for (const auto& [key, n] : cube.pairs())
      if (in_current[key[0]]) pair_n[{key[1], key[2]}] += n;
    std::vector<std::tuple<uint64_t, std::string, std::string>> edges;
    for (const auto& [ab, n] : pair_n) {
      if (n < o.min_n) continue;
      std::string a = cube.dict_terms().Name(ab[0]), b = cube.dict_terms().Name(ab[1]);
      if (b < a) std::swap(a, b);
      edges.emplace_back(n, a, b);
    }
    std::sort(edges.begin(), edges.end(), [](const auto& x, const auto& y) {
      if (std::get<0>(x) != std::get<0>(y)) return std::get<0>(x) > std::get<0>(y);
      return std::tie(std::get<1>(x), std::get<2>(x)) < std::tie(std::get<1>(y), std::get<2>(y));
    });
    for (size_t i = 0; i < edges.size() && i < 200; ++i) {
      auto& [n, a, b] = edges[i];
      double total = static_cast<double>(ai_total);
      double lift = total * static_cast<double>(n) / (static_cast<double>(by_name[a]) * static_cast<double>(by_name[b]));
      char lb[32], pb[32];
      std::snprintf(lb, sizeof lb, "%.3f", lift);
      std::snprintf(pb, sizeof pb, "%.3f", std::log2(lift));
      g.rows.push_back({a, b, Num(n), Num(by_name[a]), Num(by_name[b]), lb, pb});
    }
    tables.push_back(std::move(g));
  }
  {  // F20–24: experience bands within the top 5 industries, beside all AI postings.
    Table t;
    t.id = "F20-24";
    t.title = Analysis("F20-24").title;
    t.period = p.current;
    t.formula = "share = the industry's AI postings in the band / the industry's AI postings; industry \"(all AI)\" is "
                "every AI posting; the top 5 industries by AI postings";
    t.columns = {"industry", "experience"};
    t.columns.insert(t.columns.end(), kShareOf.begin(), kShareOf.end());
    std::map<std::pair<std::string, std::string>, uint64_t> band;
    for (const auto& [names, c] : CountBy(cube, {Dim::kQuarter, Dim::kIndustry, Dim::kExperience}, p.current)) {
      band[{names[1], names[2]}] += c.ai;
      band[{"(all AI)", names[2]}] += c.ai;
    }
    std::vector<std::string> industries{"(all AI)"};
    for (const auto& ind : TopByAi(ai_in_half, 5)) industries.push_back(ind);
    for (const auto& ind : industries) {
      uint64_t total = ind == "(all AI)" ? ai_total : ai_in_half[ind].ai;
      for (const char* b : {"1年以下", "1-3年", "3-5年", "5-10年", "10年以上", "不限", ""}) {
        std::vector<std::string> row{ind, *b ? b : "(unknown)"};
        auto cells = ShareCells(band[{ind, b}], total, o.min_n);
        row.insert(row.end(), cells.begin(), cells.end());
        t.rows.push_back(std::move(row));
      }
    }
    tables.push_back(std::move(t));
  }
  {  // F25–34: industry → top 10 cities; F35–44: city → top 10 industries.
    // AI postings by (industry, city) and by (city, industry), summed over
    // the half's quarters by the cube.
    std::map<std::pair<std::string, std::string>, uint64_t> ic, ci;
    // Pairs with postings but none of them AI are listed too, with 0.
    for (const Cube::Marginal& m : cube.Collapse({Dim::kIndustry, Dim::kCity}, p.current)) {
      uint64_t ai = m.ai ? m.cell.postings : 0;
      ic[{m.names[0], m.names[1]}] += ai;
      ci[{m.names[1], m.names[0]}] += ai;
    }
    auto ai_by_city = CountInHalf(cube, Dim::kCity, p.current);
    for (int pass = 0; pass < 2; ++pass) {
      Table t;
      t.id = pass == 0 ? "F25-34" : "F35-44";
      t.title = Analysis(t.id).title;
      t.period = p.current;
      t.formula = pass == 0 ? "for each of the top 10 industries: the city's share of the industry's AI postings; top 10 "
                              "cities"
                            : "for each of the top 10 cities: the industry's share of the city's AI postings; top 10 "
                              "industries";
      t.columns = {pass == 0 ? "industry" : "city", pass == 0 ? "city" : "industry"};
      t.columns.insert(t.columns.end(), kShareOf.begin(), kShareOf.end());
      std::vector<std::string> outer = pass == 0 ? top_industries10 : TopByAi(ai_by_city, 10);
      const auto& by_outer = pass == 0 ? ic : ci;
      for (const auto& a : outer) {
        std::map<std::string, Counts> inner;
        for (auto it = by_outer.lower_bound({a, std::string()}); it != by_outer.end() && it->first.first == a; ++it)
          inner[it->first.second].ai += it->second;
        uint64_t total = pass == 0 ? ai_in_half[a].ai : ai_by_city[a].ai;
        for (const auto& b : TopByAi(inner, 10)) {
          std::vector<std::string> row{a, b};
          auto cells = ShareCells(inner[b].ai, total, o.min_n);
          row.insert(row.end(), cells.begin(), cells.end());
          t.rows.push_back(std::move(row));
        }
      }
      tables.push_back(std::move(t));
    }
  }
  tables.push_back(ByDimension(cube, o, p, "F19", Dim::kExperience, "experience", all));
  // The single-period tables after F13 describe the half's AI postings.
  for (Table& t : tables) {
    t.filter = cube.filter();
    if (t.n == 0 && t.period == p.current) t.n = ai_total;
  }
  if (categories != nullptr) AddDefinitionTables(*categories, o, cube.filter(), &tables);
  // Report order (report/catalogue.cc), as the reference report and
  // report.html present them.
  std::stable_sort(tables.begin(), tables.end(),
                   [](const Table& a, const Table& b) { return ReportRank(a.id) < ReportRank(b.id); });
  return tables;
}

std::string TableCsv(const Table& t) {
  std::string out = "\xEF\xBB\xBF";
  auto cell = [&](const std::string& v) { AppendCsvField(v, out); };
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (i) out += ',';
    cell(t.columns[i]);
  }
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      cell(row[i]);
    }
    out += "\r\n";
  }
  return out;
}

namespace {

// Display width of a cell in Excel's character units: CJK characters take
// two, others one.
double DisplayWidth(std::string_view s) {
  double w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      w += 1;
    } else if (c >= 0xC0) {
      w += c >= 0xE0 ? 2 : 1;  // a lead byte: one character
    }
  }
  return w;
}

}  // namespace

Status WriteTablesXlsx(const std::vector<Table>& tables, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return IoError(path + ": cannot create workbook");
  // A fixed creation date (2000-01-01): the same input gives the same bytes.
  lxw_doc_properties props{};
  char title[] = "jobsift tables";
  props.title = title;
  props.created = 946684800;
  workbook_set_properties(wb, &props);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* heading = workbook_add_format(wb);
  format_set_bold(heading);
  format_set_font_size(heading, 13);
  lxw_format* key = workbook_add_format(wb);
  format_set_italic(key);
  format_set_font_color(key, 0x808080);
  format_set_bottom(key, LXW_BORDER_THIN);
  lxw_format* note = workbook_add_format(wb);
  format_set_font_color(note, 0x595959);
  lxw_format* link = workbook_add_format(wb);
  format_set_underline(link, LXW_UNDERLINE_SINGLE);
  format_set_font_color(link, LXW_COLOR_BLUE);
  std::array<lxw_format*, 6> by_kind{};  // indexed by ColumnKind
  by_kind[static_cast<size_t>(ColumnKind::kCount)] = workbook_add_format(wb);
  format_set_num_format(by_kind[static_cast<size_t>(ColumnKind::kCount)], "#,##0");
  by_kind[static_cast<size_t>(ColumnKind::kPercent)] = workbook_add_format(wb);
  format_set_num_format(by_kind[static_cast<size_t>(ColumnKind::kPercent)], "0.00\"%\"");
  by_kind[static_cast<size_t>(ColumnKind::kWan)] = workbook_add_format(wb);
  format_set_num_format(by_kind[static_cast<size_t>(ColumnKind::kWan)], "0.0\"万\"");
  by_kind[static_cast<size_t>(ColumnKind::kRatio)] = workbook_add_format(wb);
  format_set_num_format(by_kind[static_cast<size_t>(ColumnKind::kRatio)], "0.000");

  // The contents: one row a table, linked to its sheet.
  lxw_worksheet* toc = workbook_add_worksheet(wb, "目录");
  if (toc == nullptr) {
    workbook_close(wb);
    return IoError(path + ": cannot add the contents sheet");
  }
  worksheet_write_string(toc, 0, 0, "人工智能岗位招聘分析表（jobsift）", heading);
  const char* toc_zh[] = {"表", "标题", "口径", "期间", "AI岗位数 n", "范围"};
  const char* toc_key[] = {"id", "title", "formula", "period", "n", "filter"};
  for (lxw_col_t c = 0; c < 6; ++c) {
    worksheet_write_string(toc, 2, c, toc_zh[c], bold);
    worksheet_write_string(toc, 3, c, toc_key[c], key);
  }
  for (size_t i = 0; i < tables.size(); ++i) {
    const Table& t = tables[i];
    auto row = static_cast<lxw_row_t>(i + 4);
    std::string target = "internal:'" + t.id + "'!A1";
    worksheet_write_url_opt(toc, row, 0, target.c_str(), link, t.id.c_str(), nullptr);
    worksheet_write_string(toc, row, 1, t.title.c_str(), nullptr);
    worksheet_write_string(toc, row, 2, t.formula.c_str(), note);
    worksheet_write_string(toc, row, 3, t.period.c_str(), nullptr);
    worksheet_write_number(toc, row, 4, static_cast<double>(t.n), by_kind[static_cast<size_t>(ColumnKind::kCount)]);
    worksheet_write_string(toc, row, 5, FilterLabel(t.filter).c_str(), nullptr);
  }
  worksheet_set_column(toc, 0, 0, 9, nullptr);
  worksheet_set_column(toc, 1, 1, 40, nullptr);
  worksheet_set_column(toc, 2, 2, 80, nullptr);
  worksheet_set_column(toc, 3, 3, 16, nullptr);
  worksheet_set_column(toc, 4, 5, 12, nullptr);
  worksheet_freeze_panes(toc, 4, 1);
  if (!tables.empty()) worksheet_autofilter(toc, 3, 0, static_cast<lxw_row_t>(tables.size() + 3), 5);

  constexpr lxw_row_t kFirstData = 6;  // title, formula, period, n, Chinese header, key
  for (const Table& t : tables) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, t.id.c_str());
    if (ws == nullptr) {
      workbook_close(wb);
      return IoError(path + ": cannot add sheet " + t.id);
    }
    worksheet_write_string(ws, 0, 0, (t.id + " " + t.title).c_str(), heading);
    worksheet_write_string(ws, 1, 0, ("口径 formula: " + t.formula).c_str(), note);
    std::string period = "期间 period: " + t.period;
    if (!t.filter.empty()) period += "    范围 filter: " + FilterLabel(t.filter);
    worksheet_write_string(ws, 2, 0, period.c_str(), note);
    worksheet_write_string(ws, 3, 0, ("AI岗位数 n = " + std::to_string(t.n)).c_str(), note);
    std::vector<double> width(t.columns.size(), 8);
    std::vector<ColumnInfo> info;
    for (size_t c = 0; c < t.columns.size(); ++c) {
      info.push_back(ColumnInfoOf(t.columns[c]));
      auto col = static_cast<lxw_col_t>(c);
      worksheet_write_string(ws, kFirstData - 2, col, std::string(info[c].zh).c_str(), bold);
      worksheet_write_string(ws, kFirstData - 1, col, t.columns[c].c_str(), key);
      width[c] = std::max({width[c], DisplayWidth(info[c].zh) + 2, DisplayWidth(t.columns[c]) + 2});
    }
    for (size_t r = 0; r < t.rows.size(); ++r) {
      for (size_t c = 0; c < t.rows[r].size() && c < info.size(); ++c) {
        const std::string& v = t.rows[r][c];
        auto row = static_cast<lxw_row_t>(r + kFirstData);
        auto col = static_cast<lxw_col_t>(c);
        ColumnKind kind = info[c].kind;
        if (kind == ColumnKind::kFlag) {
          worksheet_write_boolean(ws, row, col, v == "1", nullptr);
          continue;
        }
        if (v.empty()) continue;  // unknown: an empty cell, never 0
        char* end = nullptr;
        double x = std::strtod(v.c_str(), &end);
        if (kind != ColumnKind::kLabel && end != nullptr && *end == '\0') {
          worksheet_write_number(ws, row, col, x, by_kind[static_cast<size_t>(kind)]);
          width[c] = std::max(width[c], DisplayWidth(v) + 3);
        } else {
          worksheet_write_string(ws, row, col, v.c_str(), nullptr);
          width[c] = std::max(width[c], DisplayWidth(v) + 2);
        }
      }
    }
    for (size_t c = 0; c < width.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), std::min(width[c], 40.0), nullptr);
    worksheet_freeze_panes(ws, kFirstData, 0);
    if (!t.columns.empty())
      worksheet_autofilter(ws, kFirstData - 1, 0, static_cast<lxw_row_t>(kFirstData - 1 + t.rows.size()),
                           static_cast<lxw_col_t>(t.columns.size() - 1));
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return IoError(path + ": " + lxw_strerror(err));
  return Status::Ok();
}

bool IsPlainNumber(std::string_view v) {
  size_t i = !v.empty() && v[0] == '-' ? 1 : 0;
  if (i >= v.size() || !(v[i] >= '0' && v[i] <= '9')) return false;
  if (v[i] == '0' && i + 1 < v.size() && v[i + 1] >= '0' && v[i + 1] <= '9') return false;
  bool dot = false;
  for (++i; i < v.size(); ++i) {
    if (v[i] == '.' && !dot && i + 1 < v.size()) {
      dot = true;
    } else if (!(v[i] >= '0' && v[i] <= '9')) {
      return false;
    }
  }
  return true;
}

std::string_view ColumnType(ColumnKind k) {
  switch (k) {
    case ColumnKind::kLabel: return "string";
    case ColumnKind::kCount: return "integer";
    case ColumnKind::kFlag: return "boolean";
    default: return "number";
  }
}

std::string_view ColumnUnit(ColumnKind k) {
  switch (k) {
    case ColumnKind::kPercent: return "percent";
    case ColumnKind::kWan: return "万元";
    case ColumnKind::kCount: return "postings";
    default: return "";
  }
}

std::string TablesJson(const std::vector<Table>& tables) {
  std::string o = "{";
  for (size_t k = 0; k < tables.size(); ++k) {
    const Table& t = tables[k];
    if (k) o += ",";
    AppendJsonString(t.id, o);
    o += ":{\"title\":";
    AppendJsonString(t.title, o);
    o += ",\"formula\":";
    AppendJsonString(t.formula, o);
    o += ",\"period\":";
    AppendJsonString(t.period, o);
    o += ",\"filter\":{\"city\":";
    AppendJsonStringOrNull(t.filter.city, o);
    o += ",\"industry\":";
    AppendJsonStringOrNull(t.filter.industry, o);
    o += "},\"n\":" + std::to_string(t.n);
    o += ",\"columns\":[";
    std::vector<ColumnKind> kinds;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      ColumnInfo c = ColumnInfoOf(t.columns[i]);
      kinds.push_back(c.kind);
      if (i) o += ",";
      o += "{\"key\":";
      AppendJsonString(t.columns[i], o);
      o += ",\"label\":";
      AppendJsonString(c.zh, o);
      o += ",\"type\":";
      AppendJsonString(ColumnType(c.kind), o);
      o += ",\"unit\":";
      AppendJsonStringOrNull(ColumnUnit(c.kind), o);
      o += "}";
    }
    o += "],\"rows\":[";
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (r) o += ",";
      o += "[";
      for (size_t i = 0; i < t.rows[r].size(); ++i) {
        if (i) o += ",";
        const std::string& v = t.rows[r][i];
        ColumnKind kind = i < kinds.size() ? kinds[i] : ColumnKind::kLabel;
        if (kind == ColumnKind::kLabel) {
          AppendJsonString(v, o);
        } else if (kind == ColumnKind::kFlag) {
          o += v == "1" ? "true" : "false";
        } else if (v.empty()) {
          o += "null";  // unknown: no posting had what the cell needs
        } else if (IsPlainNumber(v)) {
          o += v;
        } else {
          AppendJsonString(v, o);
        }
      }
      o += "]";
    }
    o += "]}";
  }
  o += "}\n";
  return o;
}

}  // namespace jobsift
