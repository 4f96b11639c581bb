// jobsift report on a small fixture computed by hand, and its invariants.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>

#include "io/xlsx.h"
#include "report/tables.h"

#include <algorithm>
#include "test_util.h"

namespace jobsift {
namespace {

using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;

const std::string kBin = JOBSIFT_BINARY;

TEST(Wilson, IntervalMatchesTheFormula) {
  double lo, hi;
  WilsonInterval(10, 100, &lo, &hi);
  EXPECT_NEAR(lo, 0.0552, 1e-4);
  EXPECT_NEAR(hi, 0.1744, 1e-4);
  WilsonInterval(0, 10, &lo, &hi);
  EXPECT_DOUBLE_EQ(lo, 0);
  EXPECT_NEAR(hi, 0.2775, 1e-4);
}

// Twelve postings: two quarters of 2024H1 and one of 2023H2; AI jobs are
// the ones with 深度学习 in the title or description; one exact duplicate.
const char kFixture[] =
    "职位名称,公司名称,城市,薪资,学历,工作经验,公司行业,发布日期,职位描述\n"
    "深度学习工程师,甲,北京,20-30K,硕士,3-5年,互联网,2024-01-10,负责深度学习\n"
    "深度学习工程师,乙,北京,10-20K,本科,1-3年,互联网,2024-02-10,负责深度学习\n"
    "会计,丙,北京,5-7K,本科,1-3年,互联网,2024-02-11,记账\n"
    "会计,丙,北京,5-7K,本科,1-3年,互联网,2024-02-12,记账\n"  // duplicate of the row above
    "销售,丁,上海,面议,大专,经验不限,房地产,2024-04-01,卖房\n"
    "深度学习研究员,戊,上海,30-50K,博士,5-10年,互联网,2024-05-01,负责深度学习;五险一金\n"
    "出纳,己,上海,4-6K,大专,1年以下,房地产,2024-05-02,出纳\n"
    "司机,庚,深圳,6-8K,高中,经验不限,物流,2024-06-03,开车\n"
    "深度学习工程师,辛,深圳,15-25K,本科,3-5年,电子,2023-10-01,负责深度学习\n"
    "前台,壬,深圳,4-5K,大专,经验不限,电子,2023-11-01,接待\n"
    "保安,癸,深圳,4-5K,高中,经验不限,物流,2023-12-01,巡逻\n"
    "厨师,子,北京,6-8K,,经验不限,餐饮,,做饭\n";  // no date: unknown period

void WriteLexicon(const TempDir& d) {
  WriteFile(d.File("lex/ai/core.tsv"),
            "# group: 深度学习\n# category: ai\n# belongs: x\n# left out: y\n深度学习\n研究员\ttitle\n");
  WriteFile(d.File("lex/hard/dl.tsv"),
            "# group: 深度学习框架\n# category: 技术技能\n# belongs: x\n# left out: y\n深度学习\n");
  WriteFile(d.File("lex/soft/duty.tsv"), "# group: 负责\n# category: soft\n# belongs: x\n# left out: y\n负责\n");
  WriteFile(d.File("lex/benefit/ins.tsv"), "# group: 五险\n# category: benefit\n# belongs: x\n# left out: y\n五险\n");
}

std::string RunReport(const TempDir& d, const std::string& args, int* rc = nullptr) {
  std::string out;
  int code = RunCommand(kBin + " report -q --lexicon-set " + d.File("lex") + " " + args + " 2>&1", &out);
  if (rc) *rc = code;
  return out;
}

// jobsift merge with the fixture's lexicons; its output (stdout and stderr).
std::string RunMerge(const TempDir& d, const std::string& args, int* rc = nullptr) {
  std::string out;
  int code = RunCommand(kBin + " merge --lexicon-set " + d.File("lex") + " " + args + " 2>&1", &out);
  if (rc) *rc = code;
  return out;
}

// The hand-counted fixture reported into d/out (min n 2).
void ReportOnFixture(const TempDir& d) {
  WriteLexicon(d);
  WriteFile(d.File("p.csv"), kFixture);
  int rc;
  std::string log = RunReport(d, "--min-n 2 -o " + d.File("out") + " " + d.File("p.csv"), &rc);
  ASSERT_EQ(rc, 0) << log;
}

TEST(Report, TablesMatchTheHandCountedFixture) {
  TempDir d;
  ASSERT_NO_FATAL_FAILURE(ReportOnFixture(d));
  // F1: AI postings by quarter. 2023Q4: 1 of 3; 2024Q1: 2 of 3 (after the
  // duplicate); 2024Q2: 1 of 3. Shares of the 4 AI postings with dates.
  std::string f1 = ReadFile(d.File("out/tables/F1.csv"));
  EXPECT_EQ(f1.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(f1.find("2023Q4,1,25.00,"), std::string::npos) << f1;
  EXPECT_NE(f1.find("2024Q1,2,50.00,"), std::string::npos) << f1;
  EXPECT_NE(f1.find("2024Q2,1,25.00,"), std::string::npos) << f1;
  EXPECT_NE(f1.find(",3,66.67,"), std::string::npos) << f1;  // 2024Q1 intensity 2/3
  // F2 in the current half (2024H1): 北京 2 AI of 3, 上海 1 of 3; 深圳 0 of 1.
  std::string f2 = ReadFile(d.File("out/tables/F2.csv"));
  EXPECT_NE(f2.find("北京,2,66.67,"), std::string::npos) << f2;
  EXPECT_NE(f2.find("上海,1,33.33,"), std::string::npos) << f2;
  // F9: mean annual salary in 2024H1 for 互联网: AI (25k+15k+40k months avg)…
  // AI: 25,000×12=300,000; 15,000×12=180,000; 40,000×12=480,000 → 32.0万;
  // all 互联网: those and 6,000×12=72,000 → 25.8万.
  std::string f9 = ReadFile(d.File("out/tables/F9.csv"));
  // Medians from 1% bins: AI 300,000 → 30.1万 (within 0.5%); all: the lower
  // middle of four, 180,000 → 17.9万.
  EXPECT_NE(f9.find("计算机互联网,3,32.0,4,25.8,24.03,30.1,17.9,"), std::string::npos) << f9;
  // F12: AI salary by degree, 2024H1 against 2023: 本科 180,000 (2024) vs
  // 240,000 (the 2023Q4 posting) → −25%.
  std::string f12 = ReadFile(d.File("out/tables/F12.csv"));
  EXPECT_NE(f12.find("本科,1,24.0,1,18.0,-25.00,"), std::string::npos) << f12;
  // Skills in 2024H1: all 3 AI postings say 负责 and 深度学习; 1 of 3 (the
  // researcher, whose description also says 五险) has the benefit.
  EXPECT_NE(ReadFile(d.File("out/tables/F13.csv")).find("技术技能,深度学习框架,3,100.00,"), std::string::npos);
  EXPECT_NE(ReadFile(d.File("out/tables/F14.csv")).find("负责,3,100.00,"), std::string::npos);
  EXPECT_NE(ReadFile(d.File("out/tables/F15.csv")).find("五险,1,33.33,"), std::string::npos);
  // F16: the 计算机互联网 industry's 3 AI postings all name a 技术技能 group.
  EXPECT_NE(ReadFile(d.File("out/tables/F16.csv")).find("计算机互联网,技术技能,3,100.00,"), std::string::npos);
  // F0-1: 深度学习 in all 3; 研究员 (title-only term) in 1.
  std::string f01 = ReadFile(d.File("out/tables/F0-1.csv"));
  EXPECT_NE(f01.find("深度学习,3,100.00,"), std::string::npos) << f01;
  EXPECT_NE(f01.find("研究员,1,33.33,"), std::string::npos) << f01;
  // F0-2 with min n 2: no pair co-occurs twice.
  std::string f02 = ReadFile(d.File("out/tables/F0-2.csv"));
  EXPECT_EQ(std::count(f02.begin(), f02.end(), '\n'), 1) << f02;
  // F20–24: the 3 AI postings want 3-5年, 1-3年 and 5-10年.
  std::string f20 = ReadFile(d.File("out/tables/F20-24.csv"));
  EXPECT_NE(f20.find("(all AI),3-5年,1,33.33,"), std::string::npos) << f20;
  EXPECT_NE(f20.find("计算机互联网,5-10年,1,33.33,"), std::string::npos) << f20;
  // F25–34: 计算机互联网's AI postings: 北京 2 of 3, 上海 1 of 3.
  std::string f25 = ReadFile(d.File("out/tables/F25-34.csv"));
  EXPECT_NE(f25.find("计算机互联网,北京,2,66.67,"), std::string::npos) << f25;
  // F35–44: 上海's 1 AI posting is in 计算机互联网.
  EXPECT_NE(ReadFile(d.File("out/tables/F35-44.csv")).find("上海,计算机互联网,1,100.00,"), std::string::npos);
  // summary: one duplicate removed in 2024H1, the undated posting counted.
  std::string summary = ReadFile(d.File("out/summary.json"));
  EXPECT_NE(summary.find("\"duplicates_removed\":1"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"2024H1\":1"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"unknown\":{\"all\":1,\"ai\":0}"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"postings\":11"), std::string::npos) << summary;
}

// Postings without an industry were counted twice in the skill and benefit
// shares of all AI postings (F13-F15 above 100% on job-hunting-data, which
// has no industry column): "" named both the unknown industry and "all".
TEST(Report, SkillSharesCountPostingsWithoutAnIndustryOnce) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"),
            "职位名称,城市,发布日期,职位描述\n"
            "深度学习工程师,北京,2024-01-10,负责深度学习;五险一金\n"
            "深度学习研究员,上海,2024-02-10,负责深度学习\n"
            "会计,上海,2024-02-11,负责记账\n");
  int rc;
  std::string log = RunReport(d, "--min-n 1 -o " + d.File("out") + " " + d.File("p.csv"), &rc);
  ASSERT_EQ(rc, 0) << log;
  std::string f14 = ReadFile(d.File("out/tables/F14.csv"));
  EXPECT_NE(f14.find("负责,2,100.00,"), std::string::npos) << f14;
  std::string f15 = ReadFile(d.File("out/tables/F15.csv"));
  EXPECT_NE(f15.find("五险,1,50.00,"), std::string::npos) << f15;
  std::string f13 = ReadFile(d.File("out/tables/F13.csv"));
  EXPECT_NE(f13.find("深度学习框架,2,100.00,"), std::string::npos) << f13;
}

TEST(Report, WorkbookHoldsEveryTableAsASheet) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"), kFixture);
  RunReport(d, "--min-n 2 -o " + d.File("out") + " " + d.File("p.csv"));
  auto zip = ZipArchive::OpenFile(d.File("out/tables.xlsx"));
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  // A contents sheet, then one sheet per table of tables.json, in report order.
  std::string json = ReadFile(d.File("out/tables.json"));
  size_t tables = 0;
  for (size_t at = json.find("\"title\":"); at != std::string::npos; at = json.find("\"title\":", at + 1)) ++tables;
  size_t sheets = 0;
  for (const auto& name : (*zip)->Names()) sheets += name.rfind("xl/worksheets/sheet", 0) == 0;
  EXPECT_EQ(sheets, tables + 1);
  auto member = [&](const std::string& name) {
    auto m = (*zip)->ReadMember(name, size_t{16} << 20);
    return m.ok() ? *m : std::string();
  };
  std::string workbook = member("xl/workbook.xml");
  size_t toc = workbook.find("name=\"目录\""), f01 = workbook.find("name=\"F0-1\""), f1 = workbook.find("name=\"F1\""),
         f18 = workbook.find("name=\"F18\"");
  ASSERT_NE(toc, std::string::npos) << workbook;
  EXPECT_LT(toc, f01);
  EXPECT_LT(f01, f1);
  EXPECT_LT(f1, f18);
  // The contents sheet lists each table with its Chinese title, formula,
  // period and n; the header is frozen and filtered.
  auto reader = XlsxReader::Open(**zip);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  std::vector<std::string> row;
  uint64_t n = 0;
  while (n < 3) ASSERT_TRUE(*(*reader)->NextRow(row, n));
  EXPECT_EQ(row, (std::vector<std::string>{"表", "标题", "口径", "期间", "AI岗位数 n", "范围"}));
  while (n < 5) ASSERT_TRUE(*(*reader)->NextRow(row, n));
  ASSERT_GE(row.size(), 5u);
  EXPECT_EQ(row[0], "F0-1");
  EXPECT_EQ(row[1], "人工智能岗位技能词云（前五十）");
  EXPECT_EQ(row[3], "2024H1");
  std::string sheet1 = member("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet1.find("<pane xSplit=\"1\" ySplit=\"4\""), std::string::npos) << sheet1.substr(0, 800);
  EXPECT_NE(sheet1.find("<autoFilter"), std::string::npos);
  // F1's sheet: Chinese headers over the English keys, frozen below them,
  // widths set, and numbers as numbers.
  std::string f1_sheet = member("xl/worksheets/sheet4.xml");
  EXPECT_NE(f1_sheet.find("ySplit=\"6\""), std::string::npos) << f1_sheet.substr(0, 800);
  EXPECT_NE(f1_sheet.find("<autoFilter ref=\"A6:"), std::string::npos);
  EXPECT_NE(f1_sheet.find("<cols>"), std::string::npos);
  std::string strings = member("xl/sharedStrings.xml");
  for (const char* s : {"季度", "AI岗位数", "占AI岗位比例", "quarter", "share_of_ai_pct"})
    EXPECT_NE(strings.find(s), std::string::npos) << s;
}

