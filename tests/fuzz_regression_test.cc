// Replays every fuzz seed (fuzz/corpus/<target>/) and every input a fuzzer
// once crashed on (tests/fuzz_regressions/<target>/) through the same entry
// functions the fuzzers run (fuzz/fuzz_targets.h). A crash, a sanitizer
// report or a broken property fails the suite: the bug stays fixed.
#include <gtest/gtest.h>

#include <filesystem>

#include "aggregate/state.h"
#include "fuzz_targets.h"
#include "test_util.h"

namespace jobsift {
namespace {

size_t ReplayFolder(const std::string& dir, FuzzEntry entry) {
  size_t n = 0;
  if (!std::filesystem::is_directory(dir)) return 0;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    SCOPED_TRACE(f);
    std::string bytes = testing::ReadFile(f);
    entry(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++n;
  }
  return n;
}

TEST(Fuzz, SeedsAndPastCrashesReplayCleanly) {
  const std::string root = JOBSIFT_SOURCE_DIR;
  for (const FuzzTarget& t : kFuzzTargets) {
    size_t seeds = ReplayFolder(root + "/fuzz/corpus/" + t.name, t.entry);
    ReplayFolder(root + "/tests/fuzz_regressions/" + t.name, t.entry);
    // Each target has a seed corpus drawn from the real formats.
    EXPECT_GT(seeds, 0u) << t.name;
  }
}

// The state seeds are whole, current state files: one from an older format
// is refused at its version number, and the fuzzer would reach nothing
// behind it (the seeds were version 1 for a while).
TEST(Fuzz, StateSeedsAreCurrentStateFiles) {
  const std::string dir = std::string(JOBSIFT_SOURCE_DIR) + "/fuzz/corpus/state";
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    auto info = CheckState(e.path().string());
    EXPECT_TRUE(info.ok()) << e.path() << ": " << info.status().message()
                           << " (regenerate with jobsift report --state)";
    ++n;
  }
  EXPECT_GE(n, 3u);
}

}  // namespace
}  // namespace jobsift
