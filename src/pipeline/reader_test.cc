#include "pipeline/reader.h"

#include <gtest/gtest.h>

#include <mutex>

#include "../../tests/test_util.h"
#include "io/sniff.h"

namespace jobsift {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

// Collects "source:line title|city|salary" for every accepted posting, in
// the order the job receives them.
class CollectJob : public PostingJob {
 public:
  class Task : public PostingTask {
   public:
    void Add(const Posting& p) override {
      rows.push_back(std::string(p.source.substr(p.source.rfind('/') + 1)) + ":" + std::to_string(p.line) + " " +
                     std::string(p[Field::kPosition]) + "|" + std::string(p[Field::kCity]) + "|" +
                     std::string(p[Field::kSalary]) + "|" + std::string(p[Field::kDescription]));
    }
    std::vector<std::string> rows;
  };
  std::unique_ptr<PostingTask> NewTask() override { return std::make_unique<Task>(); }
  bool WantsLineNumbers() const override { return true; }
  void Finish(std::unique_ptr<PostingTask> t) override {
    auto* task = static_cast<Task*>(t.get());
    rows.insert(rows.end(), task->rows.begin(), task->rows.end());
  }
  std::vector<std::string> rows;
};

ReadSummary Read(const std::vector<std::string>& inputs, ReadOptions opt, CollectJob* job = nullptr) {
  auto s = ReadPostings(inputs, opt, job);
  EXPECT_TRUE(s.ok()) << s.status().message();
  const ReadStats& t = s->total;
  EXPECT_EQ(t.rows_read, t.rows_accepted + t.RowsRejected());  // the invariant, always
  return std::move(*s);
}

const char kCsv[] =
    "\xEF\xBB\xBF职位名称,城市,薪资,职位描述\r\n"
    "AI算法工程师,深圳,1.2-2.2万,\"岗位职责：\r\n1、负责模型训练，部署；\r\n2、熟悉 \"\"PyTorch\"\"\"\r\n"
    "前端开发,北京市,15-25K·13薪,简单描述\r\n";

TEST(Reader, CsvWithBomCrlfAndQuotedNewlines) {
  TempDir d;
  WriteFile(d.File("a.csv"), kCsv);
  CollectJob job;
  ReadSummary s = Read({d.File("a.csv")}, {}, &job);
  ASSERT_EQ(s.total.rows_read, 2u);
  ASSERT_EQ(job.rows.size(), 2u);
  EXPECT_EQ(job.rows[0], "a.csv:2 AI算法工程师|深圳|1.2-2.2万|岗位职责：\r\n1、负责模型训练，部署；\r\n2、熟悉 \"PyTorch\"");
  EXPECT_EQ(job.rows[1], "a.csv:5 前端开发|北京市|15-25K·13薪|简单描述");
  EXPECT_EQ(s.files[0].delimiter, ',');
  EXPECT_EQ(s.files[0].encoding, "UTF-8");
}

TEST(Reader, GbkFileIsDetectedAndConverted) {
  TempDir d;
  std::string utf8 = "职位,城市,薪资\n大数据开发工程师,上海-浦东新区,1-1.5万/月\n数据分析师,北京,6-8千/月\n";
  WriteFile(d.File("gbk.csv"), testing::ToEncoding(utf8, "GBK"));
  CollectJob job;
  ReadSummary s = Read({d.File("gbk.csv")}, {}, &job);
  EXPECT_EQ(s.files[0].encoding, "GB18030");
  ASSERT_EQ(job.rows.size(), 2u);
  EXPECT_EQ(job.rows[0], "gbk.csv:2 大数据开发工程师|上海-浦东新区|1-1.5万/月|");
  EXPECT_EQ(s.files[0].invalid_encoding_bytes, 0u);
}

TEST(Reader, GzipAndZstdAreDetectedByMagicNotName) {
  TempDir d;
  WriteFile(d.File("plain.dat"), testing::Gzip(kCsv));
  WriteFile(d.File("z.csv"), testing::Zstd(kCsv));
  CollectJob job;
  ReadSummary s = Read({d.File("plain.dat"), d.File("z.csv")}, {}, &job);
  ASSERT_EQ(s.files.size(), 2u);
  EXPECT_EQ(s.files[0].compression, Compression::kGzip);
  EXPECT_EQ(s.files[1].compression, Compression::kZstd);
  EXPECT_EQ(s.total.rows_accepted, 4u);
  EXPECT_EQ(job.rows[2].substr(0, 16), "z.csv:2 AI算法");
}

TEST(Reader, TruncatedGzipIsAnErrorAfterTheRowsBeforeIt) {
  TempDir d;
  std::string big = "职位,城市\n";
  for (int i = 0; i < 20000; ++i) big += "工程师" + std::to_string(i) + ",北京\n";
  std::string gz = testing::Gzip(big);
  WriteFile(d.File("cut.csv.gz"), gz.substr(0, gz.size() / 2));
  ReadSummary s = Read({d.File("cut.csv.gz")}, {});
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_NE(s.errors[0].message().find("cut.csv.gz"), std::string::npos);
  EXPECT_NE(s.errors[0].message().find("truncated"), std::string::npos);
  EXPECT_GT(s.total.rows_read, 0u);
  EXPECT_LT(s.total.rows_read, 20000u);
}

TEST(Reader, XlsxInsideZip) {
  TempDir d;
  std::string xlsx = testing::Xlsx({{"职位", "地区", "最低薪资", "最高薪资"},
                                    {"测试工程师", "南京·栖霞区", "=10000", "=15000"},
                                    {"Test Engineer", "北京", "=9000.0", "=18000.0"}});
  WriteFile(d.File("day/job.zip"), testing::Zip({{"job.xlsx", xlsx}, {"readme.md", "not data"}}));
  CollectJob job;
  ReadSummary s = Read({d.File("day/job.zip")}, {}, &job);
  ASSERT_EQ(s.files.size(), 1u);
  EXPECT_EQ(s.files[0].format, InputFormat::kXlsx);
  EXPECT_EQ(s.files[0].name, d.File("day/job.zip") + "!job.xlsx");
  ASSERT_EQ(job.rows.size(), 2u);
  EXPECT_EQ(job.rows[0], "job.zip!job.xlsx:2 测试工程师|南京·栖霞区||");
  EXPECT_EQ(s.total.non_empty[static_cast<size_t>(Field::kSalaryMax)], 2u);
}

TEST(Reader, XlsxCellPointingPastTheStringTableIsAnError) {
  TempDir d;
  // Three shared strings referenced, one kept: the data cells point past it.
  WriteFile(d.File("bad.xlsx"), testing::Xlsx({{"职位"}, {"工程师"}, {"会计"}}, 1));
  ReadSummary s = Read({d.File("bad.xlsx")}, {});
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_NE(s.errors[0].message().find("shared string '1' does not exist"), std::string::npos) << s.errors[0].message();
}

TEST(Reader, JsonLinesWithBadLinesCountsEachReason) {
  TempDir d;
  WriteFile(d.File("p.jsonl"),
            "{\"job_title\":\"NLP工程师\",\"city\":\"杭州\",\"salary\":\"20-40K\",\"tags\":[\"Python\",\"NLP\"]}\n"
            "{\"job_title\":\"算法\",\"city\":\n"
            "[1,2,3]\n"
            "\n"
            "{\"job_title\":12345,\"city\":null,\"salary\":{\"min\":1}}\n"
            "{\"job_title\":\"司机\",\"city\":\"北京\",\"city\":\"上海\"}\n");
  CollectJob job;
  ReadSummary s = Read({d.File("p.jsonl")}, {}, &job);
  EXPECT_EQ(s.files[0].format, InputFormat::kJsonl);
  EXPECT_EQ(s.total.rows_read, 5u);  // the blank line is not a row
  EXPECT_EQ(s.total.rejected[static_cast<size_t>(RejectReason::kMalformedJson)], 1u);
  EXPECT_EQ(s.total.rejected[static_cast<size_t>(RejectReason::kNotJsonObject)], 1u);
  // Which city the last line means is unknown: rejected, not guessed.
  EXPECT_EQ(s.total.rejected[static_cast<size_t>(RejectReason::kDuplicateJsonKey)], 1u);
  ASSERT_EQ(job.rows.size(), 2u);
  EXPECT_EQ(job.rows[0], "p.jsonl:1 NLP工程师|杭州|20-40K|");
  EXPECT_EQ(job.rows[1], "p.jsonl:5 12345||{\"min\":1}|");  // wrong types become text
}

TEST(Reader, EmptyAndHeaderOnlyFilesReadZeroRows) {
  TempDir d;
  WriteFile(d.File("empty.csv"), "");
  WriteFile(d.File("header.csv"), "职位名称,城市,薪资\r\n");
  ReadSummary s = Read({d.File("empty.csv"), d.File("header.csv")}, {});
  EXPECT_EQ(s.total.rows_read, 0u);
  EXPECT_TRUE(s.errors.empty());
  ASSERT_EQ(s.files.size(), 2u);
  EXPECT_EQ(s.files[1].headers.size(), 3u);
}

TEST(Reader, UnterminatedQuoteRejectsOneLineAndReadingResumes) {
  TempDir d;
  WriteFile(d.File("q.csv"), "职位,城市\n工程师,北京\n\"坏行,上海\n好行,深圳\n末行,广州\n");
  CollectJob job;
  ReadOptions opt;
  opt.rejects_path = d.File("rejects.tsv");
  ReadSummary s = Read({d.File("q.csv")}, opt, &job);
  EXPECT_EQ(s.total.rows_read, 4u);
  EXPECT_EQ(s.total.rejected[static_cast<size_t>(RejectReason::kUnterminatedQuote)], 1u);
  ASSERT_EQ(job.rows.size(), 3u);
  EXPECT_EQ(job.rows[1], "q.csv:4 好行|深圳||");
  std::string rejects = ReadFile(d.File("rejects.tsv"));
  EXPECT_NE(rejects.find("q.csv\t3\t"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("unterminated_quote\t\"坏行,上海"), std::string::npos) << rejects;
}

TEST(Reader, WrongFieldCountAndOversizedFieldAreRejectedWithOffsets) {
  TempDir d;
  std::string big(5000, 'x');
  WriteFile(d.File("r.csv"), "职位,城市\nA,北京\nB,上海,多余\nC\nD," + big + "\nE,广州\n");
  ReadOptions opt;
  opt.max_field_bytes = 4096;
  opt.rejects_path = d.File("rejects.tsv");
  ReadSummary s = Read({d.File("r.csv")}, opt);
  EXPECT_EQ(s.total.rows_read, 5u);
  EXPECT_EQ(s.total.rows_accepted, 2u);
  EXPECT_EQ(s.total.rejected[static_cast<size_t>(RejectReason::kFieldCount)], 2u);
  EXPECT_EQ(s.total.rejected[static_cast<size_t>(RejectReason::kFieldTooLarge)], 1u);
  std::string rejects = ReadFile(d.File("rejects.tsv"));
  // Line 3 starts at byte 23 ("职位,城市\n" is 14 bytes, "A,北京\n" 9).
  EXPECT_NE(rejects.find("\t3\t23\tfield_count\tB,上海,多余\n"), std::string::npos) << rejects;
  // Excerpts are cut to 200 bytes.
  size_t at = rejects.find("field_too_large\t");
  ASSERT_NE(at, std::string::npos);
  size_t eol = rejects.find('\n', at);
  EXPECT_EQ(eol - at - std::string("field_too_large\t").size(), 200u);
}

TEST(Reader, LineWithoutNewlineOverRecordLimitIsSkippedNotBuffered) {
  TempDir d;
  std::string huge(300000, 'y');
  WriteFile(d.File("h.csv"), "职位,城市\nA,北京\n" + huge + "\nB,上海\n");
  ReadOptions opt;
  opt.max_record_bytes = 65536;
  opt.chunk_bytes = 16384;
  CollectJob job;
  ReadSummary s = Read({d.File("h.csv")}, opt, &job);
  EXPECT_EQ(s.total.rejected[static_cast<size_t>(RejectReason::kRecordTooLarge)], 1u);
  ASSERT_EQ(job.rows.size(), 2u);
  EXPECT_EQ(job.rows[1], "h.csv:4 B|上海||");
}

TEST(Reader, InvalidUtf8IsRepairedAndCounted) {
  TempDir d;
  WriteFile(d.File("u.csv"), std::string("职位,城市\n工程\xFF师,北京\n") + std::string(64, '\xFE') + ",\xFF\xFF\n");
  CollectJob job;
  ReadSummary s = Read({d.File("u.csv")}, {}, &job);
  EXPECT_EQ(s.total.rows_utf8_repaired, 1u);
  EXPECT_EQ(s.total.rejected[static_cast<size_t>(RejectReason::kUndecodable)], 1u);
  ASSERT_EQ(job.rows.size(), 1u);
  EXPECT_EQ(job.rows[0], "u.csv:2 工程\xEF\xBF\xBD师|北京||");
}

TEST(Reader, DirectoriesAreReadRecursivelyInSortedOrder) {
  TempDir d;
  WriteFile(d.File("b/2.csv"), "职位\n二\n");
  WriteFile(d.File("a/1.csv"), "职位\n一\n");
  WriteFile(d.File("a/notes.md"), "# not data\n");
  WriteFile(d.File("c/company.csv"), "公司,公司描述\n某公司,简介\n");
  CollectJob job;
  ReadSummary s = Read({d.path()}, {}, &job);
  ASSERT_EQ(job.rows.size(), 2u);
  EXPECT_EQ(job.rows[0], "1.csv:2 一|||");
  EXPECT_EQ(job.rows[1], "2.csv:2 二|||");
  // A file in a directory without posting columns is skipped, and said so.
  ASSERT_EQ(s.skipped.size(), 1u);
  EXPECT_NE(s.skipped[0].find("company.csv"), std::string::npos);
  EXPECT_TRUE(s.errors.empty());
}

TEST(Reader, NamedFileWithoutPostingColumnsIsAnError) {
  TempDir d;
  WriteFile(d.File("company.csv"), "公司,公司描述\n某公司,简介\n");
  ReadSummary s = Read({d.File("company.csv"), d.File("missing.csv")}, {});
  ASSERT_EQ(s.errors.size(), 2u);
  EXPECT_NE(s.errors[0].message().find("missing.csv"), std::string::npos);
  EXPECT_EQ(s.errors[0].code(), StatusCode::kNotFound);
  EXPECT_NE(s.errors[1].message().find("company.csv"), std::string::npos);
  EXPECT_EQ(s.errors[1].code(), StatusCode::kDataError);
  EXPECT_NE(s.errors[1].message().find("a table of companies, not of postings (company_name '公司'"), std::string::npos)
      << s.errors[1].message();
}

TEST(Reader, DelimiterIsDetectedOrGiven) {
  TempDir d;
  WriteFile(d.File("t.tsv"), "职位\t城市\t描述\n工程师\t北京\t熟悉C++, Java, Go\n");
  CollectJob job;
  ReadSummary s = Read({d.File("t.tsv")}, {}, &job);
  EXPECT_EQ(s.files[0].delimiter, '\t');
  EXPECT_EQ(job.rows[0], "t.tsv:2 工程师|北京||熟悉C++, Java, Go");
  ReadOptions opt;
  opt.delimiter = ';';
  WriteFile(d.File("s.txt"), "职位;城市\n工程师;北京,海淀\n");
  CollectJob job2;
  Read({d.File("s.txt")}, opt, &job2);
  EXPECT_EQ(job2.rows[0], "s.txt:2 工程师|北京,海淀||");
}

TEST(Reader, ResultsDoNotDependOnThreadsOrChunking) {
  TempDir d;
  std::string csv = "职位名称,城市,薪资,职位描述\n";
  for (int i = 0; i < 3000; ++i) {
    csv += "工程师" + std::to_string(i) + ",城市" + std::to_string(i % 7) + ",";
    if (i % 97 == 0) csv += "\"a,b,c\",x,y\n";  // a wrong field count now and then
    else csv += std::to_string(i) + "K,\"第一行\n第二行 \"\"引号\"\" ,逗号\"\n";
  }
  WriteFile(d.File("big.csv"), csv);
  std::string reference;
  std::vector<std::string> reference_rows;
  for (int threads : {1, 2, 3}) {
    for (size_t chunk : {size_t{1024}, size_t{4} << 20}) {
      ReadOptions opt;
      opt.threads = threads;
      opt.chunk_bytes = chunk;
      opt.rejects_path = d.File("rejects.tsv");
      CollectJob job;
      ReadSummary s = Read({d.File("big.csv")}, opt, &job);
      EXPECT_EQ(s.total.rows_read, 3000u);
      std::string rejects = ReadFile(d.File("rejects.tsv"));
      if (reference.empty()) {
        reference = rejects;
        reference_rows = job.rows;
        EXPECT_EQ(job.rows.size(), 3000u - 31u);
      } else {
        EXPECT_EQ(rejects, reference) << threads << " threads, chunk " << chunk;
        EXPECT_EQ(job.rows, reference_rows) << threads << " threads, chunk " << chunk;
      }
    }
  }
}

TEST(Reader, CancelStopsTheRunWithAnError) {
  TempDir d;
  WriteFile(d.File("a.csv"), kCsv);
  std::atomic<bool> cancel{true};  // as a SIGINT handler leaves it
  ReadOptions opt;
  opt.cancel = &cancel;
  CollectJob job;
  ReadSummary s = Read({d.File("a.csv")}, opt, &job);
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_NE(s.errors[0].message().find("interrupted"), std::string::npos);
  EXPECT_EQ(s.errors[0].code(), StatusCode::kInterrupted);
  EXPECT_TRUE(job.rows.empty());
}

TEST(EncodingDetection, Utf8Gb18030AndCutSequences) {
  EXPECT_EQ(DetectEncoding("职位,城市\n"), "UTF-8");
  EXPECT_EQ(DetectEncoding(std::string("职位") + "\xE5\x9F"), "UTF-8");  // cut at the end
  EXPECT_EQ(DetectEncoding(testing::ToEncoding("职位,薪资,城市\n大数据开发工程师,1-1.5万/月,上海\n", "GBK")), "GB18030");
  EXPECT_EQ(DetectEncoding("plain ascii"), "UTF-8");
}

}  // namespace
}  // namespace jobsift
