#include "fuzz_targets.h"

#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate/state.h"
#include "base/text.h"
#include "fields/company_size.h"
#include "fields/experience.h"
#include "fields/normalize.h"
#include "io/csv.h"
#include "lexicon/annotator.h"
#include "lexicon/lexicon.h"
#include "pipeline/reader.h"
#include "schema/posting.h"
#include "text/normalize.h"
#include "text/sections.h"

namespace jobsift {
namespace {

// A broken property: libFuzzer (and the regression test) see the abort.
#define FUZZ_CHECK(cond)                                                          \
  do {                                                                            \
    if (!(cond)) {                                                                \
      std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                               \
    }                                                                             \
  } while (0)

std::string_view View(const uint8_t* data, size_t size) { return {reinterpret_cast<const char*>(data), size}; }

// A folder of this process's own under the temp directory (fuzzer jobs and
// parallel tests each get theirs), removed after each input.
class ScratchDir {
 public:
  ScratchDir()
      : dir_((std::filesystem::temp_directory_path() / ("jobsift_fuzz_" + std::to_string(getpid()))).string()) {
    std::filesystem::create_directories(dir_ + "/ai");
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string File(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::string dir_;
};

void Write(const std::string& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  FUZZ_CHECK(f != nullptr);
  FUZZ_CHECK(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size());
  FUZZ_CHECK(std::fclose(f) == 0);
}

// Checks every accepted posting: its text is valid UTF-8 (the reader
// repaired or rejected the rest).
class CheckingJob : public PostingJob {
 public:
  class Task : public PostingTask {
   public:
    void Add(const Posting& p) override {
      for (std::string_view v : p.value) FUZZ_CHECK(IsValidUtf8(v));
    }
  };
  std::unique_ptr<PostingTask> NewTask() override { return std::make_unique<Task>(); }
  void Finish(std::unique_ptr<PostingTask>) override {}
};

// Reads one file through the whole reader with chunks and limits small
// enough that fuzz-sized inputs cross them; the counts must add up.
void ReadAndCheck(const std::string& path) {
  ReadOptions opt;
  opt.threads = 1;
  opt.chunk_bytes = 256;
  opt.max_field_bytes = 512;
  opt.max_record_bytes = 2048;
  CheckingJob job;
  auto summary = ReadPostings({path}, opt, &job);
  FUZZ_CHECK(summary.ok());
  const ReadStats& t = summary->total;
  FUZZ_CHECK(t.rows_read == t.rows_accepted + t.RowsRejected());
}

}  // namespace

int FuzzCsv(const uint8_t* data, size_t size) {
  std::string_view in = View(data, size);
  // The grammar's two halves agree: the boundary finder's last record end
  // is where the splitter, run over the same bytes, ends its last record
  // (blank lines after it aside), never inside a quote.
  for (char delim : {',', '\t'}) {
    CsvBoundary b = FindLastRecordEnd(in, delim);
    FUZZ_CHECK(b.end <= in.size());
    CsvRecordSplitter split(in.substr(0, b.end), delim);
    std::vector<std::string_view> fields;
    size_t end = 0;
    while (split.Next(fields)) {
      FUZZ_CHECK(!split.open_quote());
      end = split.record_end();
    }
    // Only blank lines may lie between the last record and the boundary.
    FUZZ_CHECK(end <= b.end);
    FUZZ_CHECK(in.substr(end, b.end - end).find_first_not_of("\r\n") == std::string_view::npos);
  }
  DetectDelimiter(in);
  ScratchDir tmp;
  std::string path = tmp.File("in.csv");
  Write(path, in);
  ReadAndCheck(path);
  return 0;
}

int FuzzJsonl(const uint8_t* data, size_t size) {
  // A first line with posting keys makes the file JSON Lines with mapped
  // columns; the fuzzer's lines follow it.
  std::string text = "{\"职位名称\":\"工程师\",\"城市\":\"北京\",\"薪资\":\"1万\",\"职位描述\":\"x\"}\n";
  text.append(View(data, size));
  ScratchDir tmp;
  std::string path = tmp.File("in.jsonl");
  Write(path, text);
  ReadAndCheck(path);
  return 0;
}

int FuzzXlsx(const uint8_t* data, size_t size) {
  // The input is the sheet's XML, then a NUL, then the shared-string table;
  // both go into an otherwise well-formed workbook.
  std::string_view in = View(data, size);
  size_t nul = in.find('\0');
  std::string sheet(in.substr(0, nul));
  std::string strings(nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1));
  static const std::string kWorkbook =
      "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
      "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  static const std::string kRels =
      "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
  ScratchDir tmp;
  std::string path = tmp.File("in.xlsx");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  FUZZ_CHECK(z != nullptr);
  for (const auto& [name, bytes] : {std::pair<const char*, const std::string*>{"xl/workbook.xml", &kWorkbook},
                                    {"xl/_rels/workbook.xml.rels", &kRels},
                                    {"xl/worksheets/sheet1.xml", &sheet},
                                    {"xl/sharedStrings.xml", &strings}}) {
    zip_source_t* src = zip_source_buffer(z, bytes->data(), bytes->size(), 0);
    zip_int64_t idx = zip_file_add(z, name, src, ZIP_FL_OVERWRITE);
    FUZZ_CHECK(idx >= 0);
    zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
  }
  FUZZ_CHECK(zip_close(z) == 0);
  ReadAndCheck(path);
  return 0;
}

// The shipped section headings (data/lexicons/rules.tsv), loaded once.
const SectionHeadings& ShippedHeadings() {
  static const SectionHeadings headings = [] {
    auto rules = ReadRuleWords(DefaultRuleWordsPath());
    FUZZ_CHECK(rules.ok());
    auto h = HeadingsOf(*rules);
    FUZZ_CHECK(h.ok());
    return *h;
  }();
  return headings;
}

int FuzzHtml(const uint8_t* data, size_t size) {
  std::string_view in = View(data, size);
  std::string out, folded;
  AppendNormalizedText(in, out, false);  // sixteen bytes at a time
  AppendNormalizedText(in, folded, true);  // byte by byte
  // The two paths differ only in the case of ASCII letters.
  FUZZ_CHECK(AsciiLower(out) == folded);
  // Text that was valid UTF-8 stays so (entities decode to characters).
  if (IsValidUtf8(in)) FUZZ_CHECK(IsValidUtf8(out));
  std::vector<SectionSpan> spans;
  SplitSections(out, 7, ShippedHeadings(), spans);
  size_t at = 7;
  for (const SectionSpan& s : spans) {
    FUZZ_CHECK(s.begin == at && s.end >= s.begin);
    at = s.end;
  }
  FUZZ_CHECK(at == 7 + out.size() || (spans.empty() && out.empty()));
  return 0;
}

int FuzzFields(const uint8_t* data, size_t size) {
  static const FieldNormalizer* normalizer = [] {
    FieldOptions o;
    o.date.reference = Date{2024, 6, 30};
    auto n = FieldNormalizer::Load(o);
    FUZZ_CHECK(n.ok());
    return n->release();
  }();
  std::string_view in = View(data, size);
  // Every parser sees the whole input; then lines become the fields of one
  // posting (in Field order) for the normaliser and its cross-field repairs.
  ParseSalary(in, normalizer->options().salary);
  ParseExperience(in);
  ParseCompanySize(in);
  ParseDate(in, normalizer->options().date);
  normalizer->cities().Resolve(in);
  normalizer->industries().Resolve(in);
  Posting p;
  std::vector<std::string_view> lines = SplitOn(in, '\n');
  for (size_t f = 0; f < kFieldCount && f < lines.size(); ++f) p.value[f] = lines[f];
  p.salary_scale = size > 0 && (data[0] & 1) ? 1000 : 1;
  DerivedFields out;
  normalizer->Normalize(p, &out);
  std::string scratch;
  for (size_t f = 0; f < kDerivedFieldCount; ++f) FieldNormalizer::RawOf(p, static_cast<DerivedField>(f), scratch);
  if (out.salary.ok()) FUZZ_CHECK(out.salary.value.monthly_min <= out.salary.value.monthly_max);
  return 0;
}

int FuzzLexicon(const uint8_t* data, size_t size) {
  // Thousands of random lexicons: none is worth a cached database.
  setenv("JOBSIFT_CACHE_DIR", "off", 1);
  std::string_view in = View(data, size);
  ScratchDir tmp;
  std::string path = tmp.File("ai/fuzz.tsv");  // the folder names the domain
  Write(path, in);
  auto lex = Lexicon::LoadPaths({path});
  if (!lex.ok()) {
    FUZZ_CHECK(!lex.status().message().empty());
    return 0;
  }
  auto annotator = Annotator::Create(std::move(*lex), {});
  if (!annotator.ok()) return 0;
  // Match the lexicon's own text: its terms occur in it.
  auto scratch = (*annotator)->NewScratch();
  Annotation an;
  (*annotator)->AnnotateText(in.substr(0, 64), in, "", *scratch, &an);
  return 0;
}

int FuzzState(const uint8_t* data, size_t size) {
  std::string_view in = View(data, size);
  ScratchDir tmp;
  std::string path = tmp.File("in.state");
  Write(path, in);
  auto check = [&] {
    auto info = CheckState(path);
    uint64_t records = 0;
    Status replay = ReplayState(path, [&](const Contribution&) { ++records; });
    FUZZ_CHECK(info.ok() == replay.ok());
    if (info.ok()) FUZZ_CHECK(info->records == records);
  };
  check();
  // The same bytes with the checksum made right, so that the structure
  // checks behind it are reached too.
  if (size >= 8) {
    std::string fixed(in);
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < fixed.size() - 8; ++i) {
      h ^= static_cast<unsigned char>(fixed[i]);
      h *= 1099511628211ull;
    }
    for (int i = 0; i < 8; ++i) fixed[fixed.size() - 8 + i] = static_cast<char>(h >> (8 * i));
    Write(path, fixed);
    check();
  }
  return 0;
}

}  // namespace jobsift
