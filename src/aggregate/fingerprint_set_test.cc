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

}  // namespace
}  // namespace jobsift
