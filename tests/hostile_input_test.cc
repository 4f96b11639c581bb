// Hostile inputs through the real binary: each input is made here, and for
// each the run must finish (no crash, no hang: a time limit), keep its
// memory bounded (peak RSS measured by /usr/bin/time), say clearly what was
// wrong, count every row (read = accepted + rejected, rejects by reason) and
// exit with the documented code (docs/robustness.md): 0 clean, 1 rows
// rejected, 2 an input or the run failed.
//
// The 40 MB line and the 20 MB description are 8 MB and 4 MB under
// sanitizers (slow, and their memory is not the release binary's).
#include <gtest/gtest.h>

#include <random>

#include "test_util.h"

namespace jobsift {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

const std::string kBin = JOBSIFT_BINARY;

#ifdef __SANITIZE_ADDRESS__  // the sanitized build (g++)
constexpr size_t kMiB = size_t{1} << 20;
constexpr size_t kLongLine = 8 * kMiB;
constexpr size_t kLongDescription = 4 * kMiB;
constexpr long kMaxRssKb = 1536 * 1024;
#else
constexpr size_t kMiB = size_t{1} << 20;
constexpr size_t kLongLine = 40 * kMiB;
constexpr size_t kLongDescription = 20 * kMiB;
constexpr long kMaxRssKb = 512 * 1024;
#endif

struct Outcome {
  int code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
  long max_rss_kb = 0;
};

// Runs `jobsift ARGS` (a shell fragment: redirections allowed) under a
// 120 s limit, measuring its peak resident memory.
Outcome Jobsift(const TempDir& d, const std::string& args) {
  Outcome r;
  std::string cmd = "/usr/bin/time -f '%M' -o " + d.File("rss") + " timeout -s KILL 120 " + kBin + " " + args +
                    " 2>" + d.File("stderr");
  r.code = testing::RunCommand(cmd, &r.out);
  r.err = ReadFile(d.File("stderr"));
  std::string rss = ReadFile(d.File("rss"));
  // time prints "Command exited with non-zero status N" before the number.
  size_t last = rss.find_last_of("0123456789");
  size_t first = rss.find_last_not_of("0123456789", last);
  if (last != std::string::npos) r.max_rss_kb = std::stol(rss.substr(first + 1, last - first));
  EXPECT_NE(r.code, 137) << "killed: hung past the time limit: " << args;
  EXPECT_GT(r.max_rss_kb, 0) << rss;
  EXPECT_LT(r.max_rss_kb, kMaxRssKb) << args;
  return r;
}

bool Has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The counts of a `scan --json` summary.
struct Counts {
  long read = -1, accepted = -1, rejected = -1;
};
long JsonNumber(const std::string& json, const std::string& key) {
  size_t at = json.find("\"" + key + "\":");
  if (at == std::string::npos) return -1;
  return std::stol(json.substr(at + key.size() + 3));
}
Counts CountsOf(const std::string& json) {
  Counts c{JsonNumber(json, "rows_read"), JsonNumber(json, "rows_accepted"), JsonNumber(json, "rows_rejected")};
  EXPECT_EQ(c.read, c.accepted + c.rejected) << json;
  return c;
}

const std::string kHeader = "职位名称,城市,薪资,职位描述\n";
const std::string kRow = "算法工程师,北京,20-30K,熟悉PyTorch\n";

TEST(Hostile, EmptyFileReadsNothingAndSaysSo) {
  TempDir d;
  WriteFile(d.File("empty.csv"), "");
  // An input that holds nothing is a warning and exit 1 (issue 16), said
  // once, on stderr.
  Outcome r = Jobsift(d, "scan --json " + d.File("empty.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(CountsOf(r.out).read, 0);
  EXPECT_TRUE(Has(r.out, "\"empty\":[\"" + d.File("empty.csv") + ": the file is empty\"]")) << r.out;
  r = Jobsift(d, "scan " + d.File("empty.csv"));
  EXPECT_TRUE(Has(r.err, "jobsift: warning: " + d.File("empty.csv") + ": the file is empty")) << r.err;
  EXPECT_FALSE(Has(r.out, "the file is empty")) << r.out;
  // report and annotate write nothing from it: an error, not an empty report.
  r = Jobsift(d, "report -o " + d.File("out") + " " + d.File("empty.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "no postings in the inputs")) << r.err;
  EXPECT_FALSE(std::filesystem::exists(d.File("out/summary.json")));
  r = Jobsift(d, "annotate -o " + d.File("a.jsonl") + " " + d.File("empty.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(std::filesystem::exists(d.File("a.jsonl")));
}

TEST(Hostile, HeaderOnlyFileReadsNoRows) {
  TempDir d;
  WriteFile(d.File("h.csv"), kHeader);
  Outcome r = Jobsift(d, "scan --json " + d.File("h.csv"));
  EXPECT_EQ(r.code, 1) << r.err;
  Counts c = CountsOf(r.out);
  EXPECT_EQ(c.read, 0);
  EXPECT_TRUE(Has(r.out, "\"has_header\":true")) << r.out;
  EXPECT_TRUE(Has(r.err, "h.csv: a header and no rows")) << r.err;
}

TEST(Hostile, UnterminatedQuoteAtEndOfFileIsOneReject) {
  TempDir d;
  WriteFile(d.File("q.csv"), kHeader + kRow + kRow + "工程师,上海,1万,\"从这里开始的引号\n没有结束\n");
  Outcome r = Jobsift(d, "scan -q --json --rejects " + d.File("rej.tsv") + " " + d.File("q.csv"));
  EXPECT_EQ(r.code, 1) << r.err;
  Counts c = CountsOf(r.out);
  EXPECT_EQ(c.accepted, 2);
  EXPECT_EQ(JsonNumber(r.out, "unterminated_quote"), 1) << r.out;
  // The rejects file names the place and the reason.
  EXPECT_TRUE(Has(ReadFile(d.File("rej.tsv")), "q.csv\t4\t"));
  EXPECT_TRUE(Has(ReadFile(d.File("rej.tsv")), "\tunterminated_quote\t"));
}

TEST(Hostile, NulBytesInsideFieldsAreDataNotTheEndOfIt) {
  TempDir d;
  const std::string nul(1, '\0');
  std::string row = "算法" + nul + "工程师,北京,2" + nul + "0K,a" + nul + "b\n";
  WriteFile(d.File("nul.csv"), kHeader + row + kRow);
  Outcome r = Jobsift(d, "scan -q --json " + d.File("nul.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(CountsOf(r.out).accepted, 2);
  // Carried through to the output escaped, never cutting a string short.
  r = Jobsift(d, "annotate -q -o " + d.File("a.jsonl") + " " + d.File("nul.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  std::string out = ReadFile(d.File("a.jsonl"));
  EXPECT_TRUE(Has(out, "算法\\u0000工程师")) << out;
  EXPECT_FALSE(Has(out, std::string(1, '\0')));
}

TEST(Hostile, InvalidUtf8IsRepairedOrRejectedAndCounted) {
  TempDir d;
  std::string bad_cell = "工程师\xff\xfe";           // a little damage: repaired
  std::string binary(200, '\x80');                 // a row of junk: rejected
  WriteFile(d.File("u.csv"), kHeader + bad_cell + ",北京,1万,x\n" + "a,b,c," + binary + "\n" + kRow);
  Outcome r = Jobsift(d, "scan -q --json " + d.File("u.csv"));
  EXPECT_EQ(r.code, 1) << r.err;
  Counts c = CountsOf(r.out);
  EXPECT_EQ(c.read, 3);
  EXPECT_EQ(JsonNumber(r.out, "rows_utf8_repaired"), 1) << r.out;
  EXPECT_EQ(JsonNumber(r.out, "undecodable"), 1) << r.out;
}

TEST(Hostile, GbkWithoutEncodingFlagIsDetected) {
  TempDir d;
  std::string text = kHeader;
  for (int i = 0; i < 50; ++i) text += "数据分析师,上海,1-1.5万/月,负责数据分析与报表\n";
  WriteFile(d.File("gbk.csv"), testing::ToEncoding(text, "GBK"));
  Outcome r = Jobsift(d, "scan -q --json " + d.File("gbk.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(CountsOf(r.out).accepted, 50);
  EXPECT_TRUE(Has(r.out, "\"encoding\":\"GB18030\"")) << r.out;
  EXPECT_EQ(JsonNumber(r.out, "rows_utf8_repaired"), 0);
  // Forced to read it as UTF-8, the run cannot find its columns and says so,
  // showing the headers repaired rather than taking mojibake as data.
  r = Jobsift(d, "scan -q --encoding UTF-8 " + d.File("gbk.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "gbk.csv: no recognisable posting columns")) << r.err;
  EXPECT_TRUE(Has(r.err, "\xEF\xBF\xBD")) << r.err;
}

TEST(Hostile, LongLineWithoutNewlineIsBoundedInMemory) {
  TempDir d;
  std::string line(kLongLine, 'x');
  WriteFile(d.File("long.csv"), kHeader + kRow + line);
  // Within the record limit the line is one record with one field: the
  // wrong field count.
  Outcome r = Jobsift(d, "scan -q --json " + d.File("long.csv"));
  EXPECT_EQ(r.code, 1) << r.err;
  Counts c = CountsOf(r.out);
  EXPECT_EQ(c.accepted, 1);
  EXPECT_EQ(c.rejected, 1);
  // Over it, the line is skipped without being held, from a pipe too.
  r = Jobsift(d, "scan -q --json --max-record-bytes 1048576 - < " + d.File("long.csv"));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(JsonNumber(r.out, "record_too_large"), 1) << r.out;
  EXPECT_EQ(CountsOf(r.out).accepted, 1);
  // A file that is nothing but the line has no header: a clear error,
  // without echoing megabytes.
  WriteFile(d.File("only.csv"), line);
  r = Jobsift(d, "scan -q " + d.File("only.csv"));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "only.csv")) << r.err.substr(0, 500);
  EXPECT_LT(r.err.size() + r.out.size(), 4096u);
}

TEST(Hostile, HugeDescriptionIsRejectedAsTooLargeOrReadWhenAllowed) {
  TempDir d;
  std::string desc(kLongDescription, 'a');
  WriteFile(d.File("desc.csv"), kHeader + kRow + "工程师,北京,1万," + desc + "\n" + kRow);
  Outcome r = Jobsift(d, "scan -q " + d.File("desc.csv"));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(Has(r.out, "rows read 3 = accepted 2 + rejected 1")) << r.out;
  EXPECT_TRUE(Has(r.out, "rejected field_too_large")) << r.out;
  r = Jobsift(d, "scan -q --json --max-field-bytes " + std::to_string(2 * kLongDescription) + " " + d.File("desc.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(CountsOf(r.out).accepted, 3);
  // A record limit below a row's size holds even when the row fits in one
  // of the reader's 4 MiB chunks (such a row was accepted).
  WriteFile(d.File("mid.csv"), kHeader + kRow + "工程师,北京,1万," + std::string(kMiB * 3 / 2, 'a') + "\n" + kRow);
  r = Jobsift(d, "scan -q --json --max-field-bytes 4194304 --max-record-bytes 1048576 " + d.File("mid.csv"));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(JsonNumber(r.out, "record_too_large"), 1) << r.out;
  EXPECT_EQ(CountsOf(r.out).accepted, 2);
}

TEST(Hostile, RowsWithTooFewOrTooManyFieldsAreRejectedWithTheirLines) {
  TempDir d;
  WriteFile(d.File("f.csv"), kHeader + kRow + "工程师,北京\n" + kRow + "工程师,北京,1万,x,多余\n");
  Outcome r = Jobsift(d, "scan -q --rejects " + d.File("rej.tsv") + " " + d.File("f.csv"));
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Has(r.out, "rows read 4 = accepted 2 + rejected 2")) << r.out;
  EXPECT_TRUE(Has(r.out, "f.csv:3 field_count")) << r.out;
  EXPECT_TRUE(Has(r.out, "f.csv:5 field_count")) << r.out;
  std::string rejects = ReadFile(d.File("rej.tsv"));
  EXPECT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), 3) << rejects;
}

TEST(Hostile, DuplicateHeaderNamesAreNamedAndTheFirstIsRead) {
  TempDir d;
  WriteFile(d.File("dup.csv"), "职位名称,城市,城市,薪资\n工程师,北京,上海,1万\n");
  Outcome r = Jobsift(d, "scan " + d.File("dup.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Has(r.err, "dup.csv: header '城市' names columns 2 and 3 (the first is used)")) << r.err;
  r = Jobsift(d, "scan -q --json " + d.File("dup.csv"));
  EXPECT_TRUE(Has(r.out, "\"city\":{\"column\":2,")) << r.out;
}

TEST(Hostile, BomAndCrlfLeaveNoTraceInHeadersOrValues) {
  TempDir d;
  WriteFile(d.File("bom.csv"), "\xEF\xBB\xBF职位名称,城市,薪资\r\n工程师,北京,1万\r\n数据分析,上海,面议\r\n");
  Outcome r = Jobsift(d, "scan -q --json " + d.File("bom.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(CountsOf(r.out).accepted, 2);
  EXPECT_TRUE(Has(r.out, "\"header\":\"职位名称\"")) << r.out;
  r = Jobsift(d, "annotate -q -o " + d.File("a.csv") + " " + d.File("bom.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(Has(ReadFile(d.File("a.csv")), "面议\r")) << "a \\r kept in a value";
}

TEST(Hostile, RandomBytesAreAClearErrorNotACrash) {
  TempDir d;
  std::mt19937 rng(8);
  std::string bytes(kMiB, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  WriteFile(d.File("random.bin"), bytes);
  Outcome r = Jobsift(d, "scan -q " + d.File("random.bin"));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Has(r.err, "random.bin")) << r.err.substr(0, 500);
  EXPECT_LT(r.err.size() + r.out.size(), 8192u);
  // Random bytes after a good header are rows: rejected by reason, counted.
  WriteFile(d.File("tail.csv"), kHeader + kRow + bytes);
  r = Jobsift(d, "scan -q --json " + d.File("tail.csv"));
  EXPECT_EQ(r.code, 1) << r.err;
  Counts c = CountsOf(r.out);
  EXPECT_GT(c.rejected, 0);
  EXPECT_GE(c.accepted, 1);
}

TEST(Hostile, JsonLinesWithTruncatedNonObjectAndMistypedLines) {
  TempDir d;
  WriteFile(d.File("j.jsonl"),
            "{\"职位名称\":\"算法工程师\",\"城市\":\"北京\",\"薪资\":\"20-30K\"}\n"
            "{\"职位名称\":\"数据分析\",\"城市\":\"上\n"                      // truncated
            "[\"职位名称\",\"城市\"]\n"                                        // not an object
            "42\n"                                                             // not an object
            "{\"职位名称\":123,\"城市\":[\"北京\",\"上海\"],\"薪资\":{\"min\":1}}\n"  // wrongly typed
            "{\"职位名称\":null,\"城市\":true,\"薪资\":1.5e3}\n"
            "{\"职位名称\":\"最后一行\",\"城市\":\"深圳\"");                    // cut at end of file
  Outcome r = Jobsift(d, "scan -q --json --rejects " + d.File("rej.tsv") + " " + d.File("j.jsonl"));
  EXPECT_EQ(r.code, 1) << r.err;
  Counts c = CountsOf(r.out);
  EXPECT_EQ(c.read, 7);
  EXPECT_EQ(c.accepted, 3);  // wrongly typed values are read as text
  EXPECT_EQ(JsonNumber(r.out, "malformed_json"), 2) << r.out;
  EXPECT_EQ(JsonNumber(r.out, "not_json_object"), 2) << r.out;
  EXPECT_TRUE(Has(ReadFile(d.File("rej.tsv")), "j.jsonl\t2\t"));
  r = Jobsift(d, "annotate -q -o " + d.File("a.jsonl") + " " + d.File("j.jsonl"));
  EXPECT_EQ(r.code, 1) << r.err;
  std::string out = ReadFile(d.File("a.jsonl"));
  EXPECT_TRUE(Has(out, "\"position\":\"123\"")) << out;
  EXPECT_TRUE(Has(out, "\"city\":\"北京\"")) << out;  // the first of 北京,上海
}

TEST(Hostile, ImpossibleDatesAndSalariesAreUnknownWithAReason) {
  TempDir d;
  WriteFile(d.File("x.csv"),
            "职位名称,城市,薪资,发布日期\n"
            "a,北京,30-10K,2023-02-30\n"            // reversed range; no such day
            "b,北京,99999999万/月,2023-13-01\n"      // absurd pay; no such month
            "c,北京,-5K,1899-01-01\n"                // negative; before the data can be
            "d,北京,0-0K,9999-99-99\n"
            "e,北京,15-25K·99薪,2024-01-05\n");      // 99 months a year
  Outcome r = Jobsift(d, "profile -q --json " + d.File("x.csv"));
  EXPECT_EQ(r.code, 0) << r.err;  // the rows are fine; their values are unknown
  EXPECT_TRUE(Has(r.out, "\"salary\":{\"non_empty\":5,\"parsed\":0")) << r.out;
  EXPECT_TRUE(Has(r.out, "\"date\":{\"non_empty\":5,\"parsed\":1")) << r.out;
  EXPECT_TRUE(Has(r.out, "{\"value\":\"2023-02-30\",\"count\":1,\"reason\":")) << r.out;
  EXPECT_TRUE(Has(r.out, "{\"value\":\"30-10K\",\"count\":1,\"reason\":\"implausible\"}")) << r.out;
}

}  // namespace
}  // namespace jobsift
