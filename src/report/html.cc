#include "report/html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "aggregate/cube.h"
#include "base/text.h"
#include "report/assets.h"
#include "report/catalogue.h"
#include "report/labels.h"

namespace jobsift {
namespace {

// ---------------------------------------------------------------------------
// Cells and labels

// A table cell as a number; false for "" (unknown) and anything else.
bool ParseCell(std::string_view cell, double* v) {
  if (cell.empty()) return false;
  std::string s(cell);
  char* end = nullptr;
  double x = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !std::isfinite(x)) return false;
  *v = x;
  return true;
}

double CellOr(std::string_view cell, double otherwise) {
  double v;
  return ParseCell(cell, &v) ? v : otherwise;
}

uint64_t CellCount(std::string_view cell) {
  double v;
  return ParseCell(cell, &v) && v > 0 ? static_cast<uint64_t>(std::llround(v)) : 0;
}

std::string Html(std::string_view s) {
  std::string o;
  AppendHtmlEscaped(s, o);
  return o;
}

std::string Json(std::string_view s) {
  std::string o;
  AppendJsonString(s, o);
  return o;
}

// A table cell as a JSON number, or null when unknown.
std::string JsonNumber(std::string_view cell) {
  double v;
  return ParseCell(cell, &v) ? std::string(cell) : "null";
}

std::string JsonArray(const std::vector<std::string>& items) {
  std::string o = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) o += ",";
    o += items[i];
  }
  return o + "]";
}

std::string JsonStrings(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const auto& s : items) quoted.push_back(Json(s));
  return JsonArray(quoted);
}

// JSON placed inside <script>: "<", ">" and "&" only occur inside strings,
// where \u escapes mean the same, so no "</script>" or "<!--" can end it.
std::string ScriptSafe(std::string_view json) {
  std::string o;
  o.reserve(json.size());
  for (char c : json) {
    switch (c) {
      case '<': o += "\\u003c"; break;
      case '>': o += "\\u003e"; break;
      case '&': o += "\\u0026"; break;
      default: o.push_back(c);
    }
  }
  return o;
}

// A dimension value as the report prints it.
std::string Label(const std::string& v) {
  if (v.empty() || v == "(unknown)") return "未知";
  if (v == "(all AI)") return "全部AI岗位";
  return v;
}

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string Pct(double v) { return Fixed(v, 2) + "%"; }

bool IsLabelColumn(const std::string& column) { return ColumnInfoOf(column).kind == ColumnKind::kLabel; }

// One cell of a toggled table, formatted by its column's kind.
std::string FormatCell(const std::string& column, const std::string& cell) {
  switch (ColumnInfoOf(column).kind) {
    case ColumnKind::kFlag: return cell == "1" ? (column == "small_n" ? "样本不足" : "是") : "";
    case ColumnKind::kPercent: return FormatPercent(cell);
    case ColumnKind::kWan: return FormatWan(cell);
    case ColumnKind::kLabel: return Label(cell);
    case ColumnKind::kRatio: return cell.empty() ? "—" : cell;
    case ColumnKind::kCount: break;
  }
  double v;
  return ParseCell(cell, &v) ? FormatCount(static_cast<uint64_t>(std::llround(v))) : "—";
}

// Natural orders of the banded dimensions; other values keep table order
// after them.
const std::vector<std::string> kDegreeOrder = {"博士", "硕士", "本科", "大专及以下", "不限", "(unknown)"};
const std::vector<std::string> kExperienceOrder = {"1年以下", "1-3年", "3-5年", "5-10年", "10年以上", "不限", "(unknown)"};
const std::vector<std::string> kSizeOrder = {"100人以下", "100-500人", "500-10000人", "10000人以上"};

// ---------------------------------------------------------------------------
// Tables by column name

class View {
 public:
  explicit View(const Table& t) : t_(t) {}
  const Table& table() const { return t_; }
  size_t rows() const { return t_.rows.size(); }
  const std::string& Cell(size_t row, std::string_view column) const {
    static const std::string kEmpty;
    for (size_t i = 0; i < t_.columns.size(); ++i)
      if (t_.columns[i] == column) return i < t_.rows[row].size() ? t_.rows[row][i] : kEmpty;
    return kEmpty;
  }
  double Value(size_t row, std::string_view column) const { return CellOr(Cell(row, column), NAN); }
  bool Small(size_t row) const { return Cell(row, "small_n") == "1"; }
  // Rows whose `column` is `value`, in table order.
  std::vector<size_t> RowsWhere(std::string_view column, const std::string& value) const {
    std::vector<size_t> out;
    for (size_t r = 0; r < rows(); ++r)
      if (Cell(r, column) == value) out.push_back(r);
    return out;
  }
  // Distinct values of `column`, in order of first appearance.
  std::vector<std::string> Distinct(std::string_view column) const {
    std::vector<std::string> out;
    for (size_t r = 0; r < rows(); ++r) {
      const std::string& v = Cell(r, column);
      if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
    }
    return out;
  }

 private:
  const Table& t_;
};

// `rows` ordered by `order` on `column` (values not in it keep their place after).
std::vector<size_t> OrderRows(const View& v, std::vector<size_t> rows, std::string_view column,
                              const std::vector<std::string>& order) {
  auto rank = [&](size_t r) {
    auto it = std::find(order.begin(), order.end(), v.Cell(r, column));
    return it == order.end() ? order.size() : static_cast<size_t>(it - order.begin());
  };
  std::stable_sort(rows.begin(), rows.end(), [&](size_t a, size_t b) { return rank(a) < rank(b); });
  return rows;
}

std::vector<size_t> AllRows(const View& v) {
  std::vector<size_t> rows(v.rows());
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  return rows;
}

// ---------------------------------------------------------------------------
// Charts: one JSON spec each, drawn by templates/report.js.

struct Series {
  std::string name;
  std::vector<std::string> values;  // JSON numbers or null
  std::vector<int> small;
};

struct BarSpec {
  std::string kind = "bar";  // bar | line
  std::string unit = "pct";  // pct | wan | count
  bool horizontal = false;
  bool stack = false;
  std::string axis;  // value axis name
  std::vector<std::string> categories;
  std::vector<Series> series;
  std::optional<Series> line;  // on a second axis, in percent
  std::string line_axis;
};

std::string SeriesJson(const Series& s) {
  std::vector<std::string> small;
  for (int x : s.small) small.push_back(x ? "1" : "0");
  return "{\"name\":" + Json(s.name) + ",\"values\":" + JsonArray(s.values) + ",\"small\":" + JsonArray(small) + "}";
}

std::string BarJson(const BarSpec& b) {
  std::vector<std::string> labels;
  for (const auto& c : b.categories) labels.push_back(Label(c));
  std::string o = "{\"kind\":" + Json(b.kind) + ",\"unit\":" + Json(b.unit) +
                  ",\"horizontal\":" + (b.horizontal ? "true" : "false") + ",\"stack\":" + (b.stack ? "true" : "false") +
                  ",\"axis\":" + Json(b.axis) + ",\"categories\":" + JsonStrings(labels) + ",\"series\":[";
  for (size_t i = 0; i < b.series.size(); ++i) {
    if (i) o += ",";
    o += SeriesJson(b.series[i]);
  }
  o += "]";
  if (b.line) o += ",\"line\":" + SeriesJson(*b.line) + ",\"line_axis\":" + Json(b.line_axis);
  return o + "}";
}

bool AnySmall(const BarSpec& b) {
  for (const auto& s : b.series)
    for (int x : s.small)
      if (x) return true;
  return false;
}

int BarHeight(const BarSpec& b) {
  if (!b.horizontal) return b.categories.size() > 8 ? 440 : 380;
  size_t per = b.stack ? 1 : b.series.size();
  return static_cast<int>(70 + b.categories.size() * (14 + 10 * per));
}

// One series from `column` over `rows`.
Series MakeSeries(const View& v, const std::string& name, const std::vector<size_t>& rows, std::string_view column) {
  Series s;
  s.name = name;
  for (size_t r : rows) {
    s.values.push_back(JsonNumber(v.Cell(r, column)));
    s.small.push_back(v.Small(r) ? 1 : 0);
  }
  return s;
}

// ---------------------------------------------------------------------------
// Figures

struct Figure {
  std::string anchor;   // "F25"
  std::string number;   // "图表25"
  std::string title;
  std::string formula;  // in words
  std::string period;   // formatted
  std::string n;        // what the figure rests on
  std::string reading;  // one sentence from the numbers, or ""
  std::string chart;    // spec JSON; "" for none
  int height = 380;
  bool small = false;
  const Table* table = nullptr;
  std::vector<size_t> rows;  // of `table`, for the toggle
};

// "北京 5.29%、上海 4.73%、深圳 4.27%": the k highest known values of a
// series (ties keep category order), small cells and unknowns left out.
std::string TopValues(const std::vector<std::string>& categories, const Series& s, const std::string& unit,
                      size_t k) {
  std::vector<std::pair<double, size_t>> v;
  for (size_t i = 0; i < s.values.size(); ++i) {
    double x;
    if (!ParseCell(s.values[i], &x)) continue;
    if (s.small[i]) continue;
    if (categories[i] == "(unknown)") continue;
    v.emplace_back(x, i);
  }
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string o;
  for (size_t i = 0; i < v.size() && i < k; ++i) {
    if (i) o += "、";
    o += Label(categories[v[i].second]) + " " + (unit == "wan" ? Fixed(v[i].first, 1) + "万" : Pct(v[i].first));
  }
  return o;
}

struct Context {
  const ReportSummary& summary;
  std::map<std::string, const Table*> tables;
  std::string current_half;   // "2024H1"
  std::string previous_half;  // "2023H2" or ""
  const Table* Find(const std::string& id) const {
    auto it = tables.find(id);
    return it == tables.end() ? nullptr : it->second;
  }
  // AI postings with a known quarter, in the half-year (or all, for "").
  std::pair<uint64_t, uint64_t> Postings(const std::string& half) const {
    uint64_t all = 0, ai = 0;
    for (const auto& q : summary.by_quarter) {
      if (q.label == "unknown") continue;
      if (!half.empty() && HalfOfQuarter(q.label) != half) continue;
      all += q.all;
      ai += q.ai;
    }
    return {all, ai};
  }
};

// "图表25" for F25; the definition tables keep their letter: "图表D1".
std::string FigureNumber(const std::string& id) { return "图表" + (id[0] == 'F' ? id.substr(1) : id); }

