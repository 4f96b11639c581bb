// The public API (include/jobsift/) as a program other than the CLI uses
// it: typed tables, the output folder, merge, errors as Status values and
// words through a Console.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "jobsift/annotate.h"
#include "jobsift/commands.h"
#include "jobsift/partial.h"
#include "jobsift/report.h"
#include "jobsift/views.h"
#include "test_util.h"

namespace jobsift {
namespace {

using testing::Has;
using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;

// Keeps what a command says instead of printing it.
class RecordingConsole : public Console {
 public:
  Status Out(std::string_view text) override {
    out.append(text);
    return Status::Ok();
  }
  void Say(Severity s, const std::string& line) override { (s == Severity::kError ? errors : lines).push_back(line); }
  std::string out;
  std::vector<std::string> lines, errors;
};

std::string Example() { return std::string(JOBSIFT_SOURCE_DIR) + "/data/examples/unfamiliar_headers.csv"; }

// AI and other postings over two half-years and three cities.
std::string Postings(int first, int n) {
  static const char* kTitles[] = {"深度学习工程师", "会计", "机器学习算法工程师", "销售代表", "数据分析师"};
  static const char* kCities[] = {"北京", "上海", "杭州"};
  std::string csv = "职位名称,公司名称,城市,薪资,学历,经验,发布日期,职位描述\n";
  for (int i = first; i < first + n; ++i)
    csv += std::string(kTitles[i % 5]) + ",公司" + std::to_string(i % 7) + "," + kCities[i % 3] + "," +
           std::to_string(10 + i % 20) + "-" + std::to_string(20 + i % 20) + "K,本科,3-5年," +
           (i % 2 ? "2024-02-1" : "2023-09-2") + std::to_string(i % 10) + ",负责模型训练与推理优化，熟悉PyTorch " +
           std::to_string(i) + "\n";
  return csv;
}

TEST(Api, ReportTablesAreTypedAndWriteGivesWhatTheCliWrites) {
  TempDir d;
  RunOptions run;
  run.inputs = {Example()};
  run.threads = 2;
  RecordingConsole console;
  auto report = BuildReport(run, {}, console);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->postings(), 30u);
  EXPECT_EQ(report->exit_code(), kExitOk);
  const AnalysisTable* f1 = report->Find("F1");
  ASSERT_NE(f1, nullptr);
  EXPECT_FALSE(f1->rows.empty());
  EXPECT_EQ(report->Find("F99"), nullptr);
  // Every cell has its column's type, or is unknown.
  size_t cells = 0, numbers = 0;
  for (const AnalysisTable& t : report->tables())
    for (const auto& row : t.rows) {
      ASSERT_EQ(row.size(), t.columns.size()) << t.id;
      for (size_t i = 0; i < row.size(); ++i, ++cells) {
        const std::string& type = t.columns[i].type;
        if (std::holds_alternative<std::monostate>(row[i])) continue;
        if (type == "integer") EXPECT_TRUE(std::holds_alternative<int64_t>(row[i])) << t.id << " " << t.columns[i].key;
        if (type == "number") EXPECT_TRUE(std::holds_alternative<double>(row[i])) << t.id << " " << t.columns[i].key;
        if (type == "boolean") EXPECT_TRUE(std::holds_alternative<bool>(row[i])) << t.id << " " << t.columns[i].key;
        if (type == "string") EXPECT_TRUE(std::holds_alternative<std::string>(row[i])) << t.id << " " << t.columns[i].key;
        numbers += type == "integer" || type == "number";
      }
    }
  EXPECT_GT(numbers, 100u) << "of " << cells << " cells";
  // The folder Write makes is the folder `jobsift report` makes.
  ASSERT_TRUE(report->Write(d.File("api")).ok());
  std::string out;
  ASSERT_EQ(RunCommand(std::string(JOBSIFT_BINARY) + " report -q -j 1 -o " + d.File("cli") + " " + Example(), &out), 0)
      << out;
  for (std::string file : {"tables.json", "summary.json", "tables.xlsx", "report.html", "tables/F1.csv"})
    EXPECT_EQ(ReadFile(d.File("api/" + file)), ReadFile(d.File("cli/" + file))) << file;
  EXPECT_EQ(report->SummaryJson(), ReadFile(d.File("cli/summary.json")));
}

TEST(Api, MergedStatesGiveTheReportOfTheWhole) {
  TempDir d;
  WriteFile(d.File("a.csv"), Postings(0, 40));
  WriteFile(d.File("b.csv"), Postings(40, 35));
  RecordingConsole console;
  RunOptions run;
  run.threads = 1;
  ReportRequest part;
  run.inputs = {d.File("a.csv")};
  part.state = d.File("a.state");
  ASSERT_TRUE(BuildReport(run, part, console).ok());
  run.inputs = {d.File("b.csv")};
  part.state = d.File("b.state");
  ASSERT_TRUE(BuildReport(run, part, console).ok());
  MergeRequest merge;
  merge.states = {d.File("a.state"), d.File("b.state")};
  auto merged = MergeReports(run, merge, console);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  run.inputs = {d.File("a.csv"), d.File("b.csv")};
  auto whole = BuildReport(run, {}, console);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(merged->postings(), whole->postings());
  EXPECT_GT(whole->Find("F1")->n, 0u) << "the fixture has AI postings";
  ASSERT_EQ(merged->tables().size(), whole->tables().size());
  for (size_t i = 0; i < whole->tables().size(); ++i) {
    EXPECT_EQ(merged->tables()[i].id, whole->tables()[i].id);
    EXPECT_EQ(merged->tables()[i].rows, whole->tables()[i].rows) << whole->tables()[i].id;
  }
}

// Year-less dates (04-20) and no reference date: the postings are undated,
// in no period table. Every report path says so, with the count after
// deduplication, and names the option that dates them; with it, they are
// dated and nothing is said.
TEST(Api, UndatedForWantOfAReferenceDateIsSaidByEveryReportPath) {
  TempDir d;
  std::string csv = "职位名称,公司名称,城市,发布日期,职位描述\n";
  for (int i = 0; i < 6; ++i)
    csv += "数据分析师,公司" + std::to_string(i) + ",北京," + (i < 4 ? "04-2" : "2024-03-1") + std::to_string(i) +
           ",负责报表 " + std::to_string(i) + "\n";
  csv += "数据分析师,公司0,北京,04-20,负责报表 0\n";  // a re-post of the first
  WriteFile(d.File("a.csv"), csv);
  auto warned = [](const RecordingConsole& c) {
    std::vector<std::string> out;
    for (const std::string& line : c.lines)
      if (Has(line, "date without a year")) out.push_back(line);
    return out;
  };
  RunOptions run;
  run.threads = 1;
  run.inputs = {d.File("a.csv")};
  RecordingConsole console;
  ReportRequest request;
  request.state = d.File("a.state");
  auto report = BuildReport(run, request, console);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->postings(), 6u);
  ASSERT_EQ(warned(console).size(), 1u) << console.lines.size() << " lines";
  const std::string line = warned(console).front();
  EXPECT_TRUE(Has(line, "4 of 6 postings")) << line;
  EXPECT_TRUE(Has(line, "--reference-date")) << line;
  // And the report's data-quality chapter, beside the undated count.
  ASSERT_TRUE(report->Write(d.File("out")).ok());
  EXPECT_TRUE(Has(ReadFile(d.File("out/report.html")), "未给参考日期（--reference-date）</th><td class=\"num\">4（"));

