// A CLI with good manners (issue 17): arguments validated with a clear
// error, typos answered with the nearest name, formats by extension, one
// message discipline, binary inputs named, input columns passed through,
// a clone that stands alone. Each case ran wrong on the code before it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "io/sniff.h"
#include "pipeline/progress.h"
#include "pipeline/reader.h"
#include "test_util.h"

namespace jobsift {
namespace {

using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;

const std::string kBin = JOBSIFT_BINARY;

using testing::Has;
using testing::CallJobsift;
using testing::Outcome;

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

const char kPostings[] = "职位名称,城市,薪资,发布平台,职位描述\n算法工程师,北京,20-30K,BOSS,负责深度学习\n会计,上海,6-8K,51JOB,记账\n";

TEST(Manners, NumericOptionsHaveRangesAndClearErrors) {
  TempDir d;
  WriteFile(d.File("p.csv"), kPostings);
  for (const std::string& args : {"report --top-cities -1", "report --min-n -5", "report --top-industries 0",
                                  "merge --min-n abc", "gen --rows -1", "scan --max-field-bytes -3",
                                  "report --threads 0"}) {
    Outcome r = CallJobsift(d, args + " -o " + d.File("o") + " " + d.File("p.csv"));
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_TRUE(r.err.rfind("jobsift: ", 0) == 0) << args << ": " << r.err;
    EXPECT_TRUE(Has(r.err, args.ends_with("abc") ? "'abc' is not a whole number" : "not in range")) << args << ": " << r.err;
    EXPECT_EQ(Count(r.err, "\n"), 1u) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(d.File("o/summary.json")));
}

TEST(Manners, TyposGetTheNearestName) {
  TempDir d;
  Outcome r = CallJobsift(d, "reprot x.csv");
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "jobsift: unknown command 'reprot': did you mean 'report'?")) << r.err;
  r = CallJobsift(d, "report --thread 2 x.csv -o o");
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "jobsift: report: unknown option '--thread': did you mean '--threads'?")) << r.err;
  r = CallJobsift(d, "annotate --keepall x.csv -o a.jsonl");
  EXPECT_TRUE(Has(r.err, "did you mean '--keep-all'?")) << r.err;
  // Nothing near: no guess.
  r = CallJobsift(d, "scan --zzzzzzzz x.csv");
  EXPECT_TRUE(Has(r.err, "unknown option '--zzzzzzzz' (see jobsift scan --help)")) << r.err;
}

TEST(Manners, OutputFormatsFollowTheExtensionOrAreRefused) {
  TempDir d;
  Outcome r = CallJobsift(d, "gen --rows 5 -o " + d.File("g.parquet"));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "writes CSV (.csv) or JSON Lines (.jsonl)")) << r.err;
  EXPECT_FALSE(std::filesystem::exists(d.File("g.parquet")));
  r = CallJobsift(d, "gen -q --rows 5 -o " + d.File("g.jsonl"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(ReadFile(d.File("g.jsonl")).substr(0, 2), "{\"");
  r = CallJobsift(d, "annotate -o " + d.File("a.xlsx") + " " + d.File("g.jsonl"));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, ".jsonl or .csv")) << r.err;
}

TEST(Manners, ABinaryInputIsNamedAsSuchAndOnce) {
  TempDir d;
  Outcome r = CallJobsift(d, "scan " + kBin);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "not text (an ELF executable)")) << r.err;
  EXPECT_FALSE(Has(r.out + r.err, "headers seen")) << r.out;
  EXPECT_EQ(Count(r.out + r.err, "ELF"), 1u) << r.out << r.err;
  WriteFile(d.File("utf16.csv"), std::string("\xFF\xFE", 2) + std::string("a\0,\0b\0", 6));
  r = CallJobsift(d, "scan " + d.File("utf16.csv"));
  EXPECT_TRUE(Has(r.err, "UTF-16 text, which jobsift does not read")) << r.err;
  EXPECT_EQ(BinaryKind(std::string("PAR1\0\0", 6)), "a Parquet file");
  EXPECT_EQ(BinaryKind("职位,城市\n"), "");
}