Figure BaseFigure(const Table& t, const std::string& title, const std::string& formula) {
  Figure f;
  f.anchor = t.id;
  f.number = FigureNumber(t.id);
  f.title = title;
  f.formula = formula;
  f.period = FormatPeriod(t.period);
  f.table = &t;
  f.rows = AllRows(View(t));
  return f;
}

uint64_t SumColumn(const View& v, const std::vector<size_t>& rows, std::string_view column) {
  uint64_t n = 0;
  for (size_t r : rows) n += CellCount(v.Cell(r, column));
  return n;
}

// A share-of-dimension figure (F2, F4, F5, F19): one bar per row.
Figure DimensionFigure(const Table& t, const std::string& title, const std::string& formula,
                       const std::string& column, const std::string& series_name, const std::string& dim,
                       const std::vector<std::string>* order, bool horizontal) {
  View v(t);
  Figure f = BaseFigure(t, title, formula);
  std::vector<size_t> rows = AllRows(v);
  if (order) {
    rows = OrderRows(v, rows, dim, *order);
  } else {  // ranked by the value shown
    std::stable_sort(rows.begin(), rows.end(),
                     [&](size_t a, size_t b) { return CellOr(v.Cell(a, column), -1) > CellOr(v.Cell(b, column), -1); });
  }
  BarSpec b;
  b.horizontal = horizontal;
  b.axis = series_name + "（%）";
  for (size_t r : rows) b.categories.push_back(v.Cell(r, dim));
  b.series.push_back(MakeSeries(v, series_name, rows, column));
  f.chart = BarJson(b);
  f.height = BarHeight(b);
  f.small = AnySmall(b);
  f.rows = rows;
  uint64_t ai = SumColumn(v, rows, "ai_postings"), all = SumColumn(v, rows, "all_postings");
  f.n = "AI岗位 " + FormatCount(ai) + " 个，全部岗位 " + FormatCount(all) + " 个（图中各项合计）";
  std::string top = TopValues(b.categories, b.series[0], "pct", 3);
  if (!top.empty()) f.reading = series_name + "从高到低：" + top + "。";
  return f;
}

// Per half-year shares (F6, F8): grouped bars, one series per half-year.
Figure HalfYearFigure(const Context& c, const Table& t, const std::string& title, const std::string& formula,
                      const std::string& dim, const std::vector<std::string>* order, bool horizontal) {
  View v(t);
  Figure f = BaseFigure(t, title, formula);
  std::vector<std::string> halves = v.Distinct("half");
  std::vector<std::string> names;
  for (size_t r : v.RowsWhere("half", halves.empty() ? "" : halves.back())) names.push_back(v.Cell(r, dim));
  if (order) {
    std::vector<std::string> ordered;
    for (const auto& o : *order)
      if (std::find(names.begin(), names.end(), o) != names.end()) ordered.push_back(o);
    for (const auto& n : names)
      if (std::find(ordered.begin(), ordered.end(), n) == ordered.end()) ordered.push_back(n);
    names = ordered;
  }
  BarSpec b;
  b.horizontal = horizontal;
  b.axis = "占AI岗位比例（%）";
  b.categories = names;
  // Newest half-year first, as the reference's table reads.
  std::string n;
  for (auto it = halves.rbegin(); it != halves.rend(); ++it) {
    std::vector<size_t> rows;
    for (const auto& name : names) {
      std::vector<size_t> match;
      for (size_t r : v.RowsWhere("half", *it))
        if (v.Cell(r, dim) == name) match.push_back(r);
      rows.push_back(match.empty() ? SIZE_MAX : match[0]);
    }
    Series s;
    s.name = FormatPeriod(*it);
    for (size_t r : rows) {
      s.values.push_back(r == SIZE_MAX ? "null" : JsonNumber(v.Cell(r, "share_of_ai_pct")));
      s.small.push_back(r != SIZE_MAX && v.Small(r) ? 1 : 0);
    }
    b.series.push_back(std::move(s));
    if (!n.empty()) n += "；";
    n += FormatPeriod(*it) + " " + FormatCount(c.Postings(*it).second);
  }
  f.chart = BarJson(b);
  f.height = BarHeight(b);
  f.small = AnySmall(b);
  f.n = "各半年度AI岗位总数：" + n;
  if (!b.series.empty()) {
    std::string top = TopValues(b.categories, b.series[0], "pct", 3);
    if (!top.empty()) f.reading = b.series[0].name + "占比从高到低：" + top + "。";
  }
  return f;
}

// AI against all postings' mean annual salary (F9, F11), with the difference.
Figure SalaryFigure(const Table& t, const std::string& title, const std::string& formula, const std::string& dim) {
  View v(t);
  Figure f = BaseFigure(t, title, formula);
  BarSpec b;
  b.unit = "wan";
  b.axis = "平均年薪（万元）";
  std::vector<size_t> rows = AllRows(v);
  for (size_t r : rows) b.categories.push_back(v.Cell(r, dim));
  b.series.push_back(MakeSeries(v, "AI岗位平均年薪", rows, "ai_mean_annual_wan"));
  b.series.push_back(MakeSeries(v, "全部岗位平均年薪", rows, "all_mean_annual_wan"));
  b.series[1].small.assign(rows.size(), 0);  // the flag is about the AI postings
  b.line = MakeSeries(v, "差异（AI / 全部 − 1）", rows, "diff_pct");
  b.line_axis = "差异（%）";
  f.chart = BarJson(b);
  f.height = BarHeight(b);
  f.small = AnySmall(b);
  f.n = "有明确薪资的AI岗位 " + FormatCount(SumColumn(v, rows, "ai_salary_n")) + " 个，全部岗位 " +
        FormatCount(SumColumn(v, rows, "all_salary_n")) + " 个";
  std::string top = TopValues(b.categories, b.series[0], "wan", 3);
  if (!top.empty()) f.reading = "AI岗位平均年薪从高到低：" + top + "。";
  return f;
}

// AI mean annual salary, the year before against the current half (F10, F12).
Figure SalaryChangeFigure(const Table& t, const std::string& title, const std::string& formula,
                          const std::string& dim, const std::vector<std::string>* order) {
  View v(t);
  Figure f = BaseFigure(t, title, formula);
  std::vector<size_t> rows = AllRows(v);
  if (order) rows = OrderRows(v, rows, dim, *order);
  f.rows = rows;
  std::string prev, cur;
  size_t vs = t.period.find(" vs ");
  if (vs != std::string::npos) {
    prev = t.period.substr(0, vs);
    cur = t.period.substr(vs + 4);
  }
  BarSpec b;
  b.unit = "wan";
  b.axis = "AI岗位平均年薪（万元）";
  for (size_t r : rows) b.categories.push_back(v.Cell(r, dim));
  b.series.push_back(MakeSeries(v, FormatPeriod(prev), rows, "previous_mean_wan"));
  b.series.push_back(MakeSeries(v, FormatPeriod(cur), rows, "current_mean_wan"));
  b.line = MakeSeries(v, "变化", rows, "change_pct");
  b.line_axis = "变化（%）";
  f.chart = BarJson(b);
  f.height = BarHeight(b);
  f.small = AnySmall(b);
  f.n = "有明确薪资的AI岗位：" + FormatPeriod(prev) + " " + FormatCount(SumColumn(v, rows, "previous_n")) + " 个，" +
        FormatPeriod(cur) + " " + FormatCount(SumColumn(v, rows, "current_n")) + " 个";
  std::string top = TopValues(b.categories, *b.line, "pct", 3);
  if (!top.empty()) f.reading = "变化从高到低：" + top + "。";
  return f;
}

// Share of AI postings mentioning a group (F14, F15, F0-1 table): ranked bars.
Figure GroupFigure(const Table& t, const std::string& title, const std::string& formula, const std::string& dim) {
  View v(t);
  Figure f = BaseFigure(t, title, formula);
  BarSpec b;
  b.horizontal = true;
  b.axis = "占AI岗位比例（%）";
  std::vector<size_t> rows = AllRows(v);
  for (size_t r : rows) b.categories.push_back(v.Cell(r, dim));
  b.series.push_back(MakeSeries(v, "占AI岗位比例", rows, "share_pct"));
  f.chart = BarJson(b);
  f.height = BarHeight(b);
  f.small = AnySmall(b);
  f.n = "AI岗位 " + FormatCount(v.rows() ? CellCount(v.Cell(0, "ai_postings")) : 0) + " 个";
  std::string top = TopValues(b.categories, b.series[0], "pct", 3);
  if (!top.empty()) f.reading = "最常见：" + top + "。";
  return f;
}

// ---------------------------------------------------------------------------
// Page parts

std::string FigureHtml(const Figure& f, uint64_t min_n) {
  std::string o = "<figure class=\"figure\" id=\"" + Html(f.anchor) + "\">\n";
  o += "<figcaption><span class=\"fig-no\">" + Html(f.number) + "</span> " + Html(f.title) + "</figcaption>\n";
  o += "<dl class=\"meta\"><div><dt>口径</dt><dd>" + Html(f.formula) + "</dd></div><div><dt>期间</dt><dd>" +
       Html(f.period.empty() ? "—" : f.period) + "</dd></div><div><dt>样本</dt><dd>n = " + Html(f.n) + "</dd></div></dl>\n";
  bool empty = f.table == nullptr || f.rows.empty();
  if (empty) {
    o += "<p class=\"empty\">本期数据中没有可用于此图的岗位。</p>\n";
  } else {
    if (!f.reading.empty()) o += "<p class=\"reading\">" + Html(f.reading) + "</p>\n";
    o += "<div class=\"chart\" data-chart=\"" + Html(f.anchor) + "\" style=\"height:" + std::to_string(f.height) +
         "px\" role=\"img\" aria-label=\"" + Html(f.number + " " + f.title) + "\"></div>\n";
    if (f.small)
      o += "<p class=\"small-note\"><span class=\"swatch\"></span>斜纹浅色（及标注 *）表示样本不足：n &lt; " +
           std::to_string(min_n) + "，仅供参考。</p>\n";
    const Table& t = *f.table;
    o += "<details class=\"data\"><summary>数据表</summary><div class=\"table-wrap\"><table>\n<thead><tr>";
    for (const auto& col : t.columns) {
      o += "<th>" + Html(std::string(ColumnInfoOf(col).zh)) + "</th>";
    }
    o += "</tr></thead>\n<tbody>\n";
    View v(t);
    for (size_t r : f.rows) {
      o += v.Small(r) ? "<tr class=\"small\">" : "<tr>";
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const std::string& cell = i < t.rows[r].size() ? t.rows[r][i] : "";
        o += IsLabelColumn(t.columns[i]) || t.columns[i] == "small_n" ? "<td>" : "<td class=\"num\">";
        o += Html(FormatCell(t.columns[i], cell)) + "</td>";
      }
      o += "</tr>\n";
    }
    o += "</tbody></table></div></details>\n";
  }
  o += "</figure>\n";
  return o;
}

