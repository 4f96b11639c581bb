#include "aggregate/dedup_index.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>
#include <utility>

#include "../../tests/test_util.h"

namespace jobsift {
namespace {

// Admit + Resolve give, for every key in order, what a set of all keys
// seen so far gives: across the filter's growth (a tiny first stage), many
// false alarms, re-posts near and far, and the same fingerprint in another
// half-year (not a repeat).
TEST(DedupIndex, DecidesEveryKeyAsAnExactSetWould) {
  testing::TempDir d;
  auto index = DedupIndex::Create(d.path(), 1000);
  ASSERT_TRUE(index.ok()) << index.status().message();
  std::mt19937_64 rng(42);
  std::vector<std::pair<uint32_t, uint64_t>> keys;
  for (int i = 0; i < 200000; ++i) {
    if (i > 10 && rng() % 5 == 0) {
      auto k = keys[rng() % keys.size()];  // a re-post of any earlier key
      if (rng() % 4 == 0) k.first ^= 1;    // or the same text in the other half
      keys.push_back(k);
    } else {
      keys.emplace_back(static_cast<uint32_t>(rng() % 3), rng() | 1);
    }
  }
  std::set<std::pair<uint32_t, uint64_t>> seen;
  std::vector<bool> expected_deferred_repeat;
  uint64_t repeats = 0, admitted = 0;
  for (const auto& k : keys) {
    bool repeat = !seen.insert(k).second;
    repeats += repeat;
    if ((*index)->Admit(k.first, k.second)) {
      EXPECT_FALSE(repeat) << "a repeat was admitted as certainly new";
      ++admitted;
    } else {
      expected_deferred_repeat.push_back(repeat);
    }
  }
  EXPECT_GT(repeats, 30000u);
  EXPECT_GE((*index)->stages(), 5u) << "the filter should have grown";
  // False alarms are few: deferred postings are the repeats and ~2% more.
  EXPECT_LT((*index)->deferred(), repeats + keys.size() / 20);
  auto got = (*index)->Resolve(2);
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(got->size(), expected_deferred_repeat.size());
  uint64_t wrong = 0;
  for (size_t i = 0; i < got->size(); ++i) wrong += ((*got)[i] != 0) != expected_deferred_repeat[i];
  EXPECT_EQ(wrong, 0u);
  EXPECT_EQ(admitted + (*index)->deferred(), keys.size());
  // Scratch files are unlinked from the start: the folder stays empty.
  EXPECT_TRUE(std::filesystem::is_empty(d.path()));
}

}  // namespace
}  // namespace jobsift