// tables.json held every cell as a string; numbers are JSON numbers now,
// small_n a boolean, an unknown cell null, and each column says its type and
// Chinese label.
TEST(Report, TablesJsonHoldsTypedValues) {
  TempDir d;
  ASSERT_NO_FATAL_FAILURE(ReportOnFixture(d));
  simdjson::dom::parser parser;
  simdjson::dom::element tables = parser.load(d.File("out/tables.json"));
  simdjson::dom::element f1 = tables["F1"];
  EXPECT_EQ(uint64_t(f1["n"]), 4u);
  simdjson::dom::element col = f1["columns"].at(1);
  EXPECT_EQ(std::string_view(col["key"]), "ai_postings");
  EXPECT_EQ(std::string_view(col["label"]), "AI岗位数");
  EXPECT_EQ(std::string_view(col["type"]), "integer");
  EXPECT_EQ(std::string_view(f1["columns"].at(2)["unit"]), "percent");
  simdjson::dom::element row = f1["rows"].at(0);  // 2023Q4: 1 AI posting, 25% of the 4
  EXPECT_EQ(std::string_view(row.at(0)), "2023Q4");
  EXPECT_TRUE(row.at(1).is_uint64() || row.at(1).is_int64());
  EXPECT_EQ(uint64_t(row.at(1)), 1u);
  EXPECT_TRUE(row.at(2).is_double());
  EXPECT_DOUBLE_EQ(double(row.at(2)), 25.0);
  EXPECT_TRUE(row.at(9).is_bool());
  // A cell nothing could fill is null, never 0 or "": F9's salary means
  // where no posting had a salary.
  bool null_seen = false;
  for (const char* id : {"F9", "F10", "F11", "F12"})
    for (simdjson::dom::element r : tables[id]["rows"].get_array())
      for (simdjson::dom::element v : r.get_array()) null_seen |= v.is_null();
  EXPECT_TRUE(null_seen);
  // Report order: the word cloud first, as in the reference report.
  EXPECT_EQ(std::string(tables.get_object().begin().key()), "F0-1");
}