// A numbered section of a chapter ("2.1 季度分布") and its figures.
struct Part {
  std::string id;
  std::string title;
  std::vector<Figure> figures;
};

struct Chapter {
  std::string id;
  std::string title;
  std::vector<Part> sections;
  std::string body;  // pre-rendered HTML (data quality, methodology)
};

std::string UnknownNameZh(const std::string& name) { return std::string(LabelZh("unknown", name)); }

std::string RejectNameZh(const std::string& name) { return std::string(LabelZh("reject", name)); }

// A derived field ("industry") or a posting field ("company_indus") as the
// data-quality chapter names it.
std::string FieldNameZh(const std::string& name) { return std::string(LabelZh("field", name)); }

std::string DomainNameZh(const std::string& name) { return std::string(LabelZh("domain", name)); }

// "城市为北京", "行业为教育", "城市为北京、行业为教育"; "" when the report
// covers every posting.
std::string ScopeZh(const ReportSummary& s) {
  std::string out;
  if (!s.filter_city.empty()) out += "城市为" + s.filter_city;
  if (!s.filter_industry.empty()) out += (out.empty() ? "" : "、") + std::string("行业为") + s.filter_industry;
  return out;
}

std::string ShareOf(uint64_t part, uint64_t whole) {
  return whole ? Pct(100.0 * static_cast<double>(part) / static_cast<double>(whole)) : "—";
}

std::string DateSourceZh(const std::string& name) { return std::string(LabelZh("date_source", name)); }

std::string FieldNameZh(Field f) { return FieldNameZh(std::string(FieldName(f))); }

// "a、b、c 等 5 个文件".
std::string FileList(const std::vector<std::string>& files, size_t shown = 3) {
  return JoinFirst(files, "、", shown) + (files.size() > shown ? " 等 " + FormatCount(files.size()) + " 个文件" : "");
}

// Where a field some files lack may be: a column of a skipped table (which
// jobsift does not join), or none of the files' other columns.
std::string WhereZh(const InputNotes& n, const InputNotes::NoColumn& c) {
  std::string o;
  std::vector<std::string> columns;
  const std::vector<InputNotes::Elsewhere> elsewhere = n.ElsewhereOf(c.field);
  for (const InputNotes::Elsewhere& e : elsewhere)
    if (std::find(columns.begin(), columns.end(), e.column) == columns.end()) columns.push_back(e.column);
  for (const std::string& column : columns)
    o += "跳过的 " + FormatCount(static_cast<uint64_t>(std::count_if(
                         elsewhere.begin(), elsewhere.end(), [&](const auto& e) { return e.column == column; }))) +
         " 个非岗位表（如企业表）有“" + column + "”列，jobsift 不合并表格：可先按企业名称并入岗位文件。";
  if (c.spare.empty()) {
    o += "这些文件没有其他列。";
  } else {
    std::string_view judged = JudgedAs(c.field);
    o += "未使用的 " + FormatCount(c.spare.size()) + " 列" +
         (judged.empty() ? std::string() : std::string("中没有按内容可读作该字段的")) +
         "；若其中一列是该字段，可在 --config 的 [columns] 中指定。";
  }
  return o;
}

// 6.3: the files read, the columns found by content and the fields some
// files have no column for, empty and skipped files, other warnings.
std::string InputsHtml(const InputNotes& n) {
  std::string o = "<section class=\"section\" id=\"quality-inputs\"><h3>6.3 输入文件与列映射</h3>\n<p>" +
                  Html("读取了 " + FormatCount(n.files) + " 个含岗位的文件（共 " + FormatCount(n.rows) +
                       " 行）。列按表头名称识别；表头名称不认识的列，按单元格内容识别（抽样单元格中至少 80% 能解析为某字段）。") +
                  "</p>\n";
  if (!n.by_content.empty()) {
    o += "<div class=\"table-wrap\"><table><thead><tr><th>文件</th><th>字段</th><th>列名</th><th>依据</th></tr></thead>"
         "<tbody>\n";
    for (const auto& b : n.by_content)
      o += "<tr><td>" + Html(b.file) + "</td><td>" + Html(FieldNameZh(b.field)) + "</td><td>" +
           Html(b.header) + "</td><td>" + Html(b.evidence) + "</td></tr>\n";
    o += "</tbody></table></div>\n";
  }
  if (n.no_column.empty()) {
    o += "<p>每个文件都有标题、城市、薪资、学历、经验、企业、行业、日期与描述各字段的列。</p>\n";
  } else {
    o += "<p class=\"warn\">以下字段在部分文件中没有对应的列，这些文件的所有岗位在该字段上均记为未知：</p>\n"
         "<div class=\"table-wrap\"><table><thead><tr><th>字段</th><th>缺列文件</th><th>涉及行数</th><th>文件</th>"
         "<th>该字段可能在哪里</th></tr></thead><tbody>\n";
    for (const auto& c : n.no_column)
      o += "<tr><td>" + Html(FieldNameZh(c.field)) + "</td><td class=\"num\">" +
           FormatCount(c.files.size()) + " / " + FormatCount(n.files) + "</td><td class=\"num\">" + FormatCount(c.rows) +
           "</td><td>" + Html(FileList(c.files)) + "</td><td>" + Html(WhereZh(n, c)) + "</td></tr>\n";
    o += "</tbody></table></div>\n";
  }
  auto list = [&](const std::string& title, const std::vector<std::string>& items) {
    if (items.empty()) return;
    o += "<p>" + Html(title + "（" + FormatCount(items.size()) + "）：") + "</p>\n<ul class=\"notes\">\n";
    for (size_t i = 0; i < items.size() && i < 10; ++i) o += "<li>" + Html(items[i]) + "</li>\n";
    if (items.size() > 10) o += "<li>" + Html("另有 " + FormatCount(items.size() - 10) + " 条，见 summary.json") + "</li>\n";
    o += "</ul>\n";
  };
  auto files = [](const std::vector<std::string>& notes) {
    std::vector<std::string> out;
    for (const std::string& note : notes) out.push_back(NoteFile(note));
    return out;
  };
  list("没有任何行的文件", n.empty);
  list("跳过的文件（没有岗位标题或描述列，例如企业表：jobsift 只读岗位，不合并其他表格；各自的原因与表头见 summary.json 或 jobsift scan）",
       files(n.skipped));
  list("其他警告", n.other);
  o += "</section>\n";
  return o;
}

std::string DataQualityHtml(const ReportSummary& s) {
  std::string o = "<section class=\"section\" id=\"quality-rows\"><h3>6.1 读取与去重</h3>\n<table class=\"facts\"><tbody>\n";
  auto row = [&](const std::string& k, const std::string& v) { o += "<tr><th>" + Html(k) + "</th><td class=\"num\">" + Html(v) + "</td></tr>\n"; };
  row("读取行数", FormatCount(s.rows_read));
  row("接受行数", FormatCount(s.rows_accepted) + "（" + ShareOf(s.rows_accepted, s.rows_read) + "）");
  row("拒绝行数", FormatCount(s.rows_rejected) + "（" + ShareOf(s.rows_rejected, s.rows_read) + "）");
  row("去除的重复岗位", FormatCount(s.duplicates_removed));
  row("参与分析的岗位（去重后）", FormatCount(s.postings));
  row("无可用日期（不计入分期统计）", FormatCount(s.Undated()) + "（" + ShareOf(s.Undated(), s.postings) + "）");
  if (uint64_t n = s.UndatedForWantOfReference(); n > 0)
    row("其中日期缺年份或为相对日期（如 04-20、3天前），未给参考日期（--reference-date）",
        FormatCount(n) + "（" + ShareOf(n, s.postings) + "）");
  o += "</tbody></table>\n";
  std::string reasons;
  for (const auto& [name, n] : s.rejected_by_reason) {
    if (n == 0) continue;
    if (!reasons.empty()) reasons += "；";
    reasons += RejectNameZh(name) + " " + FormatCount(n);
  }
  o += "<p>拒绝原因：" + Html(reasons.empty() ? "无" : reasons) + "。被拒绝的行逐条写在 rejects.tsv 中。</p>\n";
  std::string dups;
  for (const auto& [half, n] : s.duplicates_by_half) {
    if (!dups.empty()) dups += "；";
    dups += (half == "unknown" ? std::string("无日期") : FormatPeriod(half)) + " " + FormatCount(n);
  }
  o += "<p>" +
       Html(s.dedup == "exact"
                ? "去重规则：同一半年内公司、职位名称、城市和职位描述完全相同的岗位只计一次。各半年度去除的重复：" +
                      (dups.empty() ? std::string("无") : dups) + "。"
                : std::string("本次未去重（--dedup none）：重复发布的岗位按多次计。")) +
       "</p>\n</section>\n";
  o += "<section class=\"section\" id=\"quality-fields\"><h3>6.2 字段解析率</h3>\n"
       "<p>每个岗位的派生字段要么解析成功，要么记为未知并注明原因；未知值不参与相应统计，也从不按 0 计。</p>\n"
       "<div class=\"table-wrap\"><table><thead><tr><th>字段</th><th>解析成功</th><th>解析率</th><th>未知（按原因）</th></tr></thead><tbody>\n";
  for (const auto& f : s.fields) {
    std::string unknown;
    for (const auto& [name, n] : f.unknown) {
      if (n == 0) continue;
      if (!unknown.empty()) unknown += "；";
      unknown += UnknownNameZh(name) + " " + FormatCount(n);
    }
    o += "<tr><td>" + Html(FieldNameZh(f.name)) + "</td><td class=\"num\">" + FormatCount(f.parsed) +
         "</td><td class=\"num\">" + ShareOf(f.parsed, s.postings) + "</td><td>" + Html(unknown.empty() ? "—" : unknown) +
         "</td></tr>\n";
  }
  o += "</tbody></table></div>\n";
  std::string sources;
  for (const auto& [name, n] : s.date_sources) {
    if (n == 0) continue;
    if (!sources.empty()) sources += "；";
    sources += DateSourceZh(name) + " " + FormatCount(n);
  }
  if (!sources.empty())
    o += "<p>" + Html("发布日期的来源：" + sources +
                      "。发布日期缺失、无法解析或是占位值（如 1970-01-01）时，依次改用首次抓取日期、更新日期；"
                      "发布日期晚于该岗位被抓取到的日期时，它不可能为真，改用抓取日期。") +
         "</p>\n";
  o += "</section>\n";
  o += InputsHtml(s.inputs);
  return o;
}