  RecordingConsole merged;
  MergeRequest merge;
  merge.states = {d.File("a.state")};
  ASSERT_TRUE(MergeReports(run, merge, merged).ok());
  EXPECT_EQ(warned(merged), std::vector<std::string>{line});

  // Loaded for views (the dashboard, jobsift.load): said once, at the load.
  RecordingConsole loaded;
  auto run_loaded = LoadedRun::Load(run, {d.File("a.state")}, loaded);
  ASSERT_TRUE(run_loaded.ok()) << run_loaded.status().message();
  EXPECT_EQ(warned(loaded), std::vector<std::string>{line});
  ASSERT_TRUE(run_loaded->View({}).ok());
  EXPECT_EQ(warned(loaded).size(), 1u) << "a view says nothing more";

  RecordingConsole partial;
  DedupKeys keys;
  std::vector<uint64_t> offsets;
  auto part = ReadPart(run, "exact", d.File("p.state"), &keys, &offsets, partial);
  ASSERT_TRUE(part.ok()) << part.status().message();
  EXPECT_TRUE(warned(partial).empty()) << "a part's read does not count it: the sum does";
  ASSERT_TRUE(part->RemoveDuplicates(d.File("p.state"), offsets, {6}).ok());
  ASSERT_TRUE(ReportFromPartial(run, *part, {}, partial).ok());
  EXPECT_EQ(warned(partial), std::vector<std::string>{line});