TEST(Report, HalfYearCanBeChosen) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"), kFixture);
  RunReport(d, "--half 2023H2 --min-n 2 -o " + d.File("out") + " " + d.File("p.csv"));
  // In 2023H2 深圳 has the one AI posting of 3.
  std::string f2 = ReadFile(d.File("out/tables/F2.csv"));
  EXPECT_NE(f2.find("深圳,1,100.00,"), std::string::npos) << f2;
  EXPECT_NE(ReadFile(d.File("out/summary.json")).find("\"half\":\"2023H2\""), std::string::npos);
  std::string out;
  EXPECT_EQ(RunCommand(kBin + " report -q --half 2023 -o " + d.File("x") + " " + d.File("p.csv") + " 2>&1", &out), 2);
}

TEST(Report, SplitAndMergeEqualsOneRun) {
  TempDir d;
  WriteLexicon(d);
  // The fixture in three parts; the duplicate pair straddles parts 1 and 2.
  std::string all = kFixture;
  std::vector<std::string> lines;
  for (size_t pos = 0; pos < all.size();) {
    size_t nl = all.find('\n', pos);
    lines.push_back(all.substr(pos, nl + 1 - pos));
    pos = nl + 1;
  }
  std::string header = lines[0];
  WriteFile(d.File("p1.csv"), header + lines[1] + lines[2] + lines[3]);
  WriteFile(d.File("p2.csv"), header + lines[4] + lines[5] + lines[6] + lines[7]);
  std::string rest = header;
  for (size_t i = 8; i < lines.size(); ++i) rest += lines[i];
  WriteFile(d.File("p3.csv"), rest);
  std::string parts = d.File("p1.csv") + " " + d.File("p2.csv") + " " + d.File("p3.csv");
  RunReport(d, "--min-n 2 -o " + d.File("one") + " " + parts);
  for (int i = 1; i <= 3; ++i)
    RunReport(d, "--min-n 2 --state " + d.File("s" + std::to_string(i)) + " -o " + d.File("part" + std::to_string(i)) +
                     " " + d.File("p" + std::to_string(i) + ".csv"));
  std::string states = d.File("s1") + " " + d.File("s2") + " " + d.File("s3");
  int rc;
  std::string out = RunMerge(d, "--min-n 2 -o " + d.File("merged") + " " + states, &rc);
  ASSERT_EQ(rc, 0) << out;
  for (const char* f :
       {"tables.json", "summary.json", "tables.xlsx", "report.html", "tables/F1.csv", "tables/F13.csv", "tables/F0-1.csv"})
    EXPECT_EQ(ReadFile(d.File(std::string("one/") + f)), ReadFile(d.File(std::string("merged/") + f))) << f;
  EXPECT_NE(ReadFile(d.File("merged/summary.json")).find("\"duplicates_removed\":1"), std::string::npos);
  // The tables of one city, from the three states, without the input: the
  // same bytes as one run with --city (the re-post in 北京 straddles parts).
  RunReport(d, "--min-n 2 --city 北京 -o " + d.File("one_bj") + " " + parts);
  out = RunMerge(d, "--min-n 2 --city 北京 -o " + d.File("merged_bj") + " " + states, &rc);
  ASSERT_EQ(rc, 0) << out;
  for (const char* f : {"tables.json", "summary.json", "tables.xlsx", "report.html"})
    EXPECT_EQ(ReadFile(d.File(std::string("one_bj/") + f)), ReadFile(d.File(std::string("merged_bj/") + f))) << f;
  EXPECT_NE(ReadFile(d.File("merged_bj/summary.json")).find("\"postings\":4,"), std::string::npos);
}