// Why the single-period tables describe the half-year they do.
std::string FocusReasonZh(const FocusHalf& f, uint64_t min_n) {
  switch (f.rule) {
    case FocusHalf::Rule::kAsked: return "--half 指定";
    case FocusHalf::Rule::kNone: return "没有岗位有日期";
    case FocusHalf::Rule::kMostAi:
      return "没有一个半年度的岗位数达到最多半年度的四分之一且AI岗位不少于 " + std::to_string(min_n) +
             " 条，取AI岗位最多的半年度";
    case FocusHalf::Rule::kLatest: break;
  }
  std::string o = "默认取最近的、岗位数不少于最多半年度（" + FormatCount(f.busiest) + " 条）四分之一且AI岗位不少于 " +
                  std::to_string(min_n) + " 条的半年度";
  std::string later;
  bool after = false;
  for (const PeriodCount& h : f.halves) {
    if (after) later += (later.empty() ? "" : "、") + FormatPeriod(h.period) + "（岗位 " + FormatCount(h.all) + " 条、AI岗位 " +
                        FormatCount(h.ai) + " 条）";
    after |= h.period == f.half;
  }
  if (!later.empty()) o += "；其后的" + later + "数据太少，未选";
  return o;
}

std::string MethodologyHtml(const ReportSummary& s, const Context& c) {
  std::string o = "<section class=\"section\" id=\"method-ai\"><h3>7.1 人工智能岗位的识别</h3>\n<p>";
  // The definition in use, the categories, and what gave each posting its
  // category.
  o += Html("本报告的“人工智能岗位”采用定义 " + s.ai.definition + "（" +
            (s.ai.categories == "any term" ? std::string("岗位标题、描述或公司介绍中出现AI词库的任一词")
                                           : "工作类别为 " + s.ai.categories + " 的岗位") +
            "）。每个含AI词的岗位按其本身的工作归入七类之一：B 构建AI（训练、研发模型与算法）、A 应用AI（把模型接入产品的工程开发）、"
            "D AI数据工作（标注、AI训练师、语料）、E AI教育、S AI商务（销售、产品、咨询）、U 使用AI工具的其他工作、N 并非AI工作"
            "（只是提到AI词）；不含AI词的岗位为 N。四个内置定义：core = B，default = B + A，broad = B + A + D，report = 任一处含AI词。");
  if (s.ai.classifier == "model") {
    o += Html("类别由模型判定（--classifier model，权重校验和 " + s.ai.model_checksum +
              "）：以人工标注的真实招聘岗位训练的多项逻辑回归，特征为标题的字 n-gram、职责段的字二元组、各段命中的AI词与词组；"
              "jobsift annotate --explain 逐条列出决定类别的特征。");
  } else {
    o += Html("类别由规则判定（--classifier rules）：标题是技术岗位且含强AI词；或标题含弱AI词（如 AI、算法、模型）且描述中有一个强AI词确认；"
              "或描述中至少出现两个不同的强AI词（通用软件岗位需三个），即为 B 或 A；“优先/加分”类表述、专业名单和词表罗列中的提及不计；"
              "其余含AI词的岗位按标题归入 D、E、S、U 或 N。");
  }
  o += Html("各定义下的岗位数、AI强度与平均年薪见图表D1，含AI词岗位的类别构成见图表D2；各定义在真实数据上的精确率与召回率"
            "（总体口径、95%区间）见 docs/classification.md。");
  o += "每个岗位的类别与判定依据都可由 jobsift annotate 逐条列出。</p>\n";
  o += "<table class=\"facts\"><thead><tr><th>词库</th><th>词数</th><th>分组数</th></tr></thead><tbody>\n";
  for (const auto& l : s.lexicons)
    o += "<tr><th>" + Html(DomainNameZh(l.domain)) + "</th><td class=\"num\">" + FormatCount(l.terms) +
         "</td><td class=\"num\">" + FormatCount(l.groups) + "</td></tr>\n";
  o += "</tbody></table>\n<p>词库校验和：<code>" + Html(s.lexicon_checksum) + "</code></p>\n</section>\n";

  o += "<section class=\"section\" id=\"method-salary\"><h3>7.2 薪资口径</h3>\n<p>" +
       Html("年薪 = 月薪区间中点 × 发薪月数（默认 12 个月，“·13薪”等按所写月数）；年薪按所写数额。日薪 × " +
            Fixed(s.salary.work_days_per_month, 2) + " 天/月，时薪 × " + Fixed(s.salary.work_hours_per_day, 1) +
            " 小时/天 × " + Fixed(s.salary.work_days_per_month, 2) + " 天/月，周薪 × " +
            Fixed(s.salary.weeks_per_month, 2) + " 周/月。月薪须在 " + FormatCount(static_cast<uint64_t>(s.salary.min_monthly)) +
            " 至 " + FormatCount(static_cast<uint64_t>(s.salary.max_monthly)) +
            " 元之间、上限不超过下限的 " + Fixed(s.salary.max_ratio, 0) +
            " 倍，否则记为未知。“面议”及无法解析的薪资为未知，不计入平均值（不按 0 计）。平均年薪以万元表示（27.1万 即 271,000 元）；"
            "中位数取自 1% 宽的对数薪资分箱，误差在 0.5% 以内。") +
       "</p>\n</section>\n";

  std::string quarters;
  for (const auto& q : s.by_quarter) {
    if (q.label == "unknown") continue;
    if (!quarters.empty()) quarters += "、";
    quarters += FormatPeriod(q.label);
  }
  o += "<section class=\"section\" id=\"method-periods\"><h3>7.3 期间与口径</h3>\n<ul>\n";
  if (std::string scope = ScopeZh(s); !scope.empty())
    o += "<li>" + Html("范围：本报告只统计" + scope + "的岗位（--city / --industry）；重复岗位在全部岗位中识别后再按范围筛选，范围以外的 " +
                       FormatCount(s.outside_filter) + " 条岗位不计。") +
         "</li>\n";
  o += "<li>" + Html("数据中的季度：" + (quarters.empty() ? std::string("无") : quarters) + "。单期图表描述" +
                     (c.current_half.empty() ? std::string("—") : FormatPeriod(c.current_half)) + "（" +
                     FocusReasonZh(s.focus, s.min_n) + "）。") +
       "</li>\n";
  o += "<li>" + Html("招聘占比 = 某类AI岗位数 / 同期全部AI岗位数；AI强度 = 某类中的AI岗位数 / 同类全部岗位数。参考报告混用二者，本报告每张图都注明所用口径，数据表同时给出两者及其 Wilson 95% 置信区间。") + "</li>\n";
  o += "<li>" + Html("样本不足：计数小于 " + std::to_string(s.min_n) +
                     "（--min-n）的格子照常显示，但在图中以斜纹浅色及 * 标出，在数据表中注明“样本不足”；主要发现只引用样本充足的格子。") +
       "</li>\n";
  o += "<li>" + Html("排名：城市取AI岗位数前 " + std::to_string(s.top_cities) + " 个，行业取前 " +
                     std::to_string(s.top_industries) + " 个（按单期AI岗位数，数量相同按名称）；技能与福利按提及的AI岗位数排名。") +
       "</li>\n";
  o += "<li>" + Html("技能关系网络（图表0-2）：两词在至少 " + std::to_string(s.min_n) +
                     " 个AI岗位中同时出现才连线（最小支持度）；提升度 lift = P(a,b) / (P(a)·P(b))，PMI = log₂ lift，"
                     "线宽与颜色深浅随 PMI 增大，lift ≤ 1（不高于随机共现）的边以虚线表示；节点大小随含该词的AI岗位数增大。") +
       "</li>\n";
  o += "</ul>\n</section>\n";

  const ReportAssets& a = EmbeddedReportAssets();
  o += "<section class=\"section\" id=\"method-version\"><h3>7.4 版本与复现</h3>\n<p>" +
       Html("由 jobsift " + s.version + " 生成；同一输入、同一配置得到逐字节相同的报告（页面中不含生成时间）。数值表见同目录的 tables/*.csv、tables.json 与 tables.xlsx，运行摘要见 summary.json。图表由内嵌的 Apache ECharts " +
            std::string(a.echarts_version) + "（Apache-2.0）与 echarts-wordcloud " + std::string(a.wordcloud_version) +
            "（ISC）绘制，查看时不访问网络。") +
       "</p>\n</section>\n";
  return o;
}

// ---------------------------------------------------------------------------
// Key findings: each sentence from the numbers, left out when they are missing.

// The row with the highest value of `column` among rows passing `keep`.
std::optional<size_t> ArgMax(const View& v, const std::vector<size_t>& rows, std::string_view column,
                             const std::function<bool(size_t)>& keep) {
  std::optional<size_t> best;
  double best_v = 0;
  for (size_t r : rows) {
    double x;
    if (!keep(r) || !ParseCell(v.Cell(r, column), &x)) continue;
    if (!best || x > best_v) {
      best = r;
      best_v = x;
    }
  }
  return best;
}

std::string ChangeWords(double from, double to, const std::string& unit) {
  double d = to - from;
  if (std::fabs(d) < 0.005) return "持平";
  return (d > 0 ? "上升 " : "下降 ") + Fixed(std::fabs(d), 2) + unit;
}

