#include "report/html.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "report/assets.h"
#include "report/catalogue.h"

namespace jobsift {
namespace {

size_t Count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) ++n;
  return n;
}

ReportSummary Summary() {
  ReportSummary s;
  s.version = "9.9.9";
  s.rows_read = 1200;
  s.rows_accepted = 1190;
  s.rows_rejected = 10;
  s.rejected_by_reason = {{"field_count", 10}, {"undecodable", 0}};
  s.duplicates_removed = 5;
  s.duplicates_by_half = {{"2024H1", 5}};
  s.postings = 1185;
  s.by_quarter = {{"2024Q1", 500, 40}, {"2024Q2", 600, 60}, {"unknown", 85, 0}};
  s.fields = {{"salary", 1000, {{"missing", 100}, {"negotiable", 85}}}};
  s.ai = {"default", "B+A", "rules", ""};
  s.dedup = "exact";
  s.half = "auto";
  s.min_n = 30;
  s.top_cities = 10;
  s.top_industries = 20;
  s.lexicons = {{"ai", 481, 13}, {"hard", 900, 40}};
  s.lexicon_checksum = "abc123";
  return s;
}

const std::vector<std::string> kShareColumns = {"ai_postings",      "share_of_ai_pct",  "share_ci_low",
                                                "share_ci_high",    "all_postings",     "ai_intensity_pct",
                                                "intensity_ci_low", "intensity_ci_high", "small_n"};

Table ShareTable(const std::string& id, const std::string& label, const std::string& period,
                 std::vector<std::vector<std::string>> rows) {
  Table t;
  t.id = id;
  t.title = id;
  t.formula = "x";
  t.period = period;
  t.columns = {label};
  t.columns.insert(t.columns.end(), kShareColumns.begin(), kShareColumns.end());
  t.rows = std::move(rows);
  return t;
}

std::vector<Table> Tables(const std::string& city) {
  std::vector<Table> t;
  t.push_back(ShareTable("F1", "quarter", "2024Q1\u20132024Q2",
                         {{"2024Q1", "40", "40.00", "30.00", "50.00", "500", "8.00", "6.00", "10.00", "0"},
                          {"2024Q2", "60", "60.00", "50.00", "70.00", "600", "10.00", "8.00", "12.00", "0"}}));
  t.push_back(ShareTable("F2", "city", "2024H1",
                         {{city, "50", "50.00", "40.00", "60.00", "400", "12.50", "9.00", "15.00", "0"},
                          {"上海", "12", "12.00", "7.00", "19.00", "20", "60.00", "40.00", "78.00", "1"}}));
  Table f9;
  f9.id = "F9";
  f9.period = "2024H1";
  f9.columns = {"industry", "ai_salary_n", "ai_mean_annual_wan", "all_salary_n", "all_mean_annual_wan", "diff_pct",
                "ai_median_annual_wan", "all_median_annual_wan", "small_n"};
  f9.rows = {{"计算机互联网", "80", "27.1", "300", "20.5", "32.20", "25.0", "18.0", "0"},
             {"电子", "0", "", "50", "15.0", "", "", "14.0", "1"}};
  t.push_back(f9);
  Table f35;
  f35.id = "F35-44";
  f35.period = "2024H1";
  f35.columns = {"city", "industry", "ai_postings_with", "share_pct", "ci_low", "ci_high", "ai_postings", "small_n"};
  f35.rows = {{city, "计算机互联网", "30", "60.00", "46.00", "72.00", "50", "0"}};
  t.push_back(f35);
  return t;
}

TEST(ReportHtml, FormatsNumbersAsTheReferencePrintsThem) {
  EXPECT_EQ(FormatPercent("35.43"), "35.43%");
  EXPECT_EQ(FormatPercent(""), "—");
  EXPECT_EQ(FormatWan("27.1"), "27.1万");
  EXPECT_EQ(FormatWan(""), "—");
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatCountWan(99999), "99,999");
  EXPECT_EQ(FormatCountWan(271234), "27.1万");
  EXPECT_EQ(FormatCountWan(600000000), "6.00亿");
  EXPECT_EQ(FormatPeriod("2024H1"), "2024年上半年");
  EXPECT_EQ(FormatPeriod("2023H2"), "2023年下半年");
  EXPECT_EQ(FormatPeriod("2023Q1\u20132024Q2"), "2023年一季度至2024年二季度");
  EXPECT_EQ(FormatPeriod("2023 vs 2024H1"), "2023年与2024年上半年");
  EXPECT_EQ(FormatPeriod("whatever"), "whatever");
}