  run.reference_date = "2024-12-31";
  RecordingConsole dated;
  report = BuildReport(run, {}, dated);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(warned(dated).empty()) << warned(dated).front();
  EXPECT_TRUE(Has(report->SummaryJson(), "\"postings_undated\":0,")) << report->SummaryJson();
}

// The catalogue is what the report holds: every analysis, in report order,
// its rows' keys and its measure among the table's columns.
TEST(Api, TheCatalogueDescribesEveryTable) {
  TempDir d;
  WriteFile(d.File("p.csv"), Postings(0, 90));
  RecordingConsole console;
  RunOptions run;
  run.inputs = {d.File("p.csv")};
  auto report = BuildReport(run, {}, console);
  ASSERT_TRUE(report.ok()) << report.status().message();
  const std::vector<AnalysisInfo>& analyses = Analyses();
  ASSERT_EQ(analyses.size(), report->tables().size());
  for (size_t i = 0; i < analyses.size(); ++i) {
    const AnalysisInfo& a = analyses[i];
    const AnalysisTable& t = report->tables()[i];
    EXPECT_EQ(a.id, t.id) << "report order";
    EXPECT_EQ(a.title, t.title) << a.id;
    EXPECT_FALSE(a.section.empty()) << a.id;
    auto has = [&](const std::string& key) {
      return std::any_of(t.columns.begin(), t.columns.end(), [&](const AnalysisColumn& c) { return c.key == key; });
    };
    EXPECT_TRUE(has(a.measure)) << a.id << " has no column " << a.measure;
    for (size_t at = 0; at <= a.rows.size();) {
      size_t bar = std::min(a.rows.find('|', at), a.rows.size());
      std::string key = a.rows.substr(at, bar - at);
      EXPECT_TRUE(has(key)) << a.id << " has no row column " << key;
      at = bar + 1;
    }
  }
}

TEST(Api, FailuresAreStatusesThatSayWhy) {
  TempDir d;
  RecordingConsole console;
  RunOptions run;
  run.inputs = {d.File("missing.csv")};
  auto report = BuildReport(run, {}, console);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().message(), "no report written");
  ASSERT_EQ(console.errors.size(), 1u);
  EXPECT_TRUE(Has(console.errors[0], "missing.csv: no such file or directory")) << console.errors[0];

  ReportRequest bad;
  bad.dedup = "fuzzy";
  run.inputs = {Example()};
  report = BuildReport(run, bad, console);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Has(report.status().message(), "--dedup must be none or exact"));

  run.city = "火星";
  report = BuildReport(run, {}, console);
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(Has(report.status().message(), "火星")) << report.status().message();

  // No posting at all: said first, then returned, and nothing looks whole.
  WriteFile(d.File("empty.csv"), "title,description\n");
  RunOptions empty;
  empty.inputs = {d.File("empty.csv")};
  ReportRequest into;
  into.output_dir = d.File("out");
  RecordingConsole quiet;
  report = BuildReport(empty, into, quiet);
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(Has(report.status().message(), "no postings in the inputs")) << report.status().message();
  EXPECT_EQ(quiet.errors.front(), report.status().message());
  EXPECT_FALSE(std::filesystem::exists(d.File("out/summary.json")));
}

TEST(Api, CommandsHandTheirWordsToTheConsole) {
  TempDir d;
  WriteFile(d.File("undated.csv"), "职位名称,城市,职位描述\n数据分析师,北京,负责报表\n算法工程师,上海,负责深度学习模型\n");
  RecordingConsole console;
  RunOptions run;
  run.inputs = {d.File("undated.csv")};
  auto code = Scan(run, false, console);
  ASSERT_TRUE(code.ok()) << code.status().message();
  EXPECT_EQ(*code, kExitOk);
  EXPECT_TRUE(Has(console.out, "rows read 2 = accepted 2 + rejected 0")) << console.out;
  bool date_warning = false;
  for (const std::string& line : console.lines) date_warning |= Has(line, "no column for date");
  EXPECT_TRUE(date_warning) << "a file without a date column is said to be undated";
  EXPECT_TRUE(console.errors.empty());

  RecordingConsole terms;
  ASSERT_TRUE(LexiconTerms({}, "", terms).ok());
  EXPECT_TRUE(Has(terms.out, "深度学习\n")) << "the shipped AI lexicon lists 深度学习";
}

// The cell of `column` in `a`.
const AnnotationCell& Cell(const AnnotatedPosting& a, const std::string& column) {
  const auto& names = AnnotationColumns();
  size_t i = std::find(names.begin(), names.end(), column) - names.begin();
  EXPECT_LT(i, names.size()) << column;
  return a.cells.at(i);
}