// --city / --industry: the fixture's tables for one city or industry,
// counted by hand; the names are read as the fields are (北京市 is 北京,
// 互联网 is 计算机互联网).
TEST(Report, CityOrIndustryTablesCountOnlyTheirPostings) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"), kFixture);
  int rc;
  std::string log = RunReport(d, "--min-n 2 --city 北京市 -o " + d.File("bj") + " " + d.File("p.csv"), &rc);
  ASSERT_EQ(rc, 0) << log;
  // 北京: the two AI postings and the 会计 of 2024Q1 (its re-post removed),
  // and the undated 厨师; the 7 postings of 上海 and 深圳 are outside.
  std::string f1 = ReadFile(d.File("bj/tables/F1.csv"));
  EXPECT_NE(f1.find("2024Q1,2,100.00,"), std::string::npos) << f1;
  EXPECT_EQ(f1.find("2023Q4"), std::string::npos) << f1;
  EXPECT_NE(ReadFile(d.File("bj/tables/F2.csv")).find("北京,2,100.00,"), std::string::npos);
  std::string summary = ReadFile(d.File("bj/summary.json"));
  EXPECT_NE(summary.find("\"postings\":4,\"postings_outside_filter\":7"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"duplicates_removed\":1"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"city\":\"北京\",\"industry\":null"), std::string::npos) << summary;
  EXPECT_NE(ReadFile(d.File("bj/tables.json")).find("\"filter\":{\"city\":\"北京\",\"industry\":null}"),
            std::string::npos);
  std::string html = ReadFile(d.File("bj/report.html"));
  EXPECT_NE(html.find("范围：城市为北京"), std::string::npos);
  // No key finding that the leading city is 北京 with 100%: the whole
  // report's finding (see the unfiltered run below) is left out.
  EXPECT_EQ(html.find("AI岗位最多的城市是"), std::string::npos);
  log = RunReport(d, "--min-n 2 -o " + d.File("all") + " " + d.File("p.csv"), &rc);
  ASSERT_EQ(rc, 0) << log;
  EXPECT_NE(ReadFile(d.File("all/report.html")).find("AI岗位最多的城市是北京"), std::string::npos);

  // 计算机互联网: the 3 AI postings (北京 2, 上海 1) and the 会计.
  log = RunReport(d, "--min-n 2 --industry 互联网 -o " + d.File("it") + " " + d.File("p.csv"), &rc);
  ASSERT_EQ(rc, 0) << log;
  std::string f2 = ReadFile(d.File("it/tables/F2.csv"));
  EXPECT_NE(f2.find("北京,2,66.67,"), std::string::npos) << f2;
  EXPECT_NE(f2.find("上海,1,33.33,"), std::string::npos) << f2;
  EXPECT_EQ(f2.find("深圳"), std::string::npos) << f2;
  summary = ReadFile(d.File("it/summary.json"));
  EXPECT_NE(summary.find("\"postings\":4,\"postings_outside_filter\":7"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"industry\":\"计算机互联网\""), std::string::npos) << summary;
  EXPECT_EQ(ReadFile(d.File("it/report.html")).find("AI岗位最多的行业是"), std::string::npos);
  EXPECT_NE(ReadFile(d.File("all/report.html")).find("AI岗位最多的行业是计算机互联网"), std::string::npos);

  // Both: 上海's one 计算机互联网 posting, the AI researcher.
  log = RunReport(d, "--min-n 2 --city 上海 --industry 互联网 -o " + d.File("both") + " " + d.File("p.csv"), &rc);
  ASSERT_EQ(rc, 0) << log;
  EXPECT_NE(ReadFile(d.File("both/tables/F2.csv")).find("上海,1,100.00,"), std::string::npos);
  EXPECT_NE(ReadFile(d.File("both/summary.json")).find("\"postings\":1,"), std::string::npos);

  // A name the fields cannot place is an error, not an empty report.
  log = RunReport(d, "--city 火星 -o " + d.File("x") + " " + d.File("p.csv"), &rc);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(log.find("--city 火星"), std::string::npos) << log;
  log = RunReport(d, "--industry 不存在的行业 -o " + d.File("x") + " " + d.File("p.csv"), &rc);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(log.find("--industry 不存在的行业"), std::string::npos) << log;
  EXPECT_FALSE(std::filesystem::exists(d.File("x/summary.json")));
}