TEST(ReportHtml, HostileNamesCannotEscapeTheirPlace) {
  const std::string evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
  std::string html = ReportHtml(Tables(evil), Summary());
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  // Escaped as text in the tables and the findings, and as \u003c in the JSON.
  EXPECT_NE(html.find("&lt;/script&gt;&lt;script&gt;alert(1)"), std::string::npos);
  EXPECT_NE(html.find("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"), std::string::npos);
  // Only the page's own four script elements (data, ECharts, word cloud,
  // the report's script) open and close.
  EXPECT_EQ(Count(html, "<script"), 4u);
  EXPECT_EQ(Count(html, "</script"), 4u);
}

TEST(ReportHtml, EmbeddedScriptsCannotEndTheirElement) {
  const ReportAssets& a = EmbeddedReportAssets();
  EXPECT_GT(a.echarts.size(), 500000u);
  EXPECT_GT(a.wordcloud.size(), 10000u);
  EXPECT_FALSE(a.echarts_version.empty());
  for (std::string_view js : {a.echarts, a.wordcloud, a.script}) {
    std::string lower(js);
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(lower.find("</script"), std::string::npos);
    EXPECT_EQ(lower.find("<!--"), std::string::npos);
  }
  std::string html = ReportHtml(Tables("北京"), Summary());
  EXPECT_NE(html.find(std::string(a.echarts.substr(0, 200))), std::string::npos);
  EXPECT_NE(html.find(std::string(a.script.substr(0, 200))), std::string::npos);
  EXPECT_EQ(html.find("sourceMappingURL"), std::string::npos);
}

TEST(ReportHtml, FetchesNothingAtViewTime) {
  std::string html = ReportHtml(Tables("北京"), Summary());
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none';"), std::string::npos);
  // No external script, style sheet, image or font reference.
  EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*["']?(https?:)?//)")));
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

TEST(ReportHtml, SmallCellsAreMarkedOnChartsAndInTables) {
  std::string html = ReportHtml(Tables("北京"), Summary());
  // F2's 上海 row has n under the minimum: its table row and chart point.
  EXPECT_NE(html.find("<tr class=\"small\"><td>上海</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>样本不足</td>"), std::string::npos);
  EXPECT_NE(html.find("表示样本不足：n &lt; 30"), std::string::npos);
  EXPECT_NE(html.find("\"small\":[1,0]"), std::string::npos);  // F2 ranked by intensity: 上海 60% first
}

TEST(ReportHtml, UnknownIsADashNeverZero) {
  std::string html = ReportHtml(Tables("北京"), Summary());
  // F9: 电子 has no AI salary: "—" in the table, null in the chart.
  size_t row = html.find("<td>电子</td>");
  ASSERT_NE(row, std::string::npos);
  std::string tr = html.substr(row, html.find("</tr>", row) - row);
  EXPECT_NE(tr.find("<td class=\"num\">—</td>"), std::string::npos) << tr;
  EXPECT_EQ(tr.find(">0.0万<"), std::string::npos) << tr;
  EXPECT_NE(html.find("\"values\":[27.1,null]"), std::string::npos);
  EXPECT_NE(html.find("27.1万"), std::string::npos);
  EXPECT_NE(html.find("32.20%"), std::string::npos);
}

TEST(ReportHtml, KeyFindingsFollowTheNumbers) {
  std::vector<Table> tables = Tables("北京");
  std::string html = ReportHtml(tables, Summary());
  EXPECT_NE(html.find("AI岗位在2024年二季度最为集中，占整个期间AI岗位的 60.00%"), std::string::npos);
  EXPECT_NE(html.find("由2024年一季度的 8.00%升至2024年二季度的 10.00%"), std::string::npos);
  EXPECT_NE(html.find("共有 1,100 条招聘岗位（去重后），其中人工智能岗位 100 条，占 9.09%"), std::string::npos);
  // 上海 has the highest intensity but too few postings: the finding names 北京.
  EXPECT_NE(html.find("北京的AI强度最高"), std::string::npos);
  EXPECT_NE(html.find("AI岗位平均年薪最高的行业是计算机互联网（27.1万元）"), std::string::npos);
  // Other numbers, other sentences.
  tables[0].rows[0][2] = "70.00";
  tables[0].rows[1][2] = "30.00";
  tables[0].rows[1][6] = "5.00";
  html = ReportHtml(tables, Summary());
  EXPECT_NE(html.find("AI岗位在2024年一季度最为集中，占整个期间AI岗位的 70.00%"), std::string::npos);
  EXPECT_NE(html.find("降至2024年二季度的 5.00%"), std::string::npos);
}

