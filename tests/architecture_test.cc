// The shape of the code base, checked: every #include in src/ points down the
// stage order (HACKING.md, "Layout"), the public headers in include/jobsift/
// stand on nothing but each other and the standard library, and the CLI uses
// the library only through them. A new include that points up fails here
// with the file, the line and the rule it breaks.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// A folder may include its own headers and those of folders on a lower
// level. Folders on one level do not include each other.
const std::map<std::string, int>& StageLevels() {
  static const std::map<std::string, int> levels = {
      {"base", 0},   {"io", 1},       {"schema", 1},   {"text", 1}, {"lexicon", 2}, {"fields", 2},
      {"aggregate", 3}, {"report", 4}, {"pipeline", 5}, {"api", 6},  {"gen", 7},     {"serve", 7}, {"cli", 8},
      {"python", 8},
  };
  return levels;
}

// The public headers every stage may use: the error model, the version and
// the progress callback's type.
// The rest of include/jobsift/ is the API, for api/, gen/ (its command) and
// cli/ alone.
bool FoundationHeader(const std::string& path) {
  return path == "jobsift/status.h" || path == "jobsift/check.h" || path == "jobsift/exit_code.h" ||
         path == "jobsift/version.h" || path == "jobsift/progress.h";
}

struct Include {
  std::string file;  // relative to the source root
  int line;
  std::string path;  // as written between the quotes
};

std::vector<Include> QuotedIncludes(const fs::path& root, const fs::path& file) {
  std::vector<Include> out;
  std::ifstream in(file);
  static const std::regex re(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::smatch m;
    if (std::regex_search(line, m, re)) out.push_back({fs::relative(file, root).string(), n, m[1].str()});
  }
  return out;
}

bool IsTest(const fs::path& p) {
  std::string name = p.filename().string();
  return name.find("_test.") != std::string::npos || name.find("_benchmark.") != std::string::npos;
}

std::vector<fs::path> SourceFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    if (ext == ".h" || ext == ".cc" || ext == ".in") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Architecture, IncludesPointDownTheStageOrder) {
  const fs::path root = JOBSIFT_SOURCE_DIR;
  const auto& levels = StageLevels();
  std::vector<std::string> broken;
  size_t checked = 0;
  for (const fs::path& file : SourceFiles(root / "src")) {
    if (IsTest(file)) continue;  // tests may reach across stages to build their inputs
    std::string stage = fs::relative(file, root / "src").begin()->string();
    auto own = levels.find(stage);
    if (own == levels.end()) {
      broken.push_back("src/" + stage + ": a folder with no place in the stage order (add it to StageLevels)");
      continue;
    }
    for (const Include& inc : QuotedIncludes(root, file)) {
      ++checked;
      std::string where = inc.file + ":" + std::to_string(inc.line) + ": #include \"" + inc.path + "\"";
      std::string folder = inc.path.substr(0, inc.path.find('/'));
      if (inc.path.find('/') == std::string::npos) {
        broken.push_back(where + ": name the stage folder");
      } else if (folder == "jobsift") {
        bool api_user = stage == "api" || stage == "gen" || stage == "serve" || stage == "cli" || stage == "python";
        if (!FoundationHeader(inc.path) && !api_user)
          broken.push_back(where + ": the public API is for api/, gen/ and cli/; a stage uses the stage below");
      } else if (stage == "cli" || stage == "python") {
        broken.push_back(where + ": the " + stage + " front end uses the library through include/jobsift/ only");
      } else if (auto to = levels.find(folder); to == levels.end()) {
        broken.push_back(where + ": not a stage folder");
      } else if (folder != stage && to->second >= own->second) {
        broken.push_back(where + ": " + stage + " (level " + std::to_string(own->second) + ") includes " + folder +
                         " (level " + std::to_string(to->second) + "), which is not below it");
      }
    }
  }
  EXPECT_GT(checked, 200u) << "the walk found too few includes: is JOBSIFT_SOURCE_DIR right?";
  for (const std::string& b : broken) ADD_FAILURE() << b;
}

TEST(Architecture, PublicHeadersStandAlone) {
  const fs::path root = JOBSIFT_SOURCE_DIR;
  size_t headers = 0;
  for (const fs::path& file : SourceFiles(root / "include" / "jobsift")) {
    ++headers;
    for (const Include& inc : QuotedIncludes(root, file))
      EXPECT_EQ(inc.path.rfind("jobsift/", 0), 0u)
          << inc.file << ":" << inc.line << ": a public header includes \"" << inc.path
          << "\": it may include only other jobsift/ headers and the standard library";
  }
  EXPECT_GE(headers, 3u);
}

// The CLI is argument parsing and printing: it names no internal header and
// stays short enough to read at once.
TEST(Architecture, TheCliIsAThinShell) {
  const fs::path main_cc = fs::path(JOBSIFT_SOURCE_DIR) / "src" / "cli" / "main.cc";
  std::ifstream in(main_cc);
  ASSERT_TRUE(in) << main_cc;
  size_t lines = 0;
  std::string line;
  static const std::regex include(R"re(^\s*#\s*include\s*([<"])([^>"]+)[>"])re");
  while (std::getline(in, line)) {
    ++lines;
    std::smatch m;
    if (!std::regex_search(line, m, include)) continue;
    // "jobsift/…" headers, or <name> of the standard library (no '/', no '.h').
    bool ok = m[1] == "\"" ? m[2].str().rfind("jobsift/", 0) == 0
                            : m[2].str().find('/') == std::string::npos && m[2].str().find('.') == std::string::npos;
    EXPECT_TRUE(ok) << "src/cli/main.cc:" << lines << ": " << line
                    << ": the CLI includes only jobsift/ headers and the standard library";
  }
  EXPECT_LT(lines, 300u) << "src/cli/main.cc has " << lines << " lines: move command logic into src/api/";
}

}  // namespace