// Duplicates are found among all postings before the filter: a re-post
// whose industry label changed is still the same posting, so the reports of
// the two industries add up to the whole report.
TEST(Report, FilterFindsDuplicatesAmongAllPostings) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"),
            "职位名称,公司名称,城市,薪资,公司行业,发布日期,职位描述\n"
            "深度学习工程师,甲,北京,20-30K,互联网,2024-01-10,负责深度学习\n"
            "深度学习工程师,甲,北京,20-30K,电子,2024-02-10,负责深度学习\n"
            "会计,乙,北京,5-7K,电子,2024-02-11,记账\n");
  int rc;
  std::string log = RunReport(d, "--min-n 1 --industry 互联网 -o " + d.File("a") + " " + d.File("p.csv"), &rc);
  ASSERT_EQ(rc, 0) << log;
  log = RunReport(d, "--min-n 1 --industry 电子 -o " + d.File("b") + " " + d.File("p.csv"), &rc);
  ASSERT_EQ(rc, 0) << log;
  std::string a = ReadFile(d.File("a/summary.json")), b = ReadFile(d.File("b/summary.json"));
  EXPECT_NE(a.find("\"postings\":1,\"postings_outside_filter\":2"), std::string::npos) << a;
  EXPECT_NE(a.find("\"duplicates_removed\":0"), std::string::npos) << a;
  // 电子: the 会计, and the re-post of the AI posting removed.
  EXPECT_NE(b.find("\"postings\":1,\"postings_outside_filter\":1"), std::string::npos) << b;
  EXPECT_NE(b.find("\"duplicates_removed\":1"), std::string::npos) << b;
  EXPECT_EQ(ReadFile(d.File("b/tables/F1.csv")).find("2024Q1,1,"), std::string::npos);
}

