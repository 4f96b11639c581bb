// Helpers for tests that build their own inputs: temp directories, files,
// gzip/zstd/zip/xlsx/GBK encodings of text made in the test itself.
#ifndef JOBSIFT_TESTS_TEST_UTIL_H_
#define JOBSIFT_TESTS_TEST_UTIL_H_

#include <iconv.h>
#include <zip.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "jobsift/check.h"
#include "jobsift/console.h"
#include "lexicon/lexicon.h"

namespace jobsift::testing {

// A Console that drops everything: for library calls whose messages a test
// does not check.
class QuietConsole : public Console {
 public:
  Status Out(std::string_view) override { return Status::Ok(); }
  void Say(Severity, const std::string&) override {}
};

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/jobsift_test_XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string Gzip(const std::string& s) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, s.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

inline std::string Zstd(const std::string& s) {
  std::string out(ZSTD_compressBound(s.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), s.data(), s.size(), 3));
  return out;
}

inline std::string ToEncoding(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t out_left = out.size();
  iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

// A zip archive of (name, bytes) members, in memory.
inline std::string Zip(const std::vector<std::pair<std::string, std::string>>& members) {
  char tmpl[] = "/tmp/jobsift_zip_XXXXXX";
  int fd = mkstemp(tmpl);
  close(fd);
  std::remove(tmpl);
  int err = 0;
  zip_t* z = zip_open(tmpl, ZIP_CREATE | ZIP_TRUNCATE, &err);
  for (const auto& [name, bytes] : members) {
    zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE);
  }
  zip_close(z);
  std::string out = ReadFile(tmpl);
  std::remove(tmpl);
  return out;
}

inline std::string XmlEscape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      default: o.push_back(c);
    }
  }
  return o;
}

// A minimal XLSX workbook whose first sheet holds `rows`. Text goes into the
// shared-string table, except cells that start with '=' which are written
// as numbers (without the '=').
// `keep_strings` < 0 keeps every shared string; otherwise the table is cut to
// that many (a corrupt workbook whose cells point past it).
inline std::string Xlsx(const std::vector<std::vector<std::string>>& rows, int keep_strings = -1) {
  std::string sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
  std::string strings;
  int count = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    sheet += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      std::string ref = std::string(1, static_cast<char>('A' + c)) + std::to_string(r + 1);
      const std::string& v = rows[r][c];
      if (v.empty()) continue;
      if (v[0] == '=') {
        sheet += "<c r=\"" + ref + "\"><v>" + v.substr(1) + "</v></c>";
      } else {
        if (keep_strings < 0 || count < keep_strings)
          strings += "<si><t xml:space=\"preserve\">" + XmlEscape(v) + "</t></si>";
        sheet += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(count++) + "</v></c>";
      }
    }
    sheet += "</row>";
  }
  sheet += "</sheetData></worksheet>";
  std::string sst = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + strings + "</sst>";
  std::string workbook =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet "
      "name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
      "Target=\"sharedStrings.xml\"/></Relationships>";
  return Zip({{"xl/workbook.xml", workbook},
              {"xl/_rels/workbook.xml.rels", rels},
              {"xl/worksheets/sheet1.xml", sheet},
              {"xl/sharedStrings.xml", sst}});
}

// The real datasets (../shared/data/real beside the checkout, or
// $JOBSIFT_REAL_DATA), or "" when this clone has none.
inline std::string RealDataRoot() {
  const char* env = std::getenv("JOBSIFT_REAL_DATA");
  std::string root = env != nullptr && *env != '\0' ? env : std::string(JOBSIFT_SOURCE_DIR) + "/../shared/data/real";
  return std::filesystem::is_directory(root) ? root : "";
}

// Runs a shell command; returns its exit status and captures stdout.
inline int RunCommand(const std::string& cmd, std::string* out) {
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return -1;
  char buf[4096];
  size_t n;
  if (out) out->clear();
  while ((n = fread(buf, 1, sizeof buf, p)) > 0)
    if (out) out->append(buf, n);
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// One run of the jobsift binary: its exit status, stdout and stderr (kept
// in `d`).
struct Outcome {
  int code = -1;
  std::string out, err;
};
inline Outcome CallJobsift(const TempDir& d, const std::string& args) {
  Outcome r;
  r.code = RunCommand(std::string(JOBSIFT_BINARY) + " " + args + " 2> " + d.File("stderr.txt"), &r.out);
  r.err = ReadFile(d.File("stderr.txt"));
  return r;
}

// The shipped section headings (data/lexicons/rules.tsv), loaded once.
inline const SectionHeadings& ShippedHeadings() {
  static const SectionHeadings headings = [] {
    auto rules = ReadRuleWords(DefaultRuleWordsPath());
    JOBSIFT_CHECK(rules.ok(), "the shipped rules.tsv does not load");
    auto h = HeadingsOf(*rules);
    JOBSIFT_CHECK(h.ok(), "the shipped section headings are refused");
    return *h;
  }();
  return headings;
}

inline bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace jobsift::testing

// Skips a test that reads the real datasets when this clone has none beside
// it, saying so; with JOBSIFT_REQUIRE_SHARED set (.ci/run sets it: CI has
// ../shared) their absence fails the test instead.
#define JOBSIFT_NEED_REAL_DATA()                                                                         \
  do {                                                                                                   \
    if (::jobsift::testing::RealDataRoot().empty()) {                                                    \
      if (std::getenv("JOBSIFT_REQUIRE_SHARED") != nullptr)                                              \
        FAIL() << "../shared/data/real is missing and JOBSIFT_REQUIRE_SHARED is set";                     \
      GTEST_SKIP() << "needs the real datasets: ../shared/data/real beside the checkout, or "            \
                      "JOBSIFT_REAL_DATA; not in this clone";                                            \
    }                                                                                                    \
  } while (0)

#endif  // JOBSIFT_TESTS_TEST_UTIL_H_
