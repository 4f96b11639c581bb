// Files nobody here prepared (issue 16): columns found by what they hold,
// dates that fall back to the day a posting was seen, a focus half-year that
// holds the data, and nothing left out in silence. Each runs the real binary
// with the shipped lexicons and data tables.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "test_util.h"

namespace jobsift {
namespace {

using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;


using testing::Has;
using testing::CallJobsift;
using testing::Outcome;

// The number after "key": in a JSON text, or -1.
long long JsonInt(const std::string& json, const std::string& key) {
  size_t at = json.find("\"" + key + "\":");
  if (at == std::string::npos) return -1;
  return std::stoll(json.substr(at + key.size() + 3));
}

// Postings of a 2019 Zhilian export, in its own header names (title, salary,
// address, keyword, work_experience, education, company, welfare,
// requirements, url): city is in `address` and the description in
// `requirements`, names no alias knows.
std::string ZhilianRows(const std::string& header) {
  const char* cities[] = {"杭州", "北京", "上海", "深圳", "广州", "成都", "武汉"};
  struct Job {
    const char* title;
    const char* duties;
  };
  const Job jobs[] = {
      {"算法工程师", "岗位职责：1、负责推荐系统的机器学习算法研发与优化；2、负责深度学习模型的训练与部署。任职要求：熟悉PyTorch、TensorFlow。"},
      {"Java开发工程师", "岗位职责：负责后端服务开发与维护。任职要求：熟悉Java、Spring Boot、MySQL，三年以上开发经验。"},
      {"研究员", "工作内容：负责计算机视觉方向的深度学习模型研究，包括目标检测与图像分割。任职要求：熟悉卷积神经网络。"},
      {"销售代表", "岗位职责：负责客户开发与维护，完成销售目标。任职要求：沟通能力强，有销售经验者优先。"},
      {"工程师", "岗位职责：负责风控场景的机器学习建模，使用XGBoost与深度学习方法提升模型效果。任职要求：熟悉Python。"},
      {"行政助理", "岗位职责：负责办公室日常行政事务、会议安排与文件管理。任职要求：工作细心，有责任心。"},
  };
  std::string csv = header + "\n";
  for (int i = 0; i < 42; ++i) {
    const Job& j = jobs[i % 6];
    csv += std::string(j.title) + "," + std::to_string(8 + i % 5) + "-" + std::to_string(15 + i % 7) + "K," +
           cities[i % 7] + ",Python," + (i % 2 ? "3-5年" : "1-3年") + ",本科,某某科技有限公司" + std::to_string(i) +
           ",五险一金," + j.duties + ",https://jobs.zhaopin.com/" + std::to_string(1000 + i) + ".htm\n";
  }
  return csv;
}

TEST(Reading, UnfamiliarHeadersAreMappedByWhatTheCellsHold) {
  TempDir d;
  WriteFile(d.File("zhilian.csv"),
            ZhilianRows("title,salary,address,keyword,work_experience,education,company,welfare,requirements,url"));
  WriteFile(d.File("familiar.csv"),
            ZhilianRows("title,salary,city,keyword,work_experience,education,company,welfare,description,url"));

  // scan says which columns were found by their cells, and why.
  Outcome scan = CallJobsift(d, "scan " + d.File("zhilian.csv"));
  EXPECT_EQ(scan.code, 0) << scan.err;
  EXPECT_TRUE(Has(scan.out, "columns by header+content")) << scan.out;
  EXPECT_TRUE(Has(scan.out, "city <- 'address' by content: 42 of 42 sampled cells read as a city")) << scan.out;
  EXPECT_TRUE(Has(scan.out, "description <- 'requirements' by content: 42 of 42 sampled cells read as a job description"))
      << scan.out;
  EXPECT_FALSE(Has(scan.out, "<- 'keyword'")) << scan.out;  // Python is no field
  EXPECT_FALSE(Has(scan.out, "<- 'url'")) << scan.out;
  EXPECT_TRUE(Has(scan.err, "city <- 'address' (42 of 42 sampled cells read as a city)")) << scan.err;

  // profile shows the same mapping.
  Outcome profile = CallJobsift(d, "profile " + d.File("zhilian.csv"));
  EXPECT_TRUE(Has(profile.out, "city <- 'address': 42 of 42 sampled cells read as a city")) << profile.out;

  // The report counts as many AI postings as with familiar names, and every
  // posting has its city.
  Outcome unfamiliar = CallJobsift(d, "report -o " + d.File("u") + " " + d.File("zhilian.csv"));
  Outcome familiar = CallJobsift(d, "report -o " + d.File("f") + " " + d.File("familiar.csv"));
  ASSERT_EQ(unfamiliar.code, 0) << unfamiliar.err;
  ASSERT_EQ(familiar.code, 0) << familiar.err;
  std::string u = ReadFile(d.File("u/summary.json")), f = ReadFile(d.File("f/summary.json"));
  EXPECT_GT(JsonInt(f, "ai_postings"), 10) << f;
  EXPECT_EQ(JsonInt(u, "ai_postings"), JsonInt(f, "ai_postings")) << u;
  EXPECT_TRUE(Has(u, "\"city\":{\"parsed\":42,")) << u;
  // The mapping and its evidence in summary.json and the data-quality chapter.
  EXPECT_TRUE(Has(u, "{\"file\":\"" + d.File("zhilian.csv") +
                         "\",\"field\":\"city\",\"column\":\"address\",\"evidence\":\"42 of 42 sampled cells read as a city\"}"))
      << u;
  std::string html = ReadFile(d.File("u/report.html"));
  EXPECT_TRUE(Has(html, "6.3 输入文件与列映射")) << html.substr(0, 200);
  EXPECT_TRUE(Has(html, "<td>address</td><td>42 of 42 sampled cells read as a city</td>"));
}

TEST(Reading, AFieldWithoutAColumnIsSaidByReportAndMerge) {
  TempDir d;
  // No date and no degree column.
  WriteFile(d.File("p.csv"),
            "职位名称,城市,薪资,职位描述\n算法工程师,北京,20-30K,负责深度学习模型训练\n会计,上海,6-8K,记账\n");
  Outcome r = CallJobsift(d, "report --state " + d.File("s.state") + " -o " + d.File("out") + " " + d.File("p.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  // What it costs, and that the file has nothing else to look in.
  EXPECT_TRUE(Has(r.err, "jobsift: warning: no column for date in 1 of 1 file (2 of 2 rows; undated there: counted in "
                         "the totals, in no period table): " + d.File("p.csv") + ". No other column there could hold it.\n"))
      << r.err;
  EXPECT_TRUE(Has(r.err, "no column for degree")) << r.err;
  std::string summary = ReadFile(d.File("out/summary.json"));
  EXPECT_TRUE(Has(summary, "\"no_column\":{\"date\":{\"rows\":2,\"files\":[\"" + d.File("p.csv") + "\"]}")) << summary;
  std::string html = ReadFile(d.File("out/report.html"));
  EXPECT_TRUE(Has(html, "以下字段在部分文件中没有对应的列")) << "no gap in the data-quality chapter";
  // A merge of the state says the same.
  Outcome m = CallJobsift(d, "merge -o " + d.File("m") + " " + d.File("s.state"));
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_TRUE(Has(m.err, "no column for date in 1 of 1 file")) << m.err;
  EXPECT_EQ(ReadFile(d.File("m/summary.json")), summary);
  // -q leaves only errors.
  Outcome quiet = CallJobsift(d, "report -q -o " + d.File("q") + " " + d.File("p.csv"));
  EXPECT_EQ(quiet.err, "");
}

TEST(Reading, SkippedAndEmptyFilesAreSaidEverywhere) {
  TempDir d;
  WriteFile(d.File("in/jobs.csv"), "职位名称,城市,薪资\n算法工程师,北京,20-30K\n");
  WriteFile(d.File("in/company.csv"), "公司,经营状态\n某公司,存续\n");
  WriteFile(d.File("in/notes.csv"), "x,y\n1,2\n");
  WriteFile(d.File("in/zz_empty.csv"), "");
  Outcome r = CallJobsift(d, "report -o " + d.File("out") + " " + d.File("in"));
  EXPECT_EQ(r.code, 1) << r.err;  // finished, but an input held nothing
  EXPECT_TRUE(Has(r.err, "warning: skipped " + d.File("in/company.csv") +
                             ": a table of companies, not of postings (company_name '公司'; no title or description "
                             "column): jobsift reads postings and does not join other tables to them"))
      << r.err;
  EXPECT_TRUE(Has(r.err, "warning: skipped " + d.File("in/notes.csv") + ": no recognisable posting columns")) << r.err;
  EXPECT_TRUE(Has(r.err, "warning: " + d.File("in/zz_empty.csv") + ": the file is empty")) << r.err;
  std::string summary = ReadFile(d.File("out/summary.json"));
  EXPECT_TRUE(Has(summary, "\"empty\":[\"" + d.File("in/zz_empty.csv") + ": the file is empty\"]")) << summary;
  EXPECT_TRUE(Has(summary, "\"skipped\":[\"" + d.File("in/company.csv") + ": a table of companies")) << summary;
  std::string html = ReadFile(d.File("out/report.html"));
  EXPECT_TRUE(Has(html, "各自的原因与表头见 summary.json 或 jobsift scan）（2）：</p>\n<ul class=\"notes\">\n<li>" +
                            d.File("in/company.csv") + "</li>"));
  EXPECT_TRUE(Has(html, "没有任何行的文件（1）"));
  // annotate says it too, on stderr.
  Outcome a = CallJobsift(d, "annotate -o " + d.File("a.jsonl") + " " + d.File("in"));
  EXPECT_EQ(a.code, 1);
  EXPECT_TRUE(Has(a.err, "the file is empty")) << a.err;
  EXPECT_TRUE(Has(a.err, "warning: skipped")) << a.err;
}

// A warning a user can act on: where a missing field may be. Postings
// without an industry beside a table of companies that has one (and that
// jobsift skips), and a column no field took.
TEST(Reading, AFieldWithoutAColumnSaysWhereItMayBe) {
  TempDir d;
  std::string jobs = "职位名称,城市,薪资,公司,发布平台\n";
  for (int i = 0; i < 6; ++i) jobs += "算法工程师,北京,20-30K,甲公司,BOSS\n";
  WriteFile(d.File("in/jobs.csv"), jobs);
  WriteFile(d.File("in/company.csv"), "公司,所属行业,社保人数\n甲公司,软件和信息技术服务业,56\n");
  Outcome r = CallJobsift(d, "scan " + d.File("in"));
  std::string line = r.err.substr(r.err.find("no column for company_indus"));
  line = line.substr(0, line.find('\n'));
  EXPECT_TRUE(Has(line, "left out of the industry tables")) << line;
  EXPECT_TRUE(Has(line, "Skipped as holding no postings, " + d.File("in/company.csv") +
                            " has a column '所属行业' for it: jobsift does not join tables, so join it into these files "
                            "by company name to use it."))
      << line;
  // Its own spare column, already judged by its cells: counted, not named
  // (naming it would ask the user to check what jobsift has checked).
  EXPECT_TRUE(Has(line, "The one other column there does not read as an industry by its sampled cells; if one holds "
                        "it all the same, name it in a [columns] table of --config (company_indus = \"<column>\")."))
      << line;
  EXPECT_FALSE(Has(line, "发布平台")) << line;
  // The skipped table is said once, in the line of the field it could fill.
  EXPECT_FALSE(Has(r.err, "warning: skipped")) << r.err;
  EXPECT_EQ(r.err.find("company.csv"), r.err.rfind("company.csv")) << r.err;
  // A field no judge reads by content (the company's name): the columns
  // nothing took are the lead, named with a value.
  WriteFile(d.File("in2/jobs.csv"), "职位名称,城市,薪资,招聘者\n算法工程师,北京,20-30K,李女士\n");
  r = CallJobsift(d, "scan " + d.File("in2"));
  EXPECT_TRUE(Has(r.err, "Columns no field took there: '招聘者' (李女士); if one holds the company_name, name it in a "
                         "[columns] table of --config (company_name = \"<column>\")."))
      << r.err;
  // The title has a column: nothing is said of it.
  EXPECT_FALSE(Has(r.err, "no column for position")) << r.err;
  // summary.json carries where to look.
  r = CallJobsift(d, "report -q -o " + d.File("out") + " " + d.File("in"));
  std::string summary = ReadFile(d.File("out/summary.json"));
  EXPECT_TRUE(Has(summary, "\"company_indus\":[{\"column\":\"发布平台\",\"sample\":\"BOSS\"}]")) << summary;
  EXPECT_TRUE(Has(summary, "\"company_indus\":[{\"file\":\"" + d.File("in/company.csv") + "\",\"column\":\"所属行业\"}]"))
      << summary;
  std::string html = ReadFile(d.File("out/report.html"));
  EXPECT_TRUE(Has(html, "有“所属行业”列，jobsift 不合并表格")) << "the data-quality chapter says it too";
}

// 100 postings in 2024H1 (40 AI), one dated far after the crawl (2025-06,
// with no seen date to catch it), 12 without any date, and BOSS-style rows
// whose publish date is empty or later than the day they were scanned.
TEST(Reading, TheFocusHalfHoldsTheDataAndTheCoverCountsEveryPosting) {
  TempDir d;
  std::string csv = "职位名称,公司名称,城市,薪资,首次发布时间,首次扫描日期,职位描述\n";
  for (int i = 0; i < 100; ++i) {
    bool ai = i % 5 < 2;
    csv += std::string(ai ? "深度学习算法工程师" : "会计") + ",公司" + std::to_string(i) + ",北京,10-20K,2024-0" +
           std::to_string(1 + i % 6) + "-1" + std::to_string(i % 9) + ",," +
           (ai ? "负责深度学习模型训练与部署，熟悉PyTorch与Transformer" : "负责记账与报税") + std::to_string(i) + "\n";
  }
  csv += "出纳,未来公司,上海,6-8K,2025-06-30,,负责出纳\n";
  for (int i = 0; i < 12; ++i) csv += "前台,无日期公司" + std::to_string(i) + ",上海,5-6K,,,负责接待" + std::to_string(i) + "\n";
  // Scanned in 2024-05 but no publish date, or one after the scan.
  csv += "司机,扫描公司甲,深圳,6-8K,,2024-05-20 10:00:00,负责驾驶\n";
  csv += "司机,扫描公司乙,深圳,6-8K,2024-12-01,2024-05-21,负责驾驶\n";
  csv += "司机,扫描公司丙,深圳,6-8K,,1970-01-01T16:01:08+08:00,负责驾驶\n";
  WriteFile(d.File("p.csv"), csv);

  Outcome r = CallJobsift(d, "report -o " + d.File("out") + " " + d.File("p.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  std::string s = ReadFile(d.File("out/summary.json"));
  // 2025H1 holds one posting and no AI one: the focus is 2024H1.
  EXPECT_TRUE(Has(s, "\"focus_half\":{\"half\":\"2024H1\",\"rule\":\"latest_holding_data\",\"busiest_half_postings\":102"))
      << s;
  // 12 undated, and the one whose only date is the 1970 placeholder.
  EXPECT_EQ(JsonInt(s, "postings_undated"), 13) << s;
  EXPECT_EQ(JsonInt(s, "postings"), 116) << s;
  EXPECT_EQ(JsonInt(s, "ai_postings"), 40) << s;
  EXPECT_TRUE(Has(s, "\"dates_by_source\":{\"published\":101,\"first_seen\":1,\"updated\":0,\"after_seen\":1}")) << s;
  std::string tables = ReadFile(d.File("out/tables/F2.csv"));
  EXPECT_TRUE(Has(tables, "北京")) << tables;
  std::string html = ReadFile(d.File("out/report.html"));
  EXPECT_TRUE(Has(html, "招聘岗位 116 条 · 人工智能岗位 40 条（34.48%）")) << html.substr(0, 4000);
  EXPECT_TRUE(Has(html, "其中 13 条（11.21%）没有可用的日期，计入总数，不计入分期图表。"));
  EXPECT_TRUE(Has(html, "单期图表描述2024年上半年：招聘岗位 102 条，人工智能岗位 40 条（39.22%）。"));
  EXPECT_TRUE(Has(html, "其后的2025年上半年（岗位 1 条、AI岗位 0 条）数据太少，未选"));

  // The date of each posting says the rule that decided it.
  Outcome a = CallJobsift(d, "annotate -o " + d.File("a.jsonl") + " " + d.File("p.csv"));
  ASSERT_EQ(a.code, 0) << a.err;
  std::string rows = ReadFile(d.File("a.jsonl"));
  EXPECT_TRUE(Has(rows, "\"date\":\"2024-05-20\",\"date_rule\":\"date.from_seen\"")) << rows.substr(0, 600);
  EXPECT_TRUE(Has(rows, "\"date\":\"2024-05-21\",\"date_rule\":\"date.after_seen\""));
  EXPECT_TRUE(Has(rows, "\"date\":null,\"date_rule\":\"date.placeholder\",\"date_unknown\":\"placeholder\""));

  // Asked for, a half is taken as it is.
  r = CallJobsift(d, "report --half 2025H1 -o " + d.File("o2") + " " + d.File("p.csv"));
  EXPECT_TRUE(Has(ReadFile(d.File("o2/summary.json")), "\"focus_half\":{\"half\":\"2025H1\",\"rule\":\"asked\""));
}

}  // namespace
}  // namespace jobsift