// The salary conventions travel in the state: a merged report states the
// ones its postings' salaries were computed with, and states made with other
// conventions are not merged.
TEST(Report, MergeCarriesTheSalaryConventions) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"), kFixture);
  WriteFile(d.File("c.toml"), "[salary]\nwork_days_per_month = 22\n");
  int rc;
  std::string log =
      RunReport(d, "--config " + d.File("c.toml") + " --state " + d.File("s22") + " -o " + d.File("a") + " " + d.File("p.csv"), &rc);
  ASSERT_EQ(rc, 0) << log;
  log = RunReport(d, "--state " + d.File("s") + " -o " + d.File("b") + " " + d.File("p.csv"), &rc);
  ASSERT_EQ(rc, 0) << log;
  std::string out = RunMerge(d, "-o " + d.File("m") + " " + d.File("s22"), &rc);
  ASSERT_EQ(rc, 0) << out;
  std::string html = ReadFile(d.File("m/report.html"));
  EXPECT_NE(html.find("日薪 × 22.00 天/月"), std::string::npos);
  EXPECT_EQ(html.find("21.75"), std::string::npos);
  EXPECT_EQ(html, ReadFile(d.File("a/report.html")));
  out = RunMerge(d, "-o " + d.File("m2") + " " + d.File("s22") + " " + d.File("s"), &rc);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("other salary conventions"), std::string::npos) << out;
}