TEST(Manners, WarningsGoToStderrOnceAndQuietLeavesOnlyErrors) {
  TempDir d;
  WriteFile(d.File("p.csv"), kPostings);  // no date column: a warning
  for (const std::string& cmd : {"scan", "profile", "classify"}) {
    Outcome r = CallJobsift(d, cmd + " " + d.File("p.csv"));
    EXPECT_EQ(Count(r.err, "warning: no column for date"), 1u) << cmd << ": " << r.err;
    EXPECT_FALSE(Has(r.out, "warning")) << cmd << ": " << r.out;
    r = CallJobsift(d, cmd + " -q " + d.File("p.csv"));
    EXPECT_EQ(r.err, "") << cmd;
  }
  Outcome r = CallJobsift(d, "report -q -o " + d.File("o") + " " + d.File("p.csv"));
  EXPECT_EQ(r.err, "");
  r = CallJobsift(d, "annotate -q -o " + d.File("a.csv") + " " + d.File("p.csv"));
  EXPECT_EQ(r.err, "");
  // An error is still said, once, with -q; scan printed it twice.
  r = CallJobsift(d, "report -q -o " + d.File("o2") + " " + d.File("missing.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(Count(r.err, "missing.csv: no such file or directory"), 1u) << r.err;
  r = CallJobsift(d, "scan " + d.File("missing.csv"));
  EXPECT_EQ(Count(r.out + r.err, "missing.csv: no such file or directory"), 1u) << r.out << r.err;
  // merge has -q too.
  r = CallJobsift(d, "report -q --state " + d.File("s.state") + " -o " + d.File("o3") + " " + d.File("p.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  r = CallJobsift(d, "merge -q -o " + d.File("m") + " " + d.File("s.state"));
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.err, "");
}

TEST(Manners, ProgressWithoutAKnownTotalShowsNoPercentage) {
  std::string line = ProgressLine(5'000'000, 0, false, 1000, 2.0, false);
  EXPECT_EQ(line, "5 MB  1000 rows  500 rows/s  2 MB/s");
  line = ProgressLine(5'000'000, 10'000'000, true, 1000, 2.0, false);
  EXPECT_EQ(line, "5 MB (50%)  1000 rows  500 rows/s  2 MB/s  ETA 2s");
}

TEST(Manners, AnnotatePassesInputColumnsThroughWithABom) {
  TempDir d;
  WriteFile(d.File("p.csv"), kPostings);
  Outcome r = CallJobsift(d, "annotate -q --keep 发布平台,缺失列 -o " + d.File("a.jsonl") + " " + d.File("p.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  std::string rows = ReadFile(d.File("a.jsonl"));
  EXPECT_TRUE(Has(rows, "\"input\":{\"发布平台\":\"BOSS\",\"缺失列\":null}")) << rows;
  r = CallJobsift(d, "annotate -q --keep-all -o " + d.File("a2.jsonl") + " " + d.File("p.csv"));
  EXPECT_TRUE(Has(ReadFile(d.File("a2.jsonl")),
                  "\"input\":{\"职位名称\":\"会计\",\"城市\":\"上海\",\"薪资\":\"6-8K\",\"发布平台\":\"51JOB\",\"职位描述\":\"记账\"}"));
  // CSV: a BOM for Excel, and every input column of every file, read from
  // their headers first.
  WriteFile(d.File("in/b.csv"), "职位名称,链接\n前台,https://x/1\n");
  WriteFile(d.File("in/a.csv"), kPostings);
  r = CallJobsift(d, "annotate -q --keep-all -o " + d.File("a.csv") + " " + d.File("in"));
  ASSERT_EQ(r.code, 0) << r.err;
  std::string csv = ReadFile(d.File("a.csv"));
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  std::string header = csv.substr(3, csv.find("\r\n") - 3);
  EXPECT_TRUE(Has(header, ",category_evidence,input.职位名称,input.城市,input.薪资,input.发布平台,input.职位描述,input.链接"))
      << header;
  EXPECT_TRUE(Has(csv, "前台,,,,,https://x/1\r\n")) << csv;
  r = CallJobsift(d, "annotate -q --no-bom -o " + d.File("nobom.csv") + " " + d.File("p.csv"));
  EXPECT_EQ(ReadFile(d.File("nobom.csv")).substr(0, 3), "id,");
  // stdin cannot be read twice for CSV's columns.
  r = CallJobsift(d, "annotate --keep-all -o " + d.File("s.csv") + " - < " + d.File("p.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "stdin")) << r.err;
}

// --lexicons holding only ai/ emptied the hard-skill, soft-skill and benefit
// lexicons; it is now an overlay over the shipped ones.
TEST(Manners, ALexiconOverlayAddsOneTermAndKeepsTheRest) {
  TempDir d;
  WriteFile(d.File("p.csv"), "职位名称,职位描述\n研究员,负责具身智能体仿真训练，团队合作，五险一金\n");
  WriteFile(d.File("over/ai/embodied.tsv"),
            "# group: 具身智能\n# belongs: embodied AI\n# left out: classical robotics\n具身智能体\n");
  Outcome plain = CallJobsift(d, "annotate -q -o " + d.File("a.jsonl") + " " + d.File("p.csv"));
  ASSERT_EQ(plain.code, 0) << plain.err;
  std::string before = ReadFile(d.File("a.jsonl"));
  EXPECT_FALSE(Has(before, "具身智能体@")) << before;
  Outcome r = CallJobsift(d, "annotate -q --lexicons " + d.File("over") + " -o " + d.File("b.jsonl") + " " + d.File("p.csv"));
  ASSERT_EQ(r.code, 0) << r.err;
  std::string after = ReadFile(d.File("b.jsonl"));
  EXPECT_TRUE(Has(after, "具身智能体@")) << after;
  // The shipped soft-skill and benefit groups are still found.
  EXPECT_TRUE(Has(after, "\"soft_groups\":[\"负责\",\"团队\"]")) << after;
  EXPECT_TRUE(Has(after, "五险")) << after;
  // lexicon check shows the merged result.
  r = CallJobsift(d, "lexicon check --lexicons " + d.File("over"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "具身智能")) << r.out;
  EXPECT_TRUE(Has(r.out, "(added by the overlay)")) << r.out;
  EXPECT_TRUE(Has(r.out, "benefit: ")) << r.out;
}

TEST(Manners, EvalWithoutItsDataSaysWhatItNeedsAndWhere) {
  TempDir d;
  Outcome r = CallJobsift(d, "eval --data-root " + d.File("nowhere"));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "job-hunting-data")) << r.err;
  EXPECT_TRUE(Has(r.err, d.File("nowhere") + ", which is not there")) << r.err;
  EXPECT_TRUE(Has(r.err, "--data-root DIR or the environment variable JOBSIFT_REAL_DATA")) << r.err;
  EXPECT_FALSE(Has(r.err, "no such file or directory")) << r.err;
}

}  // namespace
}  // namespace jobsift
