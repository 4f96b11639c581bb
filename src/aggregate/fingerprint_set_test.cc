#include "aggregate/fingerprint_set.h"

#include <gtest/gtest.h>

namespace jobsift {
namespace {

TEST(FingerprintSet, FindsEveryRepeatAcrossGrowth) {
  FingerprintSet set;
  for (uint64_t i = 1; i <= 100000; ++i) ASSERT_TRUE(set.Insert(i * 0x9E3779B97F4A7C15ull | 1));
  EXPECT_EQ(set.size(), 100000u);
  for (uint64_t i = 1; i <= 100000; i += 7) EXPECT_FALSE(set.Insert(i * 0x9E3779B97F4A7C15ull | 1));
  EXPECT_TRUE(set.Insert(2));
  EXPECT_EQ(set.size(), 100001u);
}

TEST(FingerprintSet, ReservedFindsTheSameRepeatsWithinAndBeyondItsReserve) {
  // Sized for 50,000, given 100,000 (prefetched first, as DecideDuplicates
  // does): the second half grows the segments as an unreserved set would.
  FingerprintSet set;
  set.Reserve(50000);
  for (uint64_t i = 1; i <= 100000; ++i) {
    uint64_t fp = i * 0x9E3779B97F4A7C15ull | 1;
    set.Prefetch(fp);
    ASSERT_TRUE(set.Insert(fp)) << i;
  }
  for (uint64_t i = 1; i <= 100000; i += 3) EXPECT_FALSE(set.Insert(i * 0x9E3779B97F4A7C15ull | 1));
  EXPECT_EQ(set.size(), 100000u);
  set.Reserve(10);  // smaller than it holds: nothing lost
  EXPECT_FALSE(set.Insert(1 * 0x9E3779B97F4A7C15ull | 1));
  EXPECT_EQ(set.size(), 100000u);
}

}  // namespace
}  // namespace jobsift