TEST(Report, DamagedOrForeignStateIsAnErrorNeverNumbers) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"), kFixture);
  RunReport(d, "--state " + d.File("s") + " -o " + d.File("out") + " " + d.File("p.csv"));
  std::string good = ReadFile(d.File("s"));
  ASSERT_GT(good.size(), 100u);
  std::string merge = kBin + " merge --lexicon-set " + d.File("lex") + " -o " + d.File("m") + " ";
  std::string out;
  WriteFile(d.File("cut"), good.substr(0, good.size() / 2));
  EXPECT_EQ(RunCommand(merge + d.File("cut") + " 2>&1", &out), 2);
  EXPECT_NE(out.find("truncated"), std::string::npos) << out;
  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 0x01;
  WriteFile(d.File("flip"), flipped);
  EXPECT_EQ(RunCommand(merge + d.File("flip") + " 2>&1", &out), 2);
  EXPECT_FALSE(std::filesystem::exists(d.File("m/summary.json")));
  std::string old = good;
  old[14] = 9;  // the version number
  WriteFile(d.File("old"), old);
  EXPECT_EQ(RunCommand(merge + d.File("old") + " 2>&1", &out), 2);
  EXPECT_NE(out.find("version 9"), std::string::npos) << out;
  WriteFile(d.File("lex2/ai/core.tsv"), "# group: 其他\n# category: ai\n# belongs: x\n# left out: y\n机器学习\n");
  EXPECT_EQ(RunCommand(kBin + " merge --lexicon-set " + d.File("lex2") + " -o " + d.File("m") + " " + d.File("s") + " 2>&1", &out), 2);
  EXPECT_NE(out.find("other lexicons"), std::string::npos) << out;
}

TEST(Report, DedupNoneKeepsEveryPosting) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"), kFixture);
  RunReport(d, "--dedup none -o " + d.File("out") + " " + d.File("p.csv"));
  EXPECT_NE(ReadFile(d.File("out/summary.json")).find("\"postings\":12"), std::string::npos);
}