TEST(Api, OnePostingAtATimeParsesAFieldOrClassifiesATitle) {
  auto annotator = PostingAnnotator::Create({});
  ASSERT_TRUE(annotator.ok()) << annotator.status().message();
  auto salary = annotator->Annotate({{"salary", "15-25K·13薪"}});
  ASSERT_TRUE(salary.ok());
  EXPECT_EQ(salary->cells.size(), AnnotationColumns().size());
  EXPECT_EQ(std::get<double>(Cell(*salary, "salary_month_min")), 15000);
  EXPECT_EQ(std::get<double>(Cell(*salary, "salary_month_max")), 25000);
  EXPECT_EQ(std::get<double>(Cell(*salary, "salary_months")), 13);
  EXPECT_FALSE(std::get<std::string>(Cell(*salary, "salary_rule")).empty());
  EXPECT_TRUE(std::holds_alternative<std::monostate>(Cell(*salary, "salary_unknown")));
  // Unknown is unknown, with its reason: never a zero.
  auto negotiable = annotator->Annotate({{"salary", "面议"}, {"city", "北京市朝阳区"}});
  ASSERT_TRUE(negotiable.ok());
  EXPECT_TRUE(std::holds_alternative<std::monostate>(Cell(*negotiable, "salary_month_min")));
  EXPECT_EQ(std::get<std::string>(Cell(*negotiable, "salary_unknown")), "negotiable");
  EXPECT_EQ(std::get<std::string>(Cell(*negotiable, "city")), "北京");

  auto ai = annotator->Annotate({{"position", "深度学习算法工程师"},
                                 {"description", "岗位职责：负责大模型预训练与微调，优化推理性能。任职要求：熟悉PyTorch。"}});
  ASSERT_TRUE(ai.ok());
  EXPECT_TRUE(std::get<bool>(Cell(*ai, "ai")));
  EXPECT_EQ(std::get<std::string>(Cell(*ai, "category")), "B");
  EXPECT_FALSE(std::get<std::vector<std::string>>(Cell(*ai, "ai_terms")).empty());
  auto clerk = annotator->Annotate({{"position", "会计"}, {"description", "负责公司账务处理，熟练使用Excel。"}});
  ASSERT_TRUE(clerk.ok());
  EXPECT_FALSE(std::get<bool>(Cell(*clerk, "ai")));

  auto bad = annotator->Annotate({{"pay", "10K"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(Has(bad.status().message(), "salary")) << "the message lists the fields: " << bad.status().message();
}

TEST(Api, AnnotateEachGivesTheRowsAnnotateWrites) {
  TempDir d;
  WriteFile(d.File("p.csv"), Postings(0, 30));
  RunOptions run;
  run.inputs = {d.File("p.csv")};
  AnnotateRequest request;
  request.keep = {"公司名称", "no_such_column"};
  std::vector<AnnotatedPosting> rows;
  RecordingConsole console;
  auto code = AnnotateEach(run, request, [&](AnnotatedPosting&& a) { rows.push_back(std::move(a)); }, console);
  ASSERT_TRUE(code.ok()) << code.status().message();
  ASSERT_EQ(rows.size(), 30u);
  std::string out;
  ASSERT_EQ(RunCommand(std::string(JOBSIFT_BINARY) + " annotate -q -o " + d.File("a.jsonl") + " " + d.File("p.csv"), &out), 0);
  std::string jsonl = ReadFile(d.File("a.jsonl"));
  size_t ai = 0, line = 0;
  for (const AnnotatedPosting& a : rows) {
    ai += std::get<bool>(Cell(a, "ai"));
    EXPECT_GT(std::get<int64_t>(Cell(a, "line")), static_cast<int64_t>(line)) << "in input order";
    line = std::get<int64_t>(Cell(a, "line"));
    ASSERT_EQ(a.input.size(), 2u);
    EXPECT_EQ(a.input[0].second, std::get<std::string>(Cell(a, "company_name")));
    EXPECT_FALSE(a.input[1].second.has_value()) << "a column the file lacks is missing, not empty";
  }
  size_t ai_lines = 0;
  for (size_t at = 0; (at = jsonl.find("\"ai\":true", at)) != std::string::npos; ++at) ++ai_lines;
  EXPECT_EQ(ai, ai_lines);
  EXPECT_GT(ai, 0u);
}

}  // namespace
}  // namespace jobsift