TEST(ReportHtml, SameInputSameBytes) {
  EXPECT_EQ(ReportHtml(Tables("北京"), Summary()), ReportHtml(Tables("北京"), Summary()));
}

TEST(ReportHtml, DataQualityAndMethodologyComeFromTheSummary) {
  std::string html = ReportHtml(Tables("北京"), Summary());
  EXPECT_NE(html.find("字段数与表头不符 10"), std::string::npos);
  EXPECT_EQ(html.find("无法解码（编码错误或二进制） 0"), std::string::npos);  // zero reasons left out
  EXPECT_NE(html.find("缺失 100；面议 85"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">84.39%</td>"), std::string::npos);  // salary parsed 1000 / 1185
  EXPECT_NE(html.find("2024年上半年 5"), std::string::npos);                  // duplicates by half
  EXPECT_NE(html.find("日薪 × 21.75 天/月"), std::string::npos);
  EXPECT_NE(html.find("<code>abc123</code>"), std::string::npos);
  EXPECT_NE(html.find("jobsift 9.9.9"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">481</td>"), std::string::npos);
}

}  // namespace
}  // namespace jobsift

namespace jobsift {
namespace {

// The catalogue drives report.html: each analysis names a drawing that
// exists, a chapter and section that agree, and only placeholders the
// page fills in.
TEST(ReportHtml, EveryAnalysisOfTheCatalogueIsDrawnWhereItSays) {
  const std::regex placeholder(R"(\{[a-z_]+\})");
  const std::set<std::string> known = {"{rows}", "{name}", "{min_n}", "{half}", "{top_industries}"};
  for (const AnalysisSpec& a : Catalogue()) {
    EXPECT_TRUE(IsDrawing(a.drawn_as)) << a.id << ": drawn_as '" << a.drawn_as << "' is no drawing of report/html.cc";
    EXPECT_EQ(a.chapter.substr(0, a.chapter.find(' ')), a.section.substr(0, a.section.find('.')))
        << a.id << ": section " << a.section << " is not in chapter " << a.chapter;
    EXPECT_FALSE(a.figure.empty()) << a.id;
    EXPECT_FALSE(a.formula.empty()) << a.id;
    for (std::string_view text : {a.figure, a.formula}) {
      std::string s(text);
      for (std::sregex_iterator it(s.begin(), s.end(), placeholder), end; it != end; ++it)
        EXPECT_TRUE(known.count(it->str())) << a.id << ": " << it->str() << " is filled in by nothing";
    }
    // A split table (one figure a group) names its group in the title.
    bool split = a.drawn_as.starts_with("split");
    EXPECT_EQ(split, a.figure.find("{name}") != std::string_view::npos) << a.id;
  }
  // The chart series that names the measure has a name to give it.
  for (const AnalysisSpec& a : Catalogue())
    if (a.drawn_as == "shares") EXPECT_FALSE(a.measure_name.empty()) << a.id;
}

// Each figure's title, formula and section come from the catalogue, filled
// in for the run.
TEST(ReportHtml, FiguresTakeTheirWordsFromTheCatalogue) {
  std::string html = ReportHtml(Tables("北京"), Summary());
  EXPECT_NE(html.find("各城市人工智能岗位强度（AI岗位数前 2 的城市）"), std::string::npos);
  EXPECT_NE(html.find(std::string(Analysis("F2").formula)), std::string::npos);
  EXPECT_NE(html.find("北京人工智能岗位的行业分布"), std::string::npos) << "F35-44's {name} is the city";
  EXPECT_NE(html.find(std::string(Analysis("F2").section)), std::string::npos);
  EXPECT_NE(html.find(std::string(Analysis("F2").chapter)), std::string::npos);
}

}  // namespace
}  // namespace jobsift