std::vector<std::string> KeyFindings(const Context& c) {
  std::vector<std::string> out;
  const ReportSummary& s = c.summary;
  auto not_small_known = [](const View& v) {
    return [&v](size_t r) { return !v.Small(r) && v.Cell(r, v.table().columns[0]) != "(unknown)"; };
  };

  if (const Table* t = c.Find("F1")) {
    auto [all, ai] = c.Postings("");
    if (all > 0)
      out.push_back(FormatPeriod(t->period) + "共有 " + FormatCountWan(all) + " 条招聘岗位（去重后），其中人工智能岗位 " +
                    FormatCountWan(ai) + " 条，占 " + ShareOf(ai, all) + "。");
    View v(*t);
    std::vector<size_t> rows = AllRows(v);
    auto sufficient = [&v](size_t r) { return !v.Small(r); };
    if (auto peak = ArgMax(v, rows, "share_of_ai_pct", sufficient)) {
      std::string sentence = "AI岗位在" + FormatPeriod(v.Cell(*peak, "quarter")) + "最为集中，占整个期间AI岗位的 " +
                             FormatPercent(v.Cell(*peak, "share_of_ai_pct"));
      // Intensity from the first to the last quarter with enough postings.
      std::vector<size_t> ok;
      for (size_t r : rows)
        if (sufficient(r)) ok.push_back(r);
      double a, b;
      if (ok.size() >= 2 && ParseCell(v.Cell(ok.front(), "ai_intensity_pct"), &a) &&
          ParseCell(v.Cell(ok.back(), "ai_intensity_pct"), &b))
        sentence += "；AI强度（AI岗位占当季全部岗位的比例）由" + FormatPeriod(v.Cell(ok.front(), "quarter")) + "的 " +
                    Pct(a) + (std::fabs(b - a) < 0.005 ? "保持至" : (b > a ? "升至" : "降至")) +
                    FormatPeriod(v.Cell(ok.back(), "quarter")) + "的 " + Pct(b);
      out.push_back(sentence + "。");
    }
  }
  // A report of one city (industry) says nothing about which city (industry)
  // leads: it would be that one, with 100%.
  if (const Table* t = c.Find("F2"); t != nullptr && s.filter_city.empty()) {
    View v(*t);
    std::string sentence;
    if (v.rows() > 0 && !v.Small(0))
      sentence = FormatPeriod(t->period) + "AI岗位最多的城市是" + Label(v.Cell(0, "city")) + "（" +
                 FormatCount(CellCount(v.Cell(0, "ai_postings"))) + " 个，占全部AI岗位的 " +
                 FormatPercent(v.Cell(0, "share_of_ai_pct")) + "）";
    if (auto best = ArgMax(v, AllRows(v), "ai_intensity_pct", not_small_known(v)))
      sentence += (sentence.empty() ? FormatPeriod(t->period) : std::string("；")) + "在AI岗位数前 " +
                  std::to_string(v.rows()) + " 的城市中，" + Label(v.Cell(*best, "city")) +
                  "的AI强度最高，AI岗位占该城市全部岗位的 " + FormatPercent(v.Cell(*best, "ai_intensity_pct"));
    if (!sentence.empty()) out.push_back(sentence + "。");
  }
  {
    const Table* f4 = c.Find("F4");
    const Table* f5 = c.Find("F5");
    std::string sentence;
    if (f4) {
      View v(*f4);
      if (auto best = ArgMax(v, AllRows(v), "ai_intensity_pct", not_small_known(v)))
        sentence = "学历要求为“" + Label(v.Cell(*best, "degree")) + "”的岗位中AI岗位比例最高（" +
                   FormatPercent(v.Cell(*best, "ai_intensity_pct")) + "）";
    }
    if (f5) {
      View v(*f5);
      if (auto best = ArgMax(v, AllRows(v), "share_of_ai_pct", not_small_known(v)))
        sentence += (sentence.empty() ? "" : "；") + std::string("AI岗位中要求“") + Label(v.Cell(*best, "degree")) +
                    "”学历的最多，占 " + FormatPercent(v.Cell(*best, "share_of_ai_pct"));
    }
    if (!sentence.empty()) out.push_back(sentence + "。");
  }
  if (const Table* t = c.Find("F6"); t != nullptr && s.filter_industry.empty()) {
    View v(*t);
    std::vector<size_t> now = v.RowsWhere("half", c.current_half);
    if (!now.empty() && !v.Small(now[0]) && CellCount(v.Cell(now[0], "ai_postings")) > 0) {
      const std::string& ind = v.Cell(now[0], "industry");
      std::string sentence = FormatPeriod(c.current_half) + "AI岗位最多的行业是" + Label(ind) + "，占全部AI岗位的 " +
                             FormatPercent(v.Cell(now[0], "share_of_ai_pct"));
      for (size_t r : v.RowsWhere("half", c.previous_half)) {
        double a, b;
        if (v.Cell(r, "industry") == ind && ParseCell(v.Cell(r, "share_of_ai_pct"), &a) &&
            ParseCell(v.Cell(now[0], "share_of_ai_pct"), &b))
          sentence += "，较" + FormatPeriod(c.previous_half) + ChangeWords(a, b, " 个百分点");
      }
      if (now.size() >= 2 && !v.Small(now[1]) && CellCount(v.Cell(now[1], "ai_postings")) > 0)
        sentence += "；其次是" + Label(v.Cell(now[1], "industry")) + "（" + FormatPercent(v.Cell(now[1], "share_of_ai_pct")) + "）";
      out.push_back(sentence + "。");
    }
  }
  if (const Table* t = c.Find("F8")) {
    View v(*t);
    if (auto best = ArgMax(v, v.RowsWhere("half", c.current_half), "share_of_ai_pct", [&v](size_t r) { return !v.Small(r); }))
      out.push_back("按企业规模，" + Label(v.Cell(*best, "company_size")) + "的企业在" + FormatPeriod(c.current_half) +
                    "发布的AI岗位最多，占 " + FormatPercent(v.Cell(*best, "share_of_ai_pct")) + "。");
  }
  if (const Table* t = c.Find("F9"); t != nullptr && s.filter_industry.empty()) {
    View v(*t);
    auto keep = [&v](size_t r) { return !v.Small(r); };
    std::string sentence;
    if (auto best = ArgMax(v, AllRows(v), "ai_mean_annual_wan", keep))
      sentence = "AI岗位平均年薪最高的行业是" + Label(v.Cell(*best, "industry")) + "（" +
                 FormatWan(v.Cell(*best, "ai_mean_annual_wan")) + "元）";
    std::optional<size_t> gap;
    double gap_v = 0;
    for (size_t r = 0; r < v.rows(); ++r) {
      double d;
      if (!keep(r) || !ParseCell(v.Cell(r, "diff_pct"), &d)) continue;
      if (!gap || std::fabs(d) > std::fabs(gap_v)) {
        gap = r;
        gap_v = d;
      }
    }
    if (gap)
      sentence += (sentence.empty() ? "" : "；") + std::string("AI岗位与全部岗位的薪资差距在") +
                  Label(v.Cell(*gap, "industry")) + "最大，AI岗位平均年薪" + (gap_v >= 0 ? "高出 " : "低 ") +
                  Pct(std::fabs(gap_v));
    if (!sentence.empty()) out.push_back(sentence + "。");
  }
  if (const Table* t = c.Find("F12")) {
    View v(*t);
    std::vector<size_t> rows = OrderRows(v, AllRows(v), "degree", kDegreeOrder);
    std::string list;
    for (size_t r : rows) {
      const std::string& d = v.Cell(r, "degree");
      if (d == "(unknown)" || d == "不限" || v.Cell(r, "current_mean_wan").empty() || CellCount(v.Cell(r, "current_n")) < s.min_n)
        continue;
      if (!list.empty()) list += "、";
      list += Label(d) + " " + FormatWan(v.Cell(r, "current_mean_wan"));
    }
    if (!list.empty()) out.push_back("按学历，" + FormatPeriod(c.current_half) + "AI岗位的平均年薪依次为：" + list + "。");
  }
  {
    std::string parts;
    if (const Table* t = c.Find("F13")) {
      View v(*t);
      if (auto best = ArgMax(v, AllRows(v), "share_pct", [&v](size_t r) { return !v.Small(r); }))
        parts = "最常被要求的硬技能是" + v.Cell(*best, "group") + "（" + FormatPercent(v.Cell(*best, "share_pct")) +
                "的AI岗位）";
    }
    if (const Table* t = c.Find("F14"); t && !t->rows.empty() && !View(*t).Small(0)) {
      View v(*t);
      parts += (parts.empty() ? "" : "，") + std::string("软技能是") + v.Cell(0, "group") + "（" +
               FormatPercent(v.Cell(0, "share_pct")) + "）";
    }
    if (const Table* t = c.Find("F15"); t && !t->rows.empty() && !View(*t).Small(0)) {
      View v(*t);
      parts += (parts.empty() ? "" : "；") + std::string("最常见的福利是") + v.Cell(0, "group") + "（" +
               FormatPercent(v.Cell(0, "share_pct")) + "）";
    }
    if (!parts.empty()) out.push_back(FormatPeriod(c.current_half) + "，" + parts + "。");
  }
  if (const Table* t = c.Find("F19")) {
    View v(*t);
    if (auto best = ArgMax(v, AllRows(v), "share_of_ai_pct", not_small_known(v)))
      out.push_back("经验要求为“" + Label(v.Cell(*best, "experience")) + "”的AI岗位最多，占 " +
                    FormatPercent(v.Cell(*best, "share_of_ai_pct")) + "。");
  }
  if (!c.current_half.empty()) {
    uint64_t ai = c.Postings(c.current_half).second;
    if (ai < s.min_n)
      out.push_back(FormatPeriod(c.current_half) + "只有 " + FormatCount(ai) + " 个AI岗位，少于最小样本量 " +
                    std::to_string(s.min_n) + "，该期的分项结论多数未列入主要发现；可用 --half 选择数据更多的半年度。");
  }
  return out;
}

// The rows of a definition table (D1, D2) by quarter: the dated quarters in
// order (the table's "all" rows aside) and, for each value of `by`, its
// rows in quarter order.
struct ByQuarter {
  std::vector<std::string> quarters;
  std::vector<std::pair<std::string, std::vector<size_t>>> series;
};
ByQuarter SeriesByQuarter(const View& v, std::string_view by) {
  ByQuarter out;
  out.quarters = v.Distinct("quarter");
  out.quarters.erase(std::remove(out.quarters.begin(), out.quarters.end(), "all"), out.quarters.end());
  for (const std::string& value : v.Distinct(by)) {
    std::vector<size_t> rows;
    for (const std::string& q : out.quarters)
      for (size_t r : v.RowsWhere("quarter", q))
        if (v.Cell(r, by) == value) rows.push_back(r);
    if (!rows.empty()) out.series.emplace_back(value, std::move(rows));
  }
  return out;
}

