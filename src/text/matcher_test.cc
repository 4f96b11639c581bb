#include "text/matcher.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace jobsift {
namespace {

namespace fs = std::filesystem;

// Points the compiled-database cache at a fresh folder for one test.
class CacheDir {
 public:
  explicit CacheDir(const std::string& name) : dir_(::testing::TempDir() + "/jobsift_cache_" + name) {
    fs::remove_all(dir_);
    setenv("JOBSIFT_CACHE_DIR", dir_.c_str(), 1);
  }
  ~CacheDir() {
    unsetenv("JOBSIFT_CACHE_DIR");
    fs::remove_all(dir_);
  }
  std::vector<fs::path> Files() const {
    std::vector<fs::path> out;
    if (fs::exists(dir_))
      for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path());
    return out;
  }

 private:
  std::string dir_;
};

std::vector<Matcher::Hit> Hits(const Matcher& m, std::string_view text) {
  auto scratch = m.NewScratch();
  std::vector<Matcher::Hit> hits;
  m.ScanAll(text, *scratch, &hits);
  return hits;
}

bool SameHits(const std::vector<Matcher::Hit>& a, const std::vector<Matcher::Hit>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].id != b[i].id || a[i].begin != b[i].begin || a[i].end != b[i].end) return false;
  return true;
}

const std::vector<Matcher::Pattern> kPatterns = {{"深度学习", false}, {"pytorch", true}, {"ML", false}};
constexpr std::string_view kText = "负责深度学习, 熟悉PyTorch 和 ML";

TEST(MatcherCache, ACompiledDatabaseIsReadBackAndFindsTheSame) {
  CacheDir cache("readback");
  auto first = Matcher::Compile(kPatterns);
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_EQ(cache.Files().size(), 1u);
  std::vector<Matcher::Hit> expected = Hits(**first, kText);
  ASSERT_EQ(expected.size(), 3u);
  auto again = Matcher::Compile(kPatterns);  // from the file
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(SameHits(Hits(**again, kText), expected));
  // Other patterns (here one flag differs) get a file of their own.
  auto other = Matcher::Compile({{"深度学习", false}, {"pytorch", false}, {"ML", false}});
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(cache.Files().size(), 2u);
  EXPECT_EQ(Hits(**other, "PYTORCH").size(), 0u);  // case-sensitive
  EXPECT_EQ(Hits(**again, "PYTORCH").size(), 1u);
}

TEST(MatcherCache, ADamagedFileIsCompiledAfreshAndRewritten) {
  CacheDir cache("damaged");
  auto first = Matcher::Compile(kPatterns);
  ASSERT_TRUE(first.ok());
  std::vector<Matcher::Hit> expected = Hits(**first, kText);
  ASSERT_EQ(cache.Files().size(), 1u);
  fs::path file = cache.Files()[0];
  auto read = [&] {
    std::ifstream in(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const std::string whole = read();
  uintmax_t size = whole.size();
  for (int damage = 0; damage < 2; ++damage) {
    if (damage == 0) {
      fs::resize_file(file, size / 2);  // cut short
    } else {
      std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(static_cast<std::streamoff>(size - 100));
      f.put('\x5A');  // a byte of the database changed
    }
    auto m = Matcher::Compile(kPatterns);
    ASSERT_TRUE(m.ok());
    EXPECT_TRUE(SameHits(Hits(**m, kText), expected)) << "damage " << damage;
    EXPECT_TRUE(read() == whole) << "damage " << damage;  // written again, whole
  }
}

TEST(MatcherCache, TheFolderKeepsTheSixteenUsedLast) {
  CacheDir cache("prune");
  ASSERT_TRUE(Matcher::Compile(kPatterns).ok());
  ASSERT_EQ(cache.Files().size(), 1u);
  const fs::path kept = cache.Files()[0];
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(Matcher::Compile({{"term" + std::to_string(i), true}}).ok());
    if (i % 4 == 0) ASSERT_TRUE(Matcher::Compile(kPatterns).ok());  // read back: used again
  }
  EXPECT_EQ(cache.Files().size(), 16u);
  EXPECT_TRUE(fs::exists(kept));  // used again lately: not among the oldest
}

TEST(MatcherCache, OffWritesNothing) {
  CacheDir cache("off");
  setenv("JOBSIFT_CACHE_DIR", "off", 1);
  auto m = Matcher::Compile(kPatterns);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(Hits(**m, kText).size(), 3u);
  EXPECT_TRUE(cache.Files().empty());
}

}  // namespace
}  // namespace jobsift