TEST(Report, OutputsAreIdenticalForAnyThreadCount) {
  TempDir d;
  WriteLexicon(d);
  std::string csv = "职位名称,城市,薪资,发布日期,职位描述\n";
  for (int i = 0; i < 6000; ++i)
    csv += std::string(i % 7 ? "会计" : "深度学习工程师") + "," + (i % 3 ? "北京" : "上海") + "," +
           std::to_string(5 + i % 30) + "K,2024-0" + std::to_string(1 + i % 6) + "-1" + std::to_string(i % 10) +
           ",描述" + std::to_string(i % 4000) + "\n";
  WriteFile(d.File("p.csv"), csv);
  RunReport(d, "--threads 1 -o " + d.File("one") + " " + d.File("p.csv"));
  RunReport(d, "--threads 2 --max-record-bytes 4096 -o " + d.File("two") + " " + d.File("p.csv"));
  for (const char* f : {"tables.json", "summary.json", "report.html", "tables/F1.csv", "tables/F6.csv"})
    EXPECT_EQ(ReadFile(d.File(std::string("one/") + f)), ReadFile(d.File(std::string("two/") + f))) << f;
  EXPECT_FALSE(ReadFile(d.File("one/tables.json")).empty());
}

TEST(ReportHtml, EveryAnalysisHasItsFigureInTheReferenceOrder) {
  TempDir d;
  ASSERT_NO_FATAL_FAILURE(ReportOnFixture(d));
  std::string html = ReadFile(d.File("out/report.html"));
  ASSERT_FALSE(html.empty());
  // Findings, the five chapters, data quality, methodology; the figures of
  // F0-1 … F44 inside them in the reference's order.
  size_t at = 0;
  for (const char* id : {"id=\"findings\"", "id=\"ch1\"", "id=\"F0-1\"", "id=\"F0-2\"", "id=\"ch2\"", "id=\"F1\"",
                         "id=\"F2\"", "id=\"F4\"", "id=\"F5\"", "id=\"F6\"", "id=\"F8\"", "id=\"F9\"", "id=\"F10\"",
                         "id=\"F11\"", "id=\"F12\"", "id=\"ch3\"", "id=\"F13\"", "id=\"F14\"", "id=\"F15\"", "id=\"F16\"",
                         "id=\"F17\"", "id=\"F18\"", "id=\"ch4\"", "id=\"F19\"", "id=\"F20\"", "id=\"ch5\"", "id=\"F25\"",
                         "id=\"F35\"", "id=\"quality\"", "id=\"method\""}) {
    size_t next = html.find(id, at);
    ASSERT_NE(next, std::string::npos) << id << " missing or out of order";
    at = next;
  }
  // Every chart container has its data.
  size_t containers = 0;
  for (size_t c = html.find("data-chart=\""); c != std::string::npos; c = html.find("data-chart=\"", c + 1)) {
    ++containers;
    std::string id = html.substr(c + 12, html.find('"', c + 12) - c - 12);
    EXPECT_NE(html.find("\"" + id + "\":{\"kind\":"), std::string::npos) << id;
  }
  EXPECT_GE(containers, 20u);
  // The findings come from this fixture's numbers: 4 AI postings with a date, of 10.
  EXPECT_NE(html.find("其中人工智能岗位 4 条，占 40.00%"), std::string::npos);
  EXPECT_NE(html.find("读取行数</th><td class=\"num\">12</td>"), std::string::npos);
}

TEST(ReportHtml, PdfWithoutChromiumIsAClearErrorAndTheRestIsWritten) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"), kFixture);
  std::filesystem::create_directories(d.File("empty"));
  std::string out;
  int rc = RunCommand("env -u JOBSIFT_CHROMIUM PATH=" + d.File("empty") + " " + kBin + " report -q --lexicon-set " +
                          d.File("lex") + " --pdf -o " + d.File("out") + " " + d.File("p.csv") + " 2>&1",
                      &out);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("report.pdf not written"), std::string::npos) << out;
  EXPECT_NE(out.find("apt install chromium"), std::string::npos) << out;
  EXPECT_TRUE(std::filesystem::exists(d.File("out/report.html")));
  EXPECT_TRUE(std::filesystem::exists(d.File("out/summary.json")));
  EXPECT_FALSE(std::filesystem::exists(d.File("out/report.pdf")));
  rc = RunCommand("JOBSIFT_CHROMIUM=/nonexistent/chromium " + kBin + " report -q --lexicon-set " + d.File("lex") +
                      " --pdf -o " + d.File("out2") + " " + d.File("p.csv") + " 2>&1",
                  &out);
  EXPECT_EQ(rc, 2) << out;
  EXPECT_NE(out.find("JOBSIFT_CHROMIUM=/nonexistent/chromium is not an executable file"), std::string::npos) << out;
}

}  // namespace
}  // namespace jobsift