// D1: AI intensity per quarter under each definition (lines), and the
// whole run's counts, shares and mean salaries in words.
Figure DefinitionFigure(const Context& c, const Table& t, const std::string& title, const std::string& formula) {
  View v(t);
  Figure f = BaseFigure(t, title, formula);
  ByQuarter by = SeriesByQuarter(v, "definition");
  BarSpec b;
  b.kind = "line";
  b.axis = "AI强度（%）";
  for (const std::string& q : by.quarters) b.categories.push_back(FormatPeriod(q));
  for (const auto& [d, rows] : by.series)
    b.series.push_back(MakeSeries(v, d + "（" + v.Cell(rows[0], "categories") + "）", rows, "ai_intensity_pct"));
  std::string reading;
  for (size_t r : v.RowsWhere("quarter", "all"))
    reading += (reading.empty() ? "" : "；") + v.Cell(r, "definition") + (v.Cell(r, "in_use") == "1" ? "（本报告采用）" : "") +
               " " + FormatCount(CellCount(v.Cell(r, "ai_postings"))) + " 个、" + Pct(v.Value(r, "ai_intensity_pct")) +
               (v.Cell(r, "ai_mean_annual_wan").empty() ? "" : "、平均年薪 " + v.Cell(r, "ai_mean_annual_wan") + "万");
  f.chart = BarJson(b);
  f.small = AnySmall(b);
  f.n = "全部岗位 " + FormatCount(c.summary.postings) + " 个（含未注明日期者；图中只画有日期的季度）";
  if (!reading.empty()) f.reading = "全部期间各定义下的AI岗位：" + reading + "。";
  return f;
}

// D2: the category mix of the postings with an AI term, per quarter
// (stacked shares).
Figure CategoryMixFigure(const Table& t, const std::string& title, const std::string& formula) {
  View v(t);
  Figure f = BaseFigure(t, title, formula);
  ByQuarter by = SeriesByQuarter(v, "ai_category");
  BarSpec b;
  b.stack = true;
  b.axis = "占含AI词岗位（%）";
  for (const std::string& q : by.quarters) b.categories.push_back(FormatPeriod(q));
  for (const auto& [code, rows] : by.series)
    b.series.push_back(MakeSeries(v, code + " " + v.Cell(rows[0], "ai_category_name"), rows, "share_pct"));
  f.chart = BarJson(b);
  f.height = BarHeight(b);
  f.small = AnySmall(b);
  std::vector<size_t> all = v.RowsWhere("quarter", "all");
  f.n = "含AI词岗位 " + FormatCount(all.empty() ? 0 : CellCount(v.Cell(all[0], "term_postings"))) + " 个（全部期间）";
  std::string reading;
  for (size_t r : all)
    if (CellCount(v.Cell(r, "category_postings")) > 0)
      reading += (reading.empty() ? "" : "、") + v.Cell(r, "ai_category_name") + " " + Pct(v.Value(r, "share_pct"));
  if (!reading.empty()) f.reading = "全部期间：" + reading + "。";
  return f;
}

// ---------------------------------------------------------------------------
// Drawings: how report.html draws each analysis (the catalogue's drawn_as)

// What a drawing has to go on: the run, the analysis, its table, and the
// catalogue's figure title and formula filled in for the run.
struct Drawing {
  const Context& c;
  const AnalysisSpec& a;
  const Table& t;
  std::string title, formula;
  std::string dim;    // what a row is: the catalogue's rows after its last '|'
  std::string outer;  // … and before its first (the group a split table has a figure for)
};

// The fixed order of a dimension's values; nullptr for one ranked by value.
const std::vector<std::string>* OrderOf(const std::string& dim) {
  if (dim == "degree") return &kDegreeOrder;
  if (dim == "experience") return &kExperienceOrder;
  if (dim == "company_size") return &kSizeOrder;
  return nullptr;
}

// `text` with each {key} of `values` replaced.
std::string Fill(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out(text);
  for (const auto& [key, value] : values)
    for (size_t at = out.find("{" + key + "}"); at != std::string::npos; at = out.find("{" + key + "}", at + value.size()))
      out.replace(at, key.size() + 2, value);
  return out;
}

std::vector<Figure> DrawWordcloud(const Drawing& d) {
  View v(d.t);
  Figure f = BaseFigure(d.t, d.title, d.formula);
  std::vector<std::string> words;
  for (size_t r = 0; r < v.rows(); ++r)
    words.push_back("{\"name\":" + Json(v.Cell(r, "term")) + ",\"value\":" + JsonNumber(v.Cell(r, "ai_postings_with")) +
                    ",\"share\":" + JsonNumber(v.Cell(r, "share_pct")) + ",\"small\":" + (v.Small(r) ? "1" : "0") + "}");
  f.chart = "{\"kind\":\"wordcloud\",\"words\":" + JsonArray(words) + "}";
  f.height = 440;
  for (size_t r = 0; r < v.rows(); ++r) f.small |= v.Small(r);
  f.n = "AI岗位 " + FormatCount(v.rows() ? CellCount(v.Cell(0, "ai_postings")) : 0) + " 个";
  Series top = MakeSeries(v, "", AllRows(v), "share_pct");
  std::vector<std::string> terms;
  for (size_t r = 0; r < v.rows(); ++r) terms.push_back(v.Cell(r, "term"));
  std::string best = TopValues(terms, top, "pct", 5);
  if (!best.empty()) f.reading = "提及最多：" + best + "。";
  return {f};
}

std::vector<Figure> DrawGraph(const Drawing& d) {
  View v(d.t);
  const uint64_t min_n = d.c.summary.min_n;
  Figure f = BaseFigure(d.t, d.title, d.formula);
  std::map<std::string, std::string> nodes;
  std::vector<std::string> links;
  for (size_t r = 0; r < v.rows(); ++r) {
    nodes[v.Cell(r, "term_a")] = JsonNumber(v.Cell(r, "postings_a"));
    nodes[v.Cell(r, "term_b")] = JsonNumber(v.Cell(r, "postings_b"));
    links.push_back("{\"source\":" + Json(v.Cell(r, "term_a")) + ",\"target\":" + Json(v.Cell(r, "term_b")) +
                    ",\"co\":" + JsonNumber(v.Cell(r, "co_postings")) + ",\"lift\":" + JsonNumber(v.Cell(r, "lift")) +
                    ",\"pmi\":" + JsonNumber(v.Cell(r, "pmi")) + "}");
  }
  std::vector<std::string> node_json;
  for (const auto& [name, value] : nodes) node_json.push_back("{\"name\":" + Json(name) + ",\"value\":" + value + "}");
  f.chart = "{\"kind\":\"graph\",\"nodes\":" + JsonArray(node_json) + ",\"links\":" + JsonArray(links) + "}";
  f.height = 560;
  f.n = std::to_string(nodes.size()) + " 个技能词、" + std::to_string(links.size()) + " 条边；最小支持度 " +
        std::to_string(min_n) + " 个AI岗位";
  if (auto best = ArgMax(v, AllRows(v), "lift", [](size_t) { return true; }))
    f.reading = "关联最强的一对是" + v.Cell(*best, "term_a") + "与" + v.Cell(*best, "term_b") + "：同时出现于 " +
                FormatCount(CellCount(v.Cell(*best, "co_postings"))) + " 个AI岗位，提升度 " + v.Cell(*best, "lift") + "。";
  return {f};
}

// F1: the share of AI postings and the AI intensity per quarter (lines).
std::vector<Figure> DrawQuarters(const Drawing& d) {
  View v(d.t);
  Figure f = BaseFigure(d.t, d.title, d.formula);
  BarSpec b;
  b.kind = "line";
  b.axis = "%";
  std::vector<size_t> rows = AllRows(v);
  for (size_t r : rows) b.categories.push_back(FormatPeriod(v.Cell(r, "quarter")));
  b.series.push_back(MakeSeries(v, "招聘占比", rows, "share_of_ai_pct"));
  b.series.push_back(MakeSeries(v, "AI强度", rows, "ai_intensity_pct"));
  f.chart = BarJson(b);
  f.height = 380;
  f.small = AnySmall(b);
  auto [all, ai] = d.c.Postings("");
  f.n = "AI岗位 " + FormatCount(ai) + " 个，全部岗位 " + FormatCount(all) + " 个";
  std::string top = TopValues(b.categories, b.series[0], "pct", 1);
  if (!top.empty()) f.reading = "招聘占比最高的季度：" + top + "。";
  return {f};
}

std::vector<Figure> DrawShares(const Drawing& d) {
  const std::vector<std::string>* order = OrderOf(d.dim);
  return {DimensionFigure(d.t, d.title, d.formula, std::string(d.a.measure), std::string(d.a.measure_name), d.dim, order,
                          order == nullptr)};
}

std::vector<Figure> DrawHalfYears(const Drawing& d) {
  const std::vector<std::string>* order = OrderOf(d.dim);
  return {HalfYearFigure(d.c, d.t, d.title, d.formula, d.dim, order, order == nullptr)};
}

std::vector<Figure> DrawSalaries(const Drawing& d) { return {SalaryFigure(d.t, d.title, d.formula, d.dim)}; }

std::vector<Figure> DrawSalaryChanges(const Drawing& d) {
  return {SalaryChangeFigure(d.t, d.title, d.formula, d.dim, OrderOf(d.dim))};
}

std::vector<Figure> DrawGroups(const Drawing& d) { return {GroupFigure(d.t, d.title, d.formula, d.dim)}; }

std::vector<Figure> DrawDefinitions(const Drawing& d) { return {DefinitionFigure(d.c, d.t, d.title, d.formula)}; }

std::vector<Figure> DrawCategoryMix(const Drawing& d) { return {CategoryMixFigure(d.t, d.title, d.formula)}; }

// F13: the top groups of each category, one stacked series a category.
std::vector<Figure> DrawCategoryGroups(const Drawing& d) {
  View v(d.t);
  Figure f = BaseFigure(d.t, d.title, d.formula);
  BarSpec b;
  b.horizontal = true;
  b.stack = true;
  b.axis = "占AI岗位比例（%）";
  std::vector<size_t> rows = AllRows(v);
  for (size_t r : rows) b.categories.push_back(v.Cell(r, "group"));
  for (const std::string& cat : v.Distinct("category")) {
    Series s;
    s.name = cat;
    for (size_t r : rows) {
      bool mine = v.Cell(r, "category") == cat;
      s.values.push_back(mine ? JsonNumber(v.Cell(r, "share_pct")) : "null");
      s.small.push_back(mine && v.Small(r) ? 1 : 0);
    }
    b.series.push_back(std::move(s));
  }
  f.chart = BarJson(b);
  f.height = BarHeight(b);
  f.small = AnySmall(b);
  f.n = "AI岗位 " + FormatCount(v.rows() ? CellCount(v.Cell(0, "ai_postings")) : 0) + " 个";
  std::string reading;
  for (const auto& cat : v.Distinct("category")) {
    std::vector<size_t> in = v.RowsWhere("category", cat);
    if (in.empty()) continue;
    if (!reading.empty()) reading += "；";
    reading += cat + "类以" + v.Cell(in[0], "group") + "居首（" + FormatPercent(v.Cell(in[0], "share_pct")) + "）";
  }
  if (!reading.empty()) f.reading = reading + "。";
  return {f};
}

// The AI postings of the industries a table shows, summed.
uint64_t IndustriesAiPostings(const View& v, const std::vector<std::string>& industries) {
  uint64_t n = 0;
  for (const auto& ind : industries) {
    auto rows = v.RowsWhere("industry", ind);
    if (!rows.empty()) n += CellCount(v.Cell(rows[0], "ai_postings"));
  }
  return n;
}

// F16: each industry's share per hard-skill category, one series a category.
std::vector<Figure> DrawIndustryCategories(const Drawing& d) {
  View v(d.t);
  Figure f = BaseFigure(d.t, d.title, d.formula);
  BarSpec b;
  b.horizontal = true;
  b.axis = "占该行业AI岗位比例（%）";
  b.categories = v.Distinct("industry");
  for (const std::string& cat : v.Distinct("category")) {
    Series s;
    s.name = cat;
    for (const auto& ind : b.categories) {
      std::optional<size_t> row;
      for (size_t r : v.RowsWhere("industry", ind))
        if (v.Cell(r, "category") == cat) row = r;
      s.values.push_back(row ? JsonNumber(v.Cell(*row, "share_pct")) : "null");
      s.small.push_back(row && v.Small(*row) ? 1 : 0);
    }
    b.series.push_back(std::move(s));
  }
  f.chart = BarJson(b);
  f.height = BarHeight(b);
  f.small = AnySmall(b);
  f.n = "这些行业的AI岗位合计 " + FormatCount(IndustriesAiPostings(v, b.categories)) + " 个";
  return {f};
}

// F17, F18: industries × groups, as a heat map.
std::vector<Figure> DrawIndustryHeatmap(const Drawing& d) {
  View v(d.t);
  Figure f = BaseFigure(d.t, d.title, d.formula);
  std::vector<std::string> industries = v.Distinct("industry"), groups = v.Distinct("group");
  std::vector<std::string> cells;
  bool small = false;
  for (size_t r = 0; r < v.rows(); ++r) {
    size_t x = std::find(groups.begin(), groups.end(), v.Cell(r, "group")) - groups.begin();
    size_t y = std::find(industries.begin(), industries.end(), v.Cell(r, "industry")) - industries.begin();
    cells.push_back("[" + std::to_string(x) + "," + std::to_string(y) + "," + JsonNumber(v.Cell(r, "share_pct")) + "," +
                    (v.Small(r) ? "1" : "0") + "]");
    small |= v.Small(r);
  }
  f.chart = "{\"kind\":\"heatmap\",\"unit\":\"pct\",\"x\":" + JsonStrings(groups) + ",\"y\":" + JsonStrings(industries) +
            ",\"cells\":" + JsonArray(cells) + "}";
  f.height = static_cast<int>(120 + 34 * industries.size());
  f.small = small;
  f.n = "这些行业的AI岗位合计 " + FormatCount(IndustriesAiPostings(v, industries)) + " 个";
  return {f};
}

// The first figure number of a split table: 25 for "F25-34".
int FirstNumber(std::string_view id) {
  int n = 0;
  for (size_t i = 1; i < id.size() && id[i] >= '0' && id[i] <= '9'; ++i) n = n * 10 + (id[i] - '0');
  return n;
}

// A split table's figure for one group, numbered in turn ("图表25", "图表26" …).
Figure SplitFigure(const Drawing& d, const std::string& name, int number) {
  Figure f = BaseFigure(d.t, Fill(d.title, {{"name", Label(name)}}), d.formula);
  f.anchor = "F" + std::to_string(number);
  f.number = "图表" + std::to_string(number);
  return f;
}

// A split table with no group to show keeps its place: one empty figure
// under the analysis' own title; `known` is what its postings lack ("行业").
Figure NoSplitFigure(const Drawing& d, const std::string& known) {
  Figure f = BaseFigure(d.t, std::string(d.a.title), d.formula);
  int first = FirstNumber(d.a.id);
  f.anchor = "F" + std::to_string(first);
  f.number = "图表" + std::to_string(first);
  f.rows.clear();
  f.n = known + "已知的AI岗位 0 个";
  return f;
}

// F20-24: one figure a group (an industry), each beside the same shares of
// all AI postings (the group "(all AI)").
std::vector<Figure> DrawSplitAgainstAll(const Drawing& d) {
  View v(d.t);
  std::vector<Figure> out;
  std::vector<size_t> base = v.RowsWhere(d.outer, "(all AI)");
  int number = FirstNumber(d.a.id);
  for (const std::string& name : v.Distinct(d.outer)) {
    if (name == "(all AI)") continue;
    std::vector<size_t> rows = v.RowsWhere(d.outer, name);
    Figure f = SplitFigure(d, name, number++);
    BarSpec b;
    b.axis = "占AI岗位比例（%）";
    for (size_t r : rows) b.categories.push_back(v.Cell(r, d.dim));
    b.series.push_back(MakeSeries(v, Label(name), rows, d.a.measure));
    std::vector<size_t> base_rows;
    for (size_t r : rows)
      for (size_t br : base)
        if (v.Cell(br, d.dim) == v.Cell(r, d.dim)) base_rows.push_back(br);
    if (base_rows.size() == rows.size()) b.series.push_back(MakeSeries(v, "全部AI岗位", base_rows, d.a.measure));
    f.chart = BarJson(b);
    f.height = BarHeight(b);
    f.small = AnySmall(b);
    f.rows = rows;
    f.rows.insert(f.rows.end(), base_rows.begin(), base_rows.end());
    f.n = Label(name) + " AI岗位 " + FormatCount(rows.empty() ? 0 : CellCount(v.Cell(rows[0], "ai_postings"))) +
          " 个；全部AI岗位 " + FormatCount(base.empty() ? 0 : CellCount(v.Cell(base[0], "ai_postings"))) + " 个";
    std::string top = TopValues(b.categories, b.series[0], "pct", 2);
    if (!top.empty()) f.reading = "占比最高：" + top + "。";
    out.push_back(std::move(f));
  }
  if (out.empty()) out.push_back(NoSplitFigure(d, "行业"));
  return out;
}

// F25-34, F35-44: one ranked figure a group (an industry, a city).
std::vector<Figure> DrawSplit(const Drawing& d) {
  View v(d.t);
  std::vector<Figure> out;
  int number = FirstNumber(d.a.id);
  for (const std::string& name : v.Distinct(d.outer)) {
    std::vector<size_t> rows = v.RowsWhere(d.outer, name);
    Figure f = SplitFigure(d, name, number++);
    BarSpec b;
    b.horizontal = true;
    b.axis = std::string("占") + (d.outer == "industry" ? "该行业" : "该城市") + "AI岗位比例（%）";
    for (size_t r : rows) b.categories.push_back(v.Cell(r, d.dim));
    b.series.push_back(MakeSeries(v, "占比", rows, d.a.measure));
    f.chart = BarJson(b);
    f.height = BarHeight(b);
    f.small = AnySmall(b);
    f.rows = rows;
    f.n = Label(name) + " AI岗位 " + FormatCount(rows.empty() ? 0 : CellCount(v.Cell(rows[0], "ai_postings"))) + " 个";
    std::string top = TopValues(b.categories, b.series[0], "pct", 3);
    if (!top.empty()) f.reading = "占比从高到低：" + top + "。";
    out.push_back(std::move(f));
  }
  if (out.empty()) out.push_back(NoSplitFigure(d, "行业与城市均"));
  return out;
}

using DrawFunction = std::vector<Figure> (*)(const Drawing&);

// Every drawing, by the name the catalogue's drawn_as gives it.
constexpr std::pair<std::string_view, DrawFunction> kDrawings[] = {
    {"wordcloud", DrawWordcloud},
    {"graph", DrawGraph},
    {"quarters", DrawQuarters},
    {"shares", DrawShares},
    {"half_years", DrawHalfYears},
    {"salaries", DrawSalaries},
    {"salary_changes", DrawSalaryChanges},
    {"groups", DrawGroups},
    {"category_groups", DrawCategoryGroups},
    {"industry_categories", DrawIndustryCategories},
    {"industry_heatmap", DrawIndustryHeatmap},
    {"split_against_all", DrawSplitAgainstAll},
    {"split", DrawSplit},
    {"definitions", DrawDefinitions},
    {"category_mix", DrawCategoryMix},
};

DrawFunction DrawingOf(std::string_view name) {
  for (const auto& [n, draw] : kDrawings)
    if (n == name) return draw;
  return nullptr;
}

// The figures of analysis `a` from its table `t`.
std::vector<Figure> Draw(const Context& c, const AnalysisSpec& a, const Table& t) {
  DrawFunction draw = DrawingOf(a.drawn_as);
  JOBSIFT_CHECK(draw != nullptr, "an analysis whose drawn_as names no drawing of report/html.cc");
  std::string_view rows = a.rows;
  Drawing d{c,
            a,
            t,
            Fill(a.figure, {{"rows", std::to_string(t.rows.size())}}),
            Fill(a.formula, {{"min_n", std::to_string(c.summary.min_n)},
                             {"half", FormatPeriod(c.current_half)},
                             {"top_industries", std::to_string(c.summary.top_industries)}}),
            std::string(rows.substr(rows.rfind('|') + 1)),
            std::string(rows.substr(0, rows.find('|')))};
  return draw(d);
}

// ---------------------------------------------------------------------------
// Chapters in the reference report's order

// "2.7 AI岗位的定义…" → {2, 7}: where a section comes.
std::pair<int, int> SectionNumber(std::string_view section) {
  int chapter = 0, part = 0;
  size_t i = 0;
  for (; i < section.size() && section[i] != '.'; ++i) chapter = chapter * 10 + (section[i] - '0');
  for (++i; i < section.size() && section[i] != ' '; ++i) part = part * 10 + (section[i] - '0');
  return {chapter, part};
}

// Chapters and sections as the catalogue gives them, each analysis drawn
// in its section, then data quality and the method.
std::vector<Chapter> BuildChapters(const Context& c) {
  std::vector<const AnalysisSpec*> order;
  for (const AnalysisSpec& a : Catalogue()) order.push_back(&a);
  std::stable_sort(order.begin(), order.end(), [](const AnalysisSpec* x, const AnalysisSpec* y) {
    return SectionNumber(x->section) < SectionNumber(y->section);
  });
  std::vector<Chapter> chapters;
  for (const AnalysisSpec* a : order) {
    auto [chapter, part] = SectionNumber(a->section);
    if (chapters.empty() || chapters.back().title != a->chapter)
      chapters.push_back(Chapter{"ch" + std::to_string(chapter), std::string(a->chapter), {}, ""});
    std::vector<Part>& sections = chapters.back().sections;
    if (sections.empty() || sections.back().title != a->section)
      sections.push_back(Part{"s" + std::to_string(chapter) + "-" + std::to_string(part), std::string(a->section), {}});
    if (const Table* t = c.Find(std::string(a->id)))
      for (Figure& f : Draw(c, *a, *t)) sections.back().figures.push_back(std::move(f));
  }
  chapters.push_back(Chapter{"quality", "6 数据质量", {}, DataQualityHtml(c.summary)});
  chapters.push_back(Chapter{"method", "7 方法说明", {}, MethodologyHtml(c.summary, c)});
  return chapters;
}

}  // namespace

bool IsDrawing(std::string_view name) { return DrawingOf(name) != nullptr; }

std::string FormatPercent(std::string_view cell) {
  double v;
  return ParseCell(cell, &v) ? std::string(cell) + "%" : "—";
}

std::string FormatWan(std::string_view cell) {
  double v;
  return ParseCell(cell, &v) ? std::string(cell) + "万" : "—";
}

std::string FormatCount(uint64_t n) {
  std::string digits = std::to_string(n), o;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) o += ',';
    o += digits[i];
  }
  return o;
}

std::string FormatCountWan(uint64_t n) {
  if (n < 100000) return FormatCount(n);
  if (n >= 100000000) return Fixed(static_cast<double>(n) / 1e8, 2) + "亿";
  return Fixed(static_cast<double>(n) / 1e4, 1) + "万";
}

std::string FormatPeriod(std::string_view period) {
  static const char* kQuarters[] = {"一季度", "二季度", "三季度", "四季度"};
  auto one = [](std::string_view p) -> std::string {
    bool year = p.size() >= 4 && std::all_of(p.begin(), p.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
    if (year && p.size() == 4) return std::string(p) + "年";
    if (year && p.size() == 6 && p[4] == 'H' && (p[5] == '1' || p[5] == '2'))
      return std::string(p.substr(0, 4)) + (p[5] == '1' ? "年上半年" : "年下半年");
    if (year && p.size() == 6 && p[4] == 'Q' && p[5] >= '1' && p[5] <= '4')
      return std::string(p.substr(0, 4)) + "年" + kQuarters[p[5] - '1'];
    return std::string(p);
  };
  const std::string_view dash = "\u2013";
  if (size_t at = period.find(dash); at != std::string_view::npos)
    return one(period.substr(0, at)) + "至" + one(period.substr(at + dash.size()));
  if (size_t at = period.find(" vs "); at != std::string_view::npos)
    return one(period.substr(0, at)) + "与" + one(period.substr(at + 4));
  return one(period);
}

std::string ReportHtml(const std::vector<Table>& tables, const ReportSummary& summary) {
  Context c{summary, {}, "", ""};
  for (const Table& t : tables) c.tables[t.id] = &t;
  if (const Table* t = c.Find("F2")) c.current_half = t->period;
  if (const Table* t = c.Find("F6")) {
    std::vector<std::string> halves = View(*t).Distinct("half");
    auto it = std::find(halves.begin(), halves.end(), c.current_half);
    if (it != halves.end() && it != halves.begin()) c.previous_half = *(it - 1);
  }
  std::vector<Chapter> chapters = BuildChapters(c);
  std::vector<std::string> findings = KeyFindings(c);
  const ReportAssets& assets = EmbeddedReportAssets();

  std::string period;
  if (const Table* t = c.Find("F1")) period = FormatPeriod(t->period);
  std::string o;
  o.reserve(assets.echarts.size() + assets.wordcloud.size() + 256 * 1024);
  o += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing may be fetched: scripts and styles are inline, images data: only.
  o += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
       "style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">\n";
  o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  o += "<meta name=\"generator\" content=\"jobsift " + Html(summary.version) + "\">\n";
  std::string scope = ScopeZh(summary);
  o += "<title>人工智能岗位招聘研究报告" + Html(scope.empty() ? "" : " · " + scope) +
       Html(period.empty() ? "" : "（" + period + "）") + "</title>\n";
  o += "<style>\n";
  o += assets.style;
  o += "</style>\n</head>\n<body>\n";
  o += "<header class=\"cover\">\n<p class=\"kicker\">招聘数据研究报告</p>\n<h1>人工智能岗位招聘研究报告</h1>\n";
  // Every posting counts on the cover, dated or not; the focus half-year's
  // figures stand beside the whole run's.
  const uint64_t ai_all = summary.AiPostings();
  o += "<p class=\"subtitle\">" +
       Html((period.empty() ? std::string() : period + " · ") + "招聘岗位 " + FormatCountWan(summary.postings) +
            " 条 · 人工智能岗位 " + FormatCountWan(ai_all) + " 条（" + ShareOf(ai_all, summary.postings) + "）") +
       "</p>\n" + (scope.empty() ? std::string() : "<p class=\"subtitle scope\">" + Html("范围：" + scope) + "</p>\n");
  std::string counts;
  if (summary.Undated() > 0)
    counts += "其中 " + FormatCount(summary.Undated()) + " 条（" + ShareOf(summary.Undated(), summary.postings) +
              "）没有可用的日期，计入总数，不计入分期图表。";
  if (!c.current_half.empty()) {
    auto [half_all, half_ai] = c.Postings(c.current_half);
    counts += "单期图表描述" + FormatPeriod(c.current_half) + "：招聘岗位 " + FormatCount(half_all) + " 条，人工智能岗位 " +
              FormatCount(half_ai) + " 条（" + ShareOf(half_ai, half_all) + "）。";
  }
  counts += "人工智能岗位按定义 " + summary.ai.definition + "（" +
            (summary.ai.categories == "any term" ? std::string("任一处含AI词") : summary.ai.categories) +
            "）计，见第7.1节与图表D1。";
  o += "<p class=\"subtitle counts\">" + Html(counts) + "</p>\n";
  o +=
       "<p class=\"byline\">由 jobsift " + Html(summary.version) + " 从招聘数据生成：每个数字都来自数据，每张图都注明口径、期间与样本量。</p>\n</header>\n";

  // The chapter and section titles carry their own numbers ("2.1 季度分布"):
  // the lists add none.
  o += "<nav class=\"toc\" aria-label=\"目录\"><h2>目录</h2><ul>\n<li><a href=\"#findings\">主要发现</a></li>\n";
  for (const Chapter& ch : chapters) {
    o += "<li><a href=\"#" + ch.id + "\">" + Html(ch.title) + "</a>";
    if (!ch.sections.empty()) {
      o += "<ul>";
      for (const Part& s : ch.sections) o += "<li><a href=\"#" + s.id + "\">" + Html(s.title) + "</a></li>";
      o += "</ul>";
    }
    o += "</li>\n";
  }
  o += "</ul></nav>\n<main>\n";

  o += "<section class=\"chapter findings\" id=\"findings\"><h2>主要发现</h2>\n";
  if (findings.empty()) {
    o += "<p class=\"empty\">数据中没有足以得出结论的岗位。</p>\n";
  } else {
    o += "<ol>\n";
    for (const auto& f : findings) o += "<li>" + Html(f) + "</li>\n";
    o += "</ol>\n";
  }
  o += "</section>\n";

  std::string charts = "{";
  bool first_chart = true;
  for (const Chapter& ch : chapters) {
    o += "<section class=\"chapter\" id=\"" + ch.id + "\"><h2>" + Html(ch.title) + "</h2>\n";
    for (const Part& s : ch.sections) {
      o += "<section class=\"section\" id=\"" + s.id + "\"><h3>" + Html(s.title) + "</h3>\n";
      if (s.figures.empty()) o += "<p class=\"empty\">没有此项数据。</p>\n";
      for (const Figure& f : s.figures) {
        o += FigureHtml(f, summary.min_n);
        if (f.chart.empty() || f.rows.empty()) continue;
        if (!first_chart) charts += ",";
        first_chart = false;
        charts += Json(f.anchor) + ":" + f.chart;
      }
      o += "</section>\n";
    }
    o += ch.body;
    o += "</section>\n";
  }
  charts += "}";
  o += "</main>\n<footer><p>" +
       Html("jobsift " + summary.version + " · 词库校验和 " + summary.lexicon_checksum + " · 最小样本量 " +
            std::to_string(summary.min_n)) +
       "</p></footer>\n";
  o += "<script type=\"application/json\" id=\"jobsift-charts\">" + ScriptSafe(charts) + "</script>\n";
  // A library's trailing source-map comment would point at a file that is
  // not there; it is dropped.
  auto script = [&](std::string_view js) {
    size_t at = js.rfind("\n//# sourceMappingURL=");
    if (at != std::string_view::npos) js = js.substr(0, at + 1);
    o += "<script>\n";
    o += js;
    o += "\n</script>\n";
  };
  script(assets.echarts);
  script(assets.wordcloud);
  script(assets.script);
  o += "</body>\n</html>\n";
  return o;
}

}  // namespace jobsift
